// The monitoring checks, each with a passing and a failing graph. They read objects only: the
// synthesized architecture is the passing case, a small edit of its objects the failing one.
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build.js';
import type { KubeObject } from '../../src/k8s/object.js';
import { ANNOTATIONS } from '../../src/k8s/annotations.js';
import { monitoringChecks } from '../../src/checks/monitoring.js';
import { synthesize } from '../../src/synth/index.js';
import type { Architecture } from '../../src/spec/schema.js';
import { cartridgeWarp, kinds, sagaz } from './fixtures.js';
import { CORPUS } from '../shared-paths.js';

const objectsOf = (arch: Architecture): KubeObject[] =>
  structuredClone(synthesize(arch).files.flatMap((f) => f.objects));

function run(objects: KubeObject[], id?: string) {
  const graph = buildGraph(objects.map((object) => ({ object, source: {} })));
  return monitoringChecks
    .filter((c) => !id || c.id === id)
    .flatMap((c) => c.run({ graph, options: {} }).map((f) => ({ check: c.id, ...f })));
}

function edit(objects: KubeObject[], kind: string, name: string, change: (o: any) => void): KubeObject[] {
  const o = objects.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`no ${kind}/${name}`);
  change(o);
  return objects;
}

describe('the synthesized architectures pass', () => {
  it.each([
    ['sagaz', sagaz],
    ['cartridge-warp', cartridgeWarp],
    ['kinds', kinds],
  ] as const)('%s', (_, arch) => {
    expect(run(objectsOf(arch))).toEqual([]);
  });
});

describe('hpa-metric-not-exported', () => {
  it('flags an HPA scaling on a per-pod metric its pods do not export', () => {
    const objects = edit(objectsOf(sagaz), 'HorizontalPodAutoscaler', 'outbox-worker', (h) => {
      h.spec.metrics.find((m: any) => m.type === 'Pods').pods.metric.name = 'outbox_pending_events';
    });
    expect(run(objects, 'hpa-metric-not-exported')).toEqual([
      {
        check: 'hpa-metric-not-exported',
        object: 'sagaz/outbox-worker[HorizontalPodAutoscaler]',
        path: 'spec.metrics[0].pods.metric.name',
        message:
          'scales sagaz/outbox-worker[Deployment] on the per-pod metric outbox_pending_events, which it does not export',
      },
    ]);
  });

  it('names who does export it when it is another component', () => {
    const objects = edit(objectsOf(sagaz), 'Deployment', 'outbox-worker', (d) => {
      d.metadata.annotations[ANNOTATIONS.exportsMetrics] = 'outbox_failed_events_total';
    });
    edit(objects, 'StatefulSet', 'postgresql', (s) => {
      s.metadata.annotations[ANNOTATIONS.exportsMetrics] = 'outbox_pending_events_total';
    });
    expect(run(objects, 'hpa-metric-not-exported')[0].message).toContain('(exported by sagaz/postgresql[StatefulSet])');
  });

  it('stays silent on manifests that declare no exports (foreign manifests)', () => {
    const objects = objectsOf(sagaz);
    for (const o of objects) delete o.metadata.annotations?.[ANNOTATIONS.exportsMetrics];
    edit(objects, 'HorizontalPodAutoscaler', 'outbox-worker', (h) => {
      h.spec.metrics[0].pods.metric.name = 'anything';
    });
    expect(run(objects, 'hpa-metric-not-exported')).toEqual([]);
  });
});

describe('alert-metric-not-exported', () => {
  it('flags an alert reading a metric nobody exports (a typo)', () => {
    const objects = edit(objectsOf(cartridgeWarp), 'PrometheusRule', 'cartridge-warp-ecommerce-alerts', (r) => {
      r.spec.groups[0].rules[1].expr = 'rate(cartridge_warp_error_total[5m]) > 0.1';
    });
    expect(run(objects, 'alert-metric-not-exported')).toEqual([
      {
        check: 'alert-metric-not-exported',
        object: 'cartridge-warp/cartridge-warp-ecommerce-alerts[PrometheusRule]',
        path: 'spec.groups[0].rules[1].expr',
        message: 'alert CartridgeWarpHighErrorRate reads cartridge_warp_error_total, which no component exports',
      },
    ]);
  });

  it('knows histogram series, recording rules and the standard exporters', () => {
    const objects = edit(objectsOf(sagaz), 'PrometheusRule', 'outbox-worker-alerts', (r) => {
      r.spec.groups.push({
        name: 'extra',
        rules: [
          {
            record: 'outbox:latency:p99',
            expr: 'histogram_quantile(0.99, sum by (le) (rate(outbox_publish_duration_seconds_bucket[5m])))',
          },
          { alert: 'Slow', expr: 'outbox:latency:p99 > 1 and on() up == 1 and on() kube_pod_info > 0' },
        ],
      });
    });
    expect(run(objects, 'alert-metric-not-exported')).toEqual([]);
  });

  it('reports an expression it cannot read', () => {
    const objects = edit(objectsOf(sagaz), 'PrometheusRule', 'outbox-worker-alerts', (r) => {
      r.spec.groups[0].rules[0].expr = 'up{job="x} == 0';
    });
    expect(run(objects, 'alert-metric-not-exported')[0].message).toMatch(
      /^alert OutboxHighLag: cannot read the expression \(unterminated string/,
    );
  });
});

describe('alert-job-not-scraped', () => {
  it('flags up{job=…} naming a job no monitor produces', () => {
    const objects = edit(objectsOf(cartridgeWarp), 'PrometheusRule', 'cartridge-warp-ecommerce-alerts', (r) => {
      r.spec.groups[0].rules[0].expr = 'up{job="cartridge-warp-ecommerce-metrics"} == 0';
    });
    expect(run(objects, 'alert-job-not-scraped')).toEqual([
      {
        check: 'alert-job-not-scraped',
        object: 'cartridge-warp/cartridge-warp-ecommerce-alerts[PrometheusRule]',
        path: 'spec.groups[0].rules[0].expr',
        message:
          'alert CartridgeWarpDown selects job="cartridge-warp-ecommerce-metrics", which no ServiceMonitor or PodMonitor produces (jobs: cartridge-warp-ecommerce)',
      },
    ]);
  });

  it("knows prometheus-operator's default jobs: the Service name, and <namespace>/<name> for a PodMonitor", () => {
    const objects = objectsOf(cartridgeWarp);
    for (const kind of ['ServiceMonitor', 'PodMonitor'])
      edit(objects, kind, 'cartridge-warp-ecommerce', (m) => {
        delete m.spec.jobLabel;
      });
    edit(objects, 'PrometheusRule', 'cartridge-warp-ecommerce-alerts', (r) => {
      r.spec.groups[0].rules[0].expr =
        'up{job="cartridge-warp-ecommerce-metrics"} == 0 or up{job="cartridge-warp/cartridge-warp-ecommerce"} == 0';
    });
    expect(run(objects, 'alert-job-not-scraped')).toEqual([]);
  });

  it("knows a keep relabeling on the Service name drops the other Services' targets", () => {
    const objects = objectsOf(cartridgeWarp);
    for (const kind of ['ServiceMonitor', 'PodMonitor'])
      edit(objects, kind, 'cartridge-warp-ecommerce', (m) => {
        delete m.spec.jobLabel;
      });
    // The main Service `cartridge-warp-ecommerce` matches the selector, but the relabeling keeps only `…-metrics`.
    expect(run(objects, 'alert-job-not-scraped').map((f) => f.message)).toEqual([
      'alert CartridgeWarpDown selects job="cartridge-warp-ecommerce", which no ServiceMonitor or PodMonitor produces (jobs: cartridge-warp-ecommerce-metrics, cartridge-warp/cartridge-warp-ecommerce)',
    ]);
  });
});

describe('servicemonitor-no-target', () => {
  it('flags a ServiceMonitor that selects no Service', () => {
    const objects = edit(objectsOf(sagaz), 'ServiceMonitor', 'outbox-worker', (s) => {
      s.spec.selector.matchLabels['app.kubernetes.io/name'] = 'outbox';
    });
    expect(run(objects, 'servicemonitor-no-target')).toEqual([
      {
        check: 'servicemonitor-no-target',
        object: 'sagaz/outbox-worker[ServiceMonitor]',
        path: 'spec.selector',
        message: 'selects no Service in sagaz',
      },
    ]);
  });

  it('looks only in its own namespace unless told otherwise', () => {
    const objects = edit(objectsOf(sagaz), 'ServiceMonitor', 'outbox-worker', (s) => {
      s.metadata.namespace = 'monitoring';
    });
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'monitoring' } });
    expect(run(objects, 'servicemonitor-no-target').map((f) => f.message)).toEqual([
      'selects no Service in monitoring',
    ]);
    edit(objects, 'ServiceMonitor', 'outbox-worker', (s) => {
      s.spec.namespaceSelector = { matchNames: ['sagaz'] };
    });
    expect(run(objects, 'servicemonitor-no-target')).toEqual([]);
  });

  it('flags an endpoint port no selected Service declares', () => {
    const objects = edit(objectsOf(sagaz), 'ServiceMonitor', 'outbox-worker', (s) => {
      s.spec.endpoints[0].port = 'http-metrics';
    });
    expect(run(objects, 'servicemonitor-no-target')).toEqual([
      {
        check: 'servicemonitor-no-target',
        object: 'sagaz/outbox-worker[ServiceMonitor]',
        path: 'spec.endpoints[0].port',
        message: 'names port http-metrics, which no selected Service (sagaz/outbox-worker-metrics[Service]) declares',
      },
    ]);
  });

  it('flags relabelings that keep none of the selected Services', () => {
    const objects = edit(objectsOf(sagaz), 'ServiceMonitor', 'outbox-worker', (s) => {
      s.spec.endpoints[0].relabelings[0].regex = 'outbox-metrics';
    });
    expect(run(objects, 'servicemonitor-no-target')).toEqual([
      {
        check: 'servicemonitor-no-target',
        object: 'sagaz/outbox-worker[ServiceMonitor]',
        path: 'spec.endpoints[0].relabelings',
        message:
          'keeps none of the selected Services (sagaz/outbox-worker[Service], sagaz/outbox-worker-metrics[Service])',
      },
    ]);
  });

  it('cannot tell about namespaces the manifests do not show (kube-system, the API server)', () => {
    const objects = edit(objectsOf(sagaz), 'ServiceMonitor', 'outbox-worker', (s) => {
      s.spec.namespaceSelector = { matchNames: ['kube-system'] };
    });
    expect(run(objects, 'servicemonitor-no-target')).toEqual([]);
  });
});

describe('podmonitor-no-target', () => {
  it('flags a PodMonitor selecting no pods or naming an undeclared port', () => {
    const objects = edit(objectsOf(cartridgeWarp), 'PodMonitor', 'cartridge-warp-ecommerce', (p) => {
      p.spec.podMetricsEndpoints[0].port = 'prom';
    });
    expect(run(objects, 'podmonitor-no-target').map((f) => f.message)).toEqual([
      'names port prom, which no selected pod declares',
    ]);
    edit(objects, 'PodMonitor', 'cartridge-warp-ecommerce', (p) => {
      p.spec.selector = { matchLabels: { app: 'cartridge-warp' } };
    });
    expect(run(objects, 'podmonitor-no-target').map((f) => f.path)).toEqual(['spec.selector']);
  });
});

describe('real manifests', () => {
  it.each(['kube-prometheus', 'prometheus-operator-examples', 'k8s-examples'])(
    '%s: every monitor finds its targets where the manifests show them',
    async (dir) => {
      const { readManifests } = await import('../../src/k8s/read.js');
      const read = await readManifests([`${CORPUS}/${dir}`]);
      const graph = buildGraph(read.objects, read.messages);
      expect(graph.nodes.filter((n) => n.kind === 'ServiceMonitor' || n.kind === 'PodMonitor').length).toBeGreaterThan(
        0,
      );
      expect(monitoringChecks.flatMap((c) => c.run({ graph, options: {} }))).toEqual([]);
    },
  );
});
