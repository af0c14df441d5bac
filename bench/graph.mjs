// Benchmark: reading + graphing manifests against a raw YAML parse of the same bytes, in the
// same run. Goal (issue 3): graph time ≤ 2× raw parse time. Run after `npx tsc -p .`:
//   node bench/graph.mjs [corpus-dir]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import jsyaml from 'js-yaml';
import { parseAllDocuments } from 'yaml';
import { readManifests } from '../dist/k8s/read.js';
import { buildGraph } from '../dist/graph/index.js';
import { fileURLToPath } from 'node:url';

const CORPUS = process.argv[2] ?? fileURLToPath(new URL('../../shared/corpus', import.meta.url));
const RUNS = 7;

function files(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? files(p) : /\.ya?ml$/.test(n) ? [p] : [];
    });
}

/** Median times of `a` and `b`, run alternately after a warm-up, so heap and JIT state are shared fairly. */
async function alternate(a, b) {
  await a();
  await b();
  const ta = [];
  const tb = [];
  for (let i = 0; i < RUNS; i++) {
    for (const [fn, times] of [
      [a, ta],
      [b, tb],
    ]) {
      const t = process.hrtime.bigint();
      await fn();
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  }
  const median = (xs) => xs.sort((x, y) => x - y)[Math.floor(RUNS / 2)];
  return [median(ta), median(tb)];
}

function once(fn) {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

const inputs = [
  'argo-cd/install.yaml',
  'kube-prometheus/manifests/grafana-dashboardDefinitions.yaml',
  'kube-prometheus/manifests/setup/0prometheusCustomResourceDefinition.yaml',
  'otel-demo/opentelemetry-demo.yaml',
].map((f) => ({ name: f, text: readFileSync(join(CORPUS, f), 'utf8') }));

// A 10 MB concatenation of every corpus YAML file (repeated until it is that big; the
// parseable ones only, so both sides do the same work).
const parseable = files(CORPUS)
  .map((f) => readFileSync(f, 'utf8'))
  .filter((t) => {
    try {
      jsyaml.loadAll(t);
      return true;
    } catch {
      return false;
    }
  });
let big = '';
while (big.length < 10 * 1024 * 1024) big += parseable.map((t) => `---\n${t}\n`).join('');
inputs.push({ name: `concatenation (${parseable.length} files, repeated)`, text: big });

console.log(
  'input'.padEnd(78),
  'MB'.padStart(6),
  'js-yaml ms'.padStart(11),
  'yaml ms (1 run)'.padStart(16),
  'graph ms'.padStart(9),
  'graph/js-yaml'.padStart(14),
);
for (const { name, text } of inputs) {
  let nodes = 0;
  let edges = 0;
  const [jsYamlMs, graphMs] = await alternate(
    () => jsyaml.loadAll(text),
    async () => {
      const r = await readManifests(['-'], { stdinText: text });
      const g = buildGraph(r.objects, r.messages);
      nodes = g.nodes.length;
      edges = g.edges.length;
    },
  );
  // The `yaml` package (the one with error positions) for reference: one run, it is slow.
  const yamlMs = text.length < 3e6 ? once(() => parseAllDocuments(text).forEach((d) => d.toJS())) : NaN;
  console.log(
    name.padEnd(78),
    (text.length / 1048576).toFixed(2).padStart(6),
    jsYamlMs.toFixed(1).padStart(11),
    (Number.isNaN(yamlMs) ? '-' : yamlMs.toFixed(1)).padStart(16),
    graphMs.toFixed(1).padStart(9),
    `${(graphMs / jsYamlMs).toFixed(2)}×`.padStart(14),
    ` (${nodes} nodes, ${edges} edges)`,
  );
}
