// The commands as a user runs them (compiled CLI): `plan`, and `build --format …` whose kustomize
// overlay renders, with the real kustomize, the same objects as `build --profile`.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/k8s/object.js';
import { loadGraph } from '../../src/pipeline/input.js';
import { computePlan } from '../../src/plan/index.js';
import { byId, kustomize } from './tools.js';

const BIN = fileURLToPath(new URL('../../bin/shipshape.js', import.meta.url));
const SAGAZ = fileURLToPath(new URL('../../examples/sagaz', import.meta.url));
const run = (args: string[], cwd?: string) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd, env: { ...process.env, NO_COLOR: '1' } });

describe('shipshape plan / build --format (CLI)', () => {
  it('plan --json prints the plan', async () => {
    const r = run(['plan', SAGAZ, '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(computePlan((await loadGraph(SAGAZ)).graph));
  });

  it('plan prints the phases with reasons and waits', () => {
    const r = run(['plan', SAGAZ]);
    expect(r.status).toBe(0);
    // The migration and the backup CronJob (seed 001) both wait for PostgreSQL only, so they share a phase.
    expect(r.stdout).toMatch(
      /^Phase 3 \(2 objects\)\n {2}sagaz\/migration\[Job\]\n {6}after sagaz\/postgresql\[StatefulSet\]: runs after postgresql.*\n {2}sagaz\/postgresql-backup\[CronJob\]\n {6}after sagaz\/postgresql\[StatefulSet\]: connects to/m,
    );
    expect(r.stdout).toContain('wait for: sagaz/migration[Job] complete');
  });

  it('build --format kustomize --flux: overlays/dev is `build --profile dev`, flux/dev splits it by phase', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'shipshape-cli-'));
    const r = run(['build', SAGAZ, '--format', 'kustomize', '--flux', '--out', 'out/kustomize'], cwd);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const dev = run(['build', SAGAZ, '--profile', 'dev']);
    const wanted = byId(
      parseAllDocuments(dev.stdout)
        .map((d) => d.toJS() as KubeObject)
        .filter(Boolean),
    );
    expect(kustomize(join(cwd, 'out/kustomize/overlays/dev'))).toEqual(wanted);
    const phases = readdirSync(join(cwd, 'out/kustomize/flux/dev')).filter((d) => d.startsWith('phase-'));
    const union = new Map<string, KubeObject>();
    for (const p of phases) {
      for (const [id, o] of kustomize(join(cwd, 'out/kustomize/flux/dev', p))) {
        expect(o.metadata.annotations?.['argocd.argoproj.io/sync-wave']).toBe(p.slice('phase-'.length));
        union.set(id, o);
      }
    }
    expect(union).toEqual(wanted);
  });

  it('build --format script writes one executable, shellcheck-clean script', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'shipshape-cli-'));
    for (let i = 0; i < 2; i++)
      expect(run(['build', SAGAZ, '--format', 'script', '--out', 'out/deploy.sh'], cwd).status).toBe(0);
    const script = join(cwd, 'out/deploy.sh');
    expect(statSync(script).mode & 0o111).toBe(0o111);
    expect(execFileSync('shellcheck', ['--shell=sh', script], { encoding: 'utf8' })).toBe('');
  });

  it.each([
    [['build', SAGAZ, '--format', 'helm'], /--format: expected plain, kustomize or script, got "helm"/],
    [['build', SAGAZ, '--flux'], /--flux: only with --format kustomize/],
    [['build', SAGAZ, '--format', 'kustomize'], /expected --out/],
    [['plan', SAGAZ, '--format', 'yaml'], /--format: expected text or json/],
    [['plan', '/nonexistent/folder'], /nonexistent/],
  ])('bad input %j: exit 2 with a message', (args, message) => {
    const r = run(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
