// Findings point at their field also where the input is no file on disk (issue 13 item 4): stdin
// (`<stdin>:line`), a Kustomize folder (lines of `kubectl kustomize DIR`'s output, the file the
// findings name), and a spec (lines of the files `build` writes: the same findings on the built
// folder have the same lines).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/shipshape.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'shipshape-positions-sources-'));

interface JsonFinding {
  check: string;
  object: string;
  path?: string;
  file?: string;
  line?: number;
  column?: number;
}
function findings(args: string[], input?: string): JsonFinding[] {
  const r = spawnSync(process.execPath, [BIN, 'check', '--format', 'json', ...args], { encoding: 'utf8', input });
  expect(r.stdout, r.stderr).not.toBe('');
  return (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
}
const at = (list: JsonFinding[], check: string) => {
  const f = list.find((x) => x.check === check);
  return f && { file: f.file, line: f.line, column: f.column };
};

const DEPLOYMENT = `apiVersion: v1
kind: ConfigMap
metadata:
  name: other
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
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
`;

describe('positions of inputs that are no file on disk', () => {
  it('stdin: the field’s line and column in the stream', () => {
    expect(at(findings(['-'], DEPLOYMENT), 'secret-in-env')).toEqual({ file: '<stdin>', line: 22, column: 15 });
  });

  it('a Kustomize folder: lines of the rendered stream, named as the kubectl command that renders it', () => {
    const folder = join(dir, 'kustomized');
    mkdirSync(folder);
    writeFileSync(join(folder, 'app.yaml'), DEPLOYMENT);
    writeFileSync(join(folder, 'kustomization.yaml'), 'resources: [app.yaml]\nnamePrefix: shop-\n');
    const rendered = spawnSync('kubectl', ['kustomize', folder], { encoding: 'utf8' }).stdout.split('\n');
    // kubectl sorts and rewrites the objects: the line is where the value sits in its output.
    const line = rendered.findIndex((l) => l.includes('value: literal-value-of-a-secret')) + 1;
    expect(line).toBeGreaterThan(0);
    const column = rendered[line - 1].indexOf('value:') + 1;
    expect(at(findings([folder]), 'secret-in-env')).toEqual({ file: `kubectl kustomize ${folder}`, line, column });
  });

  it('a spec: the lines of the files build writes, the same as checking the built folder', () => {
    const out = join(dir, 'built');
    const build = spawnSync(process.execPath, [BIN, 'build', 'examples/sagaz', '--out', out], { encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    const key = (f: JsonFinding) => `${f.check} ${f.object} ${f.path ?? ''}`;
    const fromSpec = findings(['examples/sagaz']);
    const fromBuilt = new Map(findings([out]).map((f) => [key(f), f]));
    expect(fromSpec.length).toBeGreaterThan(0);
    expect(fromSpec.some((f) => f.column !== undefined)).toBe(true);
    for (const f of fromSpec) {
      const built = fromBuilt.get(key(f));
      expect(built, key(f)).toBeDefined();
      expect({ file: f.file, line: f.line, column: f.column }, key(f)).toEqual({
        file: built!.file!.slice(out.length + 1),
        line: built!.line,
        column: built!.column,
      });
    }
  });
});
