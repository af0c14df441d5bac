// OpenRSVP (seed 002): the monolith (FastAPI + APScheduler + SQLite) split for Kubernetes. The web
// tier runs the same application image with its in-process scheduler turned off, behind an ingress
// with TLS and rate limiting; the scheduled work (decay cycle hourly, vacuum every 12 hours) runs as
// CronJobs (the document's recommended option B); PostgreSQL replaces SQLite, and the Alembic
// migration Job runs before the web tier starts.
//
// Option A of the document — one scheduler Deployment with a single replica instead of the
// CronJobs — is the profile `scheduler-deployment`: it turns the scheduler Deployment on and both
// CronJobs off, so each job still runs exactly once per period.
//
// The document's other database — RDS PostgreSQL (Multi-AZ) in the data subnets 10.0.20.0/24 and
// 10.0.21.0/24, its security group open on 5432 to the cluster — is the profile `managed-database`:
// no PostgreSQL StatefulSet or Service; every client reads the RDS URL from the same Secret and may
// leave the cluster to both data subnets on 5432 (the standby takes over the primary's address on
// failover, in the other subnet).
//
// Not given by the document, chosen here: image name and tag, the application's port (8000, the
// uvicorn default), the host name, the job commands, the health path, PostgreSQL's version and size,
// the rate limits.
import { defineArchitecture, type ComponentInput } from 'shipshape';

const IMAGE = 'ghcr.io/openrsvp/openrsvp:1.0.0';
const HOST = 'openrsvp.example.com';
const DATABASE_URL = { secret: 'openrsvp-database', key: 'database-url' };

/** The managed-database profile's change to every database client: RDS instead of the in-cluster component. */
const RDS_CLIENT = {
  uses: [],
  external: [
    { cidr: '10.0.20.0/24', ports: [5432] },
    { cidr: '10.0.21.0/24', ports: [5432] },
  ],
};

/** A scheduled job of the worker tier: the application image running one task against PostgreSQL. */
function scheduledTask(task: string, schedule: string, description: string): ComponentInput {
  return {
    type: 'cronjob',
    description,
    image: IMAGE,
    command: ['python', '-m', 'openrsvp.jobs', task],
    env: { DATABASE_URL },
    uses: ['postgresql'],
    schedule,
    timeZone: 'Etc/UTC',
    // A run that overlaps the next would repeat the work: never run two at once.
    job: { concurrencyPolicy: 'Forbid', backoffLimit: 2 },
    resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
  };
}

export default defineArchitecture({
  name: 'openrsvp',
  namespace: 'openrsvp',
  description: 'OpenRSVP: FastAPI web tier, scheduled worker jobs and PostgreSQL',

  secrets: {
    'openrsvp-database': {
      keys: ['database-url', 'postgres-password'],
      description:
        'database-url: postgresql://openrsvp:…@postgresql:5432/openrsvp (managed-database profile: the RDS endpoint)',
    },
    // The Ingress's TLS certificate, issued outside shipshape (cert-manager or the certificate authority).
    'openrsvp-tls': { keys: ['tls.crt', 'tls.key'], description: 'kubernetes.io/tls Secret for the Ingress host' },
  },

  components: {
    postgresql: {
      type: 'database',
      description: 'PostgreSQL StatefulSet (replaces the SQLite file data/openrsvp.db)',
      image: 'postgres:16.4',
      ports: { postgresql: 5432 },
      env: {
        POSTGRES_DB: 'openrsvp',
        POSTGRES_USER: 'openrsvp',
        POSTGRES_PASSWORD: { secret: 'openrsvp-database', key: 'postgres-password' },
        PGDATA: '/var/lib/postgresql/data/pgdata',
      },
      storage: { size: '20Gi', mountPath: '/var/lib/postgresql/data' },
      writablePaths: ['/var/run/postgresql'],
      resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '4Gi' } },
      probes: {
        readiness: { exec: ['pg_isready', '-U', 'openrsvp', '-d', 'openrsvp'], periodSeconds: 10, timeoutSeconds: 5 },
        liveness: {
          exec: ['pg_isready', '-U', 'openrsvp', '-d', 'openrsvp'],
          initialDelaySeconds: 30,
          periodSeconds: 10,
          timeoutSeconds: 5,
        },
      },
      acknowledge: {
        'probes-identical':
          'The document gives liveness and readiness the same pg_isready, which asks only this server, not a dependency',
      },
    },

    'db-migrate': {
      type: 'job',
      description: 'Alembic migrations: brings the PostgreSQL schema to the release before the web tier starts',
      image: IMAGE,
      command: ['alembic', 'upgrade', 'head'],
      env: { DATABASE_URL },
      uses: ['postgresql'],
      after: ['postgresql'],
      job: { backoffLimit: 1 },
      resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
    },

    'openrsvp-web': {
      type: 'web',
      description: 'FastAPI web server; its APScheduler is disabled (the worker tier runs the jobs)',
      image: IMAGE,
      command: ['uvicorn', 'openrsvp.main:app', '--host', '0.0.0.0', '--port', '8000'],
      ports: { http: 8000 },
      env: { SCHEDULER_ENABLED: 'false', DATABASE_URL },
      uses: ['postgresql'],
      after: ['db-migrate'],
      replicas: { min: 2, max: 10 },
      // The HPA diagram feeds "CPU/Memory" from the metrics server, but its configuration names one
      // target, CPU 70%; the configuration (the detailed part) is followed.
      autoscaling: { cpu: 70 },
      rollout: { strategy: 'RollingUpdate', maxSurge: 1, maxUnavailable: 0 },
      resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
      probes: {
        readiness: { http: { path: '/health' }, periodSeconds: 10, timeoutSeconds: 3 },
        liveness: { http: { path: '/health' }, initialDelaySeconds: 15, periodSeconds: 20, timeoutSeconds: 3 },
      },
      acknowledge: {
        'probes-identical': 'The document probes /health for both liveness and readiness',
      },
      ingress: {
        host: HOST,
        className: 'nginx',
        tls: { secretName: 'openrsvp-tls' },
        annotations: {
          // Rate limiting per client IP (ingress-nginx): 10 requests/s with bursts of 5x, 20 connections.
          'nginx.ingress.kubernetes.io/limit-rps': '10',
          'nginx.ingress.kubernetes.io/limit-burst-multiplier': '5',
          'nginx.ingress.kubernetes.io/limit-connections': '20',
          'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
        },
      },
      metrics: { port: 8000, path: '/metrics' },
    },

    'decay-cycle': scheduledTask('decay', '0 * * * *', 'Decay cycle, every hour'),
    'vacuum-db': scheduledTask('vacuum', '0 */12 * * *', 'VACUUM of the database, every 12 hours'),

    'openrsvp-worker': {
      type: 'worker',
      description: 'Option A: the APScheduler runs the decay cycle and vacuum in one pod',
      // Only in option A (the scheduler-deployment profile).
      enabled: false,
      image: IMAGE,
      command: ['python', '-m', 'openrsvp.scheduler'],
      env: { SCHEDULER_ENABLED: 'true', DATABASE_URL },
      uses: ['postgresql'],
      after: ['db-migrate'],
      replicas: 1,
      // Two scheduler pods would run every job twice: the old pod stops before the new one starts.
      rollout: { strategy: 'Recreate' },
      disruptionBudget: false,
      resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
      probes: { liveness: { exec: ['python', '-c', 'import openrsvp'], periodSeconds: 30, timeoutSeconds: 5 } },
      acknowledge: {
        'probes-identical':
          'The document gives the scheduler one probe, python -c import openrsvp, which needs no dependency',
      },
    },
  },

  profiles: {
    'scheduler-deployment': {
      description: 'Option A: one scheduler Deployment (replicas: 1) instead of the CronJobs',
      components: {
        'openrsvp-worker': { enabled: true },
        'decay-cycle': { enabled: false },
        'vacuum-db': { enabled: false },
      },
    },
    'managed-database': {
      description: 'RDS PostgreSQL (Multi-AZ) outside the cluster instead of the StatefulSet',
      components: {
        postgresql: { enabled: false },
        'db-migrate': { ...RDS_CLIENT, after: [] },
        'openrsvp-web': RDS_CLIENT,
        'decay-cycle': RDS_CLIENT,
        'vacuum-db': RDS_CLIENT,
      },
    },
  },
});
