// Benchmark: `shipshape build` of examples/sagaz and of a generated 200-component spec, and
// `shipshape --version` / `--help` start-up, each beside `node -e 0` (bare Node start-up) in the same run.
// Run after `npm run build`:   node bench/build.mjs
// Old beside new: copy the old build (bin/, dist/, package.json, a node_modules symlink) to a folder
// and run   node bench/build.mjs --baseline <folder>   (runs alternate, so both see the same load).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { generatedSpec } from './generated-spec.mjs';

const RUNS = 7;
const BIN = new URL('../bin/shipshape.js', import.meta.url).pathname;
const baselineAt = process.argv.indexOf('--baseline');
const BASELINE_BIN = baselineAt > 0 ? join(process.argv[baselineAt + 1], 'bin', 'shipshape.js') : undefined;

function time(args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

const middle = (times) => times.sort((a, b) => a - b)[Math.floor(times.length / 2)];

/** Median wall clock of `shipshape <args>` (or of node itself with `args`), and of the baseline's, run alternately. */
function median(args, { shipshape = true } = {}) {
  const current = [];
  const baseline = [];
  for (let i = 0; i < RUNS; i++) {
    current.push(time(shipshape ? [BIN, ...args] : args));
    if (shipshape && BASELINE_BIN) baseline.push(time([BASELINE_BIN, ...args]));
  }
  return { ms: middle(current), baselineMs: baseline.length > 0 ? middle(baseline) : undefined };
}

const dir = mkdtempSync(join(tmpdir(), 'shipshape-bench-'));
try {
  writeFileSync(join(dir, 'architecture.yaml'), stringify(generatedSpec(200)));
  const node = median(['-e', '0'], { shipshape: false }).ms;
  const version = median(['--version']);
  const help = median(['--help']);
  const sagaz = median(['build', 'examples/sagaz', '--out', join(dir, 'out-sagaz')]);
  const large = median(['build', dir, '--out', join(dir, 'out-large')]);
  const rows = [
    ['node -e 0', { ms: node }],
    ['shipshape --version', version],
    ['shipshape --help', help],
    ['shipshape build examples/sagaz (5 components)', sagaz],
    ['shipshape build generated spec (200 components)', large],
  ];
  console.log(`median of ${RUNS} runs, wall clock, each a fresh process`);
  for (const [what, { ms, baselineMs }] of rows) {
    const beside = baselineMs === undefined ? '' : `   baseline ${baselineMs.toFixed(0).padStart(6)} ms`;
    console.log(
      `${what.padEnd(50)} ${ms.toFixed(0).padStart(6)} ms   (${(ms - node).toFixed(0)} ms over node -e 0)${beside}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
