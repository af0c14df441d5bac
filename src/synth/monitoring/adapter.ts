// prometheus-adapter rules: an HPA `Pods` metric reaches the HPA only through the custom metrics
// API, which prometheus-adapter serves from Prometheus by these rules
// (https://github.com/kubernetes-sigs/prometheus-adapter/blob/master/docs/config.md).
import type { KubeObject } from '../../k8s/object.js';
import type { MetricSpec } from '../../spec/monitoring.js';
import { quote } from '../../vocabulary/promql.js';

/** Rate window for counters served to an HPA. */
export const ADAPTER_RATE_WINDOW = '2m';

export interface AdapterRule {
  seriesQuery: string;
  resources: { overrides: Record<string, { resource: string }> };
  name: { matches: string; as: string };
  metricsQuery: string;
}

interface HpaMetric {
  type?: string;
  pods?: { metric?: { name?: string } };
}

/** Names of the per-pod (`type: Pods`) metrics an HPA scales on. */
export function hpaPodMetrics(hpa: KubeObject): string[] {
  const metrics = (hpa.spec as { metrics?: HpaMetric[] } | undefined)?.metrics ?? [];
  return metrics.filter((m) => m.type === 'Pods' && m.pods?.metric?.name).map((m) => m.pods!.metric!.name!);
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * One rule per metric, scoped to the namespace: series are mapped to pods through their
 * `namespace` and `pod` labels (which prometheus-operator puts on every target). Counters are
 * served as a per-second rate (what "per pod" means for a counter); gauges as their value.
 */
export function adapterRule(metric: string, namespace: string, declared: MetricSpec | undefined): AdapterRule {
  const series = `${metric}{namespace=${quote(namespace)},pod!=""}`;
  const counter = declared?.type === 'counter';
  return {
    seriesQuery: series,
    resources: { overrides: { namespace: { resource: 'namespace' }, pod: { resource: 'pod' } } },
    name: { matches: `^${escapeRegex(metric)}$`, as: metric },
    metricsQuery: counter
      ? `sum(rate(<<.Series>>{<<.LabelMatchers>>}[${ADAPTER_RATE_WINDOW}])) by (<<.GroupBy>>)`
      : 'sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)',
  };
}
