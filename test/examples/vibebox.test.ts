// Facts of seed 003 (VibeBox), asserted on the objects examples/vibebox builds.
import { describe, it, expect, beforeAll } from 'vitest';
import { parseMillis, parseUnits } from '../../src/vocabulary/quantity.js';
import { built, type Built, env, ports, servicePorts, hpaFor, resourcesOf, res, bytes, claimAt } from './built.js';
import { PROBE_NAMESPACES, reachability, type Reach } from './reach.js';
import { buildGraph } from '../../src/graph/index.js';
import { computeReachability, intendedConnections } from '../../src/graph/reach.js';
import { isOutsidePeer } from '../../src/graph/outside.js';

/** The document's four namespaces (Frontend, Backend, Database, Docker), by component. */
const NAMESPACE_OF: Record<string, string> = {
  frontend: 'frontend',
  backend: 'backend',
  postgresql: 'database',
  redis: 'database',
  'postgres-backup': 'database',
  'postgres-restore': 'database',
  docker: 'docker',
};
const id = (kind: string, name: string) => `${NAMESPACE_OF[name]}/${name}[${kind}]`;
let b: Built;
let net: Reach;

beforeAll(async () => {
  b = await built('vibebox');
  // Probes in the example's own namespaces too: a stranger pod beside the backend is not the backend.
  net = reachability(b, [...PROBE_NAMESPACES, 'backend', 'frontend']);
});

describe('vibebox: workloads, images and resources (Pod Resource Allocation)', () => {
  const table: Array<[string, string, string, ReturnType<typeof res>]> = [
    ['Deployment', 'frontend', 'nginx:alpine', res('100m', '500m', '128Mi', '512Mi')],
    ['Deployment', 'backend', 'node:20-alpine', res('500m', '2000m', '512Mi', '2Gi')],
    ['StatefulSet', 'postgresql', 'postgres:16-alpine', res('1000m', '4000m', '2Gi', '8Gi')],
    ['StatefulSet', 'redis', 'redis:7-alpine', res('100m', '500m', '256Mi', '1Gi')],
    ['DaemonSet', 'docker', 'docker:dind', res('2000m', '8000m', '4Gi', '16Gi')],
  ];
  for (const [kind, name, image, resources] of table) {
    it(`${kind} ${name}: ${image}, requests/limits as the table`, () => {
      const c = b.container(kind, name);
      expect(c.image).toBe(image);
      expect(resourcesOf(c)).toEqual(resources);
    });
  }

  it('frontend runs 3 replicas; PostgreSQL and Redis one each; Docker on 2 nodes', () => {
    expect(b.get('Deployment', 'frontend').spec.replicas).toBe(3);
    expect(b.get('StatefulSet', 'postgresql').spec.replicas).toBe(1);
    expect(b.get('StatefulSet', 'redis').spec.replicas).toBe(1);
    expect(b.get('DaemonSet', 'docker').metadata.annotations['shipshape.dev/nodes']).toBe('2');
  });

  it('the summary table totals, recomputed from the objects: 6.9 CPU / 12.125Gi requested, 28 CPU / 48.5Gi limits', () => {
    // Pods per workload: fixed replicas, else the HPA minimum; a DaemonSet its declared node count.
    const count = (kind: string, o: any) =>
      kind === 'DaemonSet'
        ? Number(o.metadata.annotations['shipshape.dev/nodes'])
        : (o.spec.replicas ?? hpaFor(b, kind, o.metadata.name).spec.minReplicas);
    const sum = { cpu: [0, 0], memory: [0, 0] };
    for (const kind of ['Deployment', 'StatefulSet', 'DaemonSet']) {
      for (const o of b.all(kind)) {
        const r = resourcesOf(b.container(kind, o.metadata.name));
        const n = count(kind, o);
        for (const k of ['cpu', 'memory'] as const) for (const i of [0, 1]) sum[k][i] += n * r[k][i];
      }
    }
    expect(sum).toEqual({
      cpu: [parseMillis('6.9'), parseMillis('28')],
      memory: [parseUnits('12416Mi'), parseUnits('48.5Gi')],
    });
  });
});

describe('vibebox: services and ports', () => {
  it('frontend serves HTTP on 80, backend the API on 3000, PostgreSQL 5432, Redis 6379, Docker 2375', () => {
    expect(servicePorts(b.get('Service', 'frontend')).some((p) => /:80→/.test(p))).toBe(true);
    expect(servicePorts(b.get('Service', 'backend')).some((p) => /:3000→/.test(p))).toBe(true);
    expect(servicePorts(b.get('Service', 'postgresql')).some((p) => /:5432→/.test(p))).toBe(true);
    expect(servicePorts(b.get('Service', 'redis')).some((p) => /:6379→/.test(p))).toBe(true);
    expect(servicePorts(b.get('Service', 'docker')).some((p) => /:2375→/.test(p))).toBe(true);
    expect(Object.values(ports(b.container('Deployment', 'backend')))).toContain(3000);
    for (const name of ['frontend', 'backend', 'postgresql', 'redis']) {
      expect([undefined, 'ClusterIP']).toContain(b.get('Service', name).spec.type);
    }
  });

  it('the ingress routes the site to frontend:80 and the API to backend:3000 over TLS', () => {
    const servicePort = (ref: any) =>
      ref.port.number ?? b.get('Service', ref.name).spec.ports.find((p: any) => p.name === ref.port.name)?.port;
    const backends = b
      .all('Ingress')
      .flatMap((i) =>
        i.spec.rules.flatMap((r: any) =>
          r.http.paths.map((p: any) => `${p.path} ${p.backend.service.name}:${servicePort(p.backend.service)}`),
        ),
      );
    expect(backends).toEqual(expect.arrayContaining(['/ frontend:80', '/api backend:3000']));
    for (const i of b.all('Ingress')) expect(i.spec.tls?.length, i.metadata.name).toBeGreaterThan(0);
  });
});

describe('vibebox: backend autoscaling', () => {
  it('3–10 replicas on CPU 70%, memory 70% and more than 1000 active WebSocket connections per pod', () => {
    const hpa = hpaFor(b, 'Deployment', 'backend');
    expect([hpa.spec.minReplicas, hpa.spec.maxReplicas]).toEqual([3, 10]);
    expect(hpa.spec.metrics).toEqual(
      expect.arrayContaining([
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
        { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 70 } } },
        expect.objectContaining({
          type: 'Pods',
          pods: expect.objectContaining({ target: { type: 'AverageValue', averageValue: '1000' } }),
        }),
      ]),
    );
    expect(b.get('Deployment', 'backend').spec.replicas).toBeUndefined();
  });

  it('scales up by one pod every 30s and down by one pod every 5 minutes', () => {
    const { scaleUp, scaleDown } = hpaFor(b, 'Deployment', 'backend').spec.behavior;
    expect(scaleUp.policies).toEqual([{ type: 'Pods', value: 1, periodSeconds: 30 }]);
    expect(scaleDown.policies).toEqual([{ type: 'Pods', value: 1, periodSeconds: 300 }]);
  });
});

describe('vibebox: probes and rollout', () => {
  it('backend probes: startup /health/startup 0/3/30/5, liveness /health/live 30/10/3/5, readiness /health/ready 10/5/3/5', () => {
    const c = b.container('Deployment', 'backend');
    const timing = (p: any) => [
      p.httpGet.path,
      p.initialDelaySeconds ?? 0,
      p.periodSeconds,
      p.failureThreshold,
      p.timeoutSeconds,
    ];
    expect(timing(c.startupProbe)).toEqual(['/health/startup', 0, 3, 30, 5]);
    expect(timing(c.livenessProbe)).toEqual(['/health/live', 30, 10, 3, 5]);
    expect(timing(c.readinessProbe)).toEqual(['/health/ready', 10, 5, 3, 5]);
  });

  it('frontend and backend roll one new pod at a time, never below capacity, with 30s graceful shutdown', () => {
    for (const name of ['frontend', 'backend']) {
      const d = b.get('Deployment', name);
      expect(d.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
      expect(d.spec.template.spec.terminationGracePeriodSeconds ?? 30).toBe(30);
    }
  });
});

describe('vibebox: storage', () => {
  it('fast-ssd: AWS EBS gp3 at 3000 IOPS, encrypted, volumes retained', () => {
    expect(b.get('StorageClass', 'fast-ssd')).toMatchObject({
      apiVersion: 'storage.k8s.io/v1',
      provisioner: 'ebs.csi.aws.com',
      parameters: { type: 'gp3', iops: '3000', encrypted: 'true' },
      reclaimPolicy: 'Retain',
    });
  });

  it('the Docker daemons on both nodes share the 500Gi ReadWriteMany claim docker-volumes', () => {
    const pvc = claimAt(b, 'DaemonSet', 'docker', '/var/lib/docker-volumes');
    expect(pvc.metadata.name).toBe('docker-volumes');
    expect(pvc.spec.accessModes).toEqual(['ReadWriteMany']);
    expect(parseUnits(pvc.spec.resources.requests.storage)).toBe(bytes('500Gi'));
  });

  it('PostgreSQL keeps 100Gi (postgres-data) and Redis 10Gi (redis-data), ReadWriteOnce on fast-ssd, mounted at their data folders', () => {
    for (const [name, path, size, claim] of [
      ['postgresql', '/var/lib/postgresql/data', '100Gi', 'postgres-data'],
      ['redis', '/data', '10Gi', 'redis-data'],
    ]) {
      const pvc = claimAt(b, 'StatefulSet', name, path);
      expect(pvc.metadata.name).toBe(claim);
      expect(pvc.spec.accessModes).toEqual(['ReadWriteOnce']);
      expect(pvc.spec.storageClassName).toBe('fast-ssd');
      expect(parseUnits(pvc.spec.resources.requests.storage)).toBe(bytes(size));
    }
  });
});

describe('vibebox: namespaces (Kubernetes Cluster Overview)', () => {
  it('puts each component in the namespace the document draws it in, each namespace isolated', () => {
    for (const [name, namespace] of Object.entries(NAMESPACE_OF)) {
      const workload = b.objects.find(
        (o) =>
          o.metadata.name === name && ['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob', 'Job'].includes(o.kind),
      );
      expect(workload?.metadata.namespace, name).toBe(namespace);
    }
    expect(
      b
        .all('Namespace')
        .map((n) => n.metadata.name)
        .sort(),
    ).toEqual(['backend', 'database', 'docker', 'frontend']);
    for (const ns of ['backend', 'database', 'docker', 'frontend']) {
      expect(b.get('NetworkPolicy', 'default-deny', ns).spec.policyTypes).toEqual(['Ingress', 'Egress']);
      expect(b.get('NetworkPolicy', 'allow-dns', ns)).toBeDefined();
    }
  });

  it('only the Docker namespace admits privileged pods', () => {
    const level = (ns: string) => b.get('Namespace', ns).metadata.labels['pod-security.kubernetes.io/enforce'];
    expect(['frontend', 'backend', 'database'].map(level)).toEqual(['restricted', 'restricted', 'restricted']);
    expect(level('docker')).toBe('privileged');
  });

  it('the backend names its cross-namespace Services by their namespace and reaches them by cluster DNS', () => {
    expect(b.get('Deployment', 'backend').metadata.annotations['shipshape.dev/connects']).toBe(
      'postgresql.database:5432,redis.database:6379,docker.docker:2375',
    );
    expect(env(b.container('Deployment', 'backend'), 'DOCKER_HOST')).toBe('tcp://docker.docker.svc:2375');
  });

  it('each Ingress sits in the namespace of the Service it routes to, beside its TLS Secret', () => {
    for (const name of ['frontend', 'backend']) {
      const ing = b.get('Ingress', name);
      expect(ing.metadata.namespace).toBe(NAMESPACE_OF[name]);
      expect(b.get('Service', ing.spec.rules[0].http.paths[0].backend.service.name, NAMESPACE_OF[name])).toBeDefined();
      expect(b.get('Namespace', NAMESPACE_OF[name]).metadata.annotations['shipshape.dev/external-secrets']).toContain(
        'vibebox-tls:',
      );
    }
  });
});

describe('vibebox: network policies (Network Policies diagram)', () => {
  it('the ingress controller reaches frontend:80 and backend:3000', () => {
    expect(net.allowsFromNamespace('ingress-nginx', 'frontend', 80)).toBe(true);
    expect(net.allowsFromNamespace('ingress-nginx', 'backend', 3000)).toBe(true);
    expect(net.allowsFromNamespace('elsewhere', 'frontend', 80)).toBe(false);
  });

  it('backend reaches PostgreSQL 5432, Redis 6379 and Docker 2375', () => {
    expect(net.allows(id('Deployment', 'backend'), 'postgresql', 5432)).toBe(true);
    expect(net.allows(id('Deployment', 'backend'), 'redis', 6379)).toBe(true);
    expect(net.allows(id('Deployment', 'backend'), 'docker', 2375)).toBe(true);
  });

  it('frontend is denied the data layer and Docker', () => {
    expect(net.allows(id('Deployment', 'frontend'), 'postgresql', 5432)).toBe(false);
    expect(net.allows(id('Deployment', 'frontend'), 'redis', 6379)).toBe(false);
    expect(net.allows(id('Deployment', 'frontend'), 'docker', 2375)).toBe(false);
  });

  it('the frontend reaches the backend across namespaces, and nothing else of the example', () => {
    expect(net.egressTargets(id('Deployment', 'frontend'))).toEqual(['backend:3000']);
  });

  it('the data layer takes connections from the backend only (and PostgreSQL from its backup and restore jobs)', () => {
    expect(net.sources('redis', 6379)).toEqual([id('Deployment', 'backend')]);
    expect(net.sources('postgresql', 5432)).toEqual(
      [id('CronJob', 'postgres-backup'), id('Job', 'postgres-restore'), id('Deployment', 'backend')].sort(),
    );
    expect(net.sources('docker', 2375)).toEqual([id('Deployment', 'backend')]);
    for (const ns of ['ingress-nginx', 'elsewhere', 'backend', 'frontend']) {
      expect(net.allowsFromNamespace(ns, 'postgresql', 5432)).toBe(false);
      expect(net.allowsFromNamespace(ns, 'redis', 6379)).toBe(false);
      expect(net.allowsFromNamespace(ns, 'docker', 2375)).toBe(false);
    }
  });
});

describe('vibebox: backup and restore', () => {
  it('a CronJob dumps PostgreSQL daily at 03:00 UTC, compresses, encrypts and uploads, keeping 30 days', () => {
    const cj = b.get('CronJob', 'postgres-backup');
    expect(cj.spec.schedule).toBe('0 3 * * *');
    expect(cj.spec.timeZone).toBe('Etc/UTC');
    const c = b.container('CronJob', 'postgres-backup');
    expect(env(c, 'BACKUP_BUCKET')).toBe('vibebox-backups');
    const script = c.command!.join(' ');
    for (const step of [
      'pg_dump --format=custom',
      '| gzip',
      'openssl enc -aes-256',
      'aws s3 cp - "s3://$BACKUP_BUCKET/',
      '30 * 86400',
      'aws s3 rm',
    ])
      expect(script).toContain(step);
  });

  it('an alert fires when the daily backup is more than 2 hours overdue (no success for 26h)', () => {
    const rules = b.all('PrometheusRule').flatMap((r) => r.spec.groups.flatMap((g: any) => g.rules));
    const stale = rules.find((r: any) => r.alert === 'PostgresBackupStale');
    expect(stale.expr).toContain(
      'kube_cronjob_status_last_successful_time{namespace="database", cronjob="postgres-backup"}',
    );
    expect(stale.expr).toContain('> 26 * 3600');
  });

  it('a restore Job (suspended, started by hand) downloads, decrypts and runs pg_restore', () => {
    expect(b.get('Job', 'postgres-restore').spec.suspend).toBe(true);
    expect(b.find('CronJob', 'postgres-restore')).toBeUndefined();
    const c = b.container('Job', 'postgres-restore');
    expect(env(c, 'BACKUP_BUCKET')).toBe('vibebox-backups');
    const script = c.command!.join(' ');
    for (const step of ['aws s3 cp "s3://$BACKUP_BUCKET/', 'openssl enc -d -aes-256', 'gunzip', 'pg_restore'])
      expect(script).toContain(step);
  });
});

describe('vibebox: paths to outside the cluster (backups in S3, images from registries)', () => {
  // An address of S3 (us-east-1) and of Docker Hub's registry; NetworkPolicies match addresses.
  const S3_IP = '52.216.8.1';
  const REGISTRY_IP = '54.227.20.253';
  const backup = 'database/postgres-backup[CronJob]';
  const restore = 'database/postgres-restore[Job]';
  const daemons = 'docker/docker[DaemonSet]';

  it('backup (with its 30-day cleanup) and restore reach S3 over HTTPS only, never the private ranges', () => {
    for (const job of [backup, restore]) {
      expect(net.allowsToIp(job, S3_IP, 443), job).toBe(true);
      expect(net.allowsToIp(job, S3_IP, 80), job).toBe(false);
      for (const inside of ['10.1.2.3', '172.16.0.5', '192.168.1.1'])
        expect(net.allowsToIp(job, inside, 443), `${job} → ${inside}`).toBe(false);
    }
  });

  it('the Docker daemons pull from registries over HTTPS; the other workloads do not leave the cluster', () => {
    expect(net.allowsToIp(daemons, REGISTRY_IP, 443)).toBe(true);
    expect(net.allowsToIp(daemons, '10.1.2.3', 443)).toBe(false);
    for (const w of [
      'backend/backend[Deployment]',
      'frontend/frontend[Deployment]',
      'database/postgresql[StatefulSet]',
    ])
      expect(net.allowsToIp(w, S3_IP, 443), w).toBe(false);
  });

  it('the needs read from the objects (aws s3 in the scripts, a dind image) are all allowed', () => {
    const graph = buildGraph(b.objects.map((object) => ({ object, source: {} })));
    const outside = intendedConnections(graph, computeReachability(graph)).filter((c) => isOutsidePeer(c.service));
    expect(outside.map((c) => `${c.from} ${c.service}:${c.port} ${c.status}`).sort()).toEqual([
      `${backup} outside:internet:443 allowed`,
      `${restore} outside:internet:443 allowed`,
      `${daemons} outside:internet:443 allowed`,
    ]);
  });
});
