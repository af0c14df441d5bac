// Side by side with the cdk8s anchor (issue 16): whole processes, alternating run by run so both
// see the same machine load (and row by row, round after round), median wall clock of each, and
// the ratio against its goal; beside it the median of the pairs' own ratios (each pair back to
// back), which a burst of load moves less.
//   npm install --prefix bench      (once: the anchor's cdk8s packages, a dev dependency of bench/ only)
//   npm run build && node bench/compare.mjs [--runs 21] [--anchor ../shared/anchors/cdk8s-sagaz]
// Rows: build sagaz vs the anchor; a generated 200-component spec vs the anchor with 200 extra
// workers; `--version` vs `node -e 0`; `check` of the whole corpus vs a js-yaml parse of its files.
// Our builds keep their validation cache (k8s/validation-cache.ts) in a folder of this run, which
// the first run fills, as a user's first build does; the rows without a goal show a build as it is
// the first time (nothing in the output folder, no cache).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { generatedSpec } from './generated-spec.mjs';

const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const RUNS = Number(option('--runs', '21')); // fewer move with the load of a shared machine
const ROOT = new URL('../', import.meta.url).pathname;
const ANCHOR = resolve(option('--anchor', join(ROOT, '../shared/anchors/cdk8s-sagaz')), 'main.js');
const CORPUS = resolve(option('--corpus', join(ROOT, '../shared/corpus')));
const BENCH_MODULES = join(ROOT, 'bench', 'node_modules');
const BIN = join(ROOT, 'bin', 'shipshape.js');

for (const [what, path, fix] of [
  ['the cdk8s anchor', ANCHOR, '--anchor <folder holding main.js>'],
  ['the anchor’s packages', join(BENCH_MODULES, 'cdk8s-plus-32'), 'npm install --prefix bench'],
  ['the corpus', CORPUS, '--corpus <folder>'],
  ['the bundle', join(ROOT, 'dist', 'bin', 'cli.cjs'), 'npm run build'],
]) {
  if (!existsSync(path)) {
    console.error(`bench/compare.mjs: ${what} not found at ${path} (${fix})`);
    process.exit(2);
  }
}

const work = mkdtempSync(join(tmpdir(), 'shipshape-compare-'));

/** Wall clock of one process in ms; `ok` lists the exit codes that mean it ran (check exits 1 on findings). `args` may be a function, called for each run. */
function time({ args: argsOf, cwd = ROOT, env = {}, ok = [0] }) {
  const args = typeof argsOf === 'function' ? argsOf() : argsOf;
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (!ok.includes(r.status)) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Runs every row's pair RUNS times, round by round across the rows (so that a burst of load on a
 * shared machine lands on every row alike, not on the one running then), ours first in one round
 * and theirs first in the next; per row the medians and their ratio (the goals' measure), and the
 * median of each pair's own ratio (`paired`: the two processes of a pair run back to back, so a
 * burst moves it less).
 */
function sides(pairs) {
  const times = pairs.map(() => ({ a: [], b: [] }));
  for (let i = 0; i < RUNS; i++) {
    pairs.forEach(([ours, theirs], row) => {
      // Which of the two runs first alternates too: the first process after a heavy one is slower.
      if (i % 2 === 0) {
        times[row].a.push(time(ours));
        times[row].b.push(time(theirs));
      } else {
        times[row].b.push(time(theirs));
        times[row].a.push(time(ours));
      }
    });
  }
  return times.map(({ a, b }) => ({
    ours: median(a),
    theirs: median(b),
    ratio: median(a) / median(b),
    paired: median(a.map((x, i) => x / b[i])),
  }));
}

const validationCache = join(work, 'validation-cache');
/** A run of ours: with the validation cache of this run, or (`cache: false`) with none. */
const ours = (args, { cache = true, ok } = {}) => ({
  args,
  env: cache ? { SHIPSHAPE_CACHE_DIR: validationCache } : { SHIPSHAPE_CACHE: 'off' },
  ...(ok ? { ok } : {}),
});

const anchor = (extra) => ({
  args: [ANCHOR, ...(extra ? [String(extra)] : [])],
  cwd: mkdtempSync(join(work, 'cdk8s-')), // main.js writes dist/ into its working folder
  env: { NODE_PATH: BENCH_MODULES }, // the anchor requires cdk8s by name
});

/** Every file `check` reads in the corpus (.yaml, .yml, .json), for the plain parse to read the same bytes. */
function manifestFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ya?ml|json)$/i.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}
const filesList = join(work, 'corpus-files.json');
writeFileSync(filesList, JSON.stringify(manifestFiles(CORPUS)));
const plainParse = join(ROOT, 'bench', 'parse-yaml.mjs');

try {
  const large = join(work, 'large');
  mkdirSync(large);
  writeFileSync(join(large, 'architecture.yaml'), stringify(generatedSpec(200)));
  const rows = [
    [
      'build examples/sagaz  vs  cdk8s anchor',
      [ours([BIN, 'build', 'examples/sagaz', '--out', join(work, 'out-sagaz')]), anchor(0)],
      0.8,
    ],
    [
      // The row above builds into the same folder each run, where unchanged files are left alone.
      'build examples/sagaz, first time (new folder, no cache)',
      [
        ours(() => [BIN, 'build', 'examples/sagaz', '--out', mkdtempSync(join(work, 'fresh-'))], { cache: false }),
        anchor(0),
      ],
      undefined,
    ],
    [
      'build 200 components  vs  cdk8s anchor + 200 workers',
      [ours([BIN, 'build', large, '--out', join(work, 'out-large')]), anchor(200)],
      0.5,
    ],
    [
      'build 200 components, first time (new folder, no cache)',
      [
        ours(() => [BIN, 'build', large, '--out', mkdtempSync(join(work, 'fresh-large-'))], { cache: false }),
        anchor(200),
      ],
      undefined,
    ],
    ['--version  vs  node -e 0', [ours([BIN, '--version']), { args: ['-e', '0'] }], 1.2],
    [
      'check corpus  vs  js-yaml parse of its files',
      [ours([BIN, 'check', CORPUS], { ok: [0, 1] }), { args: [plainParse, filesList] }],
      3,
    ],
  ];
  const results = sides(rows.map(([, pair]) => pair));
  console.log(
    `median wall clock of ${RUNS} rounds of alternating runs, each a fresh process (node ${process.version})`,
  );
  console.log(
    `${'run'.padEnd(54)} ${'shipshape'.padStart(10)} ${'other'.padStart(10)} ${'ratio'.padStart(7)} ${'paired'.padStart(7)}  goal (on ratio)`,
  );
  for (const [row, [what, , goal]] of rows.entries()) {
    const { ours, theirs, ratio, paired } = results[row];
    console.log(
      `${what.padEnd(54)} ${`${ours.toFixed(0)} ms`.padStart(10)} ${`${theirs.toFixed(0)} ms`.padStart(10)} ${`${ratio.toFixed(2)}×`.padStart(7)} ${`${paired.toFixed(2)}×`.padStart(7)}  ${goal === undefined ? '(no goal)' : `≤ ${goal}× ${ratio <= goal ? 'met' : 'NOT met'}`}`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
