// verify-doc's matching of diagram nodes and table rows (name, pod labels, image, partial name,
// ambiguity), the objects drawn beside workloads (ConfigMaps, Secrets, PVCs, Ingresses), and the
// autoscaling claims of diagrams and tables held against the HPAs.
import { describe, expect, it } from 'vitest';
import { workloadsOf } from '../../src/graph/workloads.js';
import { matcher, matchLabel, type Match } from '../../src/review/doc-match.js';
import { hpaClaims } from '../../src/review/doc-hpa.js';
import { verifyDocument } from '../../src/review/verify-doc.js';
import { graphOf, deployment, service, docs } from '../graph/helpers.js';

const ids = (m: Match) =>
  m === undefined
    ? 'none'
    : 'ambiguous' in m
      ? `ambiguous ${m.ambiguous.join(' ')}`
      : m.object
        ? `${m.object.id} by ${m.by}`
        : `${m.workloads.map((w) => w.id).join(' ')} by ${m.by}`;

async function matchIn(yaml: string) {
  const graph = await graphOf(yaml);
  const match = matcher(graph, workloadsOf(graph));
  return (text: string) => ids(matchLabel(match, text, 'N'));
}

describe('matching a node to workloads', () => {
  const container = (image: string) => ({ containers: [{ name: 'main', image }] });
  it('by pod labels: app, app.kubernetes.io/name, component', async () => {
    const match = await matchIn(
      docs(
        deployment('shop-frontend-v2', { app: 'storefront' }, container('nginx:1')),
        deployment('pay-7', { 'app.kubernetes.io/name': 'payments' }, container('busybox:1')),
        deployment('ledger-writer', { component: 'bookkeeping' }, container('busybox:1')),
      ),
    );
    expect(match('Storefront')).toBe('default/shop-frontend-v2[Deployment] by label');
    expect(match('Payments<br/>3 replicas')).toBe('default/pay-7[Deployment] by label');
    expect(match('the bookkeeping pods')).toBe('default/ledger-writer[Deployment] by label');
    // The name itself beats a label of another workload.
    expect(match('pay-7')).toBe('default/pay-7[Deployment] by name');
  });

  it('by image repository', async () => {
    const match = await matchIn(docs(deployment('w1', { app: 'w1' }, container('registry.io/team/payments-api:2.1'))));
    expect(match('Payments API server')).toBe('default/w1[Deployment] by image');
    expect(match('Payments')).toBe('none');
  });

  it('by partial name: the words past the system prefix, anywhere in the label', async () => {
    const ns = 'cartridge-warp';
    const match = await matchIn(
      docs(
        deployment('cartridge-warp-ecommerce', { app: 'a' }, container('x:1'), { namespace: ns }),
        deployment('cartridge-warp-users', { app: 'b' }, container('x:1'), { namespace: ns }),
      ),
    );
    expect(match('Ecommerce CDC<br/>Deployment<br/>- 3 replicas')).toBe(
      'cartridge-warp/cartridge-warp-ecommerce[Deployment] by partial name',
    );
    expect(match('CDC for users')).toBe('cartridge-warp/cartridge-warp-users[Deployment] by partial name');
    // The first line names the node; later lines only when it names nothing.
    expect(match('Pod 1<br/>cartridge-warp-users')).toBe('cartridge-warp/cartridge-warp-users[Deployment] by text');
  });

  it('two different candidates with the same best score are ambiguous, listed, not guessed', async () => {
    const match = await matchIn(
      docs(
        deployment('shop-web', { app: 'sw', component: 'cdc' }, container('x:1'), { namespace: 'shop' }),
        deployment('blog-web', { app: 'bw', component: 'cdc' }, container('x:1'), { namespace: 'blog' }),
      ),
    );
    expect(match('Web')).toBe('ambiguous blog/blog-web[Deployment] shop/shop-web[Deployment]');
    expect(match('CDC processor')).toBe('ambiguous blog/blog-web[Deployment] shop/shop-web[Deployment]');
    // A longer, better name settles it.
    expect(match('shop-web')).toBe('shop/shop-web[Deployment] by name');
  });

  it('a Service and its workloads are one candidate; a Secret named like a workload needs its kind word', async () => {
    const secret = JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'postgres' } });
    const match = await matchIn(
      docs(deployment('postgres', { app: 'pg' }, container('postgres:16')), service('postgres', { app: 'pg' }), secret),
    );
    expect(match('PostgreSQL postgres')).toBe('default/postgres[Deployment] by text');
    expect(match('postgres')).toBe('default/postgres[Deployment] by name');
    expect(match('Secret postgres')).toBe('default/postgres[Secret] by text');
  });
});

describe('objects drawn beside workloads', () => {
  const api = deployment(
    'api',
    { app: 'api' },
    {
      containers: [
        {
          name: 'main',
          image: 'shop/api:1',
          envFrom: [{ configMapRef: { name: 'app-config' } }],
          env: [{ name: 'PW', valueFrom: { secretKeyRef: { name: 'db-pass', key: 'password' } } }],
        },
      ],
    },
  );
  const db = deployment(
    'db',
    { app: 'db' },
    {
      containers: [
        {
          name: 'main',
          image: 'postgres:16',
          volumeMounts: [
            { name: 'data-vol', mountPath: '/data' },
            { name: 'scratch', mountPath: '/tmp' },
          ],
        },
      ],
      volumes: [
        { name: 'data-vol', persistentVolumeClaim: { claimName: 'data' } },
        { name: 'scratch', emptyDir: {} },
      ],
    },
  );
  const objects = [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config' }, data: { A: '1' } },
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db-pass' }, stringData: { password: 'hunter2-real' } },
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web' },
      spec: {
        rules: [
          {
            host: 'shop.example.com',
            http: {
              paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 80 } } } }],
            },
          },
        ],
      },
    },
  ].map((o) => JSON.stringify(o));
  const input = docs(api, db, service('api', { app: 'api' }), ...objects);

  it('links judged against uses and routes edges, volumes by their names; a "Kind: name" node the input lacks says so', async () => {
    const doc = [
      '```mermaid', // 1
      'flowchart LR', // 2
      '  CM[ConfigMap app-config] --> A[api]', // 3
      '  S[Secret: db-pass] --> D[db]', // 4
      '  P[PVC: data] --> D', // 5
      '  I[Ingress web] --> A', // 6
      '  I --> D', // 7
      '  X[PVC: scratch] --> D', // 8
      '  S --> A', // 9
      '  V[PVC: data-vol] --> A', // 10: the volume's name stands for the claim it mounts
      '  T[scratch volume] --> D', // 11: an emptyDir is part of the pods
      '```', // 12
    ].join('\n');
    const r = await verifyDocument(doc, 'doc.md', await graphOf(input));
    expect(r.items.map((i) => `${i.line} ${i.kind}: ${i.message}`)).toEqual([
      '4 edge-not-in-architecture: S → D: default/db[Deployment] does not use default/db-pass[Secret]',
      '7 edge-not-in-architecture: I → D: default/web[Ingress] routes to no Service selecting default/db[Deployment]',
      '8 node-unmatched: node X "PVC: scratch" is drawn as the PersistentVolumeClaim scratch; the input has no PersistentVolumeClaim of that name (data)',
      '10 edge-not-in-architecture: V → A: default/api[Deployment] does not use default/data[PersistentVolumeClaim]',
    ]);
    expect(JSON.stringify(r)).not.toContain('hunter2');
  });
});

describe('autoscaling claims', () => {
  const hpa = JSON.stringify({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'api' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' },
      minReplicas: 2,
      maxReplicas: 6,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
      ],
    },
  });
  const input = docs(
    deployment('api', { app: 'api' }, { containers: [{ name: 'main', image: 'shop/api:1' }] }),
    deployment('db', { app: 'db' }, { containers: [{ name: 'main', image: 'postgres:16' }] }),
    hpa,
  );

  it('what a claim reads as', () => {
    expect(hpaClaims('CPU > 70%')).toEqual([{ kind: 'target', metric: 'cpu', percent: 70, said: 'CPU > 70%' }]);
    expect(hpaClaims('Target CPU: 70%<br/>Min: 2<br/>Max: 10').map((c) => c.kind)).toEqual(['target', 'min', 'max']);
    // A reading ("CPU: 45%") is no target outside a target column; in a link it says which metrics feed the HPA.
    expect(hpaClaims('CPU: 45%')).toEqual([]);
    expect(hpaClaims('CPU: 45%<br/>Memory: 60%', { link: true }).map((c) => c.kind)).toEqual(['metric', 'metric']);
    expect(hpaClaims('HPA: 2-6, CPU 70%', { targetCell: true }).map((c) => c.kind)).toEqual(['target', 'min', 'max']);
  });

  it('in a diagram about autoscaling, on the workload drawn; in tables, on the row’s workload', async () => {
    const doc = [
      '```mermaid', // 1
      'flowchart LR', // 2
      '  M[Metrics Server] -->|CPU/Memory| H[HPA]', // 3
      '  H -->|CPU > 80%| A[api<br/>Min: 2, Max: 5]', // 4
      '  M -->|CPU: 45%| H', // 5
      '```', // 6
      '', // 7
      '| component | HPA | min replicas | target CPU |', // 8
      '| --- | --- | --- | --- |', // 9
      '| api | 2-6, CPU 70% | 3 | 75% |', // 10
      '| db | 2-6 | 1 | 50% |', // 11
    ].join('\n');
    const r = await verifyDocument(doc, 'doc.md', await graphOf(input));
    expect(r.items.filter((i) => i.kind === 'autoscaling-mismatch').map((i) => `${i.line} ${i.message}`)).toEqual([
      '3 "Memory": default/api[HorizontalPodAutoscaler] does not scale on memory (it scales on cpu 70% average utilization)',
      '4 "Max: 5": default/api[HorizontalPodAutoscaler] has maxReplicas 6',
      '4 "CPU > 80%": default/api[HorizontalPodAutoscaler] targets CPU 70% average utilization',
      '10 "min replicas: 3": default/api[HorizontalPodAutoscaler] has minReplicas 2',
      '10 "target CPU: 75%": default/api[HorizontalPodAutoscaler] targets CPU 70% average utilization',
    ]);
    // The min replicas column of the autoscaled row is the HPA's, judged once; db has no HPA.
    expect(r.items.filter((i) => i.kind === 'table-number').map((i) => i.message)).toEqual([]);
  });

  it('a diagram that is not about autoscaling is not read for it', async () => {
    const doc = '```mermaid\nflowchart LR\n  A[api<br/>Max: 5] -->|CPU > 80%| D[db]\n```\n';
    const r = await verifyDocument(doc, 'doc.md', await graphOf(input));
    expect(r.items.filter((i) => i.kind === 'autoscaling-mismatch')).toEqual([]);
  });
});
