// Findings point at the line and column of their field, in text and in SARIF, for objects in any
// document of a file and for items of a List (the compiled CLI, as users run it).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/shipshape.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'shipshape-positions-'));

const DEPLOYMENT = (indent: string) =>
  `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  replicas: 1
  selector:
    matchLabels: {app: app}
  template:
    metadata:
      labels: {app: app}
    spec:
      containers:
        - name: app
          image: nginx:1.27
          env:
            - name: AWS_SECRET_ACCESS_KEY
              value: literal-value-of-a-secret
`
    .split('\n')
    .map((l) => (l ? indent + l : l))
    .join('\n');

function sarifRegion(file: string, check: string) {
  const r = spawnSync(process.execPath, [BIN, 'check', '--format', 'sarif', file], { encoding: 'utf8' });
  const sarif = JSON.parse(r.stdout) as {
    runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { region: unknown } }> }> }>;
  };
  return sarif.runs[0].results.find((x) => x.ruleId === check)?.locations[0].physicalLocation.region;
}

describe('finding positions', () => {
  it('a literal secret in the second document: its value’s line and column, not the object’s first line', () => {
    const file = join(dir, 'two-documents.yaml');
    writeFileSync(file, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n---\n${DEPLOYMENT('')}`);
    // The Deployment starts on line 6; its env value is on line 23, column 15.
    expect(sarifRegion(file, 'secret-in-env')).toEqual({ startLine: 23, startColumn: 15 });
    const text = spawnSync(process.execPath, [BIN, 'check', file], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(text.stdout).toContain('secret-in-env  spec.template.spec.containers[0].env[0].value (line 23:15):');
  });

  it('a missing field points at the deepest node of its path that exists', () => {
    const file = join(dir, 'missing.yaml');
    writeFileSync(file, DEPLOYMENT(''));
    // runAsNonRoot is absent: the container (its list item) is where it belongs.
    expect(sarifRegion(file, 'run-as-root')).toEqual({ startLine: 14, startColumn: 11 });
  });

  it('an item of a List points into its own item', () => {
    const file = join(dir, 'list.yaml');
    const item = DEPLOYMENT('    ').replace(/^ {4}apiVersion/, '  - apiVersion');
    writeFileSync(
      file,
      `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: other\n${item}`,
    );
    expect(sarifRegion(file, 'secret-in-env')).toEqual({ startLine: 25, startColumn: 19 });
  });
});
