// `build` keeps the keys of the objects it validated (k8s/validation-cache.ts): a re-run of an
// unchanged spec does not load the validators, and writes the same files.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/shipshape.js');
const LOG_READS = new URL('./fixtures/log-reads.mjs', import.meta.url).pathname;
const MODELS = join(ROOT, 'dist/kubernetes-models-common.fn.js');

const dir = mkdtempSync(join(tmpdir(), 'shipshape-validation-cache-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A build of a spec (sagaz) into `out` with the cache settings in `env`: the files it read, and what it wrote. */
function build(
  out: string,
  env: Record<string, string>,
  spec = 'examples/sagaz',
): { read: string[]; files: Map<string, string> } {
  const r = spawnSync(process.execPath, ['--import', LOG_READS, BIN, 'build', spec, '--out', out], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  expect(r.status, r.stderr).toBe(0);
  const read = r.stderr
    .split('\n')
    .filter((l) => l.startsWith('read '))
    .map((l) => l.slice('read '.length));
  const files = new Map(
    readdirSync(out, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => [join(e.parentPath, e.name).slice(out.length), readFileSync(join(e.parentPath, e.name), 'utf8')]),
  );
  return { read, files };
}

describe('the validation cache of build', () => {
  it('lets a re-run of an unchanged spec skip the validators, with the same output', () => {
    const cache = join(dir, 'cache');
    const first = build(join(dir, 'first'), { SHIPSHAPE_CACHE_DIR: cache });
    expect(first.read).toContain(MODELS); // the log works: the first run validates
    const [file, ...others] = readdirSync(cache);
    expect(others).toEqual([]); // one file: this spec's, of the build bundle
    const [header, ...keys] = readFileSync(join(cache, file), 'latin1').trimEnd().split('\n');
    // Kept under Node's version and the build id scripts/bundle.mjs wrote beside the bundles.
    const buildId = readFileSync(join(ROOT, 'dist/bin/build-id'), 'latin1').trim();
    expect(buildId).toMatch(/^[0-9a-f]{64}$/);
    expect(header).toBe(`shipshape validated objects 1 ${process.version} ${buildId}`);
    const objects = [...first.files.values()].join('').match(/^kind: /gm)?.length;
    expect(keys).toHaveLength(objects!);

    const second = build(join(dir, 'second'), { SHIPSHAPE_CACHE_DIR: cache });
    expect(second.read).not.toContain(MODELS);
    expect(second.files).toEqual(first.files);

    // Another spec has a file of its own.
    build(join(dir, 'other'), { SHIPSHAPE_CACHE_DIR: cache }, 'examples/openrsvp');
    expect(readdirSync(cache)).toHaveLength(2);
  });

  it('is not used with SHIPSHAPE_CACHE=off', () => {
    const cache = join(dir, 'off');
    const run = build(join(dir, 'third'), { SHIPSHAPE_CACHE: 'off', SHIPSHAPE_CACHE_DIR: cache });
    expect(run.read).toContain(MODELS);
    expect(existsSync(cache)).toBe(false);
  });
});
