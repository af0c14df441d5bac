// Benchmark: reading + graphing manifests against a raw YAML parse of the same bytes, in the
// same run. Goal (issue 3): graph time ≤ 2× raw parse time. Run after `npx tsc -p .`:
//   node bench/graph.mjs [corpus-dir]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import jsyaml from 'js-yaml';
import { parseAllDocuments } from 'yaml';
import { readManifests } from '../dist/k8s/read.js';
import { buildGraph } from '../dist/graph/index.js';

const CORPUS = process.argv[2] ?? '/work/shared/corpus';
const RUNS = 5;

function files(dir) {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

function median(fn) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

async function medianAsync(fn) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

const inputs = [
  'argo-cd/install.yaml',
  'kube-prometheus/manifests/grafana-dashboardDefinitions.yaml',
  'kube-prometheus/manifests/setup/0prometheusCustomResourceDefinition.yaml',
  'otel-demo/opentelemetry-demo.yaml',
].map((f) => ({ name: f, text: readFileSync(join(CORPUS, f), 'utf8') }));

// A 10 MB concatenation of every corpus YAML file (repeated until it is that big; the
// parseable ones only, so both sides do the same work).
const parseable = files(CORPUS).map((f) => readFileSync(f, 'utf8')).filter((t) => {
  try { jsyaml.loadAll(t); return true; } catch { return false; }
});
let big = '';
while (big.length < 10 * 1024 * 1024) big += parseable.map((t) => `---\n${t}\n`).join('');
inputs.push({ name: `concatenation (${parseable.length} files, repeated)`, text: big });

console.log('input'.padEnd(78), 'MB'.padStart(6), 'js-yaml ms'.padStart(11), 'yaml ms'.padStart(9), 'graph ms'.padStart(9), 'graph/js-yaml'.padStart(14));
for (const { name, text } of inputs) {
  const jsYamlMs = median(() => jsyaml.loadAll(text));
  const yamlMs = text.length < 3e6 ? median(() => parseAllDocuments(text).forEach((d) => d.toJS())) : NaN;
  let nodes = 0;
  let edges = 0;
  const graphMs = await medianAsync(async () => {
    const r = await readManifests(['-'], { stdinText: text });
    const g = buildGraph(r.objects, r.messages);
    nodes = g.nodes.length;
    edges = g.edges.length;
  });
  console.log(
    name.padEnd(78), (text.length / 1048576).toFixed(2).padStart(6), jsYamlMs.toFixed(1).padStart(11),
    (Number.isNaN(yamlMs) ? '-' : yamlMs.toFixed(1)).padStart(9), graphMs.toFixed(1).padStart(9),
    `${(graphMs / jsYamlMs).toFixed(2)}×`.padStart(14), ` (${nodes} nodes, ${edges} edges)`,
  );
}
