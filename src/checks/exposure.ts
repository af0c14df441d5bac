// Exposure that the NetworkPolicies block: a NodePort or LoadBalancer Service, a hostPort, an
// Ingress or HTTPRoute backend or a Prometheus scrape target whose pods do not admit the callers
// that reach them. Outside callers are address ranges (reach.externals); the ingress controller, a
// Gateway's data plane and Prometheus are their pods when the input holds them, else a hypothetical
// pod where they are declared (shipshape.dev/ annotations) or conventionally run, and the message
// says so.
import { ANNOTATIONS, splitList } from '../k8s/annotations.js';
import { serviceSpec } from '../k8s/kinds.js';
import { containersOf } from '../k8s/podspec.js';
import { isRecord } from '../k8s/object.js';
import { matchesMap } from '../k8s/selector.js';
import type { Graph, GraphNode } from '../graph/model.js';
import { parseCidr, formatRange, IPV4_SPACE, type Ipv4Range } from '../graph/netpol/ipv4.js';
import { reachWithProbes, type Probe } from '../graph/probes.js';
import type { Protocol, Reachability, Workload } from '../graph/reach.js';
import { targetPortOf, workloadsInNamespace, workloadsOf } from '../graph/workloads.js';
import { monitorEndpoints } from './monitoring.js';
import type { Check, RawFinding } from './types.js';

/** Where the ingress-nginx controller runs when nothing says otherwise (its install manifests). */
export const CONVENTIONAL_INGRESS_CONTROLLER: Probe = {
  namespace: 'ingress-nginx',
  labels: {
    'app.kubernetes.io/name': 'ingress-nginx',
    'app.kubernetes.io/instance': 'ingress-nginx',
    'app.kubernetes.io/component': 'controller',
  },
};
/** Where Prometheus runs when nothing says otherwise (kube-prometheus). */
export const CONVENTIONAL_PROMETHEUS: Probe = {
  namespace: 'monitoring',
  labels: { 'app.kubernetes.io/name': 'prometheus' },
};

/** Callers of a target: pods of the input, else one hypothetical pod, described for the message. */
interface Callers {
  ids: string[];
  probe?: Probe;
  /** e.g. `ingress-nginx/ingress-nginx-controller[Deployment]`, or the assumption made. */
  description: string;
  /** True when the callers are a convention, not something the input or its annotations say. */
  assumed: boolean;
}

/** A target pod of a Service port or a monitor endpoint: workload, protocol, container port. */
interface Target {
  workload: Workload;
  protocol: Protocol;
  port: number;
}

const labelsText = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');

/** The pods behind one Service port (all ports when `port` is undefined), with the container port each forwards to. */
function serviceTargets(
  svc: GraphNode,
  workloads: readonly Workload[],
  port?: number | string,
): Array<Target & { index: number }> {
  const spec = serviceSpec(svc.object) ?? {};
  const selector = spec.selector;
  if (!selector || Object.keys(selector).length === 0) return [];
  const pods = workloadsInNamespace(workloads, svc.namespace ?? 'default').filter((w) =>
    matchesMap(selector, w.labels),
  );
  return (spec.ports ?? []).flatMap((sp, index) => {
    if (port !== undefined && sp.port !== port && sp.name !== port) return [];
    return pods.flatMap((workload) => {
      const target = targetPortOf(sp, workload);
      return target === undefined
        ? []
        : [{ workload, protocol: (sp.protocol ?? 'TCP') as Protocol, port: target, index }];
    });
  });
}

/** The callers in `namespace` whose labels match `labels` (all of the namespace when empty), from the input or a probe. */
function callersIn(workloads: readonly Workload[], namespace: string, labels: Record<string, string>): Workload[] {
  // matchesMap treats an empty map as a Service does (selecting nothing); here it means every pod.
  return workloadsInNamespace(workloads, namespace).filter((w) =>
    Object.entries(labels).every(([k, v]) => w.labels[k] === v),
  );
}

/** The controller pods' labels an ingress-controller-pods annotation declares (none: every pod). */
function declaredPodLabels(object: GraphNode): Record<string, string> {
  return Object.fromEntries(
    splitList(object.object.metadata.annotations?.[ANNOTATIONS.ingressControllerPods]).map((kv) => {
      const at = kv.indexOf('=');
      return [kv.slice(0, at), kv.slice(at + 1)];
    }),
  );
}

/** The pods the ingress-controller-namespace/-pods annotations declare: of the input, else one hypothetical pod. */
function declaredControllerOf(object: GraphNode, workloads: readonly Workload[]): Callers | undefined {
  const namespace = object.object.metadata.annotations?.[ANNOTATIONS.ingressControllerNamespace];
  if (namespace === undefined) return undefined;
  const labels = declaredPodLabels(object);
  const inInput = callersIn(workloads, namespace, labels);
  if (inInput.length > 0)
    return { ids: inInput.map((w) => w.id), description: inInput.map((w) => w.id).join(', '), assumed: false };
  const pods = Object.keys(labels).length > 0 ? ` with labels ${labelsText(labels)}` : '';
  return {
    ids: [],
    probe: { namespace, labels },
    description: `a pod of namespace ${namespace}${pods} (${ANNOTATIONS.ingressControllerNamespace})`,
    assumed: false,
  };
}

/** Ingress controller of an Ingress: declared by annotation, else the conventional ingress-nginx. */
function ingressControllerOf(ingress: GraphNode, workloads: readonly Workload[]): Callers {
  const declared = declaredControllerOf(ingress, workloads);
  if (declared) return declared;
  const namespace = CONVENTIONAL_INGRESS_CONTROLLER.namespace;
  const inInput = callersIn(workloads, namespace, declaredPodLabels(ingress));
  if (inInput.length > 0)
    return { ids: inInput.map((w) => w.id), description: inInput.map((w) => w.id).join(', '), assumed: false };
  return {
    ids: [],
    probe: CONVENTIONAL_INGRESS_CONTROLLER,
    description: `the ingress controller, assumed to run in namespace ${namespace} with labels ${labelsText(CONVENTIONAL_INGRESS_CONTROLLER.labels)} (the convention; annotate the Ingress with ${ANNOTATIONS.ingressControllerNamespace} to say otherwise)`,
    assumed: true,
  };
}

/** The label GEP-1762 asks in-cluster Gateway implementations to put on what they deploy for a Gateway. */
export const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';

/**
 * The data-plane pods of the Gateway an HTTPRoute attaches to (its first Gateway parentRef; the
 * Gateway's namespace defaults to the route's): declared by the ingress-controller annotations (as
 * synthesis writes them from `ingress.gateway`), else the input's pods of the Gateway's namespace
 * labelled with its name, else such a pod assumed (GEP-1762's convention for in-cluster
 * implementations; some run their proxies elsewhere).
 */
function gatewayPodsOf(route: GraphNode, workloads: readonly Workload[]): Callers | undefined {
  const declared = declaredControllerOf(route, workloads);
  if (declared) return declared;
  const spec = isRecord(route.object.spec) ? route.object.spec : {};
  const parent = (Array.isArray(spec.parentRefs) ? spec.parentRefs : []).find(
    (p): p is Record<string, unknown> =>
      isRecord(p) &&
      typeof p.name === 'string' &&
      (p.kind ?? 'Gateway') === 'Gateway' &&
      (p.group ?? 'gateway.networking.k8s.io') === 'gateway.networking.k8s.io',
  );
  if (!parent) return undefined;
  const name = parent.name as string;
  const namespace = typeof parent.namespace === 'string' ? parent.namespace : route.namespace!;
  const labels = { [GATEWAY_NAME_LABEL]: name };
  const inInput = callersIn(workloads, namespace, labels);
  if (inInput.length > 0)
    return { ids: inInput.map((w) => w.id), description: inInput.map((w) => w.id).join(', '), assumed: false };
  return {
    ids: [],
    probe: { namespace, labels },
    description: `the pods of Gateway ${namespace}/${name}, assumed to run in its namespace with label ${labelsText(labels)} (GEP-1762; annotate the HTTPRoute with ${ANNOTATIONS.ingressControllerNamespace} and ${ANNOTATIONS.ingressControllerPods} to say otherwise)`,
    assumed: true,
  };
}

/**
 * Prometheus pods: in the namespace a monitor declares (shipshape.dev/scraped-from), else those of
 * the input (workloads labelled app.kubernetes.io/name=prometheus, or the pods prometheus-operator
 * makes for a Prometheus object: labels app.kubernetes.io/name=prometheus and prometheus=<name>),
 * else the conventional monitoring namespace.
 */
function prometheusOf(monitor: GraphNode, graph: Graph, workloads: readonly Workload[]): Callers {
  const declared = monitor.object.metadata.annotations?.[ANNOTATIONS.scrapedFrom];
  const labels = CONVENTIONAL_PROMETHEUS.labels;
  const inInput = workloads.filter(
    (w) => (declared === undefined || w.namespace === declared) && matchesMap(labels, w.labels),
  );
  if (inInput.length > 0)
    return { ids: inInput.map((w) => w.id), description: inInput.map((w) => w.id).join(', '), assumed: false };
  if (declared !== undefined)
    return {
      ids: [],
      probe: { namespace: declared, labels },
      description: `Prometheus in namespace ${declared} (${ANNOTATIONS.scrapedFrom})`,
      assumed: false,
    };
  const operated = graph.nodes.find((n) => n.kind === 'Prometheus' && n.namespace);
  if (operated)
    return {
      ids: [],
      probe: { namespace: operated.namespace!, labels: { ...labels, prometheus: operated.name } },
      description: `the pods of ${operated.id}`,
      assumed: false,
    };
  return {
    ids: [],
    probe: CONVENTIONAL_PROMETHEUS,
    description: `Prometheus, assumed to run in namespace ${CONVENTIONAL_PROMETHEUS.namespace} with labels ${labelsText(labels)} (the convention; annotate the monitor with ${ANNOTATIONS.scrapedFrom} to say otherwise)`,
    assumed: true,
  };
}

/**
 * Pods on the host's network: the Kubernetes docs leave NetworkPolicy behaviour for them undefined,
 * and most plugins do not apply policies to them, so no policy can be said to block them.
 */
function onHostNetwork(w: Workload): boolean {
  return w.template.spec.hostNetwork === true;
}

/** Everything both checks ask, answered with one reachability that includes every probe they need. */
interface ProbedAnalysis {
  reach: Reachability;
  /** The workload id standing for each probe (by the probe object). */
  probeIds: Map<Probe, string>;
}
const probedCache = new WeakMap<Graph, { callers: Map<GraphNode, Callers>; analysis?: ProbedAnalysis }>();

function callersOf(graph: Graph): Map<GraphNode, Callers> {
  let entry = probedCache.get(graph);
  if (!entry) {
    const workloads = workloadsOf(graph);
    const callers = new Map<GraphNode, Callers>();
    for (const n of graph.nodes) {
      if (n.kind === 'Ingress') callers.set(n, ingressControllerOf(n, workloads));
      if (n.kind === 'HTTPRoute') {
        const gateway = gatewayPodsOf(n, workloads);
        if (gateway) callers.set(n, gateway);
      }
      if (n.kind === 'ServiceMonitor' || n.kind === 'PodMonitor') callers.set(n, prometheusOf(n, graph, workloads));
    }
    entry = { callers };
    probedCache.set(graph, entry);
  }
  return entry.callers;
}

function analysisOf(graph: Graph): ProbedAnalysis {
  const callers = callersOf(graph);
  const entry = probedCache.get(graph)!;
  if (!entry.analysis) {
    const byKey = new Map<string, Probe>();
    for (const c of callers.values())
      if (c.probe) byKey.set(`${c.probe.namespace}\u0000${labelsText(c.probe.labels)}`, c.probe);
    const probes = [...byKey.values()];
    const { reach, ids } = reachWithProbes(graph, probes);
    const probeIds = new Map<Probe, string>();
    for (const c of callers.values()) {
      if (!c.probe) continue;
      const i = probes.indexOf(byKey.get(`${c.probe.namespace}\u0000${labelsText(c.probe.labels)}`)!);
      probeIds.set(c.probe, ids[i]);
    }
    entry.analysis = { reach, probeIds };
  }
  return entry.analysis;
}

/** Whether some caller may connect to the target's container port. */
function admits(a: ProbedAnalysis, callers: Callers, t: Target): boolean {
  if (onHostNetwork(t.workload)) return true;
  const ids = callers.probe ? [a.probeIds.get(callers.probe)!] : callers.ids;
  return ids.some((id) => a.reach.allowed(id, t.workload.id).has(t.protocol, t.port));
}

/** Whether any outside address within `sources` may connect to the target's container port. */
function admitsOutside(reach: Reachability, sources: Ipv4Range[], t: Target): boolean {
  if (onHostNetwork(t.workload)) return true;
  return reach.externals.some(
    (range) =>
      sources.some((s) => range.start <= s.end && s.start <= range.end) &&
      reach.allowed(formatRange(range), t.workload.id).has(t.protocol, t.port),
  );
}

const EVERYWHERE = ['0.0.0.0/0'];

const exposedUnreachable: Check = {
  id: 'network-exposed-unreachable',
  family: 'network',
  severity: 'error',
  rationale:
    "A NodePort or LoadBalancer Service, a hostPort, an Ingress or a Gateway API HTTPRoute exposes pods on purpose; when their NetworkPolicies do not admit the callers that reach them (outside addresses, the ingress controller, the Gateway's pods), the exposure fails at runtime.",
  hint: "Allow ingress on the container port from those callers: an ipBlock for outside addresses (in a spec: service.sourceRanges or inbound), the controller namespace and pods for an Ingress (ingress.controllerNamespace, controllerPodSelector), the Gateway's namespace and pods for an HTTPRoute (ingress.gateway.namespace, podLabels).",
  run: ({ graph }) => {
    const callers = callersOf(graph);
    const a = analysisOf(graph);
    const workloads = workloadsOf(graph);
    const out: RawFinding[] = [];
    for (const svc of graph.nodes) {
      if (svc.kind !== 'Service') continue;
      const spec = serviceSpec(svc.object) ?? {};
      if (spec.type !== 'NodePort' && spec.type !== 'LoadBalancer') continue;
      const ranges =
        spec.type === 'LoadBalancer' && spec.loadBalancerSourceRanges?.length
          ? spec.loadBalancerSourceRanges
          : EVERYWHERE;
      const sources = ranges.map((r) => parseCidr(r)).filter((r): r is Ipv4Range => typeof r === 'object');
      for (const t of serviceTargets(svc, workloads)) {
        if (admitsOutside(a.reach, sources, t)) continue;
        out.push({
          object: svc.id,
          path: `spec.ports[${t.index}]`,
          message: `${spec.type} port ${spec.ports?.[t.index]?.port} forwards to ${t.workload.id} ${t.protocol} ${t.port}, which its NetworkPolicies do not admit from outside the cluster (${ranges.join(', ')})`,
        });
      }
    }
    for (const w of workloads) {
      for (const ref of containersOf(w.template)) {
        (ref.container.ports ?? []).forEach((p, j) => {
          if (typeof p?.hostPort !== 'number' || typeof p.containerPort !== 'number') return;
          const t: Target = { workload: w, protocol: (p.protocol ?? 'TCP') as Protocol, port: p.containerPort };
          if (admitsOutside(a.reach, [IPV4_SPACE], t)) return;
          out.push({
            object: w.id,
            path: `${ref.path}.ports[${j}].hostPort`,
            message: `hostPort ${p.hostPort} forwards to ${t.protocol} ${t.port}, which the pod's NetworkPolicies do not admit from outside the cluster`,
          });
        });
      }
    }
    for (const edge of graph.edges) {
      if (edge.type !== 'routes' || edge.missing) continue;
      const ingress = graph.byId.get(edge.from);
      const svc = graph.byId.get(edge.to);
      if ((ingress?.kind !== 'Ingress' && ingress?.kind !== 'HTTPRoute') || svc?.kind !== 'Service') continue;
      const controller = callers.get(ingress);
      if (!controller) continue;
      for (const t of serviceTargets(svc, workloads, edge.port)) {
        if (admits(a, controller, t)) continue;
        out.push({
          object: ingress.id,
          path: edge.evidence,
          message: `routes to ${svc.id} port ${edge.port ?? t.port}, whose pods (${t.workload.id} ${t.protocol} ${t.port}) do not admit ${controller.description}`,
          ...(controller.assumed && { severity: 'warning' as const }),
        });
      }
    }
    return out;
  },
};

const scrapeBlocked: Check = {
  id: 'network-scrape-blocked',
  family: 'network',
  severity: 'warning',
  rationale:
    "A ServiceMonitor or PodMonitor whose target pods do not admit Prometheus on the metrics port scrapes nothing: dashboards stay empty and the targets' absence alerts fire.",
  hint: "Allow ingress on the metrics port from Prometheus' namespace (in a spec: metrics.scrapeFrom).",
  run: ({ graph }) => {
    const callers = callersOf(graph);
    const a = analysisOf(graph);
    const workloads = workloadsOf(graph);
    const byNode = new Map(workloads.map((w) => [w.node, w]));
    const out: RawFinding[] = [];
    for (const [monitor, prometheus] of callers) {
      if (monitor.kind !== 'ServiceMonitor' && monitor.kind !== 'PodMonitor') continue;
      for (const ep of monitorEndpoints(graph, monitor)) {
        const targets: Target[] = [
          ...ep.services.flatMap((svc) => serviceTargets(svc, workloads, ep.port)),
          ...ep.workloads.flatMap((node) => {
            const w = byNode.get(node);
            return (w?.namedPorts ?? [])
              .filter((p) => ep.port === undefined || p.name === ep.port)
              .map((p) => ({ workload: w!, protocol: p.protocol, port: p.port }));
          }),
        ];
        const blocked = targets.filter((t) => !admits(a, prometheus, t));
        const seen = new Set<string>();
        for (const t of blocked) {
          const key = `${t.workload.id} ${t.protocol} ${t.port}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({
            object: monitor.id,
            path: ep.path,
            message: `scrapes ${key}, which its NetworkPolicies do not admit from ${prometheus.description}`,
          });
        }
      }
    }
    return out;
  },
};

export const exposureChecks: Check[] = [exposedUnreachable, scrapeBlocked];
