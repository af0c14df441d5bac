// The monitoring generator family. It reads the objects the workload, service and autoscaler
// families make for a component (by running them: they are pure), so every ServiceMonitor port,
// pod pattern and adapter rule follows the real objects.
//
// Monitoring objects are prometheus-operator custom resources, which a cluster without the operator
// rejects; so they are only generated for an architecture that uses monitoring at all (a component
// declares `metrics`, `exports` or `alerts`). Then every component gets its PrometheusRule (the
// generated workload alerts) and dashboard.
import { ANNOTATIONS } from '../../k8s/annotations.js';
import { dataToYaml } from '../../k8s/write.js';
import { DEFAULT_SCRAPE_NAMESPACE } from '../families/network-policy.js';
import { WORKLOAD_KINDS, type KubeObject } from '../../k8s/object.js';
import type { Architecture } from '../../spec/schema.js';
import { architectureContext, componentContext, type ArchitectureContext, type ComponentContext } from '../context.js';
import { autoscalerFamily } from '../families/autoscaler.js';
import { serviceFamily } from '../families/service.js';
import { workloadFamily } from '../families/workload.js';
import { adapterRule, hpaPodMetrics, type AdapterRule } from './adapter.js';
import { dashboard, dashboardConfigMap } from './dashboard.js';
import type { DocumentedRule, MonitoredComponent } from './model.js';
import { prometheusRule, ruleGroups, type RuleGroup } from './rules.js';
import { runbooksMarkdown } from './runbooks.js';
import { podMonitor, serviceMonitor } from './scrape.js';
import { alertTests, testFile, type PromtoolTest } from './unit-tests.js';
import type { ExtraFile, GeneratorFamily } from '../family.js';

/** Folder (inside the output folder) of the monitoring files that are not Kubernetes objects. */
export const MONITORING_DIR = 'monitoring';
export const RUNBOOKS_FILE = 'RUNBOOKS.md';

export function usesMonitoring(arch: Architecture): boolean {
  return Object.values(arch.components).some((c) => c.metrics || c.exports?.length || c.alerts?.length);
}

function find(objects: KubeObject[], kind: string, name?: string): KubeObject | undefined {
  return objects.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
}

export function monitoredComponent(ctx: ComponentContext): MonitoredComponent {
  const workload = workloadFamily.forComponent!(ctx).find((o) => WORKLOAD_KINDS.has(o.kind))!;
  const c = ctx.component;
  return {
    architecture: ctx.arch.name,
    name: ctx.name,
    namespace: ctx.namespace,
    workload,
    // Default path /metrics (as the component schema documents).
    metrics: c.metrics && { port: c.metrics.port, path: c.metrics.path ?? '/metrics' },
    metricsService: c.metrics ? find(serviceFamily.forComponent!(ctx), 'Service', `${ctx.name}-metrics`) : undefined,
    hpa: find(autoscalerFamily.forComponent!(ctx), 'HorizontalPodAutoscaler'),
    exports: c.exports ?? [],
    alerts: c.alerts ?? [],
    scrape: c.scrape,
  };
}

export interface ComponentMonitoring {
  component: MonitoredComponent;
  objects: KubeObject[];
  groups: RuleGroup[];
  documented: DocumentedRule[];
  dashboard: Record<string, unknown>;
  tests: PromtoolTest[];
  /** Declared alerts no unit test could be generated for, with the reason. */
  untested: Array<{ alert: string; reason: string }>;
}

export function dashboardFile(name: string): string {
  return `${name}.json`;
}

export function componentMonitoring(ctx: ComponentContext): ComponentMonitoring {
  const c = monitoredComponent(ctx);
  const objects: KubeObject[] = [];
  const via = c.scrape?.via ?? 'service'; // default documented in the spec schema
  // Where Prometheus runs (what the NetworkPolicy admits), so checks on the manifests know it too.
  const scrapedFrom = {
    [ANNOTATIONS.scrapedFrom]: ctx.component.metrics?.scrapeFrom ?? DEFAULT_SCRAPE_NAMESPACE,
  };
  if (c.metrics && via !== 'pod') {
    const sm = serviceMonitor(c, ctx.meta(c.name, scrapedFrom));
    if (sm) objects.push(sm);
  }
  if (c.metrics && (via !== 'service' || !c.metricsService)) {
    const pm = podMonitor(c, ctx.meta(c.name, scrapedFrom));
    if (pm) objects.push(pm);
  }
  const { groups, documented } = ruleGroups(c);
  if (groups.length) objects.push(prometheusRule(ctx.meta(`${c.name}-alerts`), groups));
  const board = dashboard(c);
  objects.push(dashboardConfigMap(ctx.meta(`${c.name}-dashboard`), dashboardFile(c.name), board));

  const tests: PromtoolTest[] = [];
  const untested: ComponentMonitoring['untested'] = [];
  for (const d of documented.filter((r) => r.declared)) {
    const spec = c.alerts.find((a) => a.name === d.rule.alert)!;
    const t = alertTests(spec, d.rule, c.name, c.namespace);
    if (typeof t === 'string') untested.push({ alert: spec.name, reason: t });
    else tests.push(...t);
  }
  return { component: c, objects, groups, documented, dashboard: board, tests, untested };
}

/** The files beside the manifests: runbooks, plain rule files with their promtool tests, dashboards, adapter rules. */
export function monitoringFiles(base: ArchitectureContext): ExtraFile[] {
  const arch = base.arch;
  if (!usesMonitoring(arch)) return [];
  const computed = computedInThisSynthesis.get(arch);
  computedInThisSynthesis.delete(arch);
  const all = Object.entries(arch.components).map(
    ([name, component]) => computed?.get(name) ?? componentMonitoring(componentContext(base, name, component)),
  );
  const files: ExtraFile[] = [];
  for (const m of all) {
    const name = m.component.name;
    if (m.groups.length)
      files.push({ file: `${MONITORING_DIR}/rules/${name}.rules.yaml`, content: dataToYaml({ groups: m.groups }) });
    if (m.tests.length || m.untested.length) {
      const header = [
        `# Run: promtool test rules ${name}.test.yaml (in this folder)`,
        ...m.untested.map((u) => `# No test generated for ${u.alert}: ${u.reason}`),
      ];
      files.push({
        file: `${MONITORING_DIR}/rules/${name}.test.yaml`,
        content: `${header.join('\n')}\n${dataToYaml(testFile(`${name}.rules.yaml`, m.tests))}`,
      });
    }
    files.push({
      file: `${MONITORING_DIR}/dashboards/${dashboardFile(name)}`,
      content: `${JSON.stringify(m.dashboard, null, 2)}\n`,
    });
  }
  const adapterRules = prometheusAdapterRules(all.map((m) => m.component));
  if (adapterRules.length) {
    files.push({
      file: `${MONITORING_DIR}/prometheus-adapter-rules.yaml`,
      content: `# Merge into prometheus-adapter's config.yaml (the custom metrics API the HPAs read).\n${dataToYaml({ rules: adapterRules })}`,
    });
  }
  files.push({
    file: RUNBOOKS_FILE,
    content: runbooksMarkdown(
      arch.name,
      all.map((m) => ({ component: m.component.name, namespace: m.component.namespace, rules: m.documented })),
    ),
  });
  return files;
}

/** One rule per distinct custom per-pod metric the HPAs scale on. */
export function prometheusAdapterRules(components: MonitoredComponent[]): AdapterRule[] {
  const seen = new Set<string>();
  const rules: AdapterRule[] = [];
  for (const c of components) {
    for (const metric of c.hpa ? hpaPodMetrics(c.hpa) : []) {
      const key = `${c.namespace}/${metric}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rules.push(
        adapterRule(
          metric,
          c.namespace,
          c.exports.find((e) => e.name === metric),
        ),
      );
    }
  }
  return rules;
}

/**
 * What `forComponent` computed, handed to `files` of the same synthesis (which runs after every
 * component), so each component's monitoring is computed once per build; `files` takes it out.
 */
const computedInThisSynthesis = new WeakMap<Architecture, Map<string, ComponentMonitoring>>();

export const monitoringFamily: GeneratorFamily = {
  name: 'monitoring',
  forComponent: (ctx) => {
    if (!usesMonitoring(ctx.arch)) return [];
    const m = componentMonitoring(ctx);
    const computed = computedInThisSynthesis.get(ctx.arch) ?? new Map<string, ComponentMonitoring>();
    computed.set(ctx.name, m);
    computedInThisSynthesis.set(ctx.arch, computed);
    return m.objects;
  },
  files: monitoringFiles,
};

/** For tests and tools: the whole architecture's monitoring, component by component. */
export function architectureMonitoring(arch: Architecture): ComponentMonitoring[] {
  const base = architectureContext(arch);
  return Object.entries(arch.components).map(([name, component]) =>
    componentMonitoring(componentContext(base, name, component)),
  );
}
