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
        { name: 'OutboxHighLag', severity: 'warning', summary: 'Too many pending events', description: '{{ $value }} events pending in {{ $labels.namespace }}.',
          above: { metric: 'outbox_pending_events_total', aggregate: 'sum', value: 5000, for: '10m' }, runbook: 'Scale the worker or check the broker.' },
        { name: 'OutboxWorkerDown', severity: 'critical', summary: 'No outbox workers running', absent: { metric: 'outbox_pending_events_total', for: '5m' } },
        { name: 'OutboxHighErrorRate', severity: 'critical', summary: 'More than 1% of publishes fail', description: 'Failure ratio {{ $value }}.',
          errorRatio: { errors: 'outbox_failed_events_total', total: ['outbox_published_events_total', 'outbox_failed_events_total'], threshold: 0.01, for: '5m' } },
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
