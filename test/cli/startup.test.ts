// Start-up stays light: a process compiles one bundle of the CLI with its code cache
// (scripts/bundle.mjs, cli/command-bundle.ts). The entry imports the loader and Node's own modules:
// nothing from node_modules. Validators come from the one models bundle, and jiti's core from the
// bundle itself (spec/jiti.ts); a code spec's `shipshape` is the bundle's copy (spec/library.ts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/shipshape.js');
const LOG_IMPORTS = new URL('./fixtures/log-imports.mjs', import.meta.url).pathname;
const COUNT_FUNCTIONS = new URL('./fixtures/count-functions.mjs', import.meta.url).pathname;

/** What a run loads: ES modules (by URL) and CommonJS modules (by path), relative to the checkout. */
function modulesLoadedBy(...args: string[]): { imported: string[]; required: string[] } {
  const r = spawnSync(process.execPath, ['--import', LOG_IMPORTS, BIN, ...args], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const lines = r.stderr.split('\n');
  // A worktree may link node_modules from elsewhere: name packages by their path inside it.
  const relativeToRoot = (s: string) =>
    s
      .replace(`file://${ROOT}`, '')
      .replace(ROOT, '')
      .replace(/^(file:\/\/)?\/.*?\/node_modules\//, 'node_modules/');
  const after = (prefix: string) => lines.filter((l) => l.startsWith(prefix)).map((l) => l.slice(prefix.length));
  return {
    imported: after('resolved ').map(relativeToRoot),
    required: after('required ')
      .map(relativeToRoot)
      .filter((p) => p !== 'test/cli/fixtures/log-imports.mjs'),
  };
}

// The entry and the bundle of cli/command-bundle.ts, both CommonJS: no ES module loader at start-up.
const ENTRY = ['bin/shipshape.js', 'dist/bin/_entry.cjs'];
/** ES modules a run may import: Node's own (with --import, Node resolves the entry as one too). */
const BUNDLE = /^(node:.*|bin\/shipshape\.js)$/;

const dir = mkdtempSync(join(tmpdir(), 'shipshape-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const yamlSpec = join(dir, 'architecture.yaml');
writeFileSync(
  yamlSpec,
  'name: shop\nnamespace: shop\ncomponents:\n  api:\n    type: web\n    image: example/api:1.0.0\n    ports: { http: 8080 }\n',
);

describe('CLI start-up', () => {
  for (const args of [['--version'], ['--help']]) {
    it(`shipshape ${args.join(' ')} requires the entry and the bundle loader, and Node's modules only`, () => {
      const { imported, required } = modulesLoadedBy(...args);
      expect(imported.filter((url) => !BUNDLE.test(url))).toEqual([]);
      expect(required).toEqual(ENTRY); // the log works: it saw them
    });
  }

  it('a command loads no more modules than --version: its action is in the bundle it compiles', () => {
    const { imported, required } = modulesLoadedBy('schema');
    expect(imported.filter((url) => !BUNDLE.test(url))).toEqual([]);
    expect(required).toEqual(ENTRY);
  });

  it('build of a YAML spec loads the bundle only: no jiti, no module of kubernetes-models', () => {
    const { imported, required } = modulesLoadedBy('build', yamlSpec);
    expect(imported.filter((url) => !BUNDLE.test(url))).toEqual([]);
    expect(required).toEqual(ENTRY); // the models bundles are compiled with their code caches, not required
  });

  it("build of a TypeScript spec loads jiti from the bundle and hands the spec the bundle's library: nothing else is loaded", () => {
    const sagaz = join(ROOT, 'examples/sagaz');
    modulesLoadedBy('build', sagaz); // fills jiti's file cache, as any earlier run of this spec did
    const { imported, required } = modulesLoadedBy('build', sagaz);
    // Before: node_modules/jiti/lib/jiti.cjs and dist/jiti.cjs required, and dist/index.js (the
    // spec's `shipshape`) imported through Node's ES module loader.
    expect(required).toEqual(ENTRY);
    expect(imported.filter((url) => !BUNDLE.test(url))).toEqual([]);
  });

  it('check of custom resources validates them with the models bundle: no module of their packages (or ajv) is required', () => {
    const manifests = join(dir, 'routes.yaml');
    writeFileSync(
      manifests,
      [
        'apiVersion: gateway.networking.k8s.io/v1beta1',
        'kind: HTTPRoute',
        'metadata: {name: web, namespace: shop}',
        'spec: {parentRefs: [{name: gw}], rules: [{backendRefs: [{name: web, port: 80}]}]}',
        '---',
        'apiVersion: external-secrets.io/v1beta1',
        'kind: ExternalSecret',
        'metadata: {name: db, namespace: shop}',
        'spec: {secretStoreRef: {name: vault, kind: ClusterSecretStore}, target: {name: db}}',
        '',
      ].join('\n'),
    );
    const r = spawnSync(process.execPath, ['--import', LOG_IMPORTS, BIN, 'check', manifests], { encoding: 'utf8' });
    expect(r.stderr).toContain('required '); // the log works
    const required = r.stderr
      .split('\n')
      .filter((l) => l.startsWith('required ') && l.includes('node_modules'))
      .map((l) => l.replace(/^.*node_modules\//, 'node_modules/'));
    expect(required).toEqual([]);
  });

  // scripts/bundle.mjs DEFERRED_BUILTINS and lazyDraft2019Formats (idn-hostname's punycode); write-output
  // promisifies node:fs rather than load node:fs/promises.
  it("--version and builds load none of Node's modules the bundle's packages require but do not use here", () => {
    const LOG_BUILTINS = new URL('./fixtures/log-builtins.mjs', import.meta.url).pathname;
    const sagaz = join(ROOT, 'examples/sagaz');
    const out = join(dir, 'deferred-builtins');
    spawnSync(process.execPath, [BIN, 'build', sagaz]); // fills jiti's file cache, as any earlier run of this spec did
    for (const args of [['--version'], ['build', yamlSpec], ['build', sagaz, '--out', out]]) {
      const r = spawnSync(process.execPath, ['--import', LOG_BUILTINS, BIN, ...args], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toContain('builtin fs\n'); // the log works
      for (const deferred of ['child_process', 'assert', 'v8', 'fs/promises', 'punycode'])
        expect(r.stderr, `${args.join(' ')}: ${deferred}`).not.toContain(`builtin ${deferred}\n`);
    }
  });

  it('a command ends the process as soon as it is done, its output complete (no wait for Node to free the heap)', () => {
    const PENDING_TIMER = new URL('./fixtures/pending-timer.mjs', import.meta.url).pathname;
    const r = spawnSync(process.execPath, ['--import', PENDING_TIMER, BIN, 'build', yamlSpec], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('ended at once\n');
    expect(r.stdout).toContain('kind: Deployment');
    expect(r.stdout.endsWith('\n')).toBe(true);
  });

  it('build compiles no function from a string: zod parses the spec without its JIT (one parse per process)', () => {
    const r = spawnSync(process.execPath, ['--import', COUNT_FUNCTIONS, BIN, 'build', yamlSpec], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('functions from strings 0\n');
  });
});
