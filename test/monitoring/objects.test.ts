// The generated custom resources are valid for prometheus-operator's CRDs and say what seed 004's
// hand-written ones say; the ServiceMonitor follows the real metrics Service.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/k8s/object.js';
import { architectureMonitoring, monitoringFiles } from '../../src/synth/monitoring/index.js';
import { architectureContext } from '../../src/synth/context.js';
import { synthesize } from '../../src/synth/index.js';
import { architectureSchema } from '../../src/spec/schema.js';
import { cartridgeWarp, kinds, sagaz } from './fixtures.js';
import { crdSchema, validate } from './crd-schema.js';

const objects = (arch: typeof sagaz) => architectureMonitoring(arch).flatMap((m) => m.objects);
const ofKind = (list: KubeObject[], kind: string) => list.filter((o) => o.kind === kind);

describe('custom resources', () => {
  const all = [sagaz, cartridgeWarp, kinds].flatMap(objects);

  it.each([
    ['ServiceMonitor', '0servicemonitorCustomResourceDefinition.yaml'],
    ['PrometheusRule', '0prometheusruleCustomResourceDefinition.yaml'],
  ])('every %s is valid for its CRD', (kind, file) => {
    const schema = crdSchema(file);
    const list = ofKind(all, kind);
    expect(list.length).toBeGreaterThan(0);
    for (const o of list) expect(validate(o, schema), `${kind}/${o.metadata.name}`).toEqual([]);
  });

  it("every PodMonitor's selector and endpoints have the ServiceMonitor CRD's shapes (the PodMonitor CRD shares them; it is not in the corpus)", () => {
    const sm = crdSchema('0servicemonitorCustomResourceDefinition.yaml') as any;
    const spec = sm.properties.spec.properties;
    const list = ofKind(all, 'PodMonitor');
    expect(list.length).toBeGreaterThan(0);
    for (const o of list) {
      const pm = o.spec as any;
      expect(Object.keys(pm).sort()).toEqual(['jobLabel', 'podMetricsEndpoints', 'selector']);
      expect(validate(pm.selector, spec.selector)).toEqual([]);
      expect(validate(pm.jobLabel, spec.jobLabel)).toEqual([]);
      for (const ep of pm.podMetricsEndpoints) expect(validate(ep, spec.endpoints.items)).toEqual([]);
    }
  });

  it('the CRD validation rejects what the API server would', () => {
    const schema = crdSchema('0servicemonitorCustomResourceDefinition.yaml');
    const sm = ofKind(objects(sagaz), 'ServiceMonitor')[0] as KubeObject & {
      spec: { endpoints: Array<Record<string, unknown>> };
    };
    expect(
      validate({ ...sm, spec: { ...sm.spec, endpoints: [{ ...sm.spec.endpoints[0], portName: 'metrics' }] } }, schema),
    ).toEqual(['spec.endpoints[0].portName: unknown field']);
    expect(validate({ ...sm, spec: { endpoints: sm.spec.endpoints } }, schema)).toEqual(['spec.selector: required']);
  });
});

describe('seed 004 (cartridge-warp)', () => {
  const list = objects(cartridgeWarp);

  it("has a ServiceMonitor on the metrics Service port with the seed's scrape settings", () => {
    const [sm] = ofKind(list, 'ServiceMonitor');
    expect(sm.spec).toEqual({
      jobLabel: 'app.kubernetes.io/name',
      selector: {
        matchLabels: {
          'app.kubernetes.io/name': 'cartridge-warp-ecommerce',
          'app.kubernetes.io/instance': 'cartridge-warp',
        },
      },
      endpoints: [
        {
          port: 'metrics',
          path: '/metrics',
          interval: '30s',
          scrapeTimeout: '10s',
          honorLabels: true,
          metricRelabelings: [{ sourceLabels: ['__name__'], regex: 'cartridge_warp_.*', action: 'keep' }],
          relabelings: [
            {
              sourceLabels: ['__meta_kubernetes_service_name'],
              regex: 'cartridge-warp-ecommerce-metrics',
              action: 'keep',
            },
          ],
        },
      ],
    });
    // It selects the metrics Service synthesis made, and names a port that Service has.
    const files = synthesize(cartridgeWarp).files.flatMap((f) => f.objects);
    const svc = files.find((o) => o.kind === 'Service' && o.metadata.name === 'cartridge-warp-ecommerce-metrics')!;
    for (const [k, v] of Object.entries((sm.spec as any).selector.matchLabels))
      expect(svc.metadata.labels?.[k]).toBe(v);
    expect((svc.spec as any).ports.map((p: { name: string }) => p.name)).toContain('metrics');
    // The main Service matches the same labels and also has a `metrics` port: without the keep
    // relabeling every pod would be scraped twice.
    const main = files.find((o) => o.kind === 'Service' && o.metadata.name === 'cartridge-warp-ecommerce')!;
    expect((main.spec as any).ports.map((p: { name: string }) => p.name)).toContain('metrics');
  });

  it('has a PodMonitor on the container port', () => {
    const [pm] = ofKind(list, 'PodMonitor');
    expect((pm.spec as any).podMetricsEndpoints[0]).toMatchObject({
      port: 'metrics',
      path: '/metrics',
      interval: '30s',
    });
    // The same job as through the Service: the component's name, which the seed's `up{job=…}` alert reads.
    expect((pm.spec as any).jobLabel).toBe('app.kubernetes.io/name');
    expect((pm.spec as any).selector.matchLabels).toEqual({
      'app.kubernetes.io/name': 'cartridge-warp-ecommerce',
      'app.kubernetes.io/instance': 'cartridge-warp',
    });
  });

  it('carries the three alerts with their expressions and durations', () => {
    const [rule] = ofKind(list, 'PrometheusRule');
    const declared = (rule.spec as any).groups[0].rules.map((r: any) => [r.alert, r.expr, r.for, r.labels.severity]);
    expect(declared).toEqual([
      ['CartridgeWarpDown', 'up{job="cartridge-warp-ecommerce"} == 0', '1m', 'critical'],
      ['CartridgeWarpHighErrorRate', 'rate(cartridge_warp_errors_total[5m]) > 0.1', '2m', 'warning'],
      ['CartridgeWarpReplicationLag', 'cartridge_warp_replication_lag_seconds > 300', '5m', 'warning'],
    ]);
  });
});

describe('which monitors', () => {
  it('a ServiceMonitor by default, a PodMonitor only with via: pod', () => {
    const byComponent = Object.fromEntries(
      architectureMonitoring(kinds).map((m) => [m.component.name, m.objects.map((o) => o.kind)]),
    );
    expect(byComponent.api).toContain('ServiceMonitor');
    expect(byComponent.api).not.toContain('PodMonitor');
    expect(byComponent.agent).toContain('PodMonitor');
    expect(byComponent.agent).not.toContain('ServiceMonitor');
    expect(byComponent.cache).not.toContain('ServiceMonitor');
  });

  it('uses the declared metrics path', () => {
    const api = architectureMonitoring(kinds).find((m) => m.component.name === 'api')!;
    expect((ofKind(api.objects, 'ServiceMonitor')[0].spec as any).endpoints[0].path).toBe('/stats');
  });

  it('build writes the same monitoring files as computing them on their own', () => {
    const built = synthesize(sagaz);
    expect(built.extraFiles).toEqual(monitoringFiles(architectureContext(sagaz)));
    expect(built.extraFiles?.map((f) => f.file)).toContain('RUNBOOKS.md');
  });

  it('generates nothing for an architecture without monitoring (the CRDs may not be installed)', () => {
    const plain = architectureSchema.parse({
      name: 'plain',
      namespace: 'plain',
      components: { web: { type: 'web', image: 'nginx:1.27.0', ports: { http: 80 } } },
    });
    const kindsOut = synthesize(plain).files.flatMap((f) => f.objects.map((o) => o.kind));
    expect(kindsOut).not.toContain('PrometheusRule');
    expect(kindsOut.filter((k) => k === 'ConfigMap')).toEqual([]);
    expect(monitoringFiles(architectureContext(plain))).toEqual([]);
  });
});

describe('workload alerts', () => {
  const alertsOf = (name: string) =>
    architectureMonitoring(kinds)
      .find((m) => m.component.name === name)!
      .documented.filter((d) => !d.declared)
      .map((d) => d.rule.alert);

  it.each([
    ['api', ['ApiNoReplicasAvailable', 'ApiContainerRestarting', 'ApiCPUThrottlingHigh']],
    [
      'cache',
      [
        'CacheNoReplicasAvailable',
        'CacheContainerRestarting',
        'CacheCPUThrottlingHigh',
        'CachePersistentVolumeFillingUp',
      ],
    ],
    ['agent', ['AgentNoReplicasAvailable', 'AgentContainerRestarting', 'AgentCPUThrottlingHigh']],
    ['migrate', ['MigrateContainerRestarting', 'MigrateCPUThrottlingHigh', 'MigrateJobFailed']],
    [
      'report',
      ['ReportContainerRestarting', 'ReportCPUThrottlingHigh', 'ReportJobFailed', 'ReportCronJobMissedSchedule'],
    ],
  ])('%s gets the alerts its kind needs', (name, expected) => {
    expect(alertsOf(name)).toEqual(expected);
  });

  it("matches a StatefulSet's PVCs by their volumeClaimTemplate names", () => {
    const cache = architectureMonitoring(kinds).find((m) => m.component.name === 'cache')!;
    const statefulSet = cache.component.workload as any;
    const template = statefulSet.spec.volumeClaimTemplates[0].metadata.name;
    const rule = cache.documented.find((d) => d.rule.alert === 'CachePersistentVolumeFillingUp')!.rule;
    expect(rule.expr).toContain(`persistentvolumeclaim=~"${template}-cache-[0-9]+"`);
  });
});
