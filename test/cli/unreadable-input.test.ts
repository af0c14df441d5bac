// No command drops a document silently: each one that cannot be read is on stderr (file, line,
// document index), --strict makes it exit 2, and an input without any object is exit 2.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/shipshape.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'shipshape-unreadable-'));
const out = (name: string) => join(dir, `out-${name}`);

const bad = join(dir, 'bad.yaml');
writeFileSync(bad, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n---\nkind: [unclosed\n');
const empty = join(dir, 'empty.yaml');
writeFileSync(empty, '');
const noYaml = join(dir, 'no-yaml');
mkdirSync(noYaml);
writeFileSync(join(noYaml, 'README.md'), '# nothing here\n');

// Every command that reads the one input argument, with what it needs besides.
const COMMANDS: Array<[string, (input: string) => string[]]> = [
  ['graph', (i) => ['graph', i]],
  ['summary', (i) => ['summary', i]],
  ['reach', (i) => ['reach', i]],
  ['check', (i) => ['check', i]],
  ['plan', (i) => ['plan', i]],
  ['docs', (i) => ['docs', i, '--out', out(`${i.length}-${Math.random().toString(36).slice(2)}`)]],
];

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.each(COMMANDS)('shipshape %s', (_name, args) => {
  it('prints the unreadable document on stderr with file, line and document index, and reads the rest', () => {
    const r = run(args(bad));
    expect(r.stderr).toContain(`shipshape: error: ${bad}:`);
    expect(r.stderr).toMatch(/bad\.yaml:\d+ document 1: not valid YAML/);
    expect(r.code).not.toBe(2);
  });

  it('--strict: exit 2', () => {
    const r = run([...args(bad), '--strict']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--strict: 1 document(s) could not be read');
  });

  it.each([
    ['an empty file', empty],
    ['a folder with no YAML', noYaml],
  ])('%s: exit 2 with a message', (_what, input) => {
    const r = run(args(input));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`shipshape: ${input}: no Kubernetes object found`);
  });
});
