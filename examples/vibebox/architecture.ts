// VibeBox (seed 003): a React frontend served by nginx, a Fastify API, PostgreSQL, Redis and a
// Docker-in-Docker daemon the API starts sandboxes on, with a daily encrypted backup to S3.
//
// Decisions where the document is silent or contradicts itself:
// - Its "Resource Requirements Summary" totals (6.8 / 27.5 CPU, 13.4Gi / 53.5Gi) do not follow
//   from its own per-pod table. This spec follows the per-pod table; the totals shipshape computes
//   from it (3 frontend + 3 backend + 1 PostgreSQL + 1 Redis + 2 Docker daemons) are 6.9 CPU /
//   12.1Gi requested and 28 CPU / 48.5Gi limits, with 610Gi of storage.
// - The document draws four namespaces (Frontend, Backend, Database, Docker): the components live
//   in `frontend`, `backend` (the architecture's default), `database` (PostgreSQL, Redis and the
//   backup and restore jobs, which read the database's Secret) and `docker`. Cross-namespace
//   addresses use the Services' cluster DNS names (`<service>.<namespace>.svc`).
// - Host name, image of the backup job, secret names and the WebSocket metric name are not
//   given by the document; the ones below are this example's choice.
// - The document's probe diagram is drawn for every pod; the frontend and backend (the pods
//   behind the load balancer) carry it; the data layer is probed with its own tools.
import { defineArchitecture } from 'shipshape';

const HOST = 'vibebox.example.com';

/** The document's probe timings (startup 0/3s ×30, liveness 30/10s ×3, readiness 10/5s ×3, all 5s timeouts). */
const PROBES = {
  startup: {
    http: { path: '/health/startup' },
    initialDelaySeconds: 0,
    periodSeconds: 3,
    failureThreshold: 30,
    timeoutSeconds: 5,
  },
  liveness: {
    http: { path: '/health/live' },
    initialDelaySeconds: 30,
    periodSeconds: 10,
    failureThreshold: 3,
    timeoutSeconds: 5,
  },
  readiness: {
    http: { path: '/health/ready' },
    initialDelaySeconds: 10,
    periodSeconds: 5,
    failureThreshold: 3,
    timeoutSeconds: 5,
  },
} as const;

/** Rolling updates as the document's sequence draws them: one new pod, ready, then one old pod goes. */
const ONE_AT_A_TIME = { strategy: 'RollingUpdate', maxSurge: 1, maxUnavailable: 0 } as const;

// nginx as a non-root user cannot bind port 80: it listens on 8080, and the Service keeps port 80.
const NGINX_CONF = `server {
  listen 8080;
  root /usr/share/nginx/html;
  location = /health/startup { return 200 "ok\\n"; }
  location = /health/live { return 200 "ok\\n"; }
  location = /health/ready { return 200 "ok\\n"; }
  location /api/ {
    proxy_pass http://backend.backend.svc:3000;
    proxy_http_version 1.1;
    proxy_set_header Upgrade $http_upgrade;
    proxy_set_header Connection "upgrade";
  }
  location / { try_files $uri /index.html; }
}
`;

// Daily dump → gzip → AES-256 → S3 as <date>.sql.gz.enc, then delete objects older than 30 days.
const BACKUP_SCRIPT = `set -eu -o pipefail
name="$(date -u +%Y-%m-%d).sql.gz.enc"
pg_dump --format=custom --dbname="$DATABASE_URL" \\
  | gzip \\
  | openssl enc -aes-256-cbc -pbkdf2 -salt -pass env:BACKUP_ENCRYPTION_KEY \\
  | aws s3 cp - "s3://$BACKUP_BUCKET/$name"
echo "uploaded s3://$BACKUP_BUCKET/$name"
cutoff="$(date -u -d "@$(( $(date +%s) - 30 * 86400 ))" +%Y-%m-%d)"
aws s3 ls s3://$BACKUP_BUCKET/ | awk '{print $4}' | while read -r object; do
  if [ "\${object%%.sql.gz.enc}" \\< "$cutoff" ]; then aws s3 rm "s3://$BACKUP_BUCKET/$object"; fi
done
`;

// Restores the newest backup, or BACKUP_NAME when given.
const RESTORE_SCRIPT = `set -eu -o pipefail
name="\${BACKUP_NAME:-$(aws s3 ls s3://$BACKUP_BUCKET/ | awk '{print $4}' | sort | tail -n 1)}"
aws s3 cp "s3://$BACKUP_BUCKET/$name" - \\
  | openssl enc -d -aes-256-cbc -pbkdf2 -pass env:BACKUP_ENCRYPTION_KEY \\
  | gunzip \\
  | pg_restore --clean --if-exists --no-owner -d "$DATABASE_URL"
echo "restored $name"
`;

// Outside the cluster over HTTPS: S3 (backups) and the image registries (the Docker daemons). Both
// are host names whose addresses are the provider's, not known here, and NetworkPolicies match
// addresses: egress goes to any public address on 443, never to the private ranges the cluster
// lives in. Narrow the block to the provider's published ranges where they are kept current.
const PUBLIC = { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] };
const S3 = { ...PUBLIC, ports: [443], host: 's3.amazonaws.com' };

const BACKUP_ENV = {
  DATABASE_URL: { secret: 'vibebox-postgres', key: 'database-url' },
  BACKUP_ENCRYPTION_KEY: { secret: 'vibebox-backup', key: 'encryption-key' },
  AWS_ACCESS_KEY_ID: { secret: 'vibebox-backup', key: 'aws-access-key-id' },
  AWS_SECRET_ACCESS_KEY: { secret: 'vibebox-backup', key: 'aws-secret-access-key' },
  AWS_DEFAULT_REGION: 'us-east-1',
  BACKUP_BUCKET: 'vibebox-backups',
} as const;

export default defineArchitecture({
  name: 'vibebox',
  namespace: 'backend',
  description: 'VibeBox: React frontend, Fastify API with WebSockets, PostgreSQL, Redis and Docker-in-Docker sandboxes',

  // Synced from the external secret manager (KMS); never in Git.
  secrets: {
    // A pod reads Secrets of its own namespace only: each is created in every namespace that reads it.
    'vibebox-postgres': {
      keys: ['database-url', 'password'],
      namespaces: ['backend', 'database'],
      description: 'database-url: postgresql://vibebox:…@postgresql.database.svc:5432/vibebox',
    },
    'vibebox-redis': { keys: ['redis-url'], description: 'redis-url: redis://redis.database.svc:6379/0' },
    'vibebox-backup': {
      keys: ['encryption-key', 'aws-access-key-id', 'aws-secret-access-key'],
      namespaces: ['database'],
    },
    // The Ingress's TLS certificate, issued outside shipshape (cert-manager or the certificate authority).
    'vibebox-tls': {
      keys: ['tls.crt', 'tls.key'],
      namespaces: ['frontend', 'backend'],
      description: 'kubernetes.io/tls Secret for the Ingress host',
    },
  },

  // The storage diagram's class: AWS EBS gp3 at 3000 IOPS, encrypted, volumes retained. The
  // document names no binding mode: Kubernetes' default (Immediate) applies.
  storageClasses: {
    'fast-ssd': {
      description: 'AWS EBS gp3, 3000 IOPS, encrypted',
      provisioner: 'ebs.csi.aws.com',
      parameters: { type: 'gp3', iops: '3000', encrypted: 'true' },
      reclaimPolicy: 'Retain',
    },
  },

  components: {
    frontend: {
      type: 'frontend',
      namespace: 'frontend',
      description: 'React single-page app, static files served by nginx',
      image: 'nginx:alpine',
      ports: { http: { port: 80, containerPort: 8080 } },
      config: { name: 'frontend-nginx', mountPath: '/etc/nginx/conf.d', data: { 'default.conf': NGINX_CONF } },
      // nginx writes its cache and pid file.
      writablePaths: ['/var/cache/nginx', '/var/run'],
      // Its /api/ location proxies to the backend (the document's policy: backend allows the frontend).
      uses: ['backend'],
      replicas: 3,
      rollout: ONE_AT_A_TIME,
      // The rollout sequence's "Graceful Shutdown (30s)".
      terminationGracePeriodSeconds: 30,
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
      probes: PROBES,
      ingress: { host: HOST, path: '/', className: 'nginx', tls: { secretName: 'vibebox-tls' } },
    },

    backend: {
      type: 'web',
      description: 'Fastify API server (REST and WebSockets)',
      image: 'node:20-alpine',
      command: ['node', 'dist/server.js'],
      ports: { http: 3000 },
      env: {
        NODE_ENV: 'production',
        PORT: 3000,
        DATABASE_URL: { secret: 'vibebox-postgres', key: 'database-url' },
        REDIS_URL: { secret: 'vibebox-redis', key: 'redis-url' },
        DOCKER_HOST: 'tcp://docker.docker.svc:2375',
      },
      uses: ['postgresql', 'redis', 'docker'],
      after: ['postgresql', 'redis'],
      replicas: { min: 3, max: 10 },
      autoscaling: {
        cpu: 70,
        memory: 70,
        metrics: [{ name: 'websocket_active_connections', averageValue: 1000 }],
        behavior: {
          scaleUp: { policies: [{ type: 'Pods', value: 1, periodSeconds: 30 }] },
          scaleDown: { policies: [{ type: 'Pods', value: 1, periodSeconds: 300 }] },
        },
      },
      rollout: ONE_AT_A_TIME,
      terminationGracePeriodSeconds: 30,
      resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '2000m', memory: '2Gi' } },
      probes: PROBES,
      ingress: { host: HOST, path: '/api', className: 'nginx', tls: { secretName: 'vibebox-tls' } },
      metrics: { port: 3000, path: '/metrics' },
      exports: [
        { name: 'websocket_active_connections', type: 'gauge', help: 'Open WebSocket connections on this pod' },
      ],
    },

    postgresql: {
      type: 'database',
      namespace: 'database',
      description: 'PostgreSQL 16 primary',
      image: 'postgres:16-alpine',
      ports: { postgresql: 5432 },
      env: {
        POSTGRES_DB: 'vibebox',
        POSTGRES_USER: 'vibebox',
        POSTGRES_PASSWORD: { secret: 'vibebox-postgres', key: 'password' },
        // A subfolder: the volume's root may hold lost+found.
        PGDATA: '/var/lib/postgresql/data/pgdata',
      },
      // The alpine image's postgres user.
      security: { runAsUser: 70, runAsGroup: 70, fsGroup: 70 },
      writablePaths: ['/var/run/postgresql'],
      storage: {
        size: '100Gi',
        mountPath: '/var/lib/postgresql/data',
        class: 'fast-ssd',
        accessMode: 'ReadWriteOnce',
        claimName: 'postgres-data',
      },
      resources: { requests: { cpu: '1000m', memory: '2Gi' }, limits: { cpu: '4000m', memory: '8Gi' } },
      probes: {
        readiness: { exec: ['pg_isready', '-U', 'vibebox', '-d', 'vibebox'], periodSeconds: 10, timeoutSeconds: 5 },
        liveness: {
          exec: ['pg_isready', '-U', 'vibebox', '-d', 'vibebox'],
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

    redis: {
      type: 'cache',
      namespace: 'database',
      description: 'Redis 7: cache and sessions',
      image: 'redis:7-alpine',
      args: ['--appendonly', 'yes', '--dir', '/data'],
      ports: { redis: 6379 },
      // The alpine image's redis user.
      security: { runAsUser: 999, runAsGroup: 1000, fsGroup: 1000 },
      storage: {
        size: '10Gi',
        mountPath: '/data',
        class: 'fast-ssd',
        accessMode: 'ReadWriteOnce',
        claimName: 'redis-data',
      },
      resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '1Gi' } },
      probes: {
        readiness: { exec: ['redis-cli', 'ping'], periodSeconds: 5, timeoutSeconds: 3 },
        liveness: { tcp: 'redis', initialDelaySeconds: 15, periodSeconds: 10, timeoutSeconds: 3 },
      },
    },

    docker: {
      type: 'daemon',
      namespace: 'docker',
      description:
        'Docker-in-Docker daemon the API runs user sandboxes on (plain TCP 2375, reachable from the backend only)',
      image: 'docker:dind',
      // An empty DOCKER_TLS_CERTDIR makes dockerd listen on tcp://0.0.0.0:2375 without TLS.
      env: { DOCKER_TLS_CERTDIR: '' },
      ports: { docker: 2375 },
      // The sandboxes' images are pulled by dockerd itself, from Docker Hub and other registries.
      external: [{ ...PUBLIC, ports: [443], host: 'registry-1.docker.io' }],
      // dockerd needs root and a privileged container: an explicit relaxation, acknowledged below
      // with its reasons (written as ignore-check annotations on the DaemonSet).
      security: { runAsUser: 0, privileged: true, readOnlyRootFilesystem: false },
      acknowledge: {
        'privileged-container': 'Docker-in-Docker: dockerd manages cgroups, mounts and iptables for the sandboxes',
        'run-as-root': 'Docker-in-Docker: dockerd runs as root inside its privileged container',
        'privilege-escalation': 'Docker-in-Docker: a privileged container always allows privilege escalation',
        'writable-root-filesystem':
          'Docker-in-Docker: dockerd writes its state, sockets and pid files across the root filesystem',
      },
      writablePaths: ['/var/lib/docker'],
      // The document's `docker-volumes` claim: 500Gi ReadWriteMany on AWS EFS, shared by the daemons
      // on both nodes, for the sandboxes' volumes. Not at /var/lib/docker: two dockerd cannot share
      // one data root (and overlayfs does not run on NFS), so each keeps its own image store.
      // The document draws its PersistentVolume (docker-volumes-pv, retained) on an EFS file system:
      // a pre-provisioned volume of the EFS CSI driver, which the claim binds to by name.
      storage: {
        size: '500Gi',
        mountPath: '/var/lib/docker-volumes',
        accessMode: 'ReadWriteMany',
        claimName: 'docker-volumes',
        volume: {
          name: 'docker-volumes-pv',
          // REPLACE with the id of the cluster's EFS file system (`aws efs describe-file-systems`).
          csi: { driver: 'efs.csi.aws.com', volumeHandle: 'fs-0123456789abcdef0' },
          reclaimPolicy: 'Retain',
        },
      },
      // Runs on the two nodes labelled for sandboxes.
      scheduling: { nodeSelector: { 'vibebox.dev/sandbox-runtime': 'true' } },
      nodes: 2,
      resources: { requests: { cpu: '2000m', memory: '4Gi' }, limits: { cpu: '8000m', memory: '16Gi' } },
      probes: {
        readiness: { exec: ['docker', 'info'], periodSeconds: 10, timeoutSeconds: 5 },
        liveness: { tcp: 'docker', initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 5 },
      },
    },

    'postgres-backup': {
      type: 'cronjob',
      namespace: 'database',
      description: 'Daily backup: pg_dump, gzip, AES-256, upload to S3; deletes backups older than 30 days',
      image: 'ghcr.io/vibebox/pg-backup:16-1.0.0',
      command: ['/bin/sh', '-c', BACKUP_SCRIPT],
      env: BACKUP_ENV,
      uses: ['postgresql'],
      external: [S3],
      schedule: '0 3 * * *',
      timeZone: 'Etc/UTC',
      job: { backoffLimit: 2, activeDeadlineSeconds: 7200 },
      resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } },
      // The document alerts when the backup is more than 2 hours old; with one backup a day that
      // reads as "more than 2 hours overdue": no success for 26 hours (kube-state-metrics' record).
      alerts: [
        {
          name: 'PostgresBackupStale',
          severity: 'critical',
          summary: 'No successful PostgreSQL backup for more than 26 hours',
          description: 'The last successful run of CronJob database/postgres-backup finished {{ $value }} seconds ago.',
          expr: 'time() - kube_cronjob_status_last_successful_time{namespace="database", cronjob="postgres-backup"} > 26 * 3600',
          for: '5m',
          runbook:
            'Read the logs of the last postgres-backup Job (`kubectl logs -n database job/<name>`), fix the cause (credentials, bucket, database reachability), then start a run by hand: `kubectl create job --from=cronjob/postgres-backup backup-manual -n database`.',
        },
      ],
    },

    // Disaster recovery: a suspended Job is created with the release but starts no pod; start a
    // restore with `kubectl patch job postgres-restore -n database -p '{"spec":{"suspend":false}}'`.
    'postgres-restore': {
      type: 'job',
      namespace: 'database',
      description: 'Restore PostgreSQL from the newest (or BACKUP_NAME) backup in S3; run by hand',
      image: 'ghcr.io/vibebox/pg-backup:16-1.0.0',
      command: ['/bin/sh', '-c', RESTORE_SCRIPT],
      env: BACKUP_ENV,
      uses: ['postgresql'],
      external: [S3],
      job: { suspend: true, backoffLimit: 0 },
      resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } },
    },
  },
});
