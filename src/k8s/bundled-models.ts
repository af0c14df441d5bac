// The models bundle that scripts/bundle.mjs writes beside the code: every kubernetes-models kind in
// one file (k8s/cached-script.ts), each kind evaluated on first use, and V8's code cache of it.
// Compiling the 2.7 MB file took most of a small build (~250 ms of ~1 s); with the cache it takes a
// few tens of ms.
import { fileURLToPath } from 'node:url';
import type { Script } from 'node:vm';
import { compileBundle, runBundle } from './cached-script.js';

export type ModelModule = Record<string, unknown>;

/** The model loaders by `<apiVersion>/<Kind>`. */
export type ModelKinds = Record<string, (() => ModelModule) | undefined>;

export const BUNDLED_MODELS = fileURLToPath(new URL('../kubernetes-models.fn.js', import.meta.url));
export const BUNDLED_MODELS_CACHE = `${BUNDLED_MODELS.slice(0, -'.fn.js'.length)}.v8-cache`;

/** Compiles and runs the bundle (with the code cache when there is one); its kinds, and the script for making a cache. */
export function runModelsBundle(): { kinds: ModelKinds; script: Script } {
  const script = compileBundle(BUNDLED_MODELS, BUNDLED_MODELS_CACHE);
  const { kinds } = runBundle(script, BUNDLED_MODELS) as { kinds?: ModelKinds };
  if (!kinds) throw new Error(`${BUNDLED_MODELS}: not a models bundle (rebuild with npm run build)`);
  return { kinds, script };
}
