// cartridge-warp (seed 004): change-data-capture from MongoDB, MySQL and BigQuery into PostgreSQL,
// one Deployment per source schema (ecommerce, users, analytics) plus a development Deployment that
// runs every schema in one process. The ecommerce Deployment is the one the document gives in full;
// the others follow its pattern with their own replicas, resources and source.
//
// Decisions where the document is silent or contradicts itself:
// - The overview gives one figure per Deployment ("2 CPU, 4Gi RAM"); the full ecommerce manifest
//   shows that figure is the limit, with half of it requested. The same ratio is used for users,
//   analytics and development.
// - Diagram 2 draws a 5Gi `temp-storage` PVC on `standard`; the full manifest mounts a 1Gi
//   emptyDir at /tmp/cartridge-warp instead. The manifest (the detailed specification) is followed.
// - The document's config.yaml is the ecommerce one; each other Deployment gets the same settings
//   with its own schema and source type, so no process reads another schema's configuration.
// - The Secret `cartridge-warp-secrets` is created outside shipshape: the document's example values
//   (with passwords) are not reproduced. Its MySQL and BigQuery keys are named by this example.
// - The monitoring namespace, logging stack, PostgreSQL operator and Redis of the overview run in
//   `cartridge-infra` and are not part of this application's manifests.
// - The document gives the ServiceAccount a Role ("RBAC: Role-based access control for service
//   accounts") but names no rules; see LEADER_ELECTION for the rules chosen.
import { defineArchitecture, type ComponentInput } from 'shipshape';
import { stringify } from 'yaml';

const IMAGE = 'cartridge/warp:v1.0.0';
const SECRET = 'cartridge-warp-secrets';

/** The document's config.yaml settings shared by every schema. */
const PERFORMANCE = {
  stream_batch_size: 1000,
  write_batch_size: 500,
  polling_interval: 5,
  connection_timeout: 30,
  read_timeout: 60,
  max_retries: 3,
  retry_delay: 5,
};
const MONITORING = {
  metrics_enabled: true,
  metrics_port: 8080,
  health_check_enabled: true,
  health_check_port: 8081,
  prometheus_endpoint: '/metrics',
  health_endpoint: '/health',
  readiness_endpoint: '/ready',
  startup_endpoint: '/startup',
};
const LOGGING = {
  level: 'INFO',
  format: 'structured',
  correlation_id_enabled: true,
  sensitive_data_masking: true,
  log_file: '/var/log/cartridge-warp/cartridge-warp.log',
  max_file_size: '100MB',
  max_files: 10,
};
const DESTINATION = {
  type: 'postgresql',
  pool_size: 10,
  max_overflow: 20,
  batch_size: 1000,
  transaction_timeout: 300,
  connection_timeout: 30,
  command_timeout: 60,
};

const ECOMMERCE_TABLES = {
  users: { batch_size: 500, polling_interval: 10, full_load_enabled: true, parallel_streams: 1 },
  orders: { batch_size: 1000, polling_interval: 5, full_load_enabled: true, parallel_streams: 2 },
  products: { batch_size: 2000, polling_interval: 15, full_load_enabled: false, parallel_streams: 1 },
  categories: { batch_size: 1000, polling_interval: 30, full_load_enabled: true, parallel_streams: 1 },
  inventory: { batch_size: 1500, polling_interval: 10, full_load_enabled: true, parallel_streams: 1 },
  reviews: { batch_size: 800, polling_interval: 20, full_load_enabled: false, parallel_streams: 1 },
};

/** Source settings per schema (credentials come from the environment, never from the file). */
const SOURCES = {
  ecommerce: {
    type: 'mongodb',
    database: 'ecommerce_db',
    change_detection_strategy: 'change_stream',
    timezone: 'UTC',
    replica_set: 'rs0',
    auth_source: 'admin',
    ssl_enabled: true,
    read_preference: 'secondaryPreferred',
    connection_pool_size: 10,
    connection_pool_max_idle_time: 300,
  },
  users: {
    type: 'mysql',
    database: 'users_db',
    change_detection_strategy: 'binlog',
    timezone: 'UTC',
    ssl_enabled: true,
  },
  analytics: { type: 'bigquery', dataset: 'analytics', change_detection_strategy: 'timestamp', timezone: 'UTC' },
} as const;
type Schema = keyof typeof SOURCES;

/**
 * The ServiceAccount's Role. The document names no rules, so these are the narrowest its behaviour
 * needs: the ecommerce schema runs three replicas of one change-stream reader, which must not write
 * each change three times, so one replica leads, elected through a coordination.k8s.io Lease with
 * the pod's name as its identity (the POD_NAME and POD_NAMESPACE variables of the document's
 * manifest). That is create on Leases (create cannot be limited by name) and get/update on the
 * Leases of the four Deployments only. Nothing else: the configuration arrives as a mounted
 * ConfigMap and the credentials as variables from the Secret, so the API is never asked for them.
 * One list for all four Deployments, because they share one ServiceAccount and so its permissions.
 */
const LEADER_ELECTION: NonNullable<ComponentInput['rbac']> = [
  { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] },
  {
    apiGroups: ['coordination.k8s.io'],
    resources: ['leases'],
    resourceNames: ['ecommerce', 'users', 'analytics', 'all'].map((schema) => `cartridge-warp-${schema}`),
    verbs: ['get', 'update'],
  },
];

/**
 * Where each schema's source listens, outside the cluster: MongoDB on 27017 (the document's
 * connection string), MySQL on its default 3306, BigQuery's HTTPS API on 443; the PostgreSQL
 * warehouse on 5432. The document names public hosts (mongodb.example.com, postgres.example.com),
 * not addresses, and NetworkPolicies match addresses: egress goes to any public address on those
 * ports only, never to the private ranges the cluster lives in. Narrow the blocks once the
 * sources' addresses are known.
 */
const SOURCE_PORTS: Record<Schema, number> = { ecommerce: 27017, users: 3306, analytics: 443 };
const WAREHOUSE_PORT = 5432;
const PUBLIC = { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] };

const SCHEMAS: Record<Schema, Record<string, unknown>> = {
  ecommerce: {
    name: 'ecommerce',
    table_whitelist: Object.keys(ECOMMERCE_TABLES),
    max_parallel_streams: 3,
    tables: ECOMMERCE_TABLES,
  },
  users: { name: 'users', max_parallel_streams: 2 },
  analytics: { name: 'analytics', max_parallel_streams: 1 },
};

/** The Secret key holding each source's credentials. */
const SOURCE_KEYS: Record<Schema, string> = {
  ecommerce: 'mongodb-connection-string',
  users: 'mysql-connection-string',
  analytics: 'bigquery-credentials',
};

function configYaml(schema: Schema | 'all'): string {
  const config =
    schema === 'all'
      ? {
          mode: 'multi',
          performance: PERFORMANCE,
          destination: DESTINATION,
          schemas: Object.values(SCHEMAS),
          monitoring: MONITORING,
          logging: LOGGING,
        }
      : {
          mode: 'single',
          single_schema_name: schema,
          performance: PERFORMANCE,
          source: SOURCES[schema],
          destination: { ...DESTINATION, schema },
          schemas: [SCHEMAS[schema]],
          monitoring: MONITORING,
          logging: LOGGING,
        };
  return stringify(config);
}

/** One CDC Deployment: the full ecommerce manifest of the document, parameterised by schema and size. */
function cdc(opts: {
  schema: Schema | 'all';
  replicas: number;
  cpu: string;
  memory: string;
  requests: { cpu: string; memory: string };
  description: string;
}): ComponentInput {
  const mode = opts.schema === 'all' ? 'multi' : 'single';
  const schemaLabel = opts.schema === 'all' ? 'all' : opts.schema;
  return {
    type: 'worker',
    description: opts.description,
    image: IMAGE,
    imagePullPolicy: 'Always',
    command: ['cartridge-warp'],
    args: ['run', `--mode=${mode}`, '--schema=$(SCHEMA_NAME)', '--config=/etc/cartridge-warp/config.yaml'],
    // The document's identity: selector {app, schema}, one ServiceAccount and container name for
    // every CDC Deployment, and an anti-affinity that keeps all cartridge-warp pods apart.
    labels: { component: 'cdc-processor' },
    selectorLabels: { app: 'cartridge-warp', schema: schemaLabel },
    serviceAccount: { name: 'cartridge-warp' },
    rbac: LEADER_ELECTION,
    containerName: 'cartridge-warp',
    podAnnotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '8080', 'prometheus.io/path': '/metrics' },
    ports: { metrics: 8080, health: 8081 },
    // The document's Service pair: ClusterIP and headless, both publishing pods before they are ready
    // (its `tolerate-unready-endpoints` annotation is the deprecated form of publishNotReadyAddresses).
    // The development Service is a NodePort on 30080 for debug access (to the metrics/status port);
    // its NetworkPolicy admits outside addresses on the exposed ports (service.sourceRanges: default everywhere).
    service: {
      headless: true,
      publishNotReadyAddresses: true,
      ...(opts.schema === 'all' && { type: 'NodePort', nodePorts: { metrics: 30080 } }),
    },
    ...(opts.schema === 'all' && {
      acknowledge: { 'service-exposed': "The document's development Service: NodePort 30080 for debug access" },
    }),
    env: {
      SCHEMA_NAME: schemaLabel,
      ...(opts.schema !== 'all' && {
        CARTRIDGE_WARP_SOURCE__CONNECTION_STRING: { secret: SECRET, key: SOURCE_KEYS[opts.schema] },
      }),
      CARTRIDGE_WARP_DESTINATION__CONNECTION_STRING: { secret: SECRET, key: 'postgresql-connection-string' },
      PROMETHEUS_METRICS_ENABLED: 'true',
      PROMETHEUS_METRICS_PORT: '8080',
      LOG_LEVEL: 'INFO',
      POD_NAME: { field: 'metadata.name' },
      POD_NAMESPACE: { field: 'metadata.namespace' },
    },
    // The development Deployment reads every source: all connection strings, under their key names.
    ...(opts.schema === 'all' && { envFrom: [{ secret: SECRET }] }),
    config: {
      ...(opts.schema === 'ecommerce' && { name: 'cartridge-warp-config' }),
      mountPath: '/etc/cartridge-warp',
      volumeName: 'config-volume',
      data: { 'config.yaml': configYaml(opts.schema) },
    },
    external: [
      {
        ...PUBLIC,
        ports: [...(opts.schema === 'all' ? Object.values(SOURCE_PORTS) : [SOURCE_PORTS[opts.schema]]), WAREHOUSE_PORT],
      },
      // The overview's PostgreSQL Cluster in the infrastructure namespace, run by an operator the
      // document does not name: its pods' labels are unknown, so the namespace on 5432 is allowed.
      { namespace: 'cartridge-infra', ports: [WAREHOUSE_PORT] },
    ],
    replicas: opts.replicas,
    resources: { requests: opts.requests, limits: { cpu: opts.cpu, memory: opts.memory } },
    // The document's logs claim: 10Gi, ReadWriteOnce on fast-ssd (EBS, which offers no ReadWriteMany).
    // ReadWriteOnce lets only one node mount it, so replicas the anti-affinity places on other nodes
    // cannot start until they land beside the first. Kept as the detailed manifest states it.
    // The document's claim is `cartridge-warp-logs` (the ecommerce manifest); the other schemas get their own.
    storage: {
      size: '10Gi',
      mountPath: '/var/log/cartridge-warp',
      class: 'fast-ssd',
      accessMode: 'ReadWriteOnce',
      ...(opts.schema === 'ecommerce' && { claimName: 'cartridge-warp-logs' }),
      volumeName: 'logs-volume',
    },
    // The document's volume names: config-volume, logs-volume, temp-volume.
    writablePaths: [{ path: '/tmp/cartridge-warp', sizeLimit: '1Gi', volumeName: 'temp-volume' }],
    probes: {
      liveness: {
        http: { path: '/health', port: 'health' },
        initialDelaySeconds: 30,
        periodSeconds: 10,
        timeoutSeconds: 5,
        failureThreshold: 3,
      },
      readiness: {
        http: { path: '/ready', port: 'health' },
        initialDelaySeconds: 10,
        periodSeconds: 5,
        timeoutSeconds: 3,
        failureThreshold: 1,
      },
      startup: {
        http: { path: '/startup', port: 'health' },
        initialDelaySeconds: 10,
        periodSeconds: 10,
        timeoutSeconds: 5,
        failureThreshold: 6,
      },
    },
    rollout: { strategy: 'RollingUpdate', maxUnavailable: 1, maxSurge: 1 },
    scheduling: {
      nodeSelector: { 'workload-type': 'compute-intensive' },
      tolerations: [{ key: 'cartridge-workload', operator: 'Equal', value: 'true', effect: 'NoSchedule' }],
      antiAffinity: 'preferred',
      antiAffinityLabels: { app: 'cartridge-warp' },
    },
    // Prometheus runs in the infrastructure namespace.
    metrics: { port: 8080, path: '/metrics', scrapeFrom: 'cartridge-infra' },
    scrape: { via: 'both', interval: '30s', scrapeTimeout: '10s', honorLabels: true, keep: 'cartridge_warp_.*' },
    exports: [
      { name: 'cartridge_warp_errors_total', type: 'counter', help: 'Errors while streaming or writing changes' },
      {
        name: 'cartridge_warp_replication_lag_seconds',
        type: 'gauge',
        help: 'Age of the newest change not yet written to the destination',
      },
    ],
  };
}

const ecommerce = cdc({
  schema: 'ecommerce',
  replicas: 3,
  cpu: '2',
  memory: '4Gi',
  requests: { cpu: '1', memory: '2Gi' },
  description: 'CDC ecommerce: MongoDB ecommerce_db → PostgreSQL warehouse',
});

/**
 * The ecommerce Deployment as a release variant of the document's "Blue-Green" and "Canary"
 * sections: the `version` label on its pods, its own ConfigMap (same config.yaml) and logs claim,
 * switched off unless a profile turns it on.
 */
function ecommerceVariant(version: 'blue' | 'green' | 'canary', extra: Partial<ComponentInput> = {}): ComponentInput {
  const { config, storage, ...rest } = ecommerce;
  const { claimName: _documentClaim, ...volume } = storage!;
  return {
    ...rest,
    enabled: false,
    description: `CDC ecommerce, ${version} variant`,
    selectorLabels: { ...ecommerce.selectorLabels, version },
    config: { mountPath: config!.mountPath, volumeName: config!.volumeName, data: config!.data },
    storage: volume,
    ...extra,
  };
}

/**
 * The document's alerts on the ecommerce CDC: on the Deployment that serves the Service named
 * `cartridge-warp-ecommerce` in each profile (the main one, or blue in blue-green).
 */
const ECOMMERCE_ALERTS: ComponentInput['alerts'] = [
  {
    name: 'CartridgeWarpDown',
    severity: 'critical',
    summary: 'Cartridge-Warp service is down',
    description: 'Cartridge-Warp {{ $labels.instance }} has been down for more than 1 minute.',
    expr: 'up{job="cartridge-warp-ecommerce"} == 0',
    for: '1m',
  },
  {
    name: 'CartridgeWarpHighErrorRate',
    severity: 'warning',
    summary: 'High error rate in Cartridge-Warp',
    description: 'Cartridge-Warp {{ $labels.instance }} error rate is {{ $value }} errors per second.',
    expr: 'rate(cartridge_warp_errors_total[5m]) > 0.1',
    for: '2m',
  },
  {
    name: 'CartridgeWarpReplicationLag',
    severity: 'warning',
    summary: 'High replication lag in Cartridge-Warp',
    description: 'Cartridge-Warp {{ $labels.instance }} replication lag is {{ $value }} seconds.',
    expr: 'cartridge_warp_replication_lag_seconds > 300',
    for: '5m',
  },
];

export default defineArchitecture({
  name: 'cartridge-warp',
  namespace: 'cartridge-warp',
  description: 'Change data capture from MongoDB, MySQL and BigQuery into PostgreSQL, one Deployment per schema',

  secrets: {
    [SECRET]: {
      keys: [
        'mongodb-connection-string',
        'mysql-connection-string',
        'bigquery-credentials',
        'postgresql-connection-string',
      ],
      description:
        'Source and destination connection strings (mongodb://…, mysql://…, BigQuery service-account JSON, postgresql://…)',
    },
  },

  // The document's StorageClass, as its manifest states it (the manifest writes `apiVersion: v1`;
  // StorageClasses are storage.k8s.io/v1). `kubernetes.io/aws-ebs` is the in-tree name, served by
  // the EBS CSI driver through CSI migration.
  storageClasses: {
    'fast-ssd': {
      provisioner: 'kubernetes.io/aws-ebs',
      parameters: { type: 'gp3', fsType: 'ext4', encrypted: 'true' },
      allowVolumeExpansion: true,
      reclaimPolicy: 'Retain',
      volumeBindingMode: 'WaitForFirstConsumer',
    },
  },

  components: {
    'cartridge-warp-ecommerce': {
      ...ecommerce,
      alerts: ECOMMERCE_ALERTS,
    },
    // Blue-green: blue takes the stable Service name, pinned to version blue ("switch to green for
    // deployment" is a change of that selector); green keeps a Service of its own for checks before the switch.
    'cartridge-warp-ecommerce-blue': ecommerceVariant('blue', {
      alerts: ECOMMERCE_ALERTS,
      service: {
        ...ecommerce.service,
        name: 'cartridge-warp-ecommerce',
        selector: { app: 'cartridge-warp', schema: 'ecommerce', version: 'blue' },
      },
    }),
    'cartridge-warp-ecommerce-green': ecommerceVariant('green'),
    // Canary: one pod beside the main Deployment's nine; the main Service selects {app, schema}, so
    // it spreads traffic over all ten (the document's 90% / 10%). The canary carries the schema
    // label too, which the document's abbreviated snippet leaves out but its Service selector needs.
    'cartridge-warp-ecommerce-canary': ecommerceVariant('canary', { replicas: 1 }),
    'cartridge-warp-users': cdc({
      schema: 'users',
      replicas: 2,
      cpu: '1',
      memory: '2Gi',
      requests: { cpu: '500m', memory: '1Gi' },
      description: 'CDC users: MySQL → PostgreSQL',
    }),
    'cartridge-warp-analytics': cdc({
      schema: 'analytics',
      replicas: 1,
      cpu: '1',
      memory: '2Gi',
      requests: { cpu: '500m', memory: '1Gi' },
      description: 'CDC analytics: BigQuery → PostgreSQL',
    }),
    'cartridge-warp-development': cdc({
      schema: 'all',
      replicas: 1,
      cpu: '4',
      memory: '8Gi',
      requests: { cpu: '2', memory: '4Gi' },
      description: 'Development: every schema in one process (multi-schema mode)',
    }),
  },

  profiles: {
    'blue-green': {
      description: 'ecommerce as blue and green Deployments; the Service serves blue',
      components: {
        'cartridge-warp-ecommerce': { enabled: false },
        'cartridge-warp-ecommerce-blue': { enabled: true },
        'cartridge-warp-ecommerce-green': { enabled: true },
      },
    },
    canary: {
      description: 'ecommerce main (9 replicas) and canary (1) behind one Service',
      components: {
        'cartridge-warp-ecommerce': {
          replicas: 9,
          service: { selector: { app: 'cartridge-warp', schema: 'ecommerce' } },
        },
        'cartridge-warp-ecommerce-canary': { enabled: true },
      },
    },
  },
});
