// A Grafana dashboard per component: one panel per exported metric, chosen by its type (rate for
// counters, value for gauges, p50/p95/p99 for histograms, average for summaries), the error ratio of
// each errorRatio/slo alert, and the workload's replicas and restarts from kube-state-metrics.
// Shipped as raw JSON and as a ConfigMap the Grafana sidecar picks up (label grafana_dashboard: "1").
import type { KubeObject, ObjectMeta } from '../../k8s/object.js';
import type { MetricSpec } from '../../spec/monitoring.js';
import { conditionOf, formatDuration, type Condition } from './conditions.js';
import type { MonitoredComponent } from './model.js';
import { quote, selector } from '../../vocabulary/promql.js';
import { podNamePattern } from './workload-alerts.js';

/** Grafana 10/11 dashboard JSON model version. */
export const SCHEMA_VERSION = 39;
/** The label the Grafana dashboard sidecar (kiwigrid k8s-sidecar, as in the grafana Helm chart) watches. */
export const SIDECAR_LABEL = { grafana_dashboard: '1' };
/** Grafana's rate window variable: at least four scrape intervals. */
export const RATE_INTERVAL = '$__rate_interval';
const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };
const PANEL_WIDTH = 12;
const PANEL_HEIGHT = 8;

export interface Target {
  expr: string;
  legendFormat: string;
  refId: string;
}
export interface Panel {
  id: number;
  type: 'timeseries' | 'stat';
  title: string;
  description?: string;
  datasource: typeof DATASOURCE;
  gridPos: { x: number; y: number; w: number; h: number };
  fieldConfig: { defaults: { unit: string }; overrides: [] };
  targets: Target[];
}

type PanelDraft = Pick<Panel, 'title' | 'description' | 'type'> & {
  unit: string;
  queries: Array<[expr: string, legend: string]>;
};

function by(labels: string[] | undefined): string {
  return labels?.length ? ` by (${labels.join(', ')}) ` : '';
}

function legend(labels: string[] | undefined, fallback: string): string {
  return labels?.length ? labels.map((l) => `{{${l}}}`).join(' ') : fallback;
}

function metricPanel(m: MetricSpec, scope: Record<string, string>): PanelDraft {
  const help = m.help;
  switch (m.type) {
    case 'counter':
      return {
        type: 'timeseries',
        title: `${m.name} (per second)`,
        description: help,
        unit: 'ops',
        queries: [[`sum${by(m.labels)}(rate(${selector(m.name, scope)}[${RATE_INTERVAL}]))`, legend(m.labels, 'rate')]],
      };
    case 'gauge':
      return {
        type: 'timeseries',
        title: m.name,
        description: help,
        unit: 'short',
        queries: [[`sum${by(m.labels)}(${selector(m.name, scope)})`, legend(m.labels, 'value')]],
      };
    case 'histogram':
      return {
        type: 'timeseries',
        title: `${m.name} p50 / p95 / p99`,
        description: help,
        unit: m.name.endsWith('_seconds') ? 's' : 'short',
        queries: [0.5, 0.95, 0.99].map((q) => [
          `histogram_quantile(${q}, sum by (le) (rate(${selector(`${m.name}_bucket`, scope)}[${RATE_INTERVAL}])))`,
          `p${Math.round(q * 100)}`,
        ]),
      };
    case 'summary':
      return {
        type: 'timeseries',
        title: `${m.name} average`,
        description: help,
        unit: m.name.endsWith('_seconds') ? 's' : 'short',
        queries: [
          [
            `sum(rate(${selector(`${m.name}_sum`, scope)}[${RATE_INTERVAL}])) / sum(rate(${selector(`${m.name}_count`, scope)}[${RATE_INTERVAL}]))`,
            'average',
          ],
        ],
      };
  }
}

function ratioPanel(name: string, cond: Extract<Condition, { type: 'ratio' }>): PanelDraft {
  const rate = (m: string) => `sum(rate(${selector(m, cond.matchers)}[${RATE_INTERVAL}]))`;
  const total = cond.total.length === 1 ? rate(cond.total[0]) : `(${cond.total.map(rate).join(' + ')})`;
  return {
    type: 'timeseries',
    title: `Error ratio (${name})`,
    description: `${cond.errors} / ${cond.total.join(' + ')}`,
    unit: 'percentunit',
    queries: [
      [`${rate(cond.errors)} / ${total}`, 'error ratio'],
      [String(cond.threshold), `threshold (over ${cond.windows.map(formatDuration).join(' and ')})`],
    ],
  };
}

function workloadPanels(c: MonitoredComponent): PanelDraft[] {
  const ns = c.namespace;
  const kind = c.workload.kind;
  const out: PanelDraft[] = [];
  const available: Record<string, [string, string]> = {
    Deployment: ['kube_deployment_status_replicas_available', 'deployment'],
    StatefulSet: ['kube_statefulset_status_replicas_ready', 'statefulset'],
    DaemonSet: ['kube_daemonset_status_number_available', 'daemonset'],
  };
  const replicas = available[kind];
  if (replicas) {
    out.push({
      type: 'timeseries',
      title: 'Available replicas',
      unit: 'short',
      queries: [[`sum(${selector(replicas[0], { namespace: ns, [replicas[1]]: c.name })})`, 'available']],
    });
  }
  const pods = podNamePattern(kind, c.name);
  if (pods) {
    out.push({
      type: 'timeseries',
      title: 'Container restarts',
      unit: 'short',
      queries: [
        [
          `sum by (pod) (increase(${selector('kube_pod_container_status_restarts_total', { namespace: ns }, [`pod=~${quote(pods)}`])}[1h]))`,
          '{{pod}}',
        ],
      ],
    });
  }
  return out;
}

/** The dashboard JSON model (https://grafana.com/docs/grafana/latest/dashboards/build-dashboards/view-dashboard-json-model/). */
export function dashboard(c: MonitoredComponent): Record<string, unknown> {
  const scope = { namespace: c.namespace };
  const drafts: PanelDraft[] = [
    ...c.exports.map((m) => metricPanel(m, scope)),
    ...c.alerts.flatMap((a) => {
      const cond = a.errorRatio || a.slo ? conditionOf(a, c.namespace) : undefined;
      return cond?.type === 'ratio' ? [ratioPanel(a.name, cond)] : [];
    }),
    ...workloadPanels(c),
  ];
  const panels: Panel[] = drafts.map((d, i) => ({
    id: i + 1,
    type: d.type,
    title: d.title,
    ...(d.description ? { description: d.description } : {}),
    datasource: DATASOURCE,
    gridPos: { x: (i % 2) * PANEL_WIDTH, y: Math.floor(i / 2) * PANEL_HEIGHT, w: PANEL_WIDTH, h: PANEL_HEIGHT },
    fieldConfig: { defaults: { unit: d.unit }, overrides: [] },
    targets: d.queries.map(([expr, legendFormat], j) => ({ expr, legendFormat, refId: String.fromCharCode(65 + j) })),
  }));
  return {
    // Grafana uids are at most 40 characters.
    uid: `${c.namespace}-${c.name}`.slice(0, 40),
    title: `${c.architecture} / ${c.name}`,
    tags: ['shipshape', c.architecture],
    timezone: 'browser',
    editable: true,
    schemaVersion: SCHEMA_VERSION,
    version: 1,
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    templating: {
      list: [
        { name: 'datasource', label: 'Data source', type: 'datasource', query: 'prometheus', current: {}, hide: 0 },
      ],
    },
    annotations: { list: [] },
    panels,
  };
}

export function dashboardConfigMap(meta: ObjectMeta, fileName: string, json: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { ...meta, labels: { ...meta.labels, ...SIDECAR_LABEL } },
    data: { [fileName]: `${JSON.stringify(json, null, 2)}\n` },
  };
}
