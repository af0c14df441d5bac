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
//   (../../package.json, ../index.js, ../kubernetes-models-common.fn.js) resolve the same from both builds.
// - dist/kubernetes-models-{common,other}.fn.js and their V8 code caches: kubernetes-models' kinds
//   in two files, the kinds the examples synthesize and the rest, each kind evaluated on its first
//   use (k8s/bundled-models.ts): one file compiled from its cache instead of ~260 modules for a
//   dozen kinds, and a build reads only the first.
// - dist/mermaid.min.js: the file `docs --html` inlines, so an installed CLI needs no mermaid package.
// Left outside: jiti's Babel (1.5 MB, loaded only when jiti's file cache misses; spec/jiti.ts).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
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
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';

const root = new URL('../', import.meta.url).pathname;
const dist = join(root, 'dist');

/** One minified CommonJS file for Node 20: the models bundles and every command bundle. */
const COMMONJS_FILE = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
};

/**
 * A bundle as the one function expression k8s/cached-script.ts compiles and calls: CommonJS's
 * parameters, and `import()` from the entry (spec/jiti.ts), which a vm.Script cannot run itself.
 */
const asModuleFunction = (code) =>
  `(function (exports, require, module, __filename, __dirname, __shipshapeImport) {${code}\n})`;

/**
 * `<apiVersion>/<Kind>` of every model class package `pkg` ships: its modules `[<group>/]<version>/<Kind>.js`
 * that set a static kind (kubernetes-models and the custom-resource packages lay them out alike).
 */
function modelKinds(pkg) {
  const dir = join(root, 'node_modules', pkg);
  const kinds = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const file = join(entry.parentPath, entry.name);
    const path = relative(dir, file);
    if (!entry.isFile() || !/^([a-z0-9.-]+\/)?v[0-9a-z]+\/[A-Z][A-Za-z0-9]*\.js$/.test(path)) continue;
    if (/\.kind ?= ?"/.test(readFileSync(file, 'utf8'))) kinds.push(path.slice(0, -'.js'.length));
  }
  return kinds.sort();
}

/** The objects the examples synthesize, under every profile: what the common models part is made of. */
async function examplesObjects() {
  const { findSpec } = await import('../dist/spec/load.js');
  const { loadArchitectureProfiles } = await import('../dist/pipeline/spec.js');
  const { synthesize } = await import('../dist/synth/index.js');
  const objects = [];
  for (const example of readdirSync(join(root, 'examples')).sort()) {
    const spec = findSpec(join(root, 'examples', example));
    if (!spec) continue;
    for (const architecture of (await loadArchitectureProfiles(spec)).values())
      objects.push(...synthesize(architecture).files.flatMap((f) => f.objects));
  }
  if (objects.length === 0) throw new Error('scripts/bundle.mjs: the examples synthesized no objects');
  return objects;
}

/**
 * esbuild plugin for the models bundles: ajv-formats-draft2019's formats (iri, idn-email, idn-hostname,
 * …), which @kubernetes-models/validate adds to ajv, each required on its first use. Requiring them
 * all loads uri-js, an e-mail address grammar and Node's punycode, ~2 ms of every validation, and
 * Kubernetes' schemas use none of them. A format that is a function is called through a wrapper
 * that requires it; any other (duration is a regex) is required as before.
 */
const lazyDraft2019Formats = {
  name: 'lazy-draft2019-formats',
  setup(b) {
    b.onLoad({ filter: /[/\\]ajv-formats-draft2019[/\\]formats[/\\]index\.js$/ }, ({ path }) => {
      const requireFormat = createRequire(path);
      const lines = [
        ...readFileSync(path, 'utf8').matchAll(/^module\.exports(\.\w+|\['[\w-]+'\]) = require\(('\.\/[\w-]+')\);$/gm),
      ];
      if (lines.length === 0) throw new Error(`scripts/bundle.mjs: ${path} no longer lists its formats as expected`);
      const contents = lines
        .map(([, key, file]) =>
          typeof requireFormat(file.slice(1, -1)) === 'function'
            ? `module.exports${key} = (value) => require(${file})(value);`
            : `module.exports${key} = require(${file});`,
        )
        .join('\n');
      return { contents, loader: 'js' };
    });
  },
};

/**
 * esbuild plugin for the models bundles: the ajv that Gateway API's models compile their schemas with
 * at run time (their own copy of @kubernetes-models/validate) generates code without its
 * optimization pass (`code: { optimize: false }`), which only makes the generated code smaller:
 * the same checks and errors. A process compiles each schema once and validates a few objects with
 * it, and the pass was ~40 ms of compiling HTTPRoute's and Gateway's (`check` of the corpus).
 */
const unoptimizedGatewayAjv = {
  name: 'unoptimized-gateway-ajv',
  setup(b) {
    const options = 'new Ajv__default.default({\n  strictTypes: false,';
    b.onLoad(
      { filter: /[/\\]gateway-api[/\\]node_modules[/\\]@kubernetes-models[/\\]validate[/\\]dist[/\\]index\.js$/ },
      ({ path }) => {
        const source = readFileSync(path, 'utf8');
        if (!source.includes(options))
          throw new Error(`scripts/bundle.mjs: ${path} no longer creates its ajv as \`${options}…\``);
        return { contents: source.replace(options, `${options} code: { optimize: false },`), loader: 'js' };
      },
    );
  },
};

/**
 * The two models bundles (src/k8s/bundled-models.ts) and their code caches: `common` holds the kinds
 * of `objects`, `other` the rest of kubernetes-models' kinds. The caches are taken in a process of
 * their own (scripts/models-cache-run.mjs), whose k8s/validate.js finds the new bundles.
 */
async function modelsBundles(objects) {
  const all = modelKinds('kubernetes-models');
  const synthesized = new Set(objects.map((o) => `${o.apiVersion}/${o.kind}`));
  const parts = { common: all.filter((k) => synthesized.has(k)), other: all.filter((k) => !synthesized.has(k)) };
  // The custom resources' models, keyed `<package>/<apiVersion>/<Kind>` as k8s/crd-models.ts asks for them.
  const { CRD_MODEL_PACKAGES } = await import('../dist/k8s/crd-models.js');
  const { writeWhole } = await import('../dist/k8s/write-whole.js');
  const crds = CRD_MODEL_PACKAGES.flatMap((pkg) => modelKinds(pkg).map((k) => `${pkg}/${k}`));
  const modules = {
    common: parts.common.map((k) => [k, `kubernetes-models/${k}`]),
    other: parts.other.map((k) => [k, `kubernetes-models/${k}`]),
    crds: crds.map((k) => [k, k]),
  };
  await Promise.all(
    Object.entries(modules).map(async ([part, kinds]) => {
      const source = [
        'exports.kinds = {',
        ...kinds.map(([k, module]) => `  ${JSON.stringify(k)}: () => require(${JSON.stringify(module)}),`),
        '};',
        part === 'common' ? `exports.elsewhere = ${JSON.stringify(parts.other)};` : '',
      ].join('\n');
      const { outputFiles } = await build({
        stdin: { contents: source, resolveDir: root, sourcefile: `kubernetes-models-${part}.cjs`, loader: 'js' },
        write: false,
        ...COMMONJS_FILE,
        plugins: [lazyDraft2019Formats, unoptimizedGatewayAjv],
      });
      // The old cache goes first: V8 would take it for a new bundle of the same length.
      rmSync(join(dist, `kubernetes-models-${part}.v8-cache`), { force: true });
      writeWhole(join(dist, `kubernetes-models-${part}.fn.js`), asModuleFunction(outputFiles[0].text));
    }),
  );
  const objectsFile = join(scratch, 'examples-objects.json');
  writeFileSync(objectsFile, JSON.stringify(objects));
  await representativeRun('the models bundles', join(root, 'scripts', 'models-cache-run.mjs'), [objectsFile]);
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

/** esbuild plugin: spec/jiti-core.ts as a static require of jiti's core, which esbuild then bundles. */
const bundledJitiCore = {
  name: 'bundled-jiti-core',
  setup(b) {
    b.onLoad({ filter: /[/\\]src[/\\]spec[/\\]jiti-core\.ts$/ }, async ({ path }) => {
      const { jitiFile } = await import('../dist/spec/jiti-core.js');
      const source = readFileSync(path, 'utf8');
      const body = "return requireHere(jitiFile('jiti.cjs'));";
      if (!source.includes(body)) throw new Error(`scripts/bundle.mjs: ${path} no longer reads \`${body}\``);
      return {
        contents: source.replace(body, `return require(${JSON.stringify(jitiFile('jiti.cjs'))});`),
        loader: 'ts',
      };
    });
  },
};

/**
 * Node built-in modules a package requires at its top level but uses later, if at all: each is
 * required on its first use instead (the deferredBuiltins plugin). Requiring a built-in compiles
 * modules Node's startup snapshot does not hold, ~0.5–2 ms each, in every run (issue 16).
 * - commander: child_process, for stand-alone executable subcommands, which shipshape has none of.
 * - jiti's core: assert and v8 (which only make its error messages) and fs/promises: none of them
 *   used when a spec loads from jiti's file cache.
 */
const DEFERRED_BUILTINS = {
  commander: ['child_process'],
  jiti: ['assert', 'fs/promises', 'v8'],
};

/** esbuild plugin: each of DEFERRED_BUILTINS a proxy that requires the built-in on first use. */
const deferredBuiltins = {
  name: 'deferred-builtins',
  setup(b) {
    b.onResolve({ filter: /^(node:)?[a-z0-9_/]+$/ }, ({ path, importer }) => {
      const name = path.replace(/^node:/, '');
      const pkg = Object.keys(DEFERRED_BUILTINS).find((p) => importer.includes(`${join('node_modules', p)}/`));
      return pkg && DEFERRED_BUILTINS[pkg].includes(name) ? { path: name, namespace: 'deferred' } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'deferred' }, ({ path }) => ({
      // `__esModule`: a bundler's interop helper asks it of every module on require; a built-in has none.
      contents: `let m; module.exports = new Proxy({}, { get: (_, key) => (key === '__esModule' ? undefined : (m ??= require('node:${path}'))[key]) });`,
      loader: 'js',
    }));
  },
};

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
    plugins: [onlyTheActionOf(name), bundledJitiCore, deferredBuiltins],
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
  await representativeRun(
    `${name}'s code cache (shipshape ${args.join(' ')})`,
    join(root, 'scripts', 'code-cache-run.mjs'),
    [file, cacheFile, finalFile, ...args],
  );
}

/** Runs `node <runner> <args…>` from the checkout; what it was for names it when it fails. */
async function representativeRun(what, runner, args) {
  // An empty validation cache of its own, so the run validates (and compiles the validation code).
  const run = spawn(process.execPath, [runner, ...args], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, SHIPSHAPE_CACHE_DIR: mkdtempSync(join(scratch, 'validation-cache-')) },
  });
  let stderr = '';
  run.stderr.on('data', (chunk) => (stderr += chunk));
  const status = await new Promise((done) => run.on('close', done));
  if (status !== 0 && status !== EXIT_FINDINGS)
    throw new Error(`scripts/bundle.mjs: the run for ${what} exited ${status}:\n${stderr}`);
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

/**
 * `<dir>/build-id`: a hash of every bundle the CLI runs (the command bundles in `dir`, the models
 * bundles in dist/), which k8s/validation-cache.ts keeps results under: a new build that changes
 * any of them is another build, whatever the files' sizes and times (npm gives every file of a
 * package the same time).
 */
async function writeBuildId(dir) {
  const { MODEL_PARTS, modelsBundleFile } = await import('../dist/k8s/bundled-models.js');
  const files = [
    ...readdirSync(dir)
      .filter((f) => f.endsWith('.cjs'))
      .map((f) => join(dir, f)),
    ...MODEL_PARTS.map(modelsBundleFile),
  ].sort();
  const digest = createHash('sha256');
  for (const file of files) digest.update(`${basename(file)}\0`).update(readFileSync(file));
  writeFileSync(join(dir, 'build-id'), `${digest.digest('hex')}\n`);
}

// Built beside dist/bin and swapped in, so a CLI running meanwhile (another test run) finds a whole bundle.
const fresh = join(dist, `.bin-${process.pid}`);
mkdirSync(fresh);
// What the common models part holds, and its cache is made from (before the models modules of this
// process are in use: examplesObjects validates nothing).
const objects = await examplesObjects();
// The one bundle of every kind that builds before made (a file the CLI no longer reads).
for (const stale of ['kubernetes-models.fn.js', 'kubernetes-models.v8-cache'])
  rmSync(join(dist, stale), { force: true });
try {
  await Promise.all([
    entryBundle(fresh),
    ...[BARE, ...commands].map((name) => commandBundle(name, fresh)),
    modelsBundles(objects),
  ]);
  await writeBuildId(fresh);
  // After the models bundles: a representative run validates objects with them.
  await Promise.all([BARE, ...commands].map((name) => codeCache(name, fresh)));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
const old = join(dist, `.bin-old-${process.pid}`);
if (existsSync(join(dist, 'bin'))) renameSync(join(dist, 'bin'), old);
renameSync(fresh, join(dist, 'bin'));
rmSync(old, { recursive: true, force: true });
