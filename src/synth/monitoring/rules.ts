// A PrometheusRule per component (prometheus-operator, monitoring.coreos.com/v1): one group with
// the alerts declared in the spec, one with the generated workload alerts.
import type { KubeObject, ObjectMeta } from '../../k8s/object.js';
import { alertExpr, alertFor } from './conditions.js';
import { DEFAULT_SEVERITY, type AlertRule, type DocumentedRule, type MonitoredComponent } from './model.js';
import { defaultRunbook } from './runbooks.js';
import { workloadAlerts } from './workload-alerts.js';

export interface RuleGroup {
  name: string;
  rules: AlertRule[];
}

export function declaredRules(c: MonitoredComponent): DocumentedRule[] {
  return c.alerts.map((a) => {
    const annotations: Record<string, string> = { summary: a.summary };
    if (a.description) annotations.description = a.description;
    const forDuration = alertFor(a);
    return {
      rule: {
        alert: a.name,
        expr: alertExpr(a, c.namespace),
        ...(forDuration ? { for: forDuration } : {}),
        labels: { ...a.labels, severity: a.severity ?? DEFAULT_SEVERITY },
        annotations,
      },
      runbook: a.runbook ?? defaultRunbook(a, c),
      declared: true,
    };
  });
}

/** Both groups of the component (the declared one is left out when nothing is declared). */
export function ruleGroups(c: MonitoredComponent): { groups: RuleGroup[]; documented: DocumentedRule[] } {
  const declared = declaredRules(c);
  const generated = workloadAlerts(c.workload);
  const groups: RuleGroup[] = [];
  if (declared.length) groups.push({ name: `${c.namespace}.${c.name}`, rules: declared.map((d) => d.rule) });
  if (generated.length) groups.push({ name: `${c.namespace}.${c.name}.workload`, rules: generated.map((d) => d.rule) });
  return { groups, documented: [...declared, ...generated] };
}

export function prometheusRule(meta: ObjectMeta, groups: RuleGroup[]): KubeObject {
  return { apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: meta, spec: { groups } };
}
