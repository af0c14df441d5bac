// Bundles the CLI after `tsc` (which keeps emitting dist/index.js and the type declarations for
// `defineArchitecture` users). Node spends most of a short run loading and compiling modules
// (issue 16), and Node 20 keeps no compiled ES modules, so:
// - dist/bin/<command>.cjs for each command file of src/cli, and dist/bin/cli.cjs: one CommonJS
//   file each (cli/command-bundle.ts picks one per process), holding commander, every command's
//   options and the action of its own command only (another command's `await import` is a stub
//   here), and beside it V8's code cache of a representative run (scripts/code-cache-run.mjs) or,
//   for a command without one, of the compiled file. One process, one bundle: a module is never
//   evaluated twice, so `instanceof InputError` holds.
//   dist/bin/ sits two levels deep like every src/<layer>/ file, so `import.meta.url`-relative paths
//   (../../package.json, ../index.js, ../kubernetes-models.fn.js) resolve the same from both builds.
// - dist/kubernetes-models.fn.js and its V8 code cache: every kind of kubernetes-models in one file,
//   each kind evaluated on its first use (k8s/bundled-models.ts): one file compiled from the cache
//   instead of ~260 modules for a dozen kinds.
// - dist/mermaid.min.js: the file `docs --html` inlines, so an installed CLI needs no mermaid package.
// Left outside: jiti (one large file, loaded only for code specs).
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';

const root = new URL('../', import.meta.url).pathname;
const dist = join(root, 'dist');

/** One minified CommonJS file for Node 20: the models bundle and every command bundle. */
const COMMONJS_FILE = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
};

/** A bundle as the one function expression k8s/cached-script.ts compiles and calls. */
const asModuleFunction = (code) => `(function (exports, require, module, __filename, __dirname) {${code}\n})`;

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
    ...COMMONJS_FILE,
  });
  writeFileSync(outfile, asModuleFunction(outputFiles[0].text));
  rmSync(cacheFile, { force: true });
  // Loaded as the CLI loads it (tsc has emitted it), every kind evaluated, then the cache taken.
  const { runModelsBundle } = await import('../dist/k8s/bundled-models.js');
  const { kinds, script } = runModelsBundle();
  for (const load of Object.values(kinds)) load();
  writeFileSync(cacheFile, script.createCachedData());
}

copyFileSync(join(root, 'node_modules', 'mermaid', 'dist', 'mermaid.min.js'), join(dist, 'mermaid.min.js'));

/** The command files main.ts registers (its `import { register as … } from './<file>.js'` lines). */
function commandFiles() {
  const main = readFileSync(join(root, 'src', 'cli', 'main.ts'), 'utf8');
  return [...main.matchAll(/^import \{ register as \w+ \} from '\.\/([a-z0-9-]+)\.js';$/gm)].map((m) => m[1]);
}
const BARE = 'cli'; // cli/command-bundle.ts: BARE_BUNDLE
const commands = commandFiles();
if (commands.length === 0) throw new Error('scripts/bundle.mjs: no command registrations found in src/cli/main.ts');

/** How src/ becomes one CommonJS file. */
const COMMONJS = {
  ...COMMONJS_FILE,
  // The sources are ES modules: import.meta.url is the bundle's URL.
  define: { 'import.meta.url': '__shipshapeModuleUrl' },
  banner: { js: "const __shipshapeModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
};

/** esbuild plugin: the `await import` of any command file but `command` loads a module that throws. */
function onlyTheActionOf(command) {
  return {
    name: 'only-the-action-of',
    setup(b) {
      b.onResolve({ filter: /.*/ }, ({ kind, importer, path }) => {
        if (kind !== 'dynamic-import' || !importer.startsWith(join(root, 'src', 'cli') + '/')) return undefined;
        if (basename(importer, '.ts') === command) return undefined;
        return { path: `${basename(importer, '.ts')}: ${path}`, namespace: 'other-command' };
      });
      b.onLoad({ filter: /.*/, namespace: 'other-command' }, ({ path }) => ({
        contents: `throw new Error(${JSON.stringify(`the ${command}.cjs bundle holds no action of another command (${path}); cli/command-bundle.ts picks the bundle`)});`,
        loader: 'js',
      }));
    },
  };
}

/** The CommonJS bundle of `name` (a command file, or BARE) in `outdir`. */
async function commandBundle(name, outdir) {
  const { outputFiles, metafile } = await build({
    entryPoints: [join(root, 'src', 'cli', 'main.ts')],
    write: false,
    ...COMMONJS,
    external: ['jiti'],
    plugins: [onlyTheActionOf(name)],
    metafile: true,
  });
  // Node 20 runs a dynamic import in a vm.Script only behind --experimental-vm-modules.
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    const left = imports.find((i) => i.kind === 'dynamic-import' && i.external);
    if (left)
      throw new Error(`scripts/bundle.mjs: ${input}: import('${left.path}') is not bundled; import it statically`);
  }
  writeFileSync(join(outdir, `${name}.cjs`), asModuleFunction(outputFiles[0].text));
}

/** What a bundle's code cache is made from: one run of the CLI, as `shipshape <args>` from the checkout. */
const scratch = mkdtempSync(join(tmpdir(), 'shipshape-bundle-'));
const REPRESENTATIVE_RUNS = {
  [BARE]: ['--help'],
  build: ['build', 'examples/sagaz', '--out', join(scratch, 'build')],
  check: ['check', 'examples/sagaz'],
  graph: ['graph', 'examples/sagaz'],
  plan: ['plan', 'examples/sagaz'],
  summary: ['summary', 'examples/sagaz'],
  docs: ['docs', 'examples/sagaz', '--out', join(scratch, 'docs')],
};
const EXIT_FINDINGS = 1; // check exits 1 when it finds something; the run is representative all the same

/** Writes the code cache of bundle `name` in `dir`: after its representative run, or of the compiled file. */
async function codeCache(name, dir) {
  const file = join(dir, `${name}.cjs`);
  const cacheFile = join(dir, `${name}.v8-cache`);
  const finalFile = join(dist, 'bin', `${name}.cjs`);
  const args = REPRESENTATIVE_RUNS[name];
  if (!args) {
    const { compileBundle } = await import('../dist/k8s/cached-script.js');
    writeFileSync(cacheFile, compileBundle(file, undefined, finalFile).createCachedData());
    return;
  }
  const runner = join(root, 'scripts', 'code-cache-run.mjs');
  const run = spawn(process.execPath, [runner, file, cacheFile, finalFile, ...args], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  run.stderr.on('data', (chunk) => (stderr += chunk));
  const status = await new Promise((done) => run.on('close', done));
  if (status !== 0 && status !== EXIT_FINDINGS) {
    throw new Error(
      `scripts/bundle.mjs: the run for ${name}'s code cache (shipshape ${args.join(' ')}) exited ${status}:\n${stderr}`,
    );
  }
}

/** dist/bin/_entry.cjs, which bin/shipshape.js requires: cli/command-bundle.ts's runCli (the underscore names no command). */
async function entryBundle(outdir) {
  await build({
    stdin: {
      contents: "import { runCli } from './src/cli/command-bundle.ts';\nrunCli();",
      resolveDir: root,
      sourcefile: 'entry.ts',
      loader: 'ts',
    },
    outfile: join(outdir, '_entry.cjs'),
    ...COMMONJS,
  });
}

// Built beside dist/bin and swapped in, so a CLI running meanwhile (another test run) finds a whole bundle.
const fresh = join(dist, `.bin-${process.pid}`);
mkdirSync(fresh);
await Promise.all([
  entryBundle(fresh),
  ...[BARE, ...commands].map((name) => commandBundle(name, fresh)),
  modelsBundle(),
]);
// After the models bundle: a representative run validates objects with it.
try {
  await Promise.all([BARE, ...commands].map((name) => codeCache(name, fresh)));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
const old = join(dist, `.bin-old-${process.pid}`);
if (existsSync(join(dist, 'bin'))) renameSync(join(dist, 'bin'), old);
renameSync(fresh, join(dist, 'bin'));
rmSync(old, { recursive: true, force: true });
