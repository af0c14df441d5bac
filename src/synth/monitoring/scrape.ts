// ServiceMonitor and/or PodMonitor (prometheus-operator, monitoring.coreos.com/v1) for a
// component's metrics endpoint. Both name ports, so they follow the objects the other generators
// made: the ServiceMonitor names the metrics Service's port, the PodMonitor the container's port.
import type { KubeObject, ObjectMeta } from '../../k8s/object.js';
import { containersOf, podTemplateOf } from '../../k8s/podspec.js';
import { podSelectorLabels, type MonitoredComponent } from './model.js';

/** Scrape interval when the spec gives none (the seeds' value; Prometheus' own default is 1m). */
export const DEFAULT_SCRAPE_INTERVAL = '30s';
/**
 * The label whose value becomes the targets' `job` (`spec.jobLabel`), as kube-prometheus does:
 * the component's name, so `up{job="<component>"}` works whether it is scraped through its Service
 * or its pods (prometheus-operator's defaults would be the Service name, or `<namespace>/<monitor>`).
 */
export const JOB_LABEL = 'app.kubernetes.io/name';

interface ServicePort {
  name?: string;
  port?: number;
  targetPort?: number | string;
}

function endpointSettings(c: MonitoredComponent): Record<string, unknown> {
  const s = c.scrape ?? {};
  const out: Record<string, unknown> = {
    path: c.metrics?.path ?? '/metrics',
    interval: s.interval ?? DEFAULT_SCRAPE_INTERVAL,
  };
  if (s.scrapeTimeout) out.scrapeTimeout = s.scrapeTimeout;
  if (s.honorLabels !== undefined) out.honorLabels = s.honorLabels;
  if (s.keep) out.metricRelabelings = [{ sourceLabels: ['__name__'], regex: s.keep, action: 'keep' }];
  return out;
}

/** The container port serving metrics, by number. */
function containerPortName(c: MonitoredComponent): string | undefined {
  const template = podTemplateOf(c.workload);
  if (!template || !c.metrics) return undefined;
  for (const { container } of containersOf(template)) {
    const p = container.ports?.find((port) => port.containerPort === c.metrics?.port);
    if (p?.name) return p.name;
  }
  return undefined;
}

/** The metrics Service's port that targets the metrics container port (by number or by name). */
function servicePortName(c: MonitoredComponent, service: KubeObject): string | undefined {
  const ports = (service.spec as { ports?: ServicePort[] } | undefined)?.ports ?? [];
  const name = containerPortName(c);
  const match = ports.find(
    (p) =>
      p.targetPort === c.metrics?.port ||
      (name !== undefined && p.targetPort === name) ||
      (p.targetPort === undefined && p.port === c.metrics?.port),
  );
  return match?.name;
}

/**
 * The Service's labels that the workload's pod selector also uses: those never change (the others,
 * such as component or part-of, may), so the ServiceMonitor keeps matching across edits.
 */
function stableLabels(c: MonitoredComponent, service: KubeObject): Record<string, string> {
  const labels = service.metadata.labels ?? {};
  const keys = Object.keys(podSelectorLabels(c.workload)).filter((k) => k in labels);
  return keys.length ? Object.fromEntries(keys.map((k) => [k, labels[k]])) : { ...labels };
}

export function serviceMonitor(c: MonitoredComponent, meta: ObjectMeta): KubeObject | undefined {
  const service = c.metricsService;
  if (!service) return undefined;
  const port = servicePortName(c, service);
  if (!port)
    throw new Error(`${c.name}: the metrics Service ${service.metadata.name} has no named port for ${c.metrics?.port}`);
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: meta,
    spec: {
      ...(service.metadata.labels?.[JOB_LABEL] ? { jobLabel: JOB_LABEL } : {}),
      selector: { matchLabels: stableLabels(c, service) },
      endpoints: [
        {
          port,
          ...endpointSettings(c),
          // The component's other Services carry the same labels (and may have a port of the same
          // name): keep only the metrics Service's targets, or every pod would be scraped twice.
          relabelings: [
            { sourceLabels: ['__meta_kubernetes_service_name'], regex: service.metadata.name, action: 'keep' },
          ],
        },
      ],
    },
  };
}

export function podMonitor(c: MonitoredComponent, meta: ObjectMeta): KubeObject | undefined {
  const template = podTemplateOf(c.workload);
  const port = containerPortName(c);
  const selector = podSelectorLabels(c.workload);
  if (!template || !port || Object.keys(selector).length === 0) return undefined;
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PodMonitor',
    metadata: meta,
    spec: {
      ...(template.labels[JOB_LABEL] ? { jobLabel: JOB_LABEL } : {}),
      selector: { matchLabels: { ...selector } },
      podMetricsEndpoints: [{ port, ...endpointSettings(c) }],
    },
  };
}
