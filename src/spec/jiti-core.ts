// Where jiti's core module (its dist/jiti.cjs) comes from. Run from the package's own modules it is
// required from the installed jiti; scripts/bundle.mjs replaces this file inside the CLI's bundles by
// a static require of the same file, so the bundle carries the core and compiles it from its code
// cache instead of Node compiling its 190 kB on every run of a code spec (issue 16).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const requireHere = createRequire(import.meta.url);

/** A file of the installed jiti package (`dist/…`, which its `exports` do not list, so by path). */
export function jitiFile(name: string): string {
  return join(dirname(requireHere.resolve('jiti/package.json')), 'dist', name);
}

/** jiti's core: `createJiti(id, options, parent)`, which its public entry wraps. */
export function jitiCore(): unknown {
  return requireHere(jitiFile('jiti.cjs'));
}
