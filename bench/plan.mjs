// Benchmark: computing the rollout plan against building the graph it reads, in the same run, on
// the whole corpus and on generated systems (N components, each a Deployment + Service +
// ConfigMap, connecting to up to three earlier components). Goal: planning costs less than
// building the graph. Run after `npx tsc -p .`:  node bench/plan.mjs
import { readManifests } from '../dist/k8s/read.js';
import { buildGraph } from '../dist/graph/index.js';
import { computePlan } from '../dist/plan/index.js';
import { fileURLToPath } from 'node:url';

const RUNS = 5;
function median(fn) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

function generated(n) {
  const objects = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'big' } }];
  for (let i = 0; i < n; i++) {
    const name = `svc-${i}`;
    const labels = { app: name };
    // Deterministic fan-in: each component calls up to three earlier ones.
    const deps = [i - 1, Math.floor(i / 2), Math.floor(i / 7)].filter(
      (d, k, a) => d >= 0 && d < i && a.indexOf(d) === k,
    );
    objects.push(
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'big' }, data: { LEVEL: String(i) } },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name, namespace: 'big' },
        spec: { selector: labels, ports: [{ port: 8080 }] },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name, namespace: 'big' },
        spec: {
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              containers: [
                {
                  name: 'app',
                  image: 'example/app:1',
                  envFrom: [{ configMapRef: { name } }],
                  env: deps.map((d, k) => ({ name: `DEP_${k}_ADDR`, value: `svc-${d}:8080` })),
                },
              ],
            },
          },
        },
      },
    );
  }
  return objects.map((object) => ({ object, source: {} }));
}

const inputs = [
  {
    name: 'corpus (all folders)',
    objects: (await readManifests([fileURLToPath(new URL('../../shared/corpus', import.meta.url))])).objects,
  },
];
for (const n of [200, 1000, 3000]) inputs.push({ name: `generated, ${n} components`, objects: generated(n) });

console.log(
  'input'.padEnd(30),
  'objects'.padStart(8),
  'graph ms'.padStart(9),
  'plan ms'.padStart(8),
  'phases'.padStart(7),
  'plan/graph'.padStart(11),
);
for (const { name, objects } of inputs) {
  const graphMs = median(() => buildGraph(objects, []));
  const graph = buildGraph(objects, []);
  const planMs = median(() => computePlan(graph));
  const phases = computePlan(graph).phases.length;
  console.log(
    name.padEnd(30),
    String(objects.length).padStart(8),
    graphMs.toFixed(1).padStart(9),
    planMs.toFixed(1).padStart(8),
    String(phases).padStart(7),
    (planMs / graphMs).toFixed(2).padStart(11),
  );
}
