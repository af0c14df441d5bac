import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CACHE_KEYS_MAX,
  dataKeyText,
  validateObjects,
  validationCacheDir,
  validationCacheFile,
  validationKey,
} from '../../src/k8s/validation-cache.js';
import type { KubeObject } from '../../src/k8s/object.js';
import { deploymentWithReplicas } from './deployment.js';

const account = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  metadata: { name, namespace: 'a' },
});
const invalid = () => deploymentWithReplicas('two');
const valid = () => deploymentWithReplicas(2);

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-validation-cache-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) {
    chmodSync(dir, 0o700);
    rmSync(dir, { recursive: true, force: true });
  }
});

const CACHE = 'cache';
const keysIn = (dir: string) => readFileSync(join(dir, CACHE), 'latin1').trimEnd().split('\n').slice(1);

describe('the text an object is keyed by', () => {
  it('is its JSON when it is plain data', () => {
    const o = { a: [1, 'x', true, null, { b: -2.5 }], 'c"d': {} };
    expect(dataKeyText(o)).toBe(JSON.stringify(o));
  });

  it('tells an undefined member from an absent one (an unknown field holding undefined is still unknown)', () => {
    expect(dataKeyText({ a: 1, b: undefined })).not.toBe(dataKeyText({ a: 1 }));
    expect(dataKeyText([undefined])).not.toBe(dataKeyText([null]));
  });

  it('is none for what JSON would turn into other data', () => {
    expect(dataKeyText({ at: new Date(0) })).toBeUndefined();
    expect(dataKeyText({ n: Number.NaN })).toBeUndefined();
    expect(dataKeyText({ n: Infinity })).toBeUndefined();
    expect(dataKeyText({ list: [1, , 3] })).toBeUndefined(); // eslint-disable-line no-sparse-arrays
    expect(dataKeyText({ m: new Map() })).toBeUndefined();
    expect(dataKeyText({ f: () => 1 })).toBeUndefined();
    expect(dataKeyText(Object.assign(Object.create(null), { a: 1 }))).toBe('{"a":1}');
  });
});

describe('validation with a cache', () => {
  const fingerprint = 'build-1';

  it('keeps the keys of valid objects only, and reports the same problems as without a cache', () => {
    const dir = freshDir();
    const objects = [account('a'), invalid(), valid()];
    const first = validateObjects(objects, { file: join(dir, CACHE), fingerprint });
    expect(first.map((issues) => issues.length)).toEqual([0, 1, 0]);
    expect(keysIn(dir)).toHaveLength(2);
    // The invalid object is validated again, with the same problem; nothing more is kept.
    expect(validateObjects(objects, { file: join(dir, CACHE), fingerprint })).toEqual(first);
    expect(validateObjects([invalid()], undefined)).toEqual([first[1]]);
    expect(keysIn(dir)).toHaveLength(2);
  });

  it('never keeps a Secret: a hash of one would let whoever reads the cache test guesses at its values', () => {
    const dir = freshDir();
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', namespace: 'a' },
      data: { k: 'aHVudGVyMg==' },
    };
    expect(validateObjects([secret, account('a')], { file: join(dir, CACHE), fingerprint })).toEqual([[], []]);
    expect(keysIn(dir)).toEqual([validationKey(account('a'))]);
    expect(validationKey(secret)).toBeUndefined();
  });

  it('does not validate an object whose key this build kept', () => {
    const dir = freshDir();
    validateObjects([invalid()], { file: join(dir, CACHE), fingerprint });
    expect(existsSync(join(dir, CACHE))).toBe(false); // nothing valid, nothing written
    // The invalid object's key written in as if it had passed: the cache is trusted, so it is not validated.
    writeFileSync(join(dir, CACHE), `shipshape validated objects 1 ${fingerprint}\n${validationKey(invalid())}\n`);
    expect(validateObjects([invalid()], { file: join(dir, CACHE), fingerprint })).toEqual([[]]);
  });

  it('ignores what another build kept, and a file that is not a cache', () => {
    const dir = freshDir();
    const o = invalid();
    const key = validationKey(o);
    writeFileSync(join(dir, CACHE), `shipshape validated objects 1 build-0\n${key}\n`);
    expect(validateObjects([o], { file: join(dir, CACHE), fingerprint })[0]).toHaveLength(1);
    writeFileSync(join(dir, CACHE), `\u0000\u0001 not a cache\n${key}\n`);
    expect(validateObjects([o], { file: join(dir, CACHE), fingerprint })[0]).toHaveLength(1);
  });

  it('keeps at most CACHE_KEYS_MAX keys, the ones used last', () => {
    const dir = freshDir();
    const old = Array.from({ length: CACHE_KEYS_MAX }, (_, i) => `old-${i}`);
    writeFileSync(join(dir, CACHE), `shipshape validated objects 1 ${fingerprint}\n${old.join('\n')}\n`);
    validateObjects([account('a'), account('b')], { file: join(dir, CACHE), fingerprint });
    const keys = keysIn(dir);
    expect(keys).toHaveLength(CACHE_KEYS_MAX);
    expect(keys.slice(0, 2)).toEqual(['old-2', 'old-3']);
    expect(keys.slice(-2)).toEqual([validationKey(account('a')), validationKey(account('b'))]);
  });

  it('makes its folder readable by the user alone', () => {
    const dir = join(freshDir(), 'made');
    validateObjects([account('a')], { file: join(dir, CACHE), fingerprint });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('validates as before when the cache folder cannot be written', () => {
    const parent = freshDir();
    chmodSync(parent, 0o500);
    const dir = join(parent, 'cache');
    const results = validateObjects([invalid(), valid()], { file: join(dir, CACHE), fingerprint });
    expect(results.map((issues) => issues.length)).toEqual([1, 0]);
    // root writes anywhere: then the cache is there; else nothing is.
    if (process.getuid?.() !== 0) expect(existsSync(dir)).toBe(false);
  });

  it('lives under SHIPSHAPE_CACHE_DIR, else XDG_CACHE_HOME, else ~/.cache, and is off with SHIPSHAPE_CACHE=off', () => {
    expect(validationCacheDir({ SHIPSHAPE_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x' })).toBe('/c');
    expect(validationCacheDir({ XDG_CACHE_HOME: '/x' })).toBe(join('/x', 'shipshape'));
    expect(validationCacheDir({})).toMatch(/[/\\]\.cache[/\\]shipshape$/);
    expect(validationCacheDir({ SHIPSHAPE_CACHE: 'off', SHIPSHAPE_CACHE_DIR: '/c' })).toBeUndefined();
    // No home folder (os.homedir throws for a user with no passwd entry and no HOME): no cache, no failure.
    const noHome = () => {
      throw new Error('ENOENT: no such file or directory, uv_os_homedir');
    };
    expect(validationCacheDir({}, noHome)).toBeUndefined();
  });

  it('is off where the code does not run from the bundles, whose files its fingerprint names', () => {
    expect(validationCacheFile('architecture.ts', { SHIPSHAPE_CACHE_DIR: '/c' })).toBeUndefined();
  });
});
