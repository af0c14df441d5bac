// The `docs` and `summary` commands end to end, through the built CLI (npm test builds first).
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
import { CORPUS } from '../shared-paths.js';

function shipshape(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/shipshape.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('shipshape summary', () => {
  it('--json prints the documented shape with exact integers, ids as in graph --json, totals that add up', () => {
    const r = shipshape('summary', join(CORPUS, 'k8s-examples'), '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(Object.keys(s)).toEqual(['components', 'totals']);
    expect(Object.keys(s.totals)).toEqual(['atMin', 'atMax', 'storageBytes', 'steady', 'runs', 'peak']);
    const graph = JSON.parse(shipshape('graph', join(CORPUS, 'k8s-examples'), '--json').stdout);
    const ids = new Set(graph.nodes.map((n: { id: string }) => n.id));
    const fields = ['cpuRequestMillis', 'cpuLimitMillis', 'memoryRequestBytes', 'memoryLimitBytes'];
    expect(s.components.length).toBeGreaterThan(5);
    for (const c of s.components) {
      expect(Object.keys(c)).toEqual(['id', 'replicas', 'perReplica', 'atMin', 'atMax', 'storageBytes']);
      expect(ids.has(c.id)).toBe(true);
      for (const t of [c.perReplica, c.atMin, c.atMax]) {
        expect(Object.keys(t)).toEqual(fields);
        for (const f of fields) expect(Number.isInteger(t[f])).toBe(true);
      }
    }
    for (const f of fields) {
      expect(s.totals.atMax[f]).toBe(s.components.reduce((sum: number, c: any) => sum + c.atMax[f], 0));
      expect(s.totals.atMin[f]).toBe(s.components.reduce((sum: number, c: any) => sum + c.atMin[f], 0));
    }
    // kubernetes/examples' vLLM HPA scales 1..5 (autoscaling/v2)
    const vllm = s.components.find((c: any) => c.id === 'default/vllm-gemma-deployment[Deployment]');
    expect(vllm.replicas).toEqual({ min: 1, max: 5 });
  });

  it('prints a readable table without --json', () => {
    const r = shipshape('summary', join(CORPUS, 'sock-shop'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^component\s+replicas/);
    expect(r.stdout).toMatch(/\ntotal\s/);
    // Steady state first, then one run of each job and the peak, then every pod as running.
    const order = [
      'steady (long-running)',
      'one run of each job',
      'peak (steady at max + runs)',
      'total (every pod as running)',
    ];
    const at = order.map((label) => r.stdout.indexOf(`\n${label}`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });
});

describe('shipshape docs', () => {
  it('writes ARCHITECTURE.md, one .mmd per diagram and index.html; reruns cleanly', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'shipshape-docs-')), 'out');
    const r = shipshape('docs', join(CORPUS, 'online-boutique'), '--out', out, '--html');
    expect(r.code, r.stderr).toBe(0);
    const files = readdirSync(out);
    expect(files).toContain('ARCHITECTURE.md');
    expect(files).toContain('index.html');
    const md = readFileSync(join(out, 'ARCHITECTURE.md'), 'utf8');
    const fenced = md.match(/```mermaid/g)?.length ?? 0;
    expect(files.filter((f) => f.endsWith('.mmd')).length).toBe(fenced);
    expect(shipshape('docs', join(CORPUS, 'online-boutique'), '--out', out).code).toBe(0);
    expect(existsSync(join(out, 'index.html'))).toBe(false); // its own stale file, removed
  });

  it('documents the rest of an input with bad documents, naming them on stderr (exit 0)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'shipshape-docs-')), 'out');
    const r = shipshape('docs', join(CORPUS, 'sock-shop'), '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /shipshape: error: .*helm-chart-unrendered\/templates\/ingress\.yaml:\d+ document 0: unrendered Helm template/,
    );
    expect(readFileSync(join(out, 'ARCHITECTURE.md'), 'utf8')).toContain('front-end');
  });

  it('refuses to overwrite a file it did not write (exit 2), leaving it and writing nothing', () => {
    const out = mkdtempSync(join(tmpdir(), 'shipshape-docs-'));
    writeFileSync(join(out, 'ARCHITECTURE.md'), 'hand-written\n');
    const r = shipshape('docs', join(CORPUS, 'bookinfo'), '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ARCHITECTURE.md');
    expect(readFileSync(join(out, 'ARCHITECTURE.md'), 'utf8')).toBe('hand-written\n');
    expect(readdirSync(out)).toEqual(['ARCHITECTURE.md']);
  });

  it('bad input and usage exit 2 with a message naming the problem', () => {
    const missing = shipshape('docs', join(CORPUS, 'no-such-folder'), '--out', join(tmpdir(), 'x'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no-such-folder');
    expect(shipshape('docs', join(CORPUS, 'bookinfo')).code).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-bad-'));
    mkdirSync(join(dir, 'm'));
    writeFileSync(
      join(dir, 'm', 'bad.yaml'),
      JSON.stringify({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'd' },
        spec: {
          template: { spec: { containers: [{ name: 'c', image: 'i', resources: { requests: { cpu: 'lots' } } }] } },
        },
      }),
    );
    const bad = shipshape('summary', join(dir, 'm'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /bad\.yaml.*default\/d\[Deployment\] spec\.template\.spec\.containers\[0\]\.resources\.requests\.cpu/,
    );
  });
});
