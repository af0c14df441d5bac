// The models bundle that scripts/bundle.mjs writes beside the code: every kubernetes-models kind in
// one file, `(function (exports, require, module) { … })`, each kind evaluated on first use, and
// V8's code cache of it. Compiling the 2.7 MB file took most of a small build (~250 ms of ~1 s);
// with the cache it takes a few tens of ms. V8 rejects a cache made by another Node version, and
// the file is then compiled as usual.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

export type ModelModule = Record<string, unknown>;

/** The model loaders by `<apiVersion>/<Kind>`. */
export type ModelKinds = Record<string, (() => ModelModule) | undefined>;

export const BUNDLED_MODELS = fileURLToPath(new URL('../kubernetes-models.fn.js', import.meta.url));
export const BUNDLED_MODELS_CACHE = `${BUNDLED_MODELS.slice(0, -'.fn.js'.length)}.v8-cache`;

/** Compiles and runs the bundle (with the code cache when there is one); its kinds, and the script for making a cache. */
export function runModelsBundle(): { kinds: ModelKinds; script: Script } {
  const cachedData = existsSync(BUNDLED_MODELS_CACHE) ? readFileSync(BUNDLED_MODELS_CACHE) : undefined;
  const script = new Script(readFileSync(BUNDLED_MODELS, 'utf8'), { filename: BUNDLED_MODELS, cachedData });
  const wrapper = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object) => void;
  const module = { exports: {} as { kinds?: ModelKinds } };
  wrapper(module.exports, createRequire(BUNDLED_MODELS), module);
  if (!module.exports.kinds) throw new Error(`${BUNDLED_MODELS}: not a models bundle (rebuild with npm run build)`);
  return { kinds: module.exports.kinds, script };
}
