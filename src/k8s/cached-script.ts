// A bundle file that scripts/bundle.mjs writes as one function expression,
// `(function (exports, require, module, __filename, __dirname) { … })`, compiled with V8's code
// cache beside it: the compiled functions of a representative run, so a short process neither
// parses the file nor compiles what it runs. V8 rejects a cache made by another Node version or for
// a source of another length (`script.cachedDataRejected`), and the file is then compiled as usual;
// it checks no more of the source, so the build writes a bundle and its cache together. Here, not in
// cli/, because the models bundles (k8s) are users too.
import { isAscii } from 'node:buffer';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

type ModuleFunction = (
  exports: object,
  require: NodeJS.Require,
  module: { exports: object },
  filename: string,
  dirname: string,
  importModule?: (specifier: string) => Promise<unknown>,
) => void;

/**
 * Compiles `file` with the code cache in `cacheFile` when there is one (a missing or rejected cache
 * only costs time). `filename` names it in stack traces; a cache keeps the name it was made under,
 * so the build, which makes caches before moving the bundles in place, names their final path.
 */
export function compileBundle(file: string, cacheFile?: string, filename = file): Script {
  const cachedData = cacheFile !== undefined && existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  return new Script(sourceText(readFileSync(file)), { filename, cachedData });
}

/**
 * A bundle's bytes as text. The bundles are ASCII (esbuild escapes strings; the sources write
 * regex literals with \u escapes), and ASCII read as latin1 is the same text made half as fast as
 * UTF-8 decoding makes it: ~1.5 ms of a 1 MB bundle, twice per build.
 */
const sourceText = (bytes: Buffer): string => (isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8'));

/**
 * Runs a compiled bundle as the CommonJS module `file`; its exports. `importModule` is the bundle's
 * `import()` (scripts/bundle.mjs: `__shipshapeImport`), defined in a module Node loaded.
 */
export function runBundle(
  script: Script,
  file: string,
  importModule?: (specifier: string) => Promise<unknown>,
): Record<string, unknown> {
  const moduleFunction = script.runInThisContext() as ModuleFunction;
  const module = { exports: {} };
  moduleFunction(module.exports, createRequire(file), module, file, dirname(file), importModule);
  return module.exports;
}
