// The models bundles that scripts/bundle.mjs writes beside the code: kubernetes-models' kinds in two
// files and the custom resources' models in a third, each compiled with V8's code cache
// (k8s/cached-script.ts) and each kind evaluated on its first use. Compiling one 2.7 MB file of every
// kind took most of a small build (~250 ms of ~1 s); now a process reads only the part holding the
// kinds it validates (issue 16):
// - `common`: the kinds the examples synthesize (every built-in kind `build` writes but the Secrets
//   of a `localSecrets` file; the kinds most manifests hold), 0.9 MB, its cache taken after
//   validating the examples' objects, so that validating such objects compiles nothing;
// - `other`: every other kind, its cache taken after evaluating each;
// - `crds`: the models of the custom resources k8s/crd-models.ts knows, keyed
//   `<package>/<apiVersion>/<Kind>` (ajv with them, which Gateway API's models compile schemas with
//   at run time), its cache taken after validating one object of each kind (ajv still generates
//   their validators at run time; its own code comes compiled from the cache).
// The common part lists the other's kinds, so that asking for a kind neither has (a custom
// resource) loads nothing more.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Script } from 'node:vm';
import { compileBundle, runBundle } from './cached-script.js';

export type ModelModule = Record<string, unknown>;

/** The model loaders by `<apiVersion>/<Kind>`. */
export type ModelKinds = Record<string, (() => ModelModule) | undefined>;

export const MODEL_PARTS = ['common', 'other', 'crds'] as const;
export type ModelPart = (typeof MODEL_PARTS)[number];

export const modelsBundleFile = (part: ModelPart): string =>
  fileURLToPath(new URL(`../kubernetes-models-${part}.fn.js`, import.meta.url));
export const modelsBundleCache = (part: ModelPart): string =>
  `${modelsBundleFile(part).slice(0, -'.fn.js'.length)}.v8-cache`;

interface LoadedPart {
  kinds: ModelKinds;
  /** The common part only: the kinds the other part holds. */
  elsewhere?: string[];
  script: Script;
}

const loaded = new Map<ModelPart, LoadedPart>();

/** Compiles and runs one part (with its code cache when there is one), once per process; its kinds, and the script for making a cache. */
export function modelsBundle(part: ModelPart): LoadedPart {
  let done = loaded.get(part);
  if (done) return done;
  const file = modelsBundleFile(part);
  const script = compileBundle(file, modelsBundleCache(part));
  const { kinds, elsewhere } = runBundle(script, file) as Partial<LoadedPart>;
  if (!kinds) throw new Error(`${file}: not a models bundle (rebuild with npm run build)`);
  done = { kinds, elsewhere, script };
  loaded.set(part, done);
  return done;
}

const has = (kinds: ModelKinds, path: string) => Object.prototype.hasOwnProperty.call(kinds, path);

/** The loader of `<package>/<apiVersion>/<Kind>` of a custom resource's model; undefined when the part has none. */
export function bundledCrdModel(path: string): (() => ModelModule) | undefined {
  const { kinds } = modelsBundle('crds');
  return has(kinds, path) ? kinds[path] : undefined;
}

/** The loader of `<apiVersion>/<Kind>` from whichever part holds it; undefined when neither does. */
export function bundledModel(path: string): (() => ModelModule) | undefined {
  const common = modelsBundle('common');
  if (has(common.kinds, path)) return common.kinds[path];
  if (!common.elsewhere?.includes(path)) return undefined;
  const { kinds } = modelsBundle('other');
  return has(kinds, path) ? kinds[path] : undefined;
}

/**
 * A model loader for k8s/validate.ts and k8s/crd-models.ts: from the bundles, `find` looking the path
 * up there, when the build made them; else, run from src/ (tests), `<prefix><path>` required from
 * the installed packages. It throws when there is no such model.
 */
export function modelLoader(
  find: (path: string) => (() => ModelModule) | undefined,
  prefix = '',
): (path: string) => ModelModule {
  if (!existsSync(modelsBundleFile('common'))) {
    const requireModel = createRequire(import.meta.url);
    return (path) => requireModel(`${prefix}${path}`) as ModelModule;
  }
  return (path) => {
    const load = find(path);
    if (!load) throw new Error(`no model ${path}`);
    return load();
  };
}
