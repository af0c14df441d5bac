// Facts of seeds 000 and 001 (sagaz), asserted on the objects examples/sagaz builds.
import { describe, it, expect, beforeAll } from 'vitest';
import { built, type Built, env, ports, servicePorts, hpaFor, resourcesOf, res, bytes, claimAt } from './built.js';
import { reachability, type Reach } from './reach.js';

const NS = 'sagaz';
let dev: Built;
let prod: Built;
let net: Reach;

beforeAll(async () => {
  dev = await built('sagaz', 'dev');
  prod = await built('sagaz', 'prod');
  net = reachability(dev);
});

describe('sagaz: namespace, configuration and secrets', () => {
  it('lives in namespace sagaz', () => {
    expect(dev.get('Namespace', NS)).toBeTruthy();
    for (const o of dev.objects)
      if (o.kind !== 'Namespace' && o.kind !== 'StorageClass')
        expect(o.metadata.namespace, `${o.kind} ${o.metadata.name}`).toBe(NS);
  });

  it('the worker reads DATABASE_URL and RABBITMQ_URL from the two credential Secrets', () => {
    const c = dev.container('Deployment', 'outbox-worker');
    expect(env(c, 'DATABASE_URL').secretKeyRef.name).toBe('sagaz-db-credentials');
    expect(env(c, 'DATABASE_URL').secretKeyRef.key).toBe('connection-string');
    expect(env(c, 'RABBITMQ_URL').secretKeyRef.name).toBe('sagaz-broker-credentials');
  });

  it('no Secret values are built: credentials are referenced, not embedded', () => {
    for (const s of prod.all('Secret')) {
      expect(s.data ?? {}, s.metadata.name).toEqual({});
      expect(s.stringData ?? {}, s.metadata.name).toEqual({});
    }
  });

  it('WORKER_ID is the pod name', () => {
    expect(env(dev.container('Deployment', 'outbox-worker'), 'WORKER_ID')).toEqual({
      fieldRef: { fieldPath: 'metadata.name' },
    });
  });

  it('the worker takes configuration from the outbox-worker-config ConfigMap, RabbitMQ from rabbitmq-config', () => {
    const refsConfigMap = (kind: string, name: string, cm: string) => {
      const pod = dev.pod(kind, name);
      const json = JSON.stringify({ containers: pod.containers, volumes: pod.volumes });
      return json.includes(`"name":"${cm}"`);
    };
    expect(dev.get('ConfigMap', 'outbox-worker-config')).toBeTruthy();
    expect(refsConfigMap('Deployment', 'outbox-worker', 'outbox-worker-config')).toBe(true);
    expect(dev.get('ConfigMap', 'rabbitmq-config')).toBeTruthy();
    expect(refsConfigMap('Deployment', 'rabbitmq', 'rabbitmq-config')).toBe(true);
  });
});

describe('sagaz: data layer', () => {
  it('PostgreSQL is a StatefulSet (postgresql-0) with a persistent volume claim template and Service postgresql:5432', () => {
    const sts = dev.get('StatefulSet', 'postgresql');
    expect(sts.spec.replicas).toBe(1);
    expect(sts.spec.volumeClaimTemplates?.length).toBeGreaterThan(0);
    expect(servicePorts(dev.get('Service', 'postgresql')).some((p) => p.includes(':5432→'))).toBe(true);
  });

  it('RabbitMQ serves AMQP on 5672 and management on 15672', () => {
    const svc = dev.get('Service', 'rabbitmq');
    const numbers = svc.spec.ports.map((p: any) => p.port);
    expect(numbers).toEqual(expect.arrayContaining([5672, 15672]));
    expect(Object.values(ports(dev.container('Deployment', 'rabbitmq')))).toEqual(
      expect.arrayContaining([5672, 15672]),
    );
  });

  it('migration Job runs after PostgreSQL; a benchmark Job exists', () => {
    const jobs = dev.all('Job').map((j) => j.metadata.name);
    const migration = dev.all('Job').find((j) => /migrat/.test(j.metadata.name));
    expect(migration, `jobs: ${jobs}`).toBeTruthy();
    expect(migration.metadata.annotations['shipshape.dev/after']).toMatch(/\bpostgresql\b/);
    expect(
      dev.all('Job').some((j) => /bench/.test(j.metadata.name)),
      `jobs: ${jobs}`,
    ).toBe(true);
  });

  it('PostgreSQL backup (001 Backup & Recovery): a daily pg_dump of saga_db as postgres into its own volume, reaching PostgreSQL only', () => {
    const cron = dev.get('CronJob', 'postgresql-backup');
    expect(cron.spec).toMatchObject({ schedule: '0 2 * * *', concurrencyPolicy: 'Forbid' });
    const c = dev.container('CronJob', 'postgresql-backup');
    expect(c.command?.join(' ')).toContain('pg_dump');
    const envs = Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value ?? e.valueFrom]));
    expect(envs).toMatchObject({
      PGHOST: 'postgresql',
      PGUSER: 'postgres',
      PGDATABASE: 'saga_db',
      PGPASSWORD: { secretKeyRef: { name: 'sagaz-db-credentials', key: 'postgres-password' } },
    });
    expect(claimAt(dev, 'CronJob', 'postgresql-backup', '/backups').spec.accessModes).toEqual(['ReadWriteOnce']);
    expect(net.egressTargets('sagaz/postgresql-backup[CronJob]')).toEqual(['postgresql:5432']);
  });
});

describe('sagaz: outbox worker', () => {
  it('autoscales 3–10 on outbox_pending_events_total averaging 1000 per pod; the Deployment fixes no replica count', () => {
    const hpa = hpaFor(dev, 'Deployment', 'outbox-worker');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect([hpa.spec.minReplicas, hpa.spec.maxReplicas]).toEqual([3, 10]);
    expect(hpa.spec.metrics).toContainEqual({
      type: 'Pods',
      pods: { metric: { name: 'outbox_pending_events_total' }, target: { type: 'AverageValue', averageValue: '1000' } },
    });
    expect(dev.get('Deployment', 'outbox-worker').spec.replicas).toBeUndefined();
  });

  it('scales up by at most 4 pods and down by at most 50% per period (000 HPA diagram)', () => {
    const behavior = hpaFor(dev, 'Deployment', 'outbox-worker').spec.behavior;
    expect(behavior.scaleUp.policies).toContainEqual(expect.objectContaining({ type: 'Pods', value: 4 }));
    expect(behavior.scaleDown.policies).toContainEqual(expect.objectContaining({ type: 'Percent', value: 50 }));
  });

  it('exposes metrics on 8000 through Service outbox-worker-metrics', () => {
    expect(ports(dev.container('Deployment', 'outbox-worker'))).toMatchObject({ metrics: 8000 });
    expect(servicePorts(dev.get('Service', 'outbox-worker-metrics')).some((p) => p.includes(':8000→'))).toBe(true);
  });

  it('probes import the sagaz package', () => {
    const c = dev.container('Deployment', 'outbox-worker');
    for (const probe of [c.livenessProbe, c.readinessProbe]) {
      expect(probe?.exec?.command).toEqual(['python', '-c', 'import sagaz']);
    }
  });

  it('has /tmp on an emptyDir, its own ServiceAccount and a PodDisruptionBudget', () => {
    const pod = dev.pod('Deployment', 'outbox-worker');
    const tmp = dev.container('Deployment', 'outbox-worker').volumeMounts?.find((m) => m.mountPath === '/tmp');
    expect(pod.volumes?.find((v) => v.name === tmp?.name)?.emptyDir).toBeDefined();
    expect(dev.get('ServiceAccount', pod.serviceAccountName!)).toBeTruthy();
    const pdb = dev
      .all('PodDisruptionBudget')
      .find((p) =>
        Object.entries(p.spec.selector.matchLabels).every(
          ([k, v]) => dev.podLabels('Deployment', 'outbox-worker')[k] === v,
        ),
      );
    expect(pdb).toBeTruthy();
  });

  it('pods run as UID 1000, read-only root, no privilege escalation, all capabilities dropped', () => {
    for (const b of [dev, prod]) {
      for (const kind of ['Deployment', 'StatefulSet', 'Job']) {
        for (const w of b.all(kind)) {
          const pod = b.pod(kind, w.metadata.name);
          for (const c of pod.containers) {
            const where = `${kind} ${w.metadata.name} ${c.name}`;
            const runAsUser = c.securityContext?.runAsUser ?? pod.securityContext?.runAsUser;
            if (w.metadata.name === 'outbox-worker') expect(runAsUser, where).toBe(1000);
            expect(c.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot, where).toBe(true);
            expect(c.securityContext?.readOnlyRootFilesystem, where).toBe(true);
            expect(c.securityContext?.allowPrivilegeEscalation, where).toBe(false);
            expect(c.securityContext?.capabilities?.drop, where).toContain('ALL');
          }
        }
      }
    }
  });
});

describe('sagaz: resources per profile (001)', () => {
  it('dev: worker 200m / 256Mi, PostgreSQL 500m / 1Gi', () => {
    const w = resourcesOf(dev.container('Deployment', 'outbox-worker'));
    expect([w.cpu[0], w.memory[0]]).toEqual([200, bytes('256Mi')]);
    const pg = resourcesOf(dev.container('StatefulSet', 'postgresql'));
    expect([pg.cpu[0], pg.memory[0]]).toEqual([500, bytes('1Gi')]);
  });

  it('prod: worker 500m–1000m / 512Mi–1Gi, PostgreSQL 2–4 cores / 4–8Gi', () => {
    expect(resourcesOf(prod.container('Deployment', 'outbox-worker'))).toEqual(res('500m', '1000m', '512Mi', '1Gi'));
    expect(resourcesOf(prod.container('StatefulSet', 'postgresql'))).toEqual(res('2', '4', '4Gi', '8Gi'));
  });
});

describe('sagaz: network policies (001 Security)', () => {
  it('workers reach PostgreSQL and the broker', () => {
    expect(net.allows(`${NS}/outbox-worker[Deployment]`, 'postgresql', 5432)).toBe(true);
    expect(net.allows(`${NS}/outbox-worker[Deployment]`, 'rabbitmq', 5672)).toBe(true);
  });

  it('workers reach nothing else in the namespace', () => {
    expect(net.allows(`${NS}/outbox-worker[Deployment]`, 'rabbitmq', 15672)).toBe(false);
    expect(net.egressTargets(`${NS}/outbox-worker[Deployment]`)).toEqual(['postgresql:5432', 'rabbitmq:5672']);
  });

  it('the migration Job reaches PostgreSQL', () => {
    const migration = dev.all('Job').find((j) => /migrat/.test(j.metadata.name));
    expect(net.allows(`${NS}/${migration.metadata.name}[Job]`, 'postgresql', 5432)).toBe(true);
  });

  it('no ingress from outside the namespace, except Prometheus scraping the worker metrics', () => {
    for (const ns of ['elsewhere', 'ingress-nginx', 'monitoring']) {
      expect(net.allowsFromNamespace(ns, 'postgresql', 5432), ns).toBe(false);
      expect(net.allowsFromNamespace(ns, 'rabbitmq', 5672), ns).toBe(false);
      expect(net.allowsFromNamespace(ns, 'rabbitmq', 15672), ns).toBe(false);
      expect(net.allowsFromNamespace(ns, 'outbox-worker-metrics', 8000), ns).toBe(ns === 'monitoring');
    }
  });
});

describe('sagaz: monitoring (001)', () => {
  it('the worker declares the four outbox metrics', () => {
    const names = dev
      .get('Deployment', 'outbox-worker')
      .metadata.annotations['shipshape.dev/exports-metrics'].split(',');
    expect(names).toEqual(
      expect.arrayContaining([
        'outbox_pending_events_total',
        'outbox_published_events_total',
        'outbox_failed_events_total',
        'outbox_publish_duration_seconds',
      ]),
    );
  });

  it('alerts OutboxHighLag, OutboxWorkerDown and OutboxHighErrorRate are rules', () => {
    const alerts = dev
      .all('PrometheusRule')
      .flatMap((r) => r.spec.groups.flatMap((g: any) => g.rules.map((x: any) => x.alert)));
    expect(alerts).toEqual(expect.arrayContaining(['OutboxHighLag', 'OutboxWorkerDown', 'OutboxHighErrorRate']));
  });
});

describe('sagaz: Secrets from the External Secrets Operator in production (001, Secrets Management)', () => {
  it('prod syncs sagaz-db-credentials from the SecretStore vault-backend, connection-string from sagaz/postgres/connection', async () => {
    const prod = await built('sagaz', 'prod');
    const es = prod.get('ExternalSecret', 'sagaz-db-credentials');
    expect(es.apiVersion).toBe('external-secrets.io/v1beta1');
    expect(es.metadata.namespace).toBe('sagaz');
    expect(es.spec.secretStoreRef).toEqual({ name: 'vault-backend', kind: 'SecretStore' });
    expect(es.spec.target.name).toBe('sagaz-db-credentials');
    expect(es.spec.data).toContainEqual({
      secretKey: 'connection-string',
      remoteRef: { key: 'sagaz/postgres/connection' },
    });
    // Every declared key is synced, so the Secret holds what the workloads read.
    expect(
      prod
        .all('ExternalSecret')
        .flatMap((e: any) => e.spec.data.map((d: any) => d.secretKey))
        .sort(),
    ).toEqual(['bootstrap-servers', 'connection-string', 'postgres-password', 'rabbitmq-url']);
  });

  it('the base and dev profiles create no ExternalSecret (Secrets are made by hand or from local values)', async () => {
    expect((await built('sagaz')).all('ExternalSecret')).toEqual([]);
    expect((await built('sagaz', 'dev')).all('ExternalSecret')).toEqual([]);
  });
});
