// Bundles the CLI after `tsc` (which keeps emitting dist/index.js and the type declarations for
// `defineArchitecture` users). Node spends most of a short run loading modules (issue 16: ~320 ms of
// a 1 s build), so:
// - dist/bin/main.js: commander and the command files; esbuild splits at each `await import`, so
//   `--version` reads one small file and a command only the chunks its action imports.
//   dist/bin/ sits two levels deep like every src/<layer>/ file, so `import.meta.url`-relative paths
//   (../../package.json, ../index.js, ../kubernetes-models.fn.js) resolve the same from both builds.
// - dist/kubernetes-models.fn.js and its V8 code cache: every kind of kubernetes-models in one file,
//   each kind evaluated on its first use (k8s/bundled-models.ts): one file compiled from the cache
//   instead of ~260 modules for a dozen kinds.
// - dist/mermaid.min.js: the file `docs --html` inlines, so an installed CLI needs no mermaid package.
// Left outside: jiti (one large file, loaded only for code specs).
import { build } from 'esbuild';
import {
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('../', import.meta.url).pathname;
const dist = join(root, 'dist');

/** `<apiVersion>/<Kind>` of every model class kubernetes-models ships (files that set a static kind). */
function modelKinds() {
  const pkg = join(root, 'node_modules', 'kubernetes-models');
  const kinds = [];
  for (const entry of readdirSync(pkg, { recursive: true, withFileTypes: true })) {
    const file = join(entry.parentPath, entry.name);
    if (!entry.isFile() || !/^[A-Z][A-Za-z0-9]*\.js$/.test(entry.name) || file.includes('/_schemas/')) continue;
    if (readFileSync(file, 'utf8').includes('.kind="')) kinds.push(relative(pkg, file).slice(0, -'.js'.length));
  }
  return kinds.sort();
}

/**
 * The models bundle (see src/k8s/bundled-models.ts) and V8's code cache of it, made after every
 * kind was evaluated once. Made from node_modules alone: remade only when kubernetes-models was
 * installed after it.
 */
async function modelsBundle() {
  const outfile = join(dist, 'kubernetes-models.fn.js');
  const cacheFile = join(dist, 'kubernetes-models.v8-cache');
  const installed = statSync(join(root, 'node_modules', 'kubernetes-models', 'package.json')).mtimeMs;
  if (existsSync(cacheFile) && statSync(cacheFile).mtimeMs > installed) return;
  const source = [
    'exports.kinds = {',
    ...modelKinds().map((k) => `  ${JSON.stringify(k)}: () => require(${JSON.stringify(`kubernetes-models/${k}`)}),`),
    '};',
  ].join('\n');
  const { outputFiles } = await build({
    stdin: { contents: source, resolveDir: root, sourcefile: 'kubernetes-models.cjs', loader: 'js' },
    write: false,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  // A function expression: the script's value, called with the module's exports, require and module.
  writeFileSync(outfile, `(function (exports, require, module) {${outputFiles[0].text}\n})`);
  rmSync(cacheFile, { force: true });
  // Loaded as the CLI loads it (tsc has emitted it), every kind evaluated, then the cache taken.
  const { runModelsBundle } = await import('../dist/k8s/bundled-models.js');
  const { kinds, script } = runModelsBundle();
  for (const load of Object.values(kinds)) load();
  writeFileSync(cacheFile, script.createCachedData());
}

copyFileSync(join(root, 'node_modules', 'mermaid', 'dist', 'mermaid.min.js'), join(dist, 'mermaid.min.js'));

// Built beside dist/bin and swapped in, so a CLI running meanwhile (another test run) finds a whole bundle.
const fresh = join(dist, `.bin-${process.pid}`);
await Promise.all([
  build({
    entryPoints: { main: join(root, 'src', 'cli', 'main.ts') },
    outdir: fresh,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['jiti'],
    chunkNames: 'chunk-[hash]',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    // Bundled CommonJS (commander, js-yaml) requires Node's builtins: give each ES module a require.
    banner: {
      js: "import { createRequire as __shipshapeRequire } from 'node:module'; const require = __shipshapeRequire(import.meta.url);",
    },
  }),
  modelsBundle(),
]);
const old = join(dist, `.bin-old-${process.pid}`);
if (existsSync(join(dist, 'bin'))) renameSync(join(dist, 'bin'), old);
renameSync(fresh, join(dist, 'bin'));
rmSync(old, { recursive: true, force: true });
