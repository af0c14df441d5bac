// Intent that Kubernetes has no field for travels in annotations under one prefix (DESIGN.md).
// Synthesis writes them on the top-level object's metadata.annotations; the graph reads them.
// Foreign manifests carry none, and their intent is inferred instead.

export const PREFIX = 'shipshape.dev/';

export const ANNOTATIONS = {
  /** Component type from the spec: web|worker|database|cache|broker|job|cronjob|daemon|frontend. */
  componentType: `${PREFIX}component-type`,
  /** Tier for grouping in docs: ingress|web|worker|data|job|config. */
  tier: `${PREFIX}tier`,
  /** Free text. */
  description: `${PREFIX}description`,
  /** Declared connections, comma-separated `service[.namespace]:port` (port number or name), e.g. `postgresql:5432,rabbitmq:5672`. */
  connects: `${PREFIX}connects`,
  /** Run order, comma-separated `name[.namespace]` of workloads that must be ready/complete first (namespace default: the annotated object's). */
  after: `${PREFIX}after`,
  /** DaemonSet: the number of nodes it is expected to run on (for capacity totals). */
  nodes: `${PREFIX}nodes`,
  /** Namespace: "true" when the namespace claims to be isolated (every allowed path must be intended). */
  isolated: `${PREFIX}isolated`,
  /** Namespace: declared node pool, e.g. `3x4cpu16Gi` (comma-separate several pools). */
  nodePool: `${PREFIX}node-pool`,
  /**
   * Namespace: comma-separated Secrets that exist outside the manifests (created with kubectl or an
   * operator; their values never appear in a spec), each as `name` or `name:key1|key2` with its keys.
   * References to them are intended, not dangling.
   */
  externalSecrets: `${PREFIX}external-secrets`,
  /** Workload: comma-separated names of Prometheus metrics the component exports. */
  exportsMetrics: `${PREFIX}exports-metrics`,
  /** Ingress, HTTPRoute: namespace of the ingress controller (a route's Gateway pods) that forward to the backends (what their NetworkPolicy must admit). */
  ingressControllerNamespace: `${PREFIX}ingress-controller-namespace`,
  /** Ingress, HTTPRoute: labels of the ingress controller's (Gateway's) pods, comma-separated `key=value`. */
  ingressControllerPods: `${PREFIX}ingress-controller-pods`,
  /** ServiceMonitor, PodMonitor: namespace of the Prometheus that scrapes the targets (what their NetworkPolicy must admit). */
  scrapedFrom: `${PREFIX}scraped-from`,
  /** Any object: set by shipshape on everything it generates (value: the architecture name). */
  generatedBy: `${PREFIX}architecture`,
} as const;

/** Per-object opt-out of one check: annotation `ignore-check.shipshape.dev/<check-id>: <reason>`. */
export const IGNORE_CHECK_PREFIX = 'ignore-check.shipshape.dev/';

export function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
