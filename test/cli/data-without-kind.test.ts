// YAML with neither apiVersion nor kind in a folder (issue 13 item 1): skipped with an info line
// when it is a well-known non-manifest, otherwise an error as for any unreadable document —
// `check` reports it as an `input-document` error (exit 1) and `--strict` makes it exit 2.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/shipshape.js', import.meta.url).pathname;
const run = (args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

const dir = mkdtempSync(join(tmpdir(), 'shipshape-data-'));
writeFileSync(
  join(dir, 'app.yaml'),
  'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {pod-security.kubernetes.io/enforce: restricted}\n',
);
writeFileSync(join(dir, 'alerts.rules.yaml'), 'groups:\n  - name: shop\n    rules: []\n');
writeFileSync(join(dir, 'settings.yaml'), 'logLevel: debug\nreplicas: 3\n');

describe('a folder with YAML that has neither apiVersion nor kind', () => {
  it('check: the well-known rule file is an info line, the other file an input-document error (exit 1)', () => {
    const r = run(['check', dir, '--format', 'json', '--disable', 'capacity-totals']);
    expect(r.status, r.stderr).toBe(1);
    const findings = (JSON.parse(r.stdout) as { findings: Array<{ check: string; severity: string; object: string }> })
      .findings;
    expect(findings.filter((f) => f.check === 'input-document').map((f) => [f.severity, f.object])).toEqual([
      ['info', join(dir, 'alerts.rules.yaml')],
      ['error', `${join(dir, 'settings.yaml')}#0`],
    ]);
  });

  it('--strict: exit 2 naming the document', () => {
    const r = run(['graph', dir, '--strict']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      `${join(dir, 'settings.yaml')}:1 document 0: not a Kubernetes object: apiVersion and kind missing`,
    );
    expect(r.stderr).not.toContain('alerts.rules.yaml');
  });
});
