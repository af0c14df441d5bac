// jiti (https://github.com/unjs/jiti), which loads `architecture.ts` specs, made from its core as its
// public entry (lib/jiti.cjs) makes it, with two differences for the CLI's bundles (issue 16):
// - `import()` comes from the CLI's entry, a module Node loaded: inside a bundle (a vm.Script) Node 20
//   runs a dynamic import only behind --experimental-vm-modules;
// - the core is inside the bundle (spec/jiti-core.ts), compiled from the bundle's code cache.
// The core's signature is jiti's own, not a documented API: package.json pins jiti's version.
import { createRequire } from 'node:module';
import type { Jiti, JitiOptions } from 'jiti';
import { jitiCore, jitiFile } from './jiti-core.js';

/** What the CLI's entry passes a bundle for `import()` (scripts/bundle.mjs names the parameter). */
declare const __shipshapeImport: ((specifier: string) => Promise<unknown>) | undefined;

type CreateJiti = (
  id: string,
  options: JitiOptions,
  parent: {
    onError(err: unknown): never;
    nativeImport(specifier: string): Promise<unknown>;
    createRequire: typeof createRequire;
  },
) => Jiti;

const nativeImport = (specifier: string): Promise<unknown> =>
  typeof __shipshapeImport === 'function' ? __shipshapeImport(specifier) : import(specifier);

let babel: ((...args: unknown[]) => unknown) | undefined;

/** A jiti for a spec file; Babel, which transforms TypeScript, is loaded only when jiti's file cache misses. */
export function createSpecJiti(id: string, options: JitiOptions): Jiti {
  const transform = (...args: unknown[]) => {
    babel ??= createRequire(import.meta.url)(jitiFile('babel.cjs')) as typeof babel;
    return babel!(...args);
  };
  return (jitiCore() as CreateJiti)(
    id,
    { transform: transform as JitiOptions['transform'], ...options },
    {
      onError: (err) => {
        throw err;
      },
      nativeImport,
      createRequire,
    },
  );
}
