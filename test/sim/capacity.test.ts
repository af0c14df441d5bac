// simulate capacity from objects: constraints read from pod templates, min and HPA-max packing,
// utilisation, the smallest uniform pool, and the CLI.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadGraph } from '../../src/pipeline/input.js';
import { NO_RESERVE, parseNodePools } from '../../src/sim/binpack.js';
import { simulateCapacity } from '../../src/sim/capacity.js';

const BIN = new URL('../../bin/shipshape.js', import.meta.url).pathname;

const workload = (kind: string, name: string, replicas: number | undefined, podSpec: string) => `
apiVersion: apps/v1
kind: ${kind}
metadata: {name: ${name}, namespace: shop}
spec:
  ${replicas === undefined ? '' : `replicas: ${replicas}`}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
${podSpec}
---`;
const container = (cpu: string) => `      containers:
        - name: c
          image: example/c:1
          resources: {requests: {cpu: ${cpu}, memory: 256Mi}}`;

const MANIFESTS = [
  workload(
    'Deployment',
    'web',
    2,
    `${container('500m')}
      topologySpreadConstraints:
        - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}`,
  ),
  workload(
    'Deployment',
    'trainer',
    1,
    `${container('1')}
      nodeSelector: {pool: gpu}
      tolerations: [{key: gpu, operator: Exists, effect: NoSchedule}]`,
  ),
  workload('DaemonSet', 'agent', undefined, container('100m')),
  `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 6
`,
].join('\n');

describe('simulateCapacity', () => {
  it("packs at the minimum and at the HPA maximum with the templates' constraints", async () => {
    const { graph } = await loadGraph('-', { stdinText: MANIFESTS });
    const pools = parseNodePools('2x2cpu8Gi,1x4cpu16Gi[pool=gpu;taint:gpu=true:NoSchedule]');
    const r = simulateCapacity(graph, pools, NO_RESERVE);
    // the agent DaemonSet tolerates nothing: it runs on the two untainted nodes only
    expect(r.min.nodes.map((n) => n.pods)).toEqual([2, 2, 1]);
    expect(r.min.pending).toEqual([]);
    // At 6 web pods the spread constraint blocks: its domains are the nodes passing web's node
    // affinity, the tainted gpu node included (nodeTaintsPolicy defaults to Ignore), and web can
    // never run there, so that node keeps 0 and each other node may hold only 1.
    expect(r.max.nodes.map((n) => n.pods)).toEqual([2, 2, 1]);
    expect(r.max.pending).toEqual([
      {
        owner: 'shop/web[Deployment]',
        count: 4,
        reason:
          "0/3 nodes are available: 1 node(s) had untolerated taint {gpu: true}, 2 node(s) didn't match pod topology spread constraints.",
      },
    ]);
    expect(r.max.nodes[0]).toMatchObject({ cpuPercent: 30, memoryPercent: 6.3 });
    // no uniform pool of either shape holds everything: without the gpu label the trainer never
    // fits, and on tainted gpu nodes web and the agent never do
    expect(r.smallestUniformPool).toEqual([
      { shape: '2cpu8Gi' },
      { shape: '4cpu16Gi[pool=gpu;taint:gpu=true:NoSchedule]' },
    ]);
  });
  it('the smallest uniform pool is the fewest nodes leaving nothing Pending', async () => {
    const { graph } = await loadGraph('-', {
      stdinText: [workload('Deployment', 'web', 7, container('500m'))].join('\n'),
    });
    const r = simulateCapacity(graph, parseNodePools('1x1cpu4Gi'), NO_RESERVE);
    expect(r.smallestUniformPool).toEqual([{ shape: '1cpu4Gi', nodes: 4 }]);
  });
});

describe('shipshape simulate capacity', () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, [BIN, 'simulate', 'capacity', '-', ...args], { input: MANIFESTS, encoding: 'utf8' });
  it('exits 1 with Pending pods and their reason, 0 when everything fits, 2 on a bad pool', () => {
    const tight = run(['--nodes', '1x1cpu4Gi']);
    expect(tight.status).toBe(1);
    expect(tight.stdout).toMatch(
      /Pending: 1 pod\(s\) of shop\/trainer\[Deployment\]: 0\/1 nodes are available: 1 node\(s\) didn't match Pod's node affinity\/selector\./,
    );
    expect(run(['--nodes', '3x4cpu16Gi,1x4cpu16Gi[pool=gpu]', '--json']).status).toBe(0);
    const bad = run(['--nodes', 'big']);
    expect([bad.status, bad.stderr]).toEqual([2, expect.stringMatching(/--nodes: node pool "big"/)]);
  });
});
