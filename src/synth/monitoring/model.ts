// What the monitoring family reads about one component: the objects the other generators made
// for it (so everything stays consistent with the workloads) plus the declared metrics and alerts.
import type { KubeObject } from '../../k8s/object.js';
import { podTemplateOf } from '../../k8s/podspec.js';
import type { AlertSpec, MetricSpec, ScrapeSpec } from '../../spec/monitoring.js';

export interface MonitoredComponent {
  architecture: string;
  name: string;
  namespace: string;
  /** The component's workload: Deployment, StatefulSet, DaemonSet, Job or CronJob. */
  workload: KubeObject;
  /** The metrics endpoint, when the component declares one. */
  metrics?: { port: number; path: string };
  /** The Service that exposes the metrics port (`<component>-metrics`), when synthesized. */
  metricsService?: KubeObject;
  /** The component's HorizontalPodAutoscaler, when synthesized. */
  hpa?: KubeObject;
  exports: MetricSpec[];
  alerts: AlertSpec[];
  scrape?: ScrapeSpec;
}

/** One alerting rule as Prometheus rule files and PrometheusRule `.spec.groups[].rules[]` hold it. */
export interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** A rule plus what RUNBOOKS.md says about it. */
export interface DocumentedRule {
  rule: AlertRule;
  /** Markdown: what to check, how to fix it. */
  runbook: string;
  /** True for alerts declared in the spec, false for the generated workload alerts. */
  declared: boolean;
}

/** Default severity of a declared alert (documented in the spec schema). */
export const DEFAULT_SEVERITY = 'warning';

/** `outbox-worker` → `OutboxWorker`, the prefix of generated alert names. */
export function pascalCase(name: string): string {
  return name
    .split(/[-_.]/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/** The labels a workload selects its pods by (`spec.selector.matchLabels`, else the pod template's labels). */
export function podSelectorLabels(workload: KubeObject): Record<string, string> {
  return (
    (workload.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined)?.selector?.matchLabels ??
    podTemplateOf(workload)?.labels ??
    {}
  );
}
