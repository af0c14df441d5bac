// Reachability benchmark: generated clusters of 1k, 2k, 5k and 10k pods in 50 namespaces, with
// policies proportional to the workloads. Run against the build: `npx tsc -p . && node bench/reach.mjs`.
//
// Each cluster is what `kubectl get pods,networkpolicies,namespaces -A -o yaml` would show: Pods
// owned by ReplicaSets (4 replicas each, so pods collapse into their workload and their class),
// grouped into apps of four tiers (web, api, worker, db) per namespace. Per namespace: a
// default-deny for both directions and a DNS egress rule; per app: web open to the ingress
// namespace and to the internet minus private ranges, api open to its web, db open to its api and
// worker, egress within the app, and the db's egress to a per-namespace backup CIDR. Every
// workload carries its own `name` label, so classes are as many as workloads.
import { buildGraph } from '../dist/graph/build.js';
import { computeReachability } from '../dist/graph/reach.js';

const NAMESPACES = 50;
const REPLICAS = 4;
const TIERS = ['web', 'api', 'worker', 'db'];

function generate(pods) {
  const objects = [];
  const workloads = pods / REPLICAS;
  const apps = Math.ceil(workloads / TIERS.length);
  const np = (ns, name, spec) =>
    objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name, namespace: ns },
      spec,
    });
  for (let n = 0; n < NAMESPACES; n++) {
    const ns = `team-${n}`;
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { team: `t${n}` } } });
    np(ns, 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    np(ns, 'dns', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
              podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
            },
          ],
          ports: [{ port: 53, protocol: 'UDP' }, { port: 53 }],
        },
      ],
    });
  }
  let made = 0;
  for (let a = 0; a < apps && made < workloads; a++) {
    const ns = `team-${a % NAMESPACES}`;
    const app = `app-${a}`;
    for (const tier of TIERS) {
      if (made++ >= workloads) break;
      const name = `${app}-${tier}`;
      const labels = { app, tier, name };
      for (let r = 0; r < REPLICAS; r++) {
        objects.push({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            name: `${name}-7f9c-${r}`,
            namespace: ns,
            labels: { ...labels, 'pod-template-hash': '7f9c' },
            ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${name}-7f9c`, controller: true }],
          },
          spec: {
            containers: [
              {
                name: tier,
                image: `${name}:1`,
                ports: [
                  { name: 'http', containerPort: 8080 },
                  { name: 'metrics', containerPort: 9090 },
                ],
              },
            ],
          },
        });
      }
    }
    const sel = (tier) => ({ matchLabels: { app, tier } });
    np(ns, `${app}-web`, {
      podSelector: sel('web'),
      ingress: [
        {
          from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }],
          ports: [{ port: 'http' }],
        },
        {
          from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } }],
          ports: [{ port: 8080 }],
        },
      ],
    });
    np(ns, `${app}-api`, {
      podSelector: sel('api'),
      ingress: [{ from: [{ podSelector: sel('web') }], ports: [{ port: 'http' }] }],
    });
    np(ns, `${app}-db`, {
      podSelector: sel('db'),
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: sel('api') }, { podSelector: sel('worker') }], ports: [{ port: 8080 }] }],
      egress: [
        { to: [{ ipBlock: { cidr: `192.168.${a % NAMESPACES}.0/24` } }], ports: [{ port: 5432, endPort: 5440 }] },
      ],
    });
    np(ns, `${app}-egress`, {
      podSelector: { matchLabels: { app } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: { matchLabels: { app } } }] }],
    });
  }
  return objects;
}

const ms = (t) => Number(process.hrtime.bigint() - t) / 1e6;
const rows = [];
// Warm-up (JIT), so the first size is not charged for compiling.
computeReachability(buildGraph(generate(1000).map((object) => ({ object, source: {} })))).connections();
for (const pods of [1000, 2000, 5000, 10000]) {
  const objects = generate(pods);
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy').length;
  const graph = buildGraph(objects.map((object) => ({ object, source: {} })));
  // Best of five: the machine is shared, so one busy moment does not decide the figure.
  let best = Infinity;
  let result;
  for (let i = 0; i < 5; i++) {
    const t = process.hrtime.bigint();
    const reach = computeReachability(graph);
    const connections = reach.connections();
    best = Math.min(best, ms(t));
    result = { workloads: reach.workloads.length, ranges: reach.externals.length, connections: connections.length };
  }
  rows.push({ pods, policies, ...result, ms: Math.round(best), usPerPod: Math.round((best * 1000) / pods) });
}
console.table(rows);
const first = rows[0];
const last = rows[rows.length - 1];
console.log(
  `${last.pods / first.pods}x the pods took ${(last.ms / first.ms).toFixed(1)}x the time (quadratic would be ${((last.pods / first.pods) ** 2).toFixed(0)}x)`,
);
