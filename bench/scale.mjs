// Scale benchmark (issue 13 item 7): cluster-dump-like inputs of 10 MB and 50 MB, and the wall time
// and peak RSS of every reading command beside a plain js-yaml parse of the same bytes.
//   npm run build && node bench/scale.mjs [--sizes 10,50] [--timeout 600] [--heap 2048] [--keep]
// An input is one multi-document YAML file, as `kubectl get -A -o yaml` piped through a splitter
// would give (bench/scale-input.mjs writes it). Every command runs as its own process under
// `/usr/bin/time -v` (peak RSS) and `timeout` (one blow-up does not hang the run), with
// `--max-old-space-size`; a command that fails is reported with its exit status, not hidden.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { APPS, generate } from './scale-input.mjs';

const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const ROOT = new URL('../', import.meta.url).pathname;
const CORPUS = resolve(option('--corpus', join(ROOT, '../shared/corpus')));
const SIZES_MB = option('--sizes', '10,50').split(',').map(Number);
const TIMEOUT_S = Number(option('--timeout', '600'));
const HEAP_MB = Number(option('--heap', '2048'));
const BIN = join(ROOT, 'bin', 'shipshape.js');

for (const [what, path, fix] of [
  ['the corpus', CORPUS, '--corpus <folder>'],
  ['the bundle', join(ROOT, 'dist', 'bin', 'cli.cjs'), 'npm run build'],
  ['GNU time', '/usr/bin/time', 'apt-get install time'],
]) {
  if (!existsSync(path)) {
    console.error(`bench/scale.mjs: ${what} not found at ${path} (${fix})`);
    process.exit(2);
  }
}

/** Wall time (s), peak RSS (MB) and outcome of one process. */
function measure(args, okStatuses) {
  const t = process.hrtime.bigint();
  const r = spawnSync(
    '/usr/bin/time',
    ['-v', 'timeout', '-s', 'KILL', String(TIMEOUT_S), process.execPath, `--max-old-space-size=${HEAP_MB}`, ...args],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 256 * 1024 * 1024 },
  );
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const exit = /Exit status: (\d+)/.exec(r.stderr);
  const status = exit ? Number(exit[1]) : r.status;
  const outcome =
    status === 124 || status === 137
      ? `killed after ${TIMEOUT_S} s`
      : okStatuses.includes(status)
        ? `exit ${status}`
        : `FAILED exit ${status}: ${lastLine(r.stderr)}`;
  return { seconds, rssMb: rss ? Number(rss[1]) / 1024 : NaN, outcome };
}

/** The last line the command itself printed on stderr (before GNU time's report). */
function lastLine(stderr) {
  const own = stderr
    .split(/\n\s*Command being timed:/)[0]
    .trim()
    .split('\n');
  return (own.at(-1) ?? '').slice(0, 160);
}

const work = mkdtempSync(join(tmpdir(), 'shipshape-scale-'));
try {
  console.log(`node ${process.version}, --max-old-space-size=${HEAP_MB}, timeout ${TIMEOUT_S} s per command`);
  for (const mb of SIZES_MB) {
    const input = join(work, `dump-${mb}mb.yaml`);
    const { copies, objects, bytes } = generate(CORPUS, mb, input);
    const list = join(work, `files-${mb}.json`);
    writeFileSync(list, JSON.stringify([input]));
    console.log(
      `\n${mb} MB input: ${(bytes / 1024 / 1024).toFixed(1)} MB, ${objects} objects, ${copies} app copies (${APPS.join(', ')})`,
    );
    const rows = [
      ['js-yaml parse', [join(ROOT, 'bench', 'parse-yaml.mjs'), list], [0]],
      ['graph', [BIN, 'graph', input], [0]],
      ['summary', [BIN, 'summary', input], [0]],
      ['plan', [BIN, 'plan', input], [0]],
      // check exits 1 when it has findings: it ran.
      ['check', [BIN, 'check', input], [0, 1]],
      ['docs', [BIN, 'docs', input, '--out', join(work, `docs-${mb}`)], [0]],
      ['reach', [BIN, 'reach', input], [0]],
      ['reach --json', [BIN, 'reach', '--json', input], [0]],
    ];
    let parse;
    console.log('| command | wall s | × parse | peak RSS MB | outcome |\n|---|---|---|---|---|');
    for (const [name, args, ok] of rows) {
      const m = measure(args, ok);
      parse ??= m.seconds;
      console.log(
        `| ${name} | ${m.seconds.toFixed(1)} | ${(m.seconds / parse).toFixed(1)}× | ${m.rssMb.toFixed(0)} | ${m.outcome} |`,
      );
    }
  }
} finally {
  if (!process.argv.includes('--keep')) rmSync(work, { recursive: true, force: true });
  else console.log(`\ninputs kept in ${work}`);
}
