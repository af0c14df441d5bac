// One CommonJS bundle per command, compiled with V8's code cache (cli/command-bundle.ts,
// k8s/cached-script.ts, scripts/bundle.mjs; the suite's global setup builds dist/bin).
import { isAscii } from 'node:buffer';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BARE_BUNDLE, BUNDLE_DIR, bundleCacheFile, bundleFile, bundleFor } from '../../src/cli/command-bundle.js';
import { compileBundle, runBundle } from '../../src/k8s/cached-script.js';

const ROOT = new URL('../../', import.meta.url).pathname;
// The tests run from src/, so BUNDLE_DIR is src/bin/: the built bundles are in dist/bin/.
const DIST_BIN = join(ROOT, 'dist', 'bin');
const bundles = readdirSync(DIST_BIN)
  .filter((f) => f.endsWith('.cjs') && f !== '_entry.cjs') // _entry.cjs: bin/shipshape.js's loader
  .map((f) => f.slice(0, -'.cjs'.length));
const commandFiles = [
  ...readFileSync(join(ROOT, 'src/cli/main.ts'), 'utf8').matchAll(
    /^import \{ register as \w+ \} from '\.\/([a-z-]+)\.js';$/gm,
  ),
].map((m) => m[1]);

const dir = mkdtempSync(join(tmpdir(), 'shipshape-bundle-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the bundle a command line runs', () => {
  it('is the command’s, named by the first argument that is not an option', () => {
    expect(BUNDLE_DIR.endsWith('/bin/')).toBe(true);
    expect(bundleFor(['build', 'examples/sagaz', '--out', 'x'], DIST_BIN)).toBe('build');
    expect(bundleFor(['--debug', 'check', '-'], DIST_BIN)).toBe('check');
    expect(bundleFor(['verify-doc', 'a.md', 'b'], DIST_BIN)).toBe('verify-doc');
  });

  it('is the bare one for --version, --help, help, no command and names that are no bundle', () => {
    for (const args of [['--version'], ['--help'], [], ['help', 'build'], ['nope'], ['../dist/bin/build'], ['Build']]) {
      expect(bundleFor(args, DIST_BIN), args.join(' ')).toBe(BARE_BUNDLE);
    }
  });
});

describe('the built bundles', () => {
  it('are one per command file of main.ts, and the bare one', () => {
    expect(bundles.sort()).toEqual([BARE_BUNDLE, ...commandFiles].sort());
  });

  it('each come with a code cache that V8 accepts', () => {
    for (const name of bundles) {
      const script = compileBundle(bundleFile(name, DIST_BIN), bundleCacheFile(name, DIST_BIN));
      expect(script.cachedDataRejected, name).toBe(false);
    }
  });

  it('the build cache holds what a representative run compiled, not only the compiled file', () => {
    const compiledOnly = compileBundle(bundleFile('build', DIST_BIN)).createCachedData().length;
    expect(statSync(bundleCacheFile('build', DIST_BIN)).size).toBeGreaterThan(compiledOnly * 2);
  });

  // compileBundle reads an ASCII file as latin1, faster than decoding UTF-8. verify-doc's holds
  // mermaid's parser, whose regex literals are not ASCII: it is decoded as UTF-8.
  it('are ASCII, but for verify-doc’s, as are the models bundles', () => {
    const files = [
      ...bundles.filter((name) => name !== 'verify-doc').map((name) => bundleFile(name, DIST_BIN)),
      ...readdirSync(join(ROOT, 'dist'))
        .filter((f) => f.endsWith('.fn.js'))
        .map((f) => join(ROOT, 'dist', f)),
    ];
    expect(files.length).toBeGreaterThan(commandFiles.length);
    for (const file of files) expect(isAscii(readFileSync(file)), file).toBe(true);
  });

  it('hold no action of another command (the bare one is commander and the options)', () => {
    expect(statSync(bundleFile(BARE_BUNDLE, DIST_BIN)).size).toBeLessThan(200_000);
    expect(statSync(bundleFile('schema', DIST_BIN)).size).toBeLessThan(statSync(bundleFile('build', DIST_BIN)).size);
  });
});

describe('compileBundle and runBundle', () => {
  // Each test its own source: V8 reuses a script compiled earlier in the process, cache or none.
  const moduleFile = (answer: number) => {
    const file = join(dir, `answer-${answer}.cjs`);
    writeFileSync(
      file,
      `(function (exports, require, module, __filename) { module.exports = { answer: ${answer}, file: __filename, sep: require('node:path').sep }; })`,
    );
    return file;
  };

  it('run a module function file as CommonJS', () => {
    const file = moduleFile(1);
    expect(runBundle(compileBundle(file), file)).toEqual({ answer: 1, file, sep: '/' });
  });

  // V8 tells sources apart by length only: scripts/bundle.mjs writes a bundle and its cache together.
  it('a cache V8 rejects (made for another source) only costs time', () => {
    const file = moduleFile(2);
    const cache = join(dir, 'answer.v8-cache');
    writeFileSync(cache, compileBundle(moduleFile(300)).createCachedData());
    const script = compileBundle(file, cache);
    expect(script.cachedDataRejected).toBe(true);
    expect(runBundle(script, file)).toMatchObject({ answer: 2 });
  });

  it('read a file that is not ASCII as UTF-8', () => {
    const file = join(dir, 'micro.cjs');
    writeFileSync(
      file,
      '(function (exports, require, module) { module.exports = ["µs", /^µs$/.test("µs"), "ü".length]; })',
    );
    expect(runBundle(compileBundle(file), file)).toEqual(['µs', true, 1]);
  });

  it('a missing cache file compiles the file as usual', () => {
    const file = moduleFile(4);
    const script = compileBundle(file, join(dir, 'missing.v8-cache'));
    expect(script.cachedDataRejected).toBeUndefined();
    expect(runBundle(script, file)).toMatchObject({ answer: 4 });
  });
});
