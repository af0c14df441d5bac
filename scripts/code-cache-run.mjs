// One representative run of a command bundle, for its code cache (scripts/bundle.mjs):
//   node scripts/code-cache-run.mjs <bundle.cjs> <cache file> <its path in dist/bin> [CLI arguments…]
// runs the bundle as bin/shipshape.js would and, as the process exits, writes V8's code cache of
// the bundle: every function compiled by then, so a run like this one compiles nothing.
import { writeFileSync } from 'node:fs';
import { compileBundle, runBundle } from '../dist/k8s/cached-script.js';

const [bundle, cacheFile, filename, ...args] = process.argv.slice(2);
const script = compileBundle(bundle, undefined, filename);
// On exit, since a command may end with process.exit (--version, --help, a usage error).
process.on('exit', () => writeFileSync(cacheFile, script.createCachedData()));
process.argv = [process.argv[0], new URL('../bin/shipshape.js', import.meta.url).pathname, ...args];
runBundle(script, bundle, (specifier) => import(specifier));
