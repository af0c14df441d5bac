// What each seed document draws, asserted on the diagrams `shipshape docs` generates for its
// example (issue 8: "docs produces diagrams whose nodes and edges show what the document draws").
// The diagrams are read back from the rendered Mermaid (test/docs/mermaid-reader.ts): nodes by
// their label, the subgraphs (namespace, tier, column) around them, and links with their text and
// style. Where shipshape draws a seed's picture in its own form, the comment says why.
import { describe, it, expect, beforeAll } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadGraph } from '../../src/pipeline/input.js';
import { buildArchitectureDocument } from '../../src/docs/architecture.js';
import { diagramsOf, type ArchitectureDocument } from '../../src/docs/document.js';
import {
  edgesBetween,
  names,
  nodeLabelled,
  readFlowchart,
  type Flow,
  type FlowEdge,
  type FlowNode,
} from '../docs/mermaid-reader.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Docs {
  doc: ArchitectureDocument;
  flow(name: string): Flow;
  text(name: string): string;
  /** Rows of the first table of a section whose header starts with `first`. */
  table(section: string, first: string): string[][];
}

async function docsOf(example: string): Promise<Docs> {
  const { graph } = await loadGraph(`examples/${example}`, {});
  const doc = buildArchitectureDocument(graph, { source: `examples/${example}` });
  const texts = new Map(diagramsOf(doc).map((d) => [d.name, d.text]));
  const text = (name: string): string => {
    const t = texts.get(name);
    if (t === undefined) throw new Error(`no diagram ${name}; diagrams: ${[...texts.keys()].join(', ')}`);
    return t;
  };
  return {
    doc,
    text,
    flow: (name) => readFlowchart(text(name)),
    table: (section, first) => {
      const blocks = doc.sections.find((s) => s.title === section)?.blocks ?? [];
      const t = blocks.find((b) => b.kind === 'table' && b.header[0] === first);
      if (!t || t.kind !== 'table') throw new Error(`no table ${first} in ${section}`);
      return t.rows;
    },
  };
}

/** The one link between two nodes (by first label line); fails the test when there is none or several. */
function edge(flow: Flow, from: string, to: string): FlowEdge {
  const hits = edgesBetween(flow, from, to);
  expect(hits.length, `links ${from} → ${to}`).toBe(1);
  return hits[0];
}

/** A workload's name without the namespace the label carries when the input has several. */
function bare(line: string): string {
  return line.replace(/^.*\//, '');
}

/** A node labelled `name` (or `namespace/name`) and kind. */
function is(node: FlowNode, name: string, kind: string): boolean {
  return names(node.lines[0], name) && node.lines[1] === kind;
}

/** Allowed network paths are solid (`-->`, no style); denied ones red dashed; unintended orange. */
function expectAllowed(flow: Flow, from: string, to: string, text: string): void {
  const e = edge(flow, from, to);
  expect(e.arrow).toBe('-->');
  expect(e.style).toBeUndefined();
  expect(e.text).toBe(text);
}

/** The workloads a reach-table row says may NOT reach `workload`. */
function deniedTo(d: Docs, workload: string): string[] {
  const row = d.table('Network flow', 'Workload').find((r) => r[0] === workload || r[0].endsWith(`/${workload}`));
  if (!row) throw new Error(`${workload} is not isolated for ingress`);
  return row[2].split(', ').map(bare);
}

beforeAll(() => {
  process.chdir(ROOT);
});

describe('sagaz (seeds 000 and 001)', () => {
  let d: Docs;
  beforeAll(async () => {
    d = await docsOf('sagaz');
  });

  it('overview: the namespace with data, worker, job and config tiers and their connections', () => {
    const f = d.flow('cluster-overview');
    expect(nodeLabelled(f, 'postgresql').groups).toEqual(['Namespace sagaz', 'Data']);
    expect(nodeLabelled(f, 'rabbitmq').groups).toEqual(['Namespace sagaz', 'Data']);
    // The seed draws Worker 1, 2, 3 … N: shipshape draws the Deployment once (its replicas are
    // pods of one template); the replica range is in the pod diagram and the autoscaling section.
    expect(nodeLabelled(f, 'outbox-worker', 'Deployment').groups).toEqual(['Namespace sagaz', 'Workers']);
    expect(nodeLabelled(f, 'migration', 'Job').groups).toEqual(['Namespace sagaz', 'Jobs']);
    expect(nodeLabelled(f, 'benchmark', 'Job').groups).toEqual(['Namespace sagaz', 'Jobs']);
    // The seed's "Secrets" box is the two Secrets 001 names (000's diagram 2 misspells them "sage-"),
    // declared as created outside the manifests; "ConfigMap" is the worker's.
    for (const secret of ['sagaz-db-credentials', 'sagaz-broker-credentials']) {
      expect(nodeLabelled(f, secret, 'external Secret (created outside shipshape)').groups).toEqual([
        'Namespace sagaz',
        'Config',
      ]);
      expect(edge(f, secret, 'outbox-worker').arrow).toBe('-.->');
    }
    expect(edge(f, 'outbox-worker-config', 'outbox-worker').arrow).toBe('-.->');
    expect(edge(f, 'outbox-worker', 'postgresql').text).toBe('5432');
    expect(edge(f, 'outbox-worker', 'rabbitmq').text).toBe('5672');
    expect(edge(f, 'migration', 'postgresql').text).toBe('5432');
  });

  it('resource dependencies: Secrets and ConfigMaps → workloads → Services with ports', () => {
    const f = d.flow('resource-dependencies');
    for (const secret of ['sagaz-db-credentials', 'sagaz-broker-credentials']) {
      expect(nodeLabelled(f, secret).groups.at(-1)).toBe('Secrets');
      edge(f, secret, 'outbox-worker');
    }
    expect(nodeLabelled(f, 'outbox-worker-config').groups.at(-1)).toBe('ConfigMaps');
    edge(f, 'outbox-worker-config', 'outbox-worker');
    edge(f, 'rabbitmq-config', 'rabbitmq');
    // Services with the ports the seed writes on them (000 diagrams 2 and 6: 5432, 5672, 15672, 8000).
    expect(nodeLabelled(f, 'postgresql', 'postgresql:5432→postgresql').groups.at(-1)).toBe('Services');
    expect(nodeLabelled(f, 'rabbitmq', 'amqp:5672→amqp, management:15672→management').groups.at(-1)).toBe('Services');
    expect(nodeLabelled(f, 'outbox-worker-metrics', 'metrics:8000→metrics').groups.at(-1)).toBe('Services');
    // The seed draws PostgreSQL as a Deployment; the example runs it as a StatefulSet (001's storage).
    const pg = f.edges.filter((e) => is(e.from, 'postgresql', 'StatefulSet') && e.to.lines[0] === 'postgresql');
    expect(pg.length).toBe(1);
    edge(f, 'rabbitmq', 'rabbitmq');
    edge(f, 'outbox-worker', 'outbox-worker-metrics');
  });

  it('network: workers reach PostgreSQL and the broker only; nothing from outside but metrics scraping', () => {
    const f = d.flow('network-flow');
    expectAllowed(f, 'outbox-worker', 'postgresql', 'TCP 5432');
    expectAllowed(f, 'outbox-worker', 'rabbitmq', 'TCP 5672');
    expectAllowed(f, 'migration', 'postgresql', 'TCP 5432');
    expect(f.edges.filter((e) => e.style !== undefined)).toEqual([]);
    // Inside the cluster the worker may reach only what it connects to (and the cluster DNS).
    expect(
      f.edges
        .filter((e) => e.from.lines[0] === 'outbox-worker')
        .map((e) => e.to.lines[0])
        .sort(),
    ).toEqual(['namespace kube-system', 'postgresql', 'rabbitmq']);
    // From outside the namespace: only the monitoring namespace, only on the metrics port.
    const fromOutside = f.edges.filter((e) => e.from.groups.includes('Outside the input'));
    expect(fromOutside.map((e) => [e.from.lines[0], e.to.lines[0], e.text])).toEqual([
      ['namespace monitoring', 'outbox-worker', 'TCP 8000'],
    ]);
    expect(deniedTo(d, 'postgresql')).toContain('rabbitmq');
  });

  it('deployment sequence: namespace, config, PostgreSQL ready, migration complete, then the workers', () => {
    const seq = d.text('deployment-sequence');
    const at = (s: string) => {
      const i = seq.indexOf(s);
      expect(i, s).toBeGreaterThan(0);
      return i;
    };
    // The seed's Secrets step is out of band here (external Secrets are not applied by shipshape),
    // and RabbitMQ starts beside PostgreSQL: nothing it needs waits for the migration.
    expect(at('apply Namespace sagaz')).toBeLessThan(at('apply ConfigMap'));
    expect(at('apply ConfigMap')).toBeLessThan(at('apply StatefulSet postgresql'));
    expect(at('wait until StatefulSet postgresql rolled out')).toBeLessThan(at('apply Job migration'));
    expect(at('Deployment rabbitmq rolled out')).toBeLessThan(at('apply Deployment outbox-worker'));
    expect(at('wait until Job migration complete')).toBeLessThan(at('apply Deployment outbox-worker'));
  });

  it('pod internals: the worker container with its probes, /tmp emptyDir and env sources', () => {
    const f = d.flow('pod-sagaz-outbox-worker-deployment');
    const container = nodeLabelled(f, 'container outbox-worker');
    expect(container.lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^liveness: exec python -c import sagaz/),
        expect.stringMatching(/^readiness: exec python -c import sagaz/),
      ]),
    );
    const env = nodeLabelled(f, 'env of outbox-worker');
    expect(env.lines).toEqual(
      expect.arrayContaining([
        'all keys of ConfigMap outbox-worker-config',
        'DATABASE_URL ← Secret sagaz-db-credentials key connection-string',
        expect.stringMatching(/^RABBITMQ_URL ← Secret sagaz-broker-credentials/),
        'WORKER_ID ← field metadata.name',
      ]),
    );
    expect(edge(f, 'volume tmp', 'container outbox-worker').text).toBe('/tmp');
    edge(f, 'env of outbox-worker', 'container outbox-worker');
  });

  it('autoscaling: the worker HPA with +4 pods up and -50% down', () => {
    const f = d.flow('autoscaling');
    // 000 scales on CPU 70%, 001 on pending outbox events; the example follows 001 (detailed spec).
    const hpa = nodeLabelled(f, 'HPA outbox-worker', '3 to 10 replicas');
    const behaviour = f.nodes.find((n) => n.groups.includes(hpa.lines.join(' ')) && n.lines[0].startsWith('scale up'))!;
    expect(behaviour.lines[0]).toContain('+4 pods per 60s');
    expect(behaviour.lines[1]).toContain('-50% per 60s');
    expect(edge(f, 'HPA outbox-worker', 'Deployment outbox-worker').text).toBe('scales');
  });
});

describe('OpenRSVP (seed 002)', () => {
  let d: Docs;
  beforeAll(async () => {
    d = await docsOf('openrsvp');
  });

  it('overview: ingress → web tier → PostgreSQL; the worker tier as CronJobs that use the database', () => {
    const f = d.flow('cluster-overview');
    expect(nodeLabelled(f, 'openrsvp-web', 'Ingress').groups).toEqual(['Namespace openrsvp', 'Ingress']);
    expect(nodeLabelled(f, 'openrsvp-web', 'Deployment').groups).toEqual(['Namespace openrsvp', 'Web / app']);
    expect(nodeLabelled(f, 'postgresql', 'StatefulSet').groups).toEqual(['Namespace openrsvp', 'Data']);
    // The seed's "Worker Tier (CronJob)": shipshape puts scheduled jobs in its Jobs tier.
    for (const job of ['decay-cycle', 'vacuum-db']) {
      expect(nodeLabelled(f, job, 'CronJob').groups).toEqual(['Namespace openrsvp', 'Jobs']);
      expect(edge(f, job, 'postgresql').text).toBe('5432');
    }
    const web = f.edges.filter((e) => is(e.from, 'openrsvp-web', 'Ingress') && is(e.to, 'openrsvp-web', 'Deployment'));
    expect(web.length).toBe(1);
    expect(
      f.edges
        .filter((e) => is(e.from, 'openrsvp-web', 'Deployment') && e.to.lines[0] === 'postgresql')
        .map((e) => e.text),
    ).toEqual(['5432']);
    expect(edge(f, 'db-migrate', 'postgresql').text).toBe('5432');
  });

  it('network: the user reaches the web tier through the TLS ingress; web and jobs reach PostgreSQL', () => {
    const f = d.flow('network-flow');
    const internet = f.edges.filter((e) => e.from.lines[0] === 'Internet').map((e) => [e.to.lines.join(' '), e.text]);
    expect(internet).toEqual([['openrsvp-web Ingress', 'HTTPS 443']]);
    const routed = f.edges.filter((e) => is(e.from, 'openrsvp-web', 'Ingress'));
    expect(routed.map((e) => e.to.lines.join())).toEqual(['openrsvp-web,Deployment']);
    expect(
      f.edges
        .filter((e) => is(e.from, 'openrsvp-web', 'Deployment') && e.to.lines[0] === 'postgresql')
        .map((e) => [e.text, e.style]),
    ).toEqual([['TCP 5432', undefined]]);
    for (const job of ['decay-cycle', 'vacuum-db', 'db-migrate']) expectAllowed(f, job, 'postgresql', 'TCP 5432');
  });

  it('deployment sequence: the Alembic migration completes before the web tier', () => {
    const seq = d.text('deployment-sequence');
    expect(seq.indexOf('Job db-migrate complete')).toBeGreaterThan(0);
    expect(seq.indexOf('Job db-migrate complete')).toBeLessThan(seq.indexOf('apply Deployment openrsvp-web'));
  });

  it('autoscaling: web HPA 2 to 10 on CPU 70%', () => {
    const f = d.flow('autoscaling');
    nodeLabelled(f, 'HPA openrsvp-web', '2 to 10 replicas');
    expect(nodeLabelled(f, 'metrics').lines).toContain('cpu 70% average utilization');
  });

  it('schedules: decay hourly, vacuum every 12 hours', () => {
    const rows = d.table('CronJob schedules', 'CronJob');
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ['decay-cycle', '`0 * * * *`'],
      ['vacuum-db', '`0 */12 * * *`'],
    ]);
  });
});

describe('VibeBox (seed 003)', () => {
  let d: Docs;
  beforeAll(async () => {
    d = await docsOf('vibebox');
  });

  it('overview: ingress, application, data and runtime layers with the backend connections', () => {
    const f = d.flow('cluster-overview');
    const tier = (name: string, kind: string) => nodeLabelled(f, name, kind).groups.at(-1);
    expect(tier('frontend', 'Ingress')).toBe('Ingress');
    expect(tier('backend', 'Ingress')).toBe('Ingress');
    expect(tier('frontend', 'Deployment')).toBe('Web / app');
    expect(tier('backend', 'Deployment')).toBe('Web / app');
    expect(tier('postgresql', 'StatefulSet')).toBe('Data');
    expect(tier('redis', 'StatefulSet')).toBe('Data');
    // The seed's "Runtime Layer": a DaemonSet is drawn in the Workers tier.
    expect(tier('docker', 'DaemonSet')).toBe('Workers');
    const backend = (to: string) =>
      f.edges.filter((e) => is(e.from, 'backend', 'Deployment') && names(e.to.lines[0], to)).map((e) => e.text);
    expect(backend('postgresql')).toEqual(['5432']);
    expect(backend('redis')).toEqual(['6379']);
    expect(backend('docker')).toEqual(['2375']);
    // "Kubernetes Secrets → backend pods, PostgreSQL pod"
    expect(
      f.edges.some(
        (e) => e.from.lines[1] === 'external Secret (created outside shipshape)' && is(e.to, 'backend', 'Deployment'),
      ),
    ).toBe(true);
    expect(
      f.edges.some(
        (e) =>
          e.from.lines[1] === 'external Secret (created outside shipshape)' && is(e.to, 'postgresql', 'StatefulSet'),
      ),
    ).toBe(true);
  });

  it('network: Internet → ingress HTTPS 443 → frontend and backend; backend → PostgreSQL 5432, Redis 6379, Docker 2375', () => {
    const f = d.flow('network-flow');
    const fromInternet = f.edges.filter((e) => e.from.lines[0] === 'Internet');
    expect(fromInternet.map((e) => [`${bare(e.to.lines[0])} ${e.to.lines[1]}`, e.text]).sort()).toEqual([
      ['backend Ingress', 'HTTPS 443'],
      ['frontend Ingress', 'HTTPS 443'],
    ]);
    expect(f.edges.some((e) => is(e.from, 'frontend', 'Ingress') && is(e.to, 'frontend', 'Deployment'))).toBe(true);
    expect(f.edges.some((e) => is(e.from, 'backend', 'Ingress') && is(e.to, 'backend', 'Deployment'))).toBe(true);
    const fromBackend = f.edges.filter((e) => is(e.from, 'backend', 'Deployment') && e.from.className === 'workload');
    const inCluster = fromBackend.filter((e) => !e.to.groups.includes('Outside the input'));
    expect(inCluster.map((e) => [bare(e.to.lines[0]), e.text, e.arrow, e.style]).sort()).toEqual([
      ['docker', 'TCP 2375', '-->', undefined],
      ['postgresql', 'TCP 5432', '-->', undefined],
      ['redis', 'TCP 6379', '-->', undefined],
    ]);
    // "Network Policy: backend — allow from ingress & frontend"
    expectAllowed(f, 'frontend', 'backend', 'TCP 3000');
  });

  it('network: the frontend may not reach the data layer or Docker (the seed\'s red "Denied" arrows)', () => {
    // The seed's denied arrows are paths nothing intends, so they are not connections to draw red:
    // the diagram draws no path at all from the frontend to them, and the reach table, computed
    // from the policies, lists the frontend among the workloads each of them denies.
    const f = d.flow('network-flow');
    for (const target of ['postgresql', 'redis', 'docker']) {
      expect(edgesBetween(f, 'frontend', target), `frontend → ${target}`).toEqual([]);
      expect(deniedTo(d, target)).toContain('frontend');
    }
    // "Databases only from backend": neither data service may be reached from the Docker daemon or each other.
    expect(deniedTo(d, 'postgresql')).toEqual(expect.arrayContaining(['docker', 'redis']));
    expect(deniedTo(d, 'redis')).toEqual(expect.arrayContaining(['docker', 'postgresql']));
  });

  it('storage: fast-ssd → postgres-data 100Gi and redis-data 10Gi; docker-volumes 500Gi ReadWriteMany', () => {
    const f = d.flow('storage');
    const chain = (claim: string, workload: string) => {
      const c = f.nodes.find((n) => n.lines[0].endsWith(claim))!;
      expect(c, claim).toBeDefined();
      expect(
        f.edges.some((e) => e.from === c && names(e.to.lines[0], workload)),
        `${claim} → ${workload}`,
      ).toBe(true);
      return c;
    };
    expect(chain('postgres-data', 'postgresql').lines[1]).toMatch(/^100Gi, ReadWriteOnce/);
    expect(chain('redis-data', 'redis').lines[1]).toMatch(/^10Gi, ReadWriteOnce/);
    expect(chain('docker-volumes', 'docker').lines[1]).toBe('500Gi, ReadWriteMany');
    for (const claim of ['postgres-data', 'redis-data']) {
      expect(f.edges.some((e) => e.from.lines[0] === 'StorageClass fast-ssd' && e.to.lines[0].endsWith(claim))).toBe(
        true,
      );
    }
  });

  it('autoscaling: backend 3 to 10 on CPU, memory and active WebSocket connections; +1 pod per 30s, -1 per 5 min', () => {
    const f = d.flow('autoscaling');
    // `HPA backend`, or `HPA backend/backend` (namespace/name) since VibeBox spans namespaces.
    expect(
      f.nodes.filter((n) => /^HPA (backend\/)?backend$/.test(n.lines[0]) && n.lines[1] === '3 to 10 replicas'),
    ).toHaveLength(1);
    expect(nodeLabelled(f, 'metrics').lines).toEqual(
      expect.arrayContaining([
        'cpu 70% average utilization',
        'memory 70% average utilization',
        expect.stringMatching(/websocket.* average 1000$/),
      ]),
    );
    const behaviour = f.nodes.find((n) => n.lines[0].startsWith('scale up'))!;
    expect(behaviour.lines).toEqual([
      'scale up: window 0s, Max of +1 pods per 30s',
      expect.stringMatching(/^scale down: window \d+s, Max of -1 pods per 300s$/),
    ]);
  });

  it('schedules: the daily 03:00 backup', () => {
    expect(d.table('CronJob schedules', 'CronJob').map((r) => [bare(r[0]), r[1]])).toEqual([
      ['postgres-backup', '`0 3 * * *`'],
    ]);
  });
});

describe('cartridge-warp (seed 004)', () => {
  let d: Docs;
  const deployments = ['ecommerce', 'users', 'analytics', 'development'].map((s) => `cartridge-warp-${s}`);
  beforeAll(async () => {
    d = await docsOf('cartridge-warp');
  });

  it('overview: the four CDC Deployments in their namespace, with config and the credentials Secret', () => {
    const f = d.flow('cluster-overview');
    for (const name of deployments)
      expect(nodeLabelled(f, name, 'Deployment').groups[0]).toBe('Namespace cartridge-warp');
    nodeLabelled(f, 'cartridge-warp-secrets', 'external Secret (created outside shipshape)');
    // "Secrets → ecommerce, users, analytics"; "ConfigMaps → every Deployment"
    for (const name of deployments.slice(0, 3)) edge(f, 'cartridge-warp-secrets', name);
    for (const name of deployments)
      expect(
        f.edges.some((e) => e.from.lines[1] === 'ConfigMap' && names(e.to.lines[0], name)),
        name,
      ).toBe(true);
  });

  it('resource dependencies: a Service per Deployment on the metrics port 8080', () => {
    const f = d.flow('resource-dependencies');
    for (const name of deployments) {
      const services = f.edges.filter((e) => is(e.from, name, 'Deployment') && e.to.groups.at(-1) === 'Services');
      expect(
        services.some((e) => names(e.to.lines[0], name) && e.to.lines[1].includes('metrics:8080')),
        name,
      ).toBe(true);
    }
  });

  it('network: every CDC Deployment drawn, egress to its sources and the warehouse outside the cluster, scraped from cartridge-infra', () => {
    const f = d.flow('network-flow');
    // The seed draws the sources flowing into the Deployments (MongoDB → ecommerce); shipshape
    // draws who opens the connection: the Deployment, to the public address block, with the port
    // (MongoDB 27017, MySQL 3306, BigQuery 443, the PostgreSQL warehouse 5432).
    const egress = (name: string) => {
      const hits = f.edges.filter((e) => names(e.from.lines[0], name) && e.to.lines[1] === 'address block');
      expect(hits.length, name).toBe(1);
      expect(hits[0].to.lines[0]).toBe('0.0.0.0/0 except 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16');
      return hits[0].text!.split(', ');
    };
    expect(egress('cartridge-warp-ecommerce')).toEqual(expect.arrayContaining(['TCP 27017', 'TCP 5432']));
    expect(egress('cartridge-warp-users')).toEqual(expect.arrayContaining(['TCP 3306', 'TCP 5432']));
    expect(egress('cartridge-warp-analytics')).toEqual(expect.arrayContaining(['TCP 443', 'TCP 5432']));
    expect(egress('cartridge-warp-development')).toEqual(
      expect.arrayContaining(['TCP 27017', 'TCP 3306', 'TCP 443', 'TCP 5432']),
    );
    // "Development Service — NodePort 30080, debug access": an entry from outside the cluster.
    const entry = nodeLabelled(f, 'cartridge-warp-development', 'Service NodePort');
    expect(f.edges.find((e) => e.from.lines[0] === 'Internet' && e.to === entry)?.text).toMatch(
      /^node port 30080, metrics:8080/,
    );
    expect(f.edges.some((e) => e.from === entry && is(e.to, 'cartridge-warp-development', 'Deployment'))).toBe(true);
    // Prometheus in the infrastructure namespace scrapes the metrics port.
    for (const name of deployments) {
      const scrape = f.edges.filter(
        (e) => e.from.lines[0] === 'namespace cartridge-infra' && is(e.to, name, 'Deployment'),
      );
      expect(
        scrape.map((e) => e.text),
        name,
      ).toEqual(['TCP 8080']);
    }
  });

  it('storage: fast-ssd → the 10Gi logs claim → ecommerce', () => {
    const f = d.flow('storage');
    const logs = nodeLabelled(f, 'PVC cartridge-warp-logs', '10Gi, ReadWriteOnce');
    expect(f.edges.some((e) => e.from.lines[0] === 'StorageClass fast-ssd' && e.to === logs)).toBe(true);
    expect(f.edges.some((e) => e.from === logs && e.to.lines[0] === 'cartridge-warp-ecommerce')).toBe(true);
  });
});
