// Check catalogue benchmark: the schema, references, security, availability and capacity families
// over generated applications of 1k, 2k and 4k workloads in 50 namespaces, each workload with a
// Service, a ConfigMap, a PodDisruptionBudget and an HPA (5 objects per workload), packed onto a
// declared pool. Run against the build: `npx tsc -p . && node bench/check.mjs`. It must grow
// near-linearly with the number of objects (checks index the graph instead of scanning it per object).
import { buildGraph } from '../dist/graph/build.js';
import { allChecks, runChecks } from '../dist/checks/index.js';

const FAMILIES = new Set(['schema', 'references', 'security', 'availability', 'capacity']);

function generate(workloads) {
  const objects = [];
  for (let i = 0; i < workloads; i++) {
    const namespace = `ns${i % 50}`;
    const name = `app${i}`;
    const labels = { app: name };
    const container = {
      name: 'app',
      image: 'example/app:1.0.0',
      ports: [{ name: 'http', containerPort: 8080 }],
      env: [{ name: 'LEVEL', valueFrom: { configMapKeyRef: { name: `${name}-config`, key: 'level' } } }],
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
      readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
    };
    objects.push(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name, namespace },
        spec: {
          selector: { matchLabels: labels },
          template: { metadata: { labels }, spec: { containers: [container] } },
        },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name, namespace },
        spec: { selector: labels, ports: [{ port: 80, targetPort: 'http' }] },
      },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${name}-config`, namespace }, data: { level: 'info' } },
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name, namespace },
        spec: { minAvailable: 1, selector: { matchLabels: labels } },
      },
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name, namespace },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
          minReplicas: 2,
          maxReplicas: 5,
          metrics: [
            { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
          ],
        },
      },
    );
  }
  return objects.map((object) => ({ object, source: {} }));
}

const checks = allChecks.filter((c) => FAMILIES.has(c.family));
runChecks(buildGraph(generate(50)), { checks }); // warm up: module loading and JIT
const rows = [];
for (const workloads of [1000, 2000, 4000]) {
  const graph = buildGraph(generate(workloads));
  const start = performance.now();
  const findings = runChecks(graph, { checks, options: { nodes: '60x8cpu32Gi' } });
  const ms = performance.now() - start;
  rows.push({ workloads, objects: graph.nodes.length, findings: findings.length, ms: Math.round(ms) });
}
for (const r of rows)
  console.log(
    `${String(r.workloads).padStart(5)} workloads  ${String(r.objects).padStart(6)} objects  ${String(r.findings).padStart(6)} findings  ${String(r.ms).padStart(6)} ms`,
  );
const [first, last] = [rows[0], rows[rows.length - 1]];
console.log(`${last.workloads / first.workloads}× the workloads, ${(last.ms / first.ms).toFixed(1)}× the time`);
