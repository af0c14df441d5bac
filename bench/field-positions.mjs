// What pointing findings at their fields costs beside the checks themselves: `check`'s work on the
// corpus (read, graph, checks) and then pointAtFields, which parses again only documents with
// findings. Run against the build: `npx tsc -p . && node bench/field-positions.mjs [input]`.
import { performance } from 'node:perf_hooks';
import { loadGraph } from '../dist/pipeline/input.js';
import { runChecks } from '../dist/checks/index.js';
import { pointAtFields } from '../dist/pipeline/field-positions.js';

const input = process.argv[2] ?? new URL('../../shared/corpus', import.meta.url).pathname;
const RUNS = 7;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const read = [],
  checks = [],
  positions = [];
let findings = [];
for (let i = 0; i < RUNS; i++) {
  let t = performance.now();
  const { graph } = await loadGraph(input);
  read.push(performance.now() - t);
  t = performance.now();
  findings = runChecks(graph);
  checks.push(performance.now() - t);
  t = performance.now();
  findings = pointAtFields(findings, graph);
  positions.push(performance.now() - t);
}
const moved = findings.filter((f) => f.column !== undefined).length;
console.log(`${input}: ${findings.length} findings, ${moved} pointed at their field (median of ${RUNS} runs)`);
console.log(`read + graph   ${median(read).toFixed(0)} ms`);
console.log(`checks         ${median(checks).toFixed(0)} ms`);
console.log(`field positions ${median(positions).toFixed(0)} ms`);
