// Benchmark: `shipshape build` of examples/sagaz and of a generated 200-component spec, and
// `shipshape --version` / `--help` start-up, each beside `node -e 0` (bare Node start-up) in the same run.
// Run after `npx tsc -p .`:   node bench/build.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

const RUNS = 7;
const BIN = new URL('../bin/shipshape.js', import.meta.url).pathname;

function median(args) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

/** 200 components: 40 each of web, worker, cache (with storage), cronjob and database; webs and workers use a database and a cache. */
function generatedSpec(n) {
  const components = {};
  const types = ['database', 'cache', 'web', 'worker', 'cronjob'];
  for (let i = 0; i < n; i++) {
    const type = types[i % types.length];
    const group = Math.floor(i / types.length);
    const name = `${type}-${group}`;
    const c = { type, image: `example/${type}:1.0.${group}` };
    if (type === 'database') Object.assign(c, { ports: { pg: 5432 }, storage: { size: '10Gi', mountPath: '/data' } });
    if (type === 'cache') Object.assign(c, { ports: { redis: 6379 }, storage: { size: '1Gi', mountPath: '/data' } });
    if (type === 'web') Object.assign(c, { ports: { http: 8080 }, replicas: { min: 2, max: 6 }, uses: [`database-${group}`, `cache-${group}`], ingress: { host: `app${group}.example.com` } });
    if (type === 'worker') Object.assign(c, { replicas: 3, uses: [`database-${group}`, `cache-${group}:redis`], after: [`database-${group}`], metrics: { port: 9100 } });
    if (type === 'cronjob') Object.assign(c, { schedule: '0 * * * *', uses: [`database-${group}`] });
    components[name] = c;
  }
  return { name: 'large', namespace: 'large', components };
}

const dir = mkdtempSync(join(tmpdir(), 'shipshape-bench-'));
try {
  writeFileSync(join(dir, 'architecture.yaml'), stringify(generatedSpec(200)));
  const node = median(['-e', '0']);
  const version = median([BIN, '--version']);
  const help = median([BIN, '--help']);
  const sagaz = median([BIN, 'build', 'examples/sagaz', '--out', join(dir, 'out-sagaz')]);
  const large = median([BIN, 'build', dir, '--out', join(dir, 'out-large')]);
  const rows = [
    ['node -e 0', node],
    ['shipshape --version', version],
    ['shipshape --help', help],
    ['shipshape build examples/sagaz (5 components)', sagaz],
    ['shipshape build generated spec (200 components)', large],
  ];
  console.log(`median of ${RUNS} runs, wall clock, each a fresh process`);
  for (const [what, ms] of rows) console.log(`${what.padEnd(50)} ${ms.toFixed(0).padStart(6)} ms   (${(ms - node).toFixed(0)} ms over node -e 0)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
