// What each diagram shows, on small fixtures: network flow (allowed, denied, unintended, open
// namespaces), deployment sequence from the plan, autoscaling defaults, storage chain, overview tiers.
import { describe, it, expect } from 'vitest';
import { graphOf } from '../graph/helpers.js';
import { buildArchitectureDocument } from '../../src/docs/architecture.js';
import { diagramsOf } from '../../src/docs/document.js';
import { computePlan } from '../../src/plan/index.js';
import { parseMermaid } from './mermaid-parser.js';

const yaml = (...docs: object[]) => docs.map((d) => JSON.stringify(d)).join('\n---\n');

function workload(
  name: string,
  opts: {
    kind?: string;
    env?: object[];
    port?: number;
    annotations?: Record<string, string>;
    volumes?: object[];
    extraSpec?: object;
  } = {},
) {
  const kind = opts.kind ?? 'Deployment';
  const pod = {
    metadata: { labels: { app: name } },
    spec: {
      ...(kind === 'Job' && { restartPolicy: 'Never' }),
      containers: [
        {
          name,
          image: `${name}:1`,
          ...(opts.port && { ports: [{ containerPort: opts.port }] }),
          ...(opts.env && { env: opts.env }),
        },
      ],
      ...(opts.volumes && { volumes: opts.volumes }),
    },
  };
  return {
    apiVersion: kind === 'Job' ? 'batch/v1' : 'apps/v1',
    kind,
    metadata: { name, namespace: 'app', ...(opts.annotations && { annotations: opts.annotations }) },
    spec:
      kind === 'Job'
        ? { template: pod }
        : { selector: { matchLabels: { app: name } }, template: pod, ...opts.extraSpec },
  };
}
const service = (name: string, port: number) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'app' },
  spec: { selector: { app: name }, ports: [{ port }] },
});
const policy = (name: string, spec: object) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, namespace: 'app' },
  spec,
});

async function diagrams(...docs: object[]) {
  const graph = await graphOf(yaml(...docs));
  const doc = buildArchitectureDocument(graph, { source: 'fixture' });
  const map = new Map(diagramsOf(doc).map((d) => [d.name, d.text]));
  for (const [name, text] of map)
    await expect(
      parseMermaid(text).catch((e) => {
        throw new Error(`${name}: ${e.message}`);
      }),
    ).resolves.toBeTruthy();
  return { graph, doc, map };
}

describe('network flow', () => {
  const base = [
    workload('api', { env: [{ name: 'DB', value: 'postgres://db:5432/x' }] }),
    workload('db', { port: 5432 }),
    service('db', 5432),
    workload('cache', { port: 6379 }),
    service('cache', 6379),
    policy('default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
  ];

  it('draws an intended connection the policies deny red and dashed', async () => {
    const { map } = await diagrams(...base);
    const net = map.get('network-flow')!;
    const line = net.split('\n').findIndex((l) => l.includes('-.->|"denied TCP 5432"|'));
    expect(line).toBeGreaterThan(0);
    expect(net).toMatch(/linkStyle \d+ stroke:#d62728,stroke-width:2px,stroke-dasharray:6 4/);
    expect(net).not.toContain('unintended');
  });

  it('draws it solid with its port once allowed, and marks an open path nobody intended', async () => {
    const allow = [
      policy('api-egress', { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Egress'], egress: [{}] }),
      policy('db-ingress', {
        podSelector: { matchLabels: { app: 'db' } },
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ port: 5432 }] }],
      }),
      policy('cache-ingress', {
        podSelector: { matchLabels: { app: 'cache' } },
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }] }],
      }),
    ];
    const net = (await diagrams(...base, ...allow)).map.get('network-flow')!;
    expect(net).toMatch(/n_app_api_Deployment_\w+ -->\|"TCP 5432"\| n_app_db_Deployment_\w+/);
    expect(net).toMatch(/n_app_api_Deployment_\w+ ==>\|"unintended All"\| n_app_cache_Deployment_\w+/);
    expect(net).not.toContain('denied');
  });

  it('lists the policies in force with what each applies to and allows', async () => {
    const allow = policy('db-ingress', {
      podSelector: { matchLabels: { app: 'db' } },
      ingress: [
        {
          from: [
            { podSelector: { matchLabels: { app: 'api' } } },
            { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
          ],
          ports: [{ port: 5432 }, { protocol: 'UDP', port: 9000, endPort: 9010 }],
        },
      ],
    });
    const { doc } = await diagrams(...base, allow);
    const table = doc.sections.find((x) => x.title === 'Network flow')!.blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.rows).toEqual([
      [
        'db-ingress',
        'db',
        'pods app=api or 10.0.0.0/8 except 10.1.0.0/16 on TCP 5432, UDP 9000-9010',
        'not restricted',
      ],
      ['default-deny', 'api, cache, db', 'nothing (deny)', 'nothing (deny)'],
    ]);
  });

  it('notes workloads no policy isolates instead of drawing every pair', async () => {
    const net = (await diagrams(workload('a'), workload('b'), workload('c'))).map.get('network-flow')!;
    expect(net).toContain('3 of 3 workloads not isolated for ingress:<br/>any pod may connect to them');
    expect(net).not.toContain('-->');
  });

  it('draws the way in: Internet → Ingress (HTTPS with tls) → backend', async () => {
    const ingress = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web', namespace: 'app' },
      spec: {
        tls: [{ hosts: ['x.example'] }],
        rules: [
          {
            host: 'x.example',
            http: {
              paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'db', port: { number: 5432 } } } }],
            },
          },
        ],
      },
    };
    const net = (await diagrams(workload('db', { port: 5432 }), service('db', 5432), ingress)).map.get('network-flow')!;
    expect(net).toMatch(/n_external_internet_\w+ -->\|"HTTPS 443"\| n_app_web_Ingress_\w+/);
    expect(net).toMatch(/n_app_web_Ingress_\w+ -->\|"db:5432"\| n_app_db_Deployment_\w+/);
  });
});

describe('network flow: peers outside the input', () => {
  const cdc = workload('cdc', { port: 8080 });
  const deny = policy('default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  const cdcPolicy = policy('cdc', {
    podSelector: { matchLabels: { app: 'cdc' } },
    policyTypes: ['Ingress', 'Egress'],
    ingress: [
      {
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
        ports: [{ port: 8080 }],
      },
    ],
    egress: [
      { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }], ports: [{ port: 5432 }] },
      { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }], ports: [{ port: 27017 }] },
    ],
  });

  it('draws a workload that only talks outside: egress to address blocks and ingress from another namespace, with ports', async () => {
    const net = (await diagrams(cdc, deny, cdcPolicy)).map.get('network-flow')!;
    expect(net).toContain('["Outside the input"]');
    expect(net).toMatch(/(n_peer_ip_\w+)\("0\.0\.0\.0\/0 except 10\.0\.0\.0\/8<br\/>address block"\)/);
    expect(net).toMatch(/n_app_cdc_Deployment_\w+ -->\|"TCP 5432, TCP 27017"\| n_peer_ip_\w+/);
    expect(net).toMatch(/n_peer_pods_\w+\("namespace monitoring<br\/>pods all<br\/>not in the input"\)/);
    expect(net).toMatch(/n_peer_pods_\w+ -->\|"TCP 8080"\| n_app_cdc_Deployment_\w+/);
  });

  it('draws a NodePort Service as an entry, with its node port', async () => {
    const nodePort = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'debug', namespace: 'app' },
      spec: { type: 'NodePort', selector: { app: 'cdc' }, ports: [{ name: 'metrics', port: 8080, nodePort: 30080 }] },
    };
    const net = (await diagrams(cdc, nodePort)).map.get('network-flow')!;
    expect(net).toMatch(/n_external_internet_\w+ -->\|"node port 30080, metrics:8080"\| n_app_debug_Service_\w+/);
    expect(net).toMatch(/n_app_debug_Service_\w+ --> n_app_cdc_Deployment_\w+/);
  });

  it('draws every workload, also one nothing connects to', async () => {
    const net = (await diagrams(workload('lonely'), deny)).map.get('network-flow')!;
    expect(net).toMatch(/n_app_lonely_Deployment_\w+\["lonely<br\/>Deployment"\]/);
  });

  it('does not draw a namespace of the input as outside: its workloads are drawn as themselves', async () => {
    const monitoring = { ...workload('prometheus'), metadata: { name: 'prometheus', namespace: 'monitoring' } };
    const net = (await diagrams(cdc, deny, cdcPolicy, monitoring)).map.get('network-flow')!;
    expect(net).not.toContain('namespace monitoring<br/>pods all');
    expect(net).toMatch(/n_monitoring_prometheus_Deployment_\w+ ==>\|"unintended TCP 8080"\| n_app_cdc_Deployment_\w+/);
  });

  it('never emits an empty diagram: with nothing to draw the section says so', async () => {
    const { doc, map } = await diagrams(deny);
    expect(map.has('network-flow')).toBe(false);
    const blocks = doc.sections.find((x) => x.title === 'Network flow')!.blocks;
    expect(blocks[0]).toEqual({ kind: 'text', text: 'No workloads and no entry points: nothing to draw.' });
  });

  it('states what may reach each isolated workload and what the policies deny', async () => {
    const frontend = workload('frontend', { env: [{ name: 'API', value: 'http://api:3000' }] });
    const api = workload('api', { port: 3000, env: [{ name: 'DB', value: 'postgres://db:5432/x' }] });
    const db = workload('db', { port: 5432 });
    const only = (name: string, from: string, port: number) =>
      policy(`${name}-in`, {
        podSelector: { matchLabels: { app: name } },
        ingress: [{ from: [{ podSelector: { matchLabels: { app: from } } }], ports: [{ port }] }],
      });
    const { doc } = await diagrams(
      frontend,
      api,
      service('api', 3000),
      db,
      service('db', 5432),
      only('db', 'api', 5432),
      only('api', 'frontend', 3000),
    );
    const tables = doc.sections.find((x) => x.title === 'Network flow')!.blocks.filter((b) => b.kind === 'table');
    const reach = tables.find((t) => t.kind === 'table' && t.header[0] === 'Workload');
    expect(reach?.kind === 'table' && reach.rows).toEqual([
      ['api', 'frontend (TCP 3000)', 'db'],
      ['db', 'api (TCP 5432)', 'frontend'],
    ]);
  });
});

describe('external Secrets', () => {
  it('reads as created outside shipshape when the Namespace declares them, else as not in the input', async () => {
    const ns = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'app', annotations: { 'shipshape.dev/external-secrets': 'db-credentials:password|user' } },
    };
    const env = [
      { name: 'PW', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } },
      { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'forgotten', key: 'token' } } },
    ];
    const { map } = await diagrams(ns, workload('api', { env }));
    for (const name of ['cluster-overview', 'resource-dependencies']) {
      const text = map.get(name)!;
      expect(text, name).toContain('db-credentials<br/>external Secret (created outside shipshape)');
      expect(text, name).toContain('forgotten<br/>Secret, not in the input');
    }
    // the dependencies diagram marks only the undeclared one missing
    expect(map.get('resource-dependencies')).toMatch(/class n_app_forgotten_Secret_\w+ missing/);
  });
});

describe('deployment sequence', () => {
  it('follows the plan phase by phase, with its waits', async () => {
    const docs = [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'app' } },
      workload('db', { port: 5432, kind: 'StatefulSet', extraSpec: { serviceName: 'db' } }),
      service('db', 5432),
      workload('migrate', { kind: 'Job', env: [{ name: 'DB', value: 'postgres://db:5432/x' }] }),
      workload('api', {
        env: [{ name: 'DB', value: 'postgres://db:5432/x' }],
        annotations: { 'shipshape.dev/after': 'migrate' },
      }),
    ];
    const { graph, map } = await diagrams(...docs);
    const seq = map.get('deployment-sequence')!;
    const plan = computePlan(graph);
    expect(seq.startsWith('sequenceDiagram\n')).toBe(true);
    expect(seq.match(/Op->>Engine: phase/g)?.length).toBe(plan.phases.length);
    const at = (s: string) => seq.indexOf(s);
    expect(at('apply Namespace app')).toBeGreaterThan(0);
    expect(at('apply Namespace app')).toBeLessThan(at('apply StatefulSet db'));
    expect(at('wait until StatefulSet db rolled out')).toBeLessThan(at('apply Job migrate'));
    expect(at('wait until Job migrate complete')).toBeLessThan(at('apply Deployment api'));
  });
});

describe('autoscaling', () => {
  it('shows target, range, metrics and behaviour, with the Kubernetes defaults marked', async () => {
    const hpa = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'api', namespace: 'app' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' },
        maxReplicas: 8,
        behavior: {
          scaleDown: { stabilizationWindowSeconds: 120, policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }] },
        },
      },
    };
    const text = (await diagrams(workload('api'), hpa)).map.get('autoscaling')!;
    expect(text).toContain('HPA api<br/>1 to 8 replicas');
    expect(text).toContain('CPU 80% average utilization (default)');
    expect(text).toContain('scale up: window 0s, Max of +100% per 15s, +4 pods per 15s (default)');
    expect(text).toContain('scale down: window 120s, Max of -50% per 60s');
    expect(text).toMatch(/t_app_api_Deployment_\w+\["Deployment api"\]/);
    expect(text).toMatch(/h_app_api_HorizontalPodAutoscaler_\w+ -->\|"scales"\| t_app_api_Deployment_\w+/);
  });
});

describe('storage', () => {
  it('chains StorageClass → claim → workload with size and access modes; no class means the default one', async () => {
    const sc = {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'fast' },
      provisioner: 'pd.csi.storage.gke.io',
    };
    const pvc = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'uploads', namespace: 'app' },
      spec: { storageClassName: 'fast', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } },
    };
    const sts = workload('db', {
      kind: 'StatefulSet',
      extraSpec: {
        serviceName: 'db',
        replicas: 3,
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } } },
          },
        ],
      },
    });
    const web = workload('web', { volumes: [{ name: 'u', persistentVolumeClaim: { claimName: 'uploads' } }] });
    const text = (await diagrams(sc, pvc, sts, web)).map.get('storage')!;
    expect(text).toContain('StorageClass fast<br/>pd.csi.storage.gke.io');
    expect(text).toContain('PVC uploads<br/>5Gi, ReadWriteOnce');
    expect(text).toContain('volumeClaimTemplate data<br/>20Gi, ReadWriteOnce, × 3 pods');
    expect(text).toContain('default StorageClass');
    expect(text).toMatch(/n_app_uploads_PersistentVolumeClaim_\w+ -->\|"u"\| n_app_web_Deployment_\w+/);
  });
});

describe('cluster overview', () => {
  it('groups components by declared or inferred tier and draws connections with ports', async () => {
    const text = (
      await diagrams(
        workload('api', {
          env: [{ name: 'DB', value: 'postgres://db:5432/x' }],
          annotations: { 'shipshape.dev/tier': 'worker' },
        }),
        workload('db', { port: 5432 }),
        service('db', 5432),
      )
    ).map.get('cluster-overview')!;
    const workers = text.indexOf('["Workers"]');
    const data = text.indexOf('["Data"]');
    expect(workers).toBeGreaterThan(0);
    expect(text.indexOf('api<br/>Deployment')).toBeGreaterThan(workers);
    expect(text.indexOf('db<br/>Deployment')).toBeGreaterThan(data);
    expect(text).toMatch(/n_app_api_Deployment_\w+ -->\|"5432"\| n_app_db_Deployment_\w+/);
  });
});
