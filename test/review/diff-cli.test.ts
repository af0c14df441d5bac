// `shipshape diff` as users run it: every example's profile pairs, exit codes 0/1/2, --fail-on,
// --json, --markdown, inputs of two kinds (a spec and the manifests built from it).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changeKinds, type ArchitectureDiff } from '../../src/review/diff.js';

const BIN = new URL('../../bin/shipshape.js', import.meta.url).pathname;
const EXAMPLES = new URL('../../examples/', import.meta.url).pathname;
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
const json = (...args: string[]) => {
  const r = run(...args, '--json');
  expect(r.stderr).toBe('');
  return { status: r.status, diff: JSON.parse(r.stdout) as ArchitectureDiff };
};

describe('diff on the examples’ profiles', () => {
  it('sagaz dev → prod: only sizes change; totals with the delta', () => {
    const { status, diff } = json('diff', join(EXAMPLES, 'sagaz'), '--profile', 'dev', '--against-profile', 'prod');
    expect(status).toBe(1);
    expect(diff.objects.changed.map((c) => c.id)).toEqual([
      'sagaz/outbox-worker[Deployment]',
      'sagaz/postgresql[StatefulSet]',
    ]);
    // prod syncs its Secrets from the secret manager (seed 001): two ExternalSecrets, nothing else added.
    expect(diff.objects.added).toEqual([
      'sagaz/sagaz-broker-credentials[ExternalSecret]',
      'sagaz/sagaz-db-credentials[ExternalSecret]',
    ]);
    expect(diff.connections).toEqual({ added: [], removed: [] });
    expect(diff.reach).toEqual({ gained: [], lost: [] });
    expect(diff.resources?.before.steadyAtMin.cpuRequestMillis).toBe(1350);
    expect(diff.resources?.after.steadyAtMin.cpuRequestMillis).toBe(3750);
    expect(diff.resources?.delta.steadyAtMax.cpuRequestMillis).toBe(4500);
  });

  it('openrsvp base → scheduler-deployment: the CronJobs’ path to postgresql moves to the worker', () => {
    const { diff } = json('diff', join(EXAMPLES, 'openrsvp'), '--against-profile', 'scheduler-deployment');
    const tcp5432 = [{ protocol: 'TCP', port: 5432 }];
    expect(diff.reach.gained).toEqual([
      { from: 'openrsvp/openrsvp-worker[Deployment]', to: 'openrsvp/postgresql[StatefulSet]', ports: tcp5432 },
    ]);
    expect(diff.reach.lost).toEqual([
      { from: 'openrsvp/decay-cycle[CronJob]', to: 'openrsvp/postgresql[StatefulSet]', ports: tcp5432 },
      { from: 'openrsvp/vacuum-db[CronJob]', to: 'openrsvp/postgresql[StatefulSet]', ports: tcp5432 },
    ]);
    expect(diff.blocked).toEqual([]);
  });

  it('openrsvp base → managed-database: the in-cluster database goes, clients reach the RDS ranges', () => {
    const { diff } = json('diff', join(EXAMPLES, 'openrsvp'), '--against-profile', 'managed-database');
    expect(diff.objects.removed).toContain('openrsvp/postgresql[StatefulSet]');
    expect(diff.connections.removed.map((c) => `${c.from} → ${c.to}`)).toContain(
      'openrsvp/openrsvp-web[Deployment] → openrsvp/postgresql[Service]',
    );
    // The two data subnets 10.0.20.0/24 and 10.0.21.0/24, both on TCP 5432: one range.
    expect(diff.reach.gained.map((c) => `${c.from} → ${c.to}`)).toContain(
      'openrsvp/openrsvp-web[Deployment] → 10.0.20.0-10.0.21.255',
    );
    expect(diff.resources!.delta.storageBytes).toBeLessThan(0);
  });

  it('cartridge-warp blue-green ↔ canary: both directions are each other’s mirror', () => {
    const there = json(
      'diff',
      join(EXAMPLES, 'cartridge-warp'),
      '--profile',
      'blue-green',
      '--against-profile',
      'canary',
    ).diff;
    const back = json(
      'diff',
      join(EXAMPLES, 'cartridge-warp'),
      '--profile',
      'canary',
      '--against-profile',
      'blue-green',
    ).diff;
    expect(there.objects.added.length).toBeGreaterThan(0);
    expect(back.objects.removed).toEqual(there.objects.added);
    expect(back.objects.added).toEqual(there.objects.removed);
    expect(back.reach.lost).toEqual(there.reach.gained);
  });

  for (const name of ['cartridge-warp', 'openrsvp', 'sagaz', 'vibebox']) {
    it(`${name} against itself: no change, exit 0`, () => {
      const r = run('diff', join(EXAMPLES, name), join(EXAMPLES, name));
      expect(r.stdout).toBe('no architectural change\n');
      expect(r.status).toBe(0);
    });
  }
});

describe('diff: inputs, exit codes and formats', () => {
  it('a spec against the manifests built from it: only the sync-wave annotations build adds', () => {
    const out = mkdtempSync(join(tmpdir(), 'shipshape-diff-'));
    expect(run('build', join(EXAMPLES, 'sagaz'), '-o', out).status).toBe(0);
    const { status, diff } = json('diff', join(EXAMPLES, 'sagaz'), out);
    expect(status).toBe(1);
    expect(diff.objects.added).toEqual([]);
    expect(diff.objects.removed).toEqual([]);
    expect(diff.objects.changed.length).toBeGreaterThan(0);
    for (const change of diff.objects.changed)
      for (const f of change.fields) expect(f.path).toMatch(/^metadata\.annotations\."argocd\.argoproj\.io\//);
    // ServiceAccounts got the annotation too: RBAC objects changed, and nothing else did.
    expect(changeKinds(diff)).toEqual(['objects', 'rbac']);
  });

  it('--fail-on narrows what makes exit 1', () => {
    const args = ['diff', join(EXAMPLES, 'sagaz'), '--profile', 'dev', '--against-profile', 'prod'];
    expect(run(...args, '--fail-on', 'resources').status).toBe(1);
    expect(run(...args, '--fail-on', 'reach-gained,finding-added').status).toBe(0);
    const bad = run(...args, '--fail-on', 'reach-gaind');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--fail-on: unknown change kind(s) reach-gaind');
  });

  it('bad input is exit 2 with a message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-diff-'));
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'kind: [unclosed\n');
    expect(run('diff', join(EXAMPLES, 'sagaz'), join(dir, 'missing')).status).toBe(2);
    const one = run('diff', join(EXAMPLES, 'sagaz'));
    expect(one.status).toBe(2);
    expect(one.stderr).toContain('diff needs two inputs, or one spec and --against-profile');
    const manifests = run('diff', broken, '--against-profile', 'prod');
    expect(manifests.status).toBe(2);
    expect(run('diff', join(EXAMPLES, 'sagaz'), join(EXAMPLES, 'sagaz'), '--format', 'yaml').status).toBe(2);
  });

  it('--markdown: summary table first, details folded, a Mermaid diagram of the change', () => {
    const r = run('diff', join(EXAMPLES, 'openrsvp'), '--against-profile', 'scheduler-deployment', '--markdown');
    expect(r.status).toBe(1);
    const md = r.stdout;
    expect(md.indexOf('| change | count |')).toBeLessThan(md.indexOf('```mermaid'));
    expect(md).toContain('| Reachability | 3 |');
    expect(md).toContain('<summary>Reachability (3)</summary>');
    expect(md).toMatch(/linkStyle [\d,]+ stroke:#1a7f37/);
    expect(md).toMatch(/linkStyle [\d,]+ stroke:#cf222e/);
  });
});
