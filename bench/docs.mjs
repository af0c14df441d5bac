// Docs benchmark: building the architecture document and its files (Markdown and .mmd) from the
// graphs of the largest corpus inputs and of the whole corpus read as one input, median and
// minimum of 30 runs after 3 warm-ups. Run against the build: `npx tsc -p . && node bench/docs.mjs`.
import { join } from 'node:path';
import { loadGraph } from '../dist/pipeline/input.js';
import { buildArchitectureDocument, docsFiles } from '../dist/docs/architecture.js';

const CORPUS = new URL('../../shared/corpus/', import.meta.url).pathname;
const INPUTS = ['kube-prometheus', 'argo-cd', 'otel-demo', 'online-boutique', '.'];
const RUNS = 30;

const rows = [];
for (const name of INPUTS) {
  const { graph } = await loadGraph(join(CORPUS, name), { namespace: 'default' });
  const times = [];
  for (let i = 0; i < RUNS + 3; i++) {
    const start = performance.now();
    await docsFiles(buildArchitectureDocument(graph, { source: name }), false);
    if (i >= 3) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  rows.push({
    input: name === '.' ? 'whole corpus' : name,
    objects: graph.nodes.length,
    'median ms': +times[RUNS >> 1].toFixed(1),
    'min ms': +times[0].toFixed(1),
  });
}
console.table(rows);
