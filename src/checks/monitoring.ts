// Monitoring: what makes metrics, alerts and metric-driven autoscaling silently not work — an HPA
// scaling on a metric nobody exports, an alert on a metric nobody exports or on a job nobody
// scrapes (it never fires), a ServiceMonitor or PodMonitor that selects nothing or names a port
// that does not exist (nothing is scraped). What a component exports is declared intent (`shipshape.dev/exports-metrics`):
// the metric and job checks only run when the graph declares some, so foreign manifests are not
// flooded with guesses.
import { podMonitorSpec, serviceMonitorSpec, serviceSpec } from '../k8s/kinds.js';
import type { Graph, GraphNode } from '../graph/model.js';
import { nodeId, WORKLOAD_KINDS } from '../k8s/object.js';
import { ANNOTATIONS, splitList } from '../k8s/annotations.js';
import { matchesSelector, type LabelSelector } from '../k8s/selector.js';
import { containersOf, podTemplateOf } from '../k8s/podspec.js';
import { metricNames, PromqlSyntaxError, vectorSelectors } from '../vocabulary/promql.js';
import type { Check, RawFinding } from './types.js';
import { isRecord, list, nodeNamed, nodesOfKind, specOf } from './workloads.js';
import { pushTo } from '../graph/multimap.js';
import { WORKLOAD_ALERT_METRICS } from '../vocabulary/workload-alert-metrics.js';

/** Series Prometheus itself writes for every target and every alert. */
const PROMETHEUS_SERIES = [
  'up',
  'scrape_duration_seconds',
  'scrape_samples_scraped',
  'scrape_samples_post_metric_relabeling',
  'scrape_series_added',
  'ALERTS',
  'ALERTS_FOR_STATE',
];
/**
 * Metric name prefixes of the exporters a kube-prometheus stack scrapes anyway (kube-state-metrics,
 * cAdvisor, kubelet, node-exporter, the control plane, client libraries' process/runtime metrics).
 */
const STANDARD_EXPORTER_PREFIXES = [
  'kube_',
  'container_',
  'kubelet_',
  'node_',
  'apiserver_',
  'etcd_',
  'scheduler_',
  'workqueue_',
  'rest_client_',
  'coredns_',
  'kubeproxy_',
  'process_',
  'go_',
  'prometheus_',
  'alertmanager_',
  'grafana_',
];
/** Series a client library derives from one declared metric: histogram/summary parts, counter suffixes. */
const DERIVED_SUFFIXES = ['_bucket', '_sum', '_count', '_created', '_total', '_info'];

function exportsOf(node: GraphNode): string[] | undefined {
  const value = node.object.metadata.annotations?.[ANNOTATIONS.exportsMetrics];
  return value === undefined ? undefined : splitList(value);
}

/** name → ids of the workloads that declare it; undefined when nothing in the graph declares exports. */
function exportedMetrics(graph: Graph): Map<string, string[]> | undefined {
  const out = new Map<string, string[]>();
  let declared = false;
  for (const node of graph.nodes) {
    const names = exportsOf(node);
    if (!names) continue;
    declared = true;
    for (const n of names) pushTo(out, n, node.id);
  }
  return declared ? out : undefined;
}

function isExported(name: string, exported: Set<string> | Map<string, unknown>): boolean {
  return exported.has(name) || DERIVED_SUFFIXES.some((s) => name.endsWith(s) && exported.has(name.slice(0, -s.length)));
}

function isStandard(name: string): boolean {
  return (
    PROMETHEUS_SERIES.includes(name) ||
    (WORKLOAD_ALERT_METRICS as readonly string[]).includes(name) ||
    STANDARD_EXPORTER_PREFIXES.some((p) => name.startsWith(p))
  );
}

/** The HPA's custom metrics: per-pod (`Pods`) and per-object (`Object`), autoscaling/v2 and v2beta1 shapes. */
function hpaCustomMetrics(hpa: GraphNode): Array<{ type: 'Pods' | 'Object'; name: string; path: string }> {
  return list(specOf(hpa).metrics).flatMap((m, i) => {
    if (!isRecord(m) || (m.type !== 'Pods' && m.type !== 'Object')) return [];
    const source = m.type === 'Pods' ? m.pods : m.object;
    if (!isRecord(source)) return [];
    const name = isRecord(source.metric) ? source.metric.name : source.metricName;
    const field = isRecord(source.metric) ? 'metric.name' : 'metricName';
    return typeof name === 'string'
      ? [{ type: m.type, name, path: `spec.metrics[${i}].${m.type === 'Pods' ? 'pods' : 'object'}.${field}` }]
      : [];
  });
}

const hpaMetricNotExported: Check = {
  id: 'hpa-metric-not-exported',
  family: 'monitoring',
  severity: 'error',
  rationale:
    'An HPA scaling on a custom metric that its pods do not export gets no value from the custom metrics API and never scales.',
  hint: 'Declare the metric under `exports` of the scaled component (and serve it from the pods), or scale on a metric they export.',
  run: (ctx) => {
    const exported = exportedMetrics(ctx.graph);
    if (!exported) return [];
    return nodesOfKind(ctx.graph, 'HorizontalPodAutoscaler').flatMap((hpa): RawFinding[] => {
      const ref = specOf(hpa).scaleTargetRef;
      const target =
        isRecord(ref) && typeof ref.kind === 'string' && typeof ref.name === 'string'
          ? nodeNamed(ctx.graph, ref.kind, ref.name, hpa.namespace)
          : undefined;
      return hpaCustomMetrics(hpa).flatMap((m): RawFinding[] => {
        if (m.type === 'Pods') {
          // A Pods metric is read from the scaled pods themselves.
          const own = target ? (exportsOf(target) ?? []) : [];
          if (own.includes(m.name)) return [];
          const elsewhere = exported.get(m.name);
          return [
            {
              object: hpa.id,
              path: m.path,
              message: `scales ${target?.id ?? 'its target'} on the per-pod metric ${m.name}, which ${target ? 'it does not export' : 'no pod exports'}${elsewhere ? ` (exported by ${elsewhere.join(', ')})` : ''}`,
            },
          ];
        }
        return exported.has(m.name)
          ? []
          : [
              {
                object: hpa.id,
                path: m.path,
                message: `scales on the object metric ${m.name}, which no component exports`,
              },
            ];
      });
    });
  },
};

/** Every rule of every PrometheusRule, with its field path. */
function rulesOf(graph: Graph): Array<{ node: GraphNode; rule: Record<string, unknown>; path: string }> {
  return nodesOfKind(graph, 'PrometheusRule').flatMap((node) =>
    list(specOf(node).groups).flatMap((g, gi) =>
      (isRecord(g) ? list(g.rules) : []).map((r, ri) => ({
        node,
        rule: isRecord(r) ? r : {},
        path: `spec.groups[${gi}].rules[${ri}]`,
      })),
    ),
  );
}

const alertMetricNotExported: Check = {
  id: 'alert-metric-not-exported',
  family: 'monitoring',
  severity: 'warning',
  rationale:
    'A rule reading a metric that no component exports evaluates to nothing: its alert never fires (a typo in a metric name looks exactly like a healthy system).',
  hint: 'Fix the metric name, or declare the metric under `exports` of the component that serves it.',
  run: (ctx) => {
    const exported = exportedMetrics(ctx.graph);
    if (!exported) return [];
    const rules = rulesOf(ctx.graph);
    // Recording rules define metrics other rules may read.
    const recorded = new Set(rules.map((r) => r.rule.record).filter((n): n is string => typeof n === 'string'));
    return rules.flatMap(({ node, rule, path }): RawFinding[] => {
      if (typeof rule.expr !== 'string') return [];
      const what = typeof rule.alert === 'string' ? `alert ${rule.alert}` : `recording rule ${String(rule.record)}`;
      let names: string[];
      try {
        names = metricNames(rule.expr);
      } catch (e) {
        if (!(e instanceof PromqlSyntaxError)) throw e;
        return [
          { object: node.id, path: `${path}.expr`, message: `${what}: cannot read the expression (${e.message})` },
        ];
      }
      const unknown = names.filter((n) => !isStandard(n) && !isExported(n, exported) && !recorded.has(n));
      return unknown.map((n) => ({
        object: node.id,
        path: `${path}.expr`,
        message: `${what} reads ${n}, which no component exports`,
      }));
    });
  },
};

/** Namespaces a monitor looks in: `namespaceSelector.any` (names undefined: all), `.matchNames`, or its own (the default). */
function monitorNamespaces(node: GraphNode): { names?: string[] } {
  const sel = specOf(node).namespaceSelector;
  if (isRecord(sel) && sel.any === true) return {};
  // Namespace names, as the CRD's schema requires.
  const listed = isRecord(sel) ? (list(sel.matchNames) as string[]) : [];
  return { names: listed.length ? listed : [node.namespace ?? 'default'] };
}

/** A Service with its labels, or a workload with its pod template's labels. */
interface Labelled {
  node: GraphNode;
  labels: Record<string, string>;
}
/** What monitors select in one namespace. */
interface Selectable {
  all: Labelled[];
  /** `key=value` → those carrying that label, for a selector's matchLabels. */
  byLabel: Map<string, Labelled[]>;
}
interface NamespaceIndex {
  services: Map<string, Selectable>;
  workloads: Map<string, Selectable>;
  position: Map<GraphNode, number>;
}
const namespaceIndexes = new WeakMap<Graph, NamespaceIndex>();

/** Indexed once per graph, so the monitor checks stay linear in the number of monitors. */
function namespaceIndex(graph: Graph): NamespaceIndex {
  let index = namespaceIndexes.get(graph);
  if (index) return index;
  index = { services: new Map(), workloads: new Map(), position: new Map(graph.nodes.map((n, i) => [n, i])) };
  const add = (into: Map<string, Selectable>, node: GraphNode, labels: unknown) => {
    const entry: Labelled = { node, labels: (isRecord(labels) ? labels : {}) as Record<string, string> };
    const selectable = into.get(node.namespace!) ?? { all: [], byLabel: new Map<string, Labelled[]>() };
    selectable.all.push(entry);
    for (const [k, v] of Object.entries(entry.labels)) pushTo(selectable.byLabel, `${k}=${v}`, entry);
    into.set(node.namespace!, selectable);
  };
  for (const n of graph.nodes) {
    if (!n.namespace) continue;
    if (n.kind === 'Service') add(index.services, n, n.object.metadata.labels);
    const template = podTemplateOf(n.object);
    if (template) add(index.workloads, n, template.labels);
  }
  namespaceIndexes.set(graph, index);
  return index;
}

/**
 * The Services (or workloads, by their pod template's labels) that `selector` matches in the
 * namespaces a monitor looks in, in input order. Only those carrying the selector's first
 * matchLabels pair are tried, when it has one.
 */
function selectedBy(
  graph: Graph,
  what: 'services' | 'workloads',
  namespaces: ReturnType<typeof monitorNamespaces>,
  selector: LabelSelector,
): GraphNode[] {
  const index = namespaceIndex(graph);
  const entries = namespaces.names
    ? [...new Set(namespaces.names)].flatMap((ns) => index[what].get(ns) ?? [])
    : [...index[what].values()];
  const first = isRecord(selector.matchLabels) ? Object.entries(selector.matchLabels)[0] : undefined;
  const nodes = entries
    .flatMap((e) => (first ? (e.byLabel.get(`${first[0]}=${first[1]}`) ?? []) : e.all))
    .filter((x) => matchesSelector(selector, x.labels))
    .map((x) => x.node);
  return entries.length > 1 ? nodes.sort((a, b) => index.position.get(a)! - index.position.get(b)!) : nodes;
}

/**
 * Whether the graph shows what lives in the namespaces a monitor looks in: the Namespace itself, or
 * some object of the kinds it selects there. Manifests often hold monitors for targets that live
 * elsewhere (kube-system, the API server's `default/kubernetes`): an empty result there proves nothing.
 */
function namespacesKnown(graph: Graph, names: string[] | undefined, kinds: (kind: string) => boolean): boolean {
  if (!names) return true;
  return names.every(
    (ns) => graph.byId.has(nodeId('Namespace', ns)) || graph.nodes.some((n) => n.namespace === ns && kinds(n.kind)),
  );
}

function monitorSelector(node: GraphNode): LabelSelector | undefined {
  const sel = specOf(node).selector;
  return isRecord(sel) ? sel : undefined;
}

const serviceMonitorTargets: Check = {
  id: 'servicemonitor-no-target',
  family: 'monitoring',
  severity: 'warning',
  rationale:
    'A ServiceMonitor that selects no Service, or names a port none of them has, gives Prometheus nothing to scrape: dashboards stay empty and absence alerts fire.',
  hint: "Match spec.selector to the metrics Service's labels (and namespaceSelector to its namespace), and name a port the Service declares.",
  run: (ctx) =>
    nodesOfKind(ctx.graph, 'ServiceMonitor').flatMap((sm): RawFinding[] => {
      const namespaces = monitorNamespaces(sm);
      const selector = monitorSelector(sm);
      // An absent selector matches nothing in prometheus-operator; an empty one matches everything.
      const services = selector ? selectedBy(ctx.graph, 'services', namespaces, selector) : [];
      if (services.length === 0) {
        return namespacesKnown(ctx.graph, namespaces.names, (k) => k === 'Service')
          ? [
              {
                object: sm.id,
                path: 'spec.selector',
                message: `selects no Service in ${namespaces.names?.join(', ') ?? 'any namespace'}`,
              },
            ]
          : [];
      }
      return list(serviceMonitorSpec(sm.object)?.endpoints).flatMap((ep, i): RawFinding[] => {
        if (!isRecord(ep)) return [];
        const kept = services.filter((s) => keepsService(ep, s.name));
        if (kept.length === 0)
          return [
            {
              object: sm.id,
              path: `spec.endpoints[${i}].relabelings`,
              message: `keeps none of the selected Services (${services.map((s) => s.id).join(', ')})`,
            },
          ];
        const portNames = new Set(
          kept
            .flatMap((s) => list(serviceSpec(s.object)?.ports))
            .filter(isRecord)
            .map((p) => p.name),
        );
        return typeof ep.port === 'string' && !portNames.has(ep.port)
          ? [
              {
                object: sm.id,
                path: `spec.endpoints[${i}].port`,
                message: `names port ${ep.port}, which no selected Service (${kept.map((s) => s.id).join(', ')}) declares`,
              },
            ]
          : [];
      });
    }),
};

const podMonitorTargets: Check = {
  id: 'podmonitor-no-target',
  family: 'monitoring',
  severity: 'warning',
  rationale:
    'A PodMonitor that selects no pods, or names a container port they do not declare, gives Prometheus nothing to scrape.',
  hint: 'Match spec.selector to the pod template labels (and namespaceSelector to their namespace), and name a declared container port.',
  run: (ctx) =>
    nodesOfKind(ctx.graph, 'PodMonitor').flatMap((pm): RawFinding[] => {
      const namespaces = monitorNamespaces(pm);
      const selector = monitorSelector(pm);
      const templates = selector
        ? selectedBy(ctx.graph, 'workloads', namespaces, selector).map((n) => podTemplateOf(n.object)!)
        : [];
      if (templates.length === 0) {
        return namespacesKnown(ctx.graph, namespaces.names, (k) => WORKLOAD_KINDS.has(k))
          ? [
              {
                object: pm.id,
                path: 'spec.selector',
                message: `selects no pods in ${namespaces.names?.join(', ') ?? 'any namespace'}`,
              },
            ]
          : [];
      }
      const portNames = new Set(
        templates.flatMap((t) => containersOf(t).flatMap((c) => (c.container.ports ?? []).map((p) => p.name))),
      );
      return list(podMonitorSpec(pm.object)?.podMetricsEndpoints).flatMap((ep, i): RawFinding[] =>
        isRecord(ep) && typeof ep.port === 'string' && !portNames.has(ep.port)
          ? [
              {
                object: pm.id,
                path: `spec.podMetricsEndpoints[${i}].port`,
                message: `names port ${ep.port}, which no selected pod declares`,
              },
            ]
          : [],
      );
    }),
};

/** `job` values of the exporters a kube-prometheus stack runs (their ServiceMonitors are rarely in an application's manifests). */
const STANDARD_JOBS = [
  'kube-state-metrics',
  'kubelet',
  'node-exporter',
  'apiserver',
  'kube-scheduler',
  'kube-controller-manager',
  'coredns',
  'kube-proxy',
  'prometheus',
  'prometheus-k8s',
  'prometheus-operator',
  'alertmanager',
  'alertmanager-main',
  'blackbox-exporter',
  'grafana',
];

/**
 * The `job` label values the graph's monitors give their targets (prometheus-operator): a
 * ServiceMonitor's job is the Service's name, or the value of its `jobLabel` label; a PodMonitor's
 * is `<namespace>/<name>`, or the value of its `jobLabel` pod label.
 */
function scrapedJobs(graph: Graph): Set<string> {
  const jobs = new Set<string>();
  for (const sm of nodesOfKind(graph, 'ServiceMonitor')) {
    const namespaces = monitorNamespaces(sm);
    const selector = monitorSelector(sm);
    const jobLabel = serviceMonitorSpec(sm.object)?.jobLabel;
    for (const svc of selector ? selectedBy(graph, 'services', namespaces, selector) : []) {
      if (!list(serviceMonitorSpec(sm.object)?.endpoints).some((ep) => keepsService(ep, svc.name))) continue;
      const labelled = typeof jobLabel === 'string' ? svc.object.metadata.labels?.[jobLabel] : undefined;
      jobs.add(labelled ?? svc.name);
    }
  }
  for (const pm of nodesOfKind(graph, 'PodMonitor')) {
    const namespaces = monitorNamespaces(pm);
    const selector = monitorSelector(pm);
    const jobLabel = podMonitorSpec(pm.object)?.jobLabel;
    for (const n of selector ? selectedBy(graph, 'workloads', namespaces, selector) : []) {
      const t = podTemplateOf(n.object)!;
      jobs.add((typeof jobLabel === 'string' ? t.labels[jobLabel] : undefined) ?? `${pm.namespace}/${pm.name}`);
    }
  }
  return jobs;
}

/**
 * Whether an endpoint's relabelings let a Service's targets through: a `keep` on
 * `__meta_kubernetes_service_name` drops every other Service (Prometheus regexes are fully anchored).
 */
function keepsService(endpoint: unknown, serviceName: string): boolean {
  if (!isRecord(endpoint)) return false;
  return list(endpoint.relabelings).every(
    (r) =>
      !isRecord(r) ||
      r.action !== 'keep' ||
      typeof r.regex !== 'string' ||
      JSON.stringify(r.sourceLabels) !== JSON.stringify(['__meta_kubernetes_service_name']) ||
      new RegExp(`^(?:${r.regex})$`).test(serviceName),
  );
}

/** One endpoint of a ServiceMonitor or PodMonitor: the Services it keeps or the workloads it selects, and the port it names. */
export interface MonitorEndpoint {
  /** Field path of the endpoint in the monitor. */
  path: string;
  /** ServiceMonitor: a Service port name; PodMonitor: a container port name; undefined when not named. */
  port?: string;
  services: GraphNode[];
  workloads: GraphNode[];
}

/** What a ServiceMonitor or PodMonitor scrapes, endpoint by endpoint (as the monitor checks above resolve it). */
export function monitorEndpoints(graph: Graph, monitor: GraphNode): MonitorEndpoint[] {
  const selector = monitorSelector(monitor);
  if (!selector) return [];
  const namespaces = monitorNamespaces(monitor);
  const portOf = (ep: Record<string, unknown>) => (typeof ep.port === 'string' ? ep.port : undefined);
  if (monitor.kind === 'ServiceMonitor') {
    const services = selectedBy(graph, 'services', namespaces, selector);
    return list(serviceMonitorSpec(monitor.object)?.endpoints).flatMap((ep, i) =>
      isRecord(ep)
        ? [
            {
              path: `spec.endpoints[${i}]`,
              port: portOf(ep),
              services: services.filter((s) => keepsService(ep, s.name)),
              workloads: [],
            },
          ]
        : [],
    );
  }
  const workloads = selectedBy(graph, 'workloads', namespaces, selector);
  return list(podMonitorSpec(monitor.object)?.podMetricsEndpoints).flatMap((ep, i) =>
    isRecord(ep) ? [{ path: `spec.podMetricsEndpoints[${i}]`, port: portOf(ep), services: [], workloads }] : [],
  );
}

const alertJobNotScraped: Check = {
  id: 'alert-job-not-scraped',
  family: 'monitoring',
  severity: 'warning',
  rationale:
    'A rule selecting job="x" when no ServiceMonitor or PodMonitor produces that job matches no series: an `up{job=…} == 0` alert then never fires, even when everything is down.',
  hint: 'Use the job the monitor gives its targets (the Service name, or the value of its jobLabel label), or set jobLabel on the monitor.',
  run: (ctx) => {
    if (!exportedMetrics(ctx.graph)) return [];
    const jobs = scrapedJobs(ctx.graph);
    return rulesOf(ctx.graph).flatMap(({ node, rule, path }): RawFinding[] => {
      if (typeof rule.expr !== 'string') return [];
      let selectors;
      try {
        selectors = vectorSelectors(rule.expr);
      } catch {
        return [];
      } // alert-metric-not-exported reports unreadable expressions
      const named = new Set(
        selectors.flatMap((s) => s.matchers.filter((m) => m.label === 'job' && m.op === '=').map((m) => m.value)),
      );
      const what = typeof rule.alert === 'string' ? `alert ${rule.alert}` : `recording rule ${String(rule.record)}`;
      return [...named]
        .filter((j) => !jobs.has(j) && !STANDARD_JOBS.includes(j))
        .map((j) => ({
          object: node.id,
          path: `${path}.expr`,
          message: `${what} selects job="${j}", which no ServiceMonitor or PodMonitor produces${jobs.size ? ` (jobs: ${[...jobs].sort().join(', ')})` : ''}`,
        }));
    });
  },
};

export const monitoringChecks: Check[] = [
  hpaMetricNotExported,
  alertMetricNotExported,
  alertJobNotScraped,
  serviceMonitorTargets,
  podMonitorTargets,
];
