// Validation across runs. `build` validates every object it synthesizes against the Kubernetes
// schemas, and a re-run of an unchanged spec makes the same objects: loading the validators and
// running them cold was ~13 ms of a ~100 ms sagaz build (issue 16). validateObject is a function of
// the object and of the code that validates, so an object this same build found valid before is
// valid again: the key of each valid object is kept in a per-user cache file, under a fingerprint of
// the build (scripts/bundle.mjs's build id, a hash of every bundle, and Node's version), and an
// object whose key is there is not validated again. Invalid objects are never kept (their problems
// are always worked out anew), nor are objects that are not plain JSON data (a Date, a class
// instance): their key could not tell them from the data they would serialize to; nor Secrets
// (validationKey).
//
// The cache is on only in the CLI's bundles, beside which the build id lies; one file per spec.
// SHIPSHAPE_CACHE=off turns it off; SHIPSHAPE_CACHE_DIR moves it (default: $XDG_CACHE_HOME/shipshape,
// else ~/.cache/shipshape). A cache that cannot be read or written costs the time it would have
// saved and changes no result.
import { hash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isPlainObject, type KubeObject } from './object.js';
import { validateObject, type ValidationIssue } from './validate.js';
import { writeWhole } from './write-whole.js';

const HEADER = 'shipshape validated objects 1';
/** Keys a cache file keeps at most, the ones used last (~45 bytes a key; 4096 read in ~2 ms). */
export const CACHE_KEYS_MAX = 4096;

/**
 * The cache folder, or undefined when the cache is off or there is nowhere to put it (no
 * XDG_CACHE_HOME and no home folder: a container's user with no passwd entry and no HOME).
 */
export function validationCacheDir(
  env: NodeJS.ProcessEnv = process.env,
  home: () => string = homedir,
): string | undefined {
  if (env.SHIPSHAPE_CACHE === 'off') return undefined;
  if (env.SHIPSHAPE_CACHE_DIR) return env.SHIPSHAPE_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'shipshape');
  try {
    return join(home(), '.cache', 'shipshape');
  } catch {
    return undefined;
  }
}

/** A cache file and the fingerprint of the build whose results it may hold. */
export interface ValidationCacheFile {
  file: string;
  fingerprint: string;
}

/**
 * The cache file of the objects built from `scope` (a spec file) by this bundle: one file per spec
 * and command bundle, so a run reads the keys of its own spec's objects only, and two commands of
 * one spec would not overwrite each other's. Undefined when the cache is off or the code does not
 * run from a bundle.
 */
export function validationCacheFile(
  scope: string,
  env: NodeJS.ProcessEnv = process.env,
): ValidationCacheFile | undefined {
  const dir = validationCacheDir(env);
  const running = dir === undefined ? undefined : bundleFingerprint();
  if (dir === undefined || running === undefined) return undefined;
  const name = hash('sha256', `${resolve(scope)}\0${running.bundle}`, 'base64url').slice(0, 16);
  return { file: join(dir, `validated-objects-${name}`), fingerprint: running.fingerprint };
}

/**
 * The bundle this code runs from and its fingerprint: the build id scripts/bundle.mjs writes beside
 * the bundles (a hash of every command and models bundle) and Node's version; undefined where there
 * is no build id beside the code (run from src/ or from tsc's dist/), so the cache is off there.
 */
function bundleFingerprint(): { bundle: string; fingerprint: string } | undefined {
  let buildId: string;
  try {
    buildId = readFileSync(new URL('build-id', import.meta.url), 'latin1').trim();
  } catch {
    return undefined;
  }
  return { bundle: fileURLToPath(import.meta.url), fingerprint: `${process.version} ${buildId}` };
}

/**
 * The object as text that tells apart any two objects a validator could tell apart: JSON, with
 * `undefined` where a member or element is undefined (an unknown field holding undefined is still an
 * unknown field); undefined when the object holds anything but plain data (finite numbers, strings,
 * booleans, null, arrays without holes, objects whose prototype is Object's or none).
 */
export function dataKeyText(value: unknown): string | undefined {
  const out: string[] = [];
  const write = (v: unknown): boolean => {
    switch (typeof v) {
      case 'string':
        out.push(JSON.stringify(v));
        return true;
      case 'boolean':
        out.push(v ? 'true' : 'false');
        return true;
      case 'number':
        if (!Number.isFinite(v)) return false;
        out.push(String(v));
        return true;
      case 'undefined':
        out.push('undefined');
        return true;
      case 'object': {
        if (v === null) {
          out.push('null');
          return true;
        }
        if (Array.isArray(v)) {
          out.push('[');
          for (let i = 0; i < v.length; i++) {
            if (i > 0) out.push(',');
            if (!(i in v) || !write(v[i])) return false;
          }
          out.push(']');
          return true;
        }
        if (!isPlainObject(v)) return false;
        out.push('{');
        let first = true;
        for (const key of Object.keys(v)) {
          out.push(first ? JSON.stringify(key) : `,${JSON.stringify(key)}`, ':');
          first = false;
          if (!write(v[key])) return false;
        }
        out.push('}');
        return true;
      }
      default:
        return false;
    }
  };
  return write(value) ? out.join('') : undefined;
}

/**
 * The key an object is kept under: a hash of dataKeyText; undefined when it has none, and for a
 * Secret: all else in a Secret is predictable, so its hash would let anyone who reads the cache try
 * guesses at its values.
 */
export function validationKey(o: unknown): string | undefined {
  if ((o as { kind?: unknown } | null)?.kind === 'Secret') return undefined;
  const text = dataKeyText(o);
  return text === undefined ? undefined : hash('sha256', text, 'base64url');
}

interface ValidationCache {
  has(key: string): boolean;
  add(key: string): void;
  save(): void;
}

/** The keys of a cache file written under the same fingerprint, in order, most recently used last. */
function openValidationCache({ file, fingerprint }: ValidationCacheFile): ValidationCache {
  let known: string[] = [];
  try {
    const lines = readFileSync(file, 'latin1').split('\n');
    if (lines[0] === `${HEADER} ${fingerprint}`) known = lines.slice(1).filter((l) => l !== '');
  } catch {
    // No cache yet, or an unreadable one: every object is validated.
  }
  const keys = new Set(known);
  const used = new Set<string>();
  let added = false;
  return {
    has: (key) => {
      if (!keys.has(key)) return false;
      used.add(key);
      return true;
    },
    add: (key) => {
      used.add(key);
      added = true;
    },
    save: () => {
      if (!added) return;
      const kept = [...known.filter((k) => !used.has(k)), ...used].slice(-CACHE_KEYS_MAX);
      try {
        mkdirSync(dirname(file), { recursive: true, mode: 0o700 }); // the user's alone
        writeWhole(file, `${HEADER} ${fingerprint}\n${kept.join('\n')}\n`);
      } catch {
        // A read-only or full disk: the next run validates again.
      }
    },
  };
}

/**
 * validateObject for each object, skipping those found valid in an earlier run whose keys `cache`
 * keeps (see the top of this file); without a cache, every object.
 */
export function validateObjects(
  objects: readonly KubeObject[],
  cache: ValidationCacheFile | undefined,
): ValidationIssue[][] {
  if (cache === undefined) return objects.map((o) => validateObject(o));
  const validated = openValidationCache(cache);
  const issues = objects.map((o) => {
    const key = validationKey(o);
    if (key !== undefined && validated.has(key)) return [];
    const found = validateObject(o);
    if (key !== undefined && found.length === 0) validated.add(key);
    return found;
  });
  validated.save();
  return issues;
}
