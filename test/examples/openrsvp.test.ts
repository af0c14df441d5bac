// Facts of seed 002 (OpenRSVP), asserted on the objects examples/openrsvp builds: the target
// architecture (web Deployment + CronJob workers + in-cluster PostgreSQL) and option A (one
// scheduler Deployment instead of the CronJobs) and the managed database (RDS outside the cluster).
import { describe, it, expect, beforeAll } from 'vitest';
import { built, type Built, env, hpaFor } from './built.js';
import { reachability, type Reach } from './reach.js';

const NS = 'openrsvp';
const id = (kind: string, name: string) => `${NS}/${name}[${kind}]`;
let b: Built;
let optionA: Built;
let managed: Built;
let net: Reach;

beforeAll(async () => {
  b = await built('openrsvp');
  optionA = await built('openrsvp', 'scheduler-deployment');
  managed = await built('openrsvp', 'managed-database');
  net = reachability(b);
});

describe('openrsvp: web tier', () => {
  it('openrsvp-web runs FastAPI with the in-process scheduler disabled', () => {
    const c = b.container('Deployment', 'openrsvp-web');
    expect(env(c, 'SCHEDULER_ENABLED')).toBe('false');
  });

  it('autoscales 2–10 on 70% CPU', () => {
    const hpa = hpaFor(b, 'Deployment', 'openrsvp-web');
    expect([hpa.spec.minReplicas, hpa.spec.maxReplicas]).toEqual([2, 10]);
    expect(hpa.spec.metrics).toContainEqual({
      type: 'Resource',
      resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
    });
  });

  it('rolls out with a rolling update', () => {
    expect(b.get('Deployment', 'openrsvp-web').spec.strategy?.type ?? 'RollingUpdate').toBe('RollingUpdate');
  });

  it('Service openrsvp-web is ClusterIP, behind an Ingress with TLS and rate limiting', () => {
    expect([undefined, 'ClusterIP']).toContain(b.get('Service', 'openrsvp-web').spec.type);
    const ingress = b.all('Ingress').find((i) => JSON.stringify(i.spec.rules).includes('"name":"openrsvp-web"'));
    expect(ingress).toBeTruthy();
    expect(ingress.spec.tls?.[0]?.secretName).toBeTruthy();
    expect(
      Object.keys(ingress.metadata.annotations ?? {}).some((k) => k.startsWith('nginx.ingress.kubernetes.io/limit-')),
    ).toBe(true);
  });

  it('web starts only after the Alembic migration Job, which runs after PostgreSQL', () => {
    const migration = b.get('Job', 'db-migrate');
    expect(JSON.stringify(b.container('Job', 'db-migrate').args ?? b.container('Job', 'db-migrate').command)).toContain(
      'alembic',
    );
    expect(migration.metadata.annotations['shipshape.dev/after']).toMatch(/\bpostgresql\b/);
    expect(b.get('Deployment', 'openrsvp-web').metadata.annotations['shipshape.dev/after']).toMatch(/\bdb-migrate\b/);
  });
});

describe('openrsvp: worker tier as CronJobs (option B, recommended)', () => {
  it('decay-cycle runs hourly, vacuum-db every 12 hours, never two at once', () => {
    expect(b.get('CronJob', 'decay-cycle').spec).toMatchObject({ schedule: '0 * * * *', concurrencyPolicy: 'Forbid' });
    expect(b.get('CronJob', 'vacuum-db').spec).toMatchObject({ schedule: '0 */12 * * *', concurrencyPolicy: 'Forbid' });
  });

  it('there is no option-A scheduler Deployment, and the CronJobs run', () => {
    expect(b.find('Deployment', 'openrsvp-worker')).toBeUndefined();
    expect(b.objects.filter((o) => o.metadata.name === 'openrsvp-worker')).toEqual([]);
    expect(b.all('CronJob').map((c) => c.spec.suspend ?? false)).toEqual([false, false]);
  });

  it('web, workers and the migration use one application image', () => {
    const images = new Set([
      b.container('Deployment', 'openrsvp-web').image,
      b.container('CronJob', 'decay-cycle').image,
      b.container('CronJob', 'vacuum-db').image,
      b.container('Job', 'db-migrate').image,
    ]);
    expect(images.size).toBe(1);
  });
});

describe('openrsvp: option A, one scheduler Deployment', () => {
  it('openrsvp-worker: exactly one replica with the scheduler enabled, replaced (not surged) on rollout', () => {
    const d = optionA.get('Deployment', 'openrsvp-worker');
    expect(d.spec.replicas).toBe(1);
    expect(d.spec.strategy).toEqual({ type: 'Recreate' });
    expect(env(optionA.container('Deployment', 'openrsvp-worker'), 'SCHEDULER_ENABLED')).toBe('true');
    expect(optionA.all('HorizontalPodAutoscaler').map((h) => h.spec.scaleTargetRef.name)).toEqual(['openrsvp-web']);
  });

  it('replaces the CronJobs (none exist, so each job runs once per period); the web tier is unchanged', () => {
    expect(optionA.all('CronJob')).toEqual([]);
    expect(env(optionA.container('Deployment', 'openrsvp-web'), 'SCHEDULER_ENABLED')).toBe('false');
  });
});

describe('openrsvp: PostgreSQL', () => {
  it('in-cluster: a StatefulSet with Service postgresql:5432; the app reads DATABASE_URL from a Secret', () => {
    expect(b.get('StatefulSet', 'postgresql').spec.replicas).toBe(1);
    expect(b.get('Service', 'postgresql').spec.ports.map((p: any) => p.port)).toContain(5432);
    expect(env(b.container('Deployment', 'openrsvp-web'), 'DATABASE_URL').secretKeyRef).toBeTruthy();
  });

  it('managed (RDS): no PostgreSQL StatefulSet or Service; every client reads the URL from the Secret', () => {
    expect(managed.find('StatefulSet', 'postgresql')).toBeUndefined();
    expect(managed.find('Service', 'postgresql')).toBeUndefined();
    for (const [kind, name] of [
      ['Deployment', 'openrsvp-web'],
      ['Job', 'db-migrate'],
      ['CronJob', 'decay-cycle'],
      ['CronJob', 'vacuum-db'],
    ]) {
      expect(env(managed.container(kind, name), 'DATABASE_URL').secretKeyRef).toEqual({
        name: 'openrsvp-database',
        key: 'database-url',
      });
    }
    expect(managed.get('Job', 'db-migrate').metadata.annotations['shipshape.dev/after']).toBeUndefined();
  });

  it('managed (RDS): clients leave the cluster to both data subnets on 5432 only', () => {
    const rds = reachability(managed);
    for (const from of [
      id('Deployment', 'openrsvp-web'),
      id('Job', 'db-migrate'),
      id('CronJob', 'decay-cycle'),
      id('CronJob', 'vacuum-db'),
    ]) {
      expect(rds.allowsToIp(from, '10.0.20.15', 5432), from).toBe(true);
      expect(rds.allowsToIp(from, '10.0.21.15', 5432), from).toBe(true);
      expect(rds.allowsToIp(from, '10.0.20.15', 22), from).toBe(false);
      expect(rds.allowsToIp(from, '10.0.1.10', 5432), from).toBe(false);
    }
  });
});

describe('openrsvp: network paths', () => {
  it('the ingress controller reaches the web tier; nothing outside reaches PostgreSQL', () => {
    expect(net.allowsFromNamespace('ingress-nginx', 'openrsvp-web', 8000)).toBe(true);
    expect(net.allowsFromNamespace('elsewhere', 'openrsvp-web', 8000)).toBe(false);
    for (const ns of ['ingress-nginx', 'elsewhere'])
      expect(net.allowsFromNamespace(ns, 'postgresql', 5432)).toBe(false);
  });

  it('web, both CronJobs (option A: the scheduler) and the migration reach PostgreSQL, and only they do', () => {
    expect(net.sources('postgresql', 5432)).toEqual(
      [
        id('CronJob', 'decay-cycle'),
        id('CronJob', 'vacuum-db'),
        id('Deployment', 'openrsvp-web'),
        id('Job', 'db-migrate'),
      ].sort(),
    );
    expect(reachability(optionA).sources('postgresql', 5432)).toEqual(
      [id('Deployment', 'openrsvp-web'), id('Deployment', 'openrsvp-worker'), id('Job', 'db-migrate')].sort(),
    );
  });

  it('the workers reach PostgreSQL only, and nothing reaches them', () => {
    expect(net.egressTargets(id('CronJob', 'decay-cycle'))).toEqual(['postgresql:5432']);
    expect(net.egressTargets(id('Deployment', 'openrsvp-web'))).toEqual(['postgresql:5432']);
  });
});
