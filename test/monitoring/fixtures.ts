// Architectures for the monitoring tests: the metrics and alerts seed 001 (sagaz) and seed 004
// (cartridge-warp) describe, plus one component of every workload kind.
import { architectureSchema, type Architecture } from '../../src/spec/schema.js';

export const sagaz: Architecture = architectureSchema.parse({
  name: 'sagaz',
  namespace: 'sagaz',
  secrets: { 'sagaz-db': { keys: ['password'] } },
  components: {
    'outbox-worker': {
      type: 'worker',
      image: 'sagaz/outbox-worker:1.0.0',
      ports: { metrics: 8000 },
      metrics: { port: 8000 },
      replicas: { min: 3, max: 10 },
      autoscaling: { metrics: [{ name: 'outbox_pending_events_total', averageValue: 1000 }] },
      resources: { requests: { cpu: '200m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } },
      uses: ['postgresql'],
      exports: [
        { name: 'outbox_pending_events_total', type: 'gauge', help: 'Pending events' },
        { name: 'outbox_published_events_total', type: 'counter', help: 'Published events', labels: ['event_type'] },
        { name: 'outbox_failed_events_total', type: 'counter', help: 'Failed events', labels: ['event_type'] },
        { name: 'outbox_publish_duration_seconds', type: 'histogram', help: 'Publish latency' },
      ],
      alerts: [
        {
          name: 'OutboxHighLag',
          severity: 'warning',
          summary: 'Too many pending events',
          description: '{{ $value }} events pending in {{ $labels.namespace }}.',
          above: { metric: 'outbox_pending_events_total', aggregate: 'sum', value: 5000, for: '10m' },
          runbook: 'Scale the worker or check the broker.',
        },
        {
          name: 'OutboxWorkerDown',
          severity: 'critical',
          summary: 'No outbox workers running',
          absent: { metric: 'outbox_pending_events_total', for: '5m' },
        },
        {
          name: 'OutboxHighErrorRate',
          severity: 'critical',
          summary: 'More than 1% of publishes fail',
          description: 'Failure ratio {{ $value }}.',
          errorRatio: {
            errors: 'outbox_failed_events_total',
            total: ['outbox_published_events_total', 'outbox_failed_events_total'],
            threshold: 0.01,
            for: '5m',
          },
        },
      ],
    },
    postgresql: {
      type: 'database',
      image: 'postgres:16.4',
      ports: { postgres: 5432 },
      storage: { size: '10Gi', mountPath: '/var/lib/postgresql/data' },
      env: { POSTGRES_PASSWORD: { secret: 'sagaz-db', key: 'password' } },
    },
  },
});

/** Seed 004: the ecommerce CDC processor, scraped by a ServiceMonitor and a PodMonitor, with its three alerts verbatim. */
export const cartridgeWarp: Architecture = architectureSchema.parse({
  name: 'cartridge-warp',
  namespace: 'cartridge-warp',
  components: {
    'cartridge-warp-ecommerce': {
      type: 'worker',
      image: 'cartridge/warp:v1.0.0',
      ports: { metrics: 8080, health: 8081 },
      metrics: { port: 8080 },
      scrape: { via: 'both', interval: '30s', scrapeTimeout: '10s', honorLabels: true, keep: 'cartridge_warp_.*' },
      exports: [
        { name: 'cartridge_warp_errors_total', type: 'counter', help: 'Errors while replicating' },
        { name: 'cartridge_warp_replication_lag_seconds', type: 'gauge', help: 'Replication lag' },
      ],
      alerts: [
        {
          name: 'CartridgeWarpDown',
          expr: 'up{job="cartridge-warp-ecommerce"} == 0',
          for: '1m',
          severity: 'critical',
          summary: 'Cartridge-Warp service is down',
          description: 'Cartridge-Warp {{ $labels.instance }} has been down for more than 1 minute.',
        },
        {
          name: 'CartridgeWarpHighErrorRate',
          expr: 'rate(cartridge_warp_errors_total[5m]) > 0.1',
          for: '2m',
          severity: 'warning',
          summary: 'High error rate in Cartridge-Warp',
          description: 'Cartridge-Warp {{ $labels.instance }} error rate is {{ $value }} errors per second.',
        },
        {
          name: 'CartridgeWarpReplicationLag',
          expr: 'cartridge_warp_replication_lag_seconds > 300',
          for: '5m',
          severity: 'warning',
          summary: 'High replication lag in Cartridge-Warp',
          description: 'Cartridge-Warp {{ $labels.instance }} replication lag is {{ $value }} seconds.',
        },
      ],
    },
  },
});

/** One component of every workload kind, with every shorthand. */
export const kinds: Architecture = architectureSchema.parse({
  name: 'kinds',
  namespace: 'kinds',
  components: {
    api: {
      type: 'web',
      image: 'example/api:1.0.0',
      ports: { http: 8080, metrics: 9090 },
      metrics: { port: 9090, path: '/stats' },
      resources: { limits: { cpu: '500m', memory: '256Mi' } },
      exports: [
        { name: 'http_requests_total', type: 'counter', help: 'Requests', labels: ['code'] },
        { name: 'http_request_errors_total', type: 'counter', help: 'Failed requests' },
        { name: 'rpc_duration_seconds', type: 'summary', help: 'RPC latency' },
        { name: 'queue_depth', type: 'gauge', help: 'Queue depth' },
        { name: 'last_sync_timestamp_seconds', type: 'gauge', help: 'When the last sync succeeded' },
      ],
      alerts: [
        {
          name: 'ApiSlowDrain',
          below: { metric: 'http_requests_total', rate: '10m', value: 0.5, aggregate: 'sum', by: ['code'] },
          summary: 'Code {{ $labels.code }} at {{ $value }}/s',
        },
        {
          name: 'ApiErrorBudgetBurn',
          slo: { objective: 0.999, errors: 'http_request_errors_total', total: 'http_requests_total' },
          severity: 'critical',
          summary: 'Burning the error budget ({{ $value }})',
        },
        {
          name: 'ApiQueueDeep',
          above: { metric: 'queue_depth', value: 99.5, aggregate: 'max' },
          for: '3m',
          summary: 'Queue {{ $value }} deep',
        },
        {
          name: 'ApiIncrease',
          expr: 'sum by (code) (increase(http_requests_total{code="500"}[10m])) >= 30',
          summary: 'Many 500s',
        },
        {
          name: 'ApiSyncStale',
          expr: 'time() - last_sync_timestamp_seconds{job="api"} > 26 * 3600',
          for: '5m',
          summary: 'Last sync {{ $value }}s ago on {{ $labels.instance }}',
        },
        {
          name: 'ApiComplex',
          expr: 'histogram_quantile(0.99, sum by (le) (rate(rpc_duration_seconds_bucket[5m]))) > 1',
          summary: 'Slow',
        },
      ],
    },
    cache: {
      type: 'cache',
      image: 'redis:7.2.4',
      ports: { redis: 6379 },
      storage: { size: '1Gi', mountPath: '/data' },
    },
    agent: {
      type: 'daemon',
      image: 'example/agent:1.0.0',
      ports: { metrics: 9100 },
      metrics: { port: 9100 },
      scrape: { via: 'pod' },
    },
    migrate: { type: 'job', image: 'example/migrate:1.0.0' },
    report: { type: 'cronjob', image: 'example/report:1.0.0', schedule: '0 3 * * *' },
  },
});
