// sagaz: the saga/outbox system of seeds 000 (topology) and 001 (the manifests' README).
// Base values are the production sizing; `--profile dev` applies the development sizing.
// Image names and tags are not given by the seeds; the ones below are this example's choice.
import { defineArchitecture } from 'shipshape';

const SAGAZ_IMAGE = 'ghcr.io/sagaz/sagaz:1.0.0';

export default defineArchitecture({
  name: 'sagaz',
  namespace: 'sagaz',
  description: 'Saga pattern with a transactional outbox: workers publish pending events from PostgreSQL to RabbitMQ',

  // Created outside shipshape (kubectl create secret / External Secrets Operator); never in Git.
  secrets: {
    'sagaz-db-credentials': {
      keys: ['connection-string', 'postgres-password'],
      description: 'connection-string: postgresql://user:pass@postgresql:5432/saga_db',
    },
    'sagaz-broker-credentials': {
      // The seed's Kafka example stores `bootstrap-servers`; with RabbitMQ the workers read `rabbitmq-url`.
      keys: ['rabbitmq-url', 'bootstrap-servers'],
      description: 'rabbitmq-url: amqp://user:pass@rabbitmq:5672/',
    },
  },

  components: {
    postgresql: {
      type: 'database',
      description: 'PostgreSQL StatefulSet with persistent storage (saga and outbox tables)',
      image: 'postgres:16.4',
      ports: { postgresql: 5432 },
      env: {
        POSTGRES_DB: 'saga_db',
        POSTGRES_USER: 'postgres',
        POSTGRES_PASSWORD: { secret: 'sagaz-db-credentials', key: 'postgres-password' },
        // A subfolder: the volume's root may hold lost+found.
        PGDATA: '/var/lib/postgresql/data/pgdata',
      },
      storage: { size: '10Gi', mountPath: '/var/lib/postgresql/data' },
      // The server's socket directory; the root filesystem is read-only.
      writablePaths: ['/var/run/postgresql'],
      resources: { requests: { cpu: '2', memory: '4Gi' }, limits: { cpu: '4', memory: '8Gi' } },
      probes: {
        readiness: { exec: ['pg_isready', '-U', 'postgres', '-d', 'saga_db'], periodSeconds: 10, timeoutSeconds: 5 },
        liveness: {
          exec: ['pg_isready', '-U', 'postgres', '-d', 'saga_db'],
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

    rabbitmq: {
      type: 'broker',
      description: 'RabbitMQ message broker (AMQP 5672, management UI 15672)',
      image: 'rabbitmq:3.13-management',
      ports: { amqp: 5672, management: 15672 },
      config: {
        name: 'rabbitmq-config',
        mountPath: '/etc/rabbitmq',
        data: {
          'rabbitmq.conf': 'listeners.tcp.default = 5672\nmanagement.tcp.port = 15672\nloopback_users.guest = false\n',
          enabled_plugins: '[rabbitmq_management,rabbitmq_prometheus].\n',
        },
      },
      // Erlang cookie and mnesia state live in the home folder.
      writablePaths: ['/var/lib/rabbitmq', '/var/log/rabbitmq'],
      acknowledge: {
        'data-on-emptydir':
          'The document deploys RabbitMQ as a Deployment without storage: the outbox table in PostgreSQL keeps every event until it is published',
      },
      resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
      probes: {
        readiness: {
          exec: ['rabbitmq-diagnostics', '-q', 'check_port_connectivity'],
          initialDelaySeconds: 10,
          periodSeconds: 30,
          timeoutSeconds: 10,
        },
        liveness: {
          exec: ['rabbitmq-diagnostics', '-q', 'status'],
          initialDelaySeconds: 60,
          periodSeconds: 30,
          timeoutSeconds: 10,
        },
      },
    },

    migration: {
      type: 'job',
      description: 'One-time database schema migration; runs once PostgreSQL is ready',
      image: SAGAZ_IMAGE,
      command: ['python', '-m', 'sagaz.migrations'],
      env: { DATABASE_URL: { secret: 'sagaz-db-credentials', key: 'connection-string' } },
      uses: ['postgresql'],
      after: ['postgresql'],
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
    },

    'outbox-worker': {
      type: 'worker',
      description: 'Publishes pending outbox events from PostgreSQL to RabbitMQ',
      image: SAGAZ_IMAGE,
      command: ['python', '-m', 'sagaz.outbox.worker'],
      // The seed's troubleshooting commands select the pods with `-l app=outbox-worker`.
      labels: { app: 'outbox-worker' },
      env: {
        DATABASE_URL: { secret: 'sagaz-db-credentials', key: 'connection-string' },
        RABBITMQ_URL: { secret: 'sagaz-broker-credentials', key: 'rabbitmq-url' },
        WORKER_ID: { field: 'metadata.name' },
      },
      config: {
        name: 'outbox-worker-config',
        data: { BROKER_TYPE: 'rabbitmq', METRICS_PORT: '8000', LOG_LEVEL: 'INFO', LOG_FORMAT: 'json' },
      },
      uses: ['postgresql', 'rabbitmq:5672'],
      // Migrations before workers; the broker must be up to publish.
      after: ['migration', 'rabbitmq'],
      replicas: { min: 3, max: 10 },
      // Seed 001's HPA (the detailed spec): scale on pending events per pod. Seed 000's diagram also
      // shows CPU thresholds (> 70% up, < 50% down); the two disagree, so the custom metric is used
      // alone, with the diagram's step sizes (+4 pods, -50%) as the scaling behaviour. The period
      // (60 s) is not given by the seeds.
      autoscaling: {
        metrics: [{ name: 'outbox_pending_events_total', averageValue: 1000 }],
        behavior: {
          scaleUp: { policies: [{ type: 'Pods', value: 4, periodSeconds: 60 }] },
          scaleDown: { policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }] },
        },
      },
      resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1000m', memory: '1Gi' } },
      probes: {
        readiness: { exec: ['python', '-c', 'import sagaz'], periodSeconds: 10, timeoutSeconds: 5 },
        liveness: {
          exec: ['python', '-c', 'import sagaz'],
          initialDelaySeconds: 30,
          periodSeconds: 30,
          timeoutSeconds: 5,
        },
      },
      acknowledge: {
        'probes-identical':
          "The document's Health Probes: liveness and readiness both run python -c import sagaz, which needs no dependency",
      },
      // Prometheus scrapes from the `monitoring` namespace (seed 001's monitoring stack): the one
      // ingress from outside the namespace, next to seed 001's "no ingress from outside namespace".
      metrics: { port: 8000, path: '/metrics', scrapeFrom: 'monitoring' },
      exports: [
        { name: 'outbox_pending_events_total', type: 'gauge', help: 'Outbox events waiting to be published' },
        { name: 'outbox_published_events_total', type: 'counter', help: 'Outbox events published to the broker' },
        { name: 'outbox_failed_events_total', type: 'counter', help: 'Outbox events that failed to publish' },
        { name: 'outbox_publish_duration_seconds', type: 'histogram', help: 'Time to publish one outbox event' },
      ],
      alerts: [
        {
          name: 'OutboxHighLag',
          severity: 'critical',
          summary: 'Too many pending outbox events',
          above: { metric: 'outbox_pending_events_total', value: 5000, aggregate: 'sum', for: '5m' },
        },
        {
          name: 'OutboxWorkerDown',
          severity: 'critical',
          summary: 'No outbox workers running',
          absent: { metric: 'outbox_pending_events_total', for: '2m' },
        },
        {
          name: 'OutboxHighErrorRate',
          severity: 'warning',
          summary: 'More than 1% of outbox publishes fail',
          errorRatio: {
            errors: 'outbox_failed_events_total',
            total: ['outbox_published_events_total', 'outbox_failed_events_total'],
            threshold: 0.01,
            window: '5m',
            for: '5m',
          },
        },
      ],
    },

    benchmark: {
      type: 'job',
      description: 'Benchmark Job: drives sagas through the outbox and reports throughput',
      image: SAGAZ_IMAGE,
      command: ['python', '-m', 'sagaz.benchmark'],
      env: {
        DATABASE_URL: { secret: 'sagaz-db-credentials', key: 'connection-string' },
        RABBITMQ_URL: { secret: 'sagaz-broker-credentials', key: 'rabbitmq-url' },
      },
      uses: ['postgresql', 'rabbitmq:5672'],
      after: ['migration', 'outbox-worker'],
      resources: { requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
      job: { backoffLimit: 0 },
    },

    // Seed 001, "Backup & Recovery": the document's backup is `pg_dump -U postgres saga_db`, run by
    // hand, with Velero snapshotting the namespace for automation. This CronJob runs that dump on a
    // schedule into its own volume, which Velero's namespace backup then carries off the cluster.
    // Not given by the document, chosen here: daily at 02:00 UTC, custom format, 7 days kept, 20Gi.
    // Restore: `pg_restore -h postgresql -U postgres -d saga_db --clean <file>` from a pod mounting the claim.
    'postgresql-backup': {
      type: 'cronjob',
      description: 'Daily pg_dump of saga_db into the postgresql-backup-data volume; keeps 7 days',
      image: 'postgres:16.4',
      command: [
        '/bin/sh',
        '-c',
        'set -eu; pg_dump --format=custom --file="/backups/saga_db-$(date -u +%Y%m%dT%H%M%SZ).dump" && find /backups -name "saga_db-*.dump" -mtime +7 -delete',
      ],
      env: {
        PGHOST: 'postgresql',
        PGUSER: 'postgres',
        PGDATABASE: 'saga_db',
        PGPASSWORD: { secret: 'sagaz-db-credentials', key: 'postgres-password' },
      },
      uses: ['postgresql'],
      schedule: '0 2 * * *',
      timeZone: 'Etc/UTC',
      storage: { size: '20Gi', mountPath: '/backups' },
      job: { backoffLimit: 2, activeDeadlineSeconds: 3600 },
      resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
    },
  },

  profiles: {
    // Seed 001, "Development/Staging": 200m CPU / 256Mi per worker pod, PostgreSQL 500m / 1Gi.
    dev: {
      description: 'development and staging sizing',
      components: {
        'outbox-worker': {
          resources: { requests: { cpu: '200m', memory: '256Mi' }, limits: { cpu: '200m', memory: '256Mi' } },
        },
        postgresql: { resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '500m', memory: '1Gi' } } },
      },
    },
    // Seed 001, "Production": 500m-1000m / 512Mi-1Gi per worker pod, PostgreSQL 2-4 cores / 4-8Gi
    // (the base values, restated so a change to the base does not silently change production).
    prod: {
      description: 'production sizing; Secrets synced from Vault by the External Secrets Operator',
      // Seed 001, "Secrets Management": an ExternalSecret per Secret from the SecretStore
      // `vault-backend`. The document gives the remote key of connection-string only; the other
      // keys' remote entries follow its `sagaz/<service>/<item>` pattern.
      secrets: {
        'sagaz-db-credentials': {
          from: {
            store: 'vault-backend',
            remoteRef: {
              'connection-string': { key: 'sagaz/postgres/connection' },
              'postgres-password': { key: 'sagaz/postgres/password' },
            },
          },
        },
        'sagaz-broker-credentials': {
          from: {
            store: 'vault-backend',
            remoteRef: {
              'rabbitmq-url': { key: 'sagaz/rabbitmq/url' },
              'bootstrap-servers': { key: 'sagaz/kafka/bootstrap-servers' },
            },
          },
        },
      },
      components: {
        'outbox-worker': {
          resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1000m', memory: '1Gi' } },
        },
        postgresql: { resources: { requests: { cpu: '2', memory: '4Gi' }, limits: { cpu: '4', memory: '8Gi' } } },
      },
    },
  },
});
