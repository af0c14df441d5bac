// Network paths of an example, as its NetworkPolicies allow them (src/graph/reach.ts), phrased the
// way the documents state them: "backend may reach postgresql:5432", "nothing outside the
// namespace reaches postgresql". Traffic from another namespace is tested with a probe Pod placed
// in that namespace, since such callers (ingress controller, Prometheus, strangers) are not part
// of the example's own objects.
import type { KubeObject } from '../../src/k8s/object.js';
import { buildGraph } from '../../src/graph/index.js';
import { computeReachability, type Reachability } from '../../src/graph/reach.js';
import { parseCidr, contains, formatRange } from '../../src/graph/netpol/ipv4.js';
import { matchesMap } from '../../src/k8s/selector.js';
import type { Built } from './built.js';

export interface Reach {
  /** Whether `from` (a workload id) reaches every pod behind Service `service` on its port `port`; throws when only some. */
  allows(from: string, service: string, port: number): boolean;
  /** Workload ids that reach Service `service` on `port`, sorted. */
  sources(service: string, port: number): string[];
  /** `workload:containerPort` of the example's own workloads that `from` reaches, sorted. */
  egressTargets(from: string): string[];
  /** Whether a pod in namespace `namespace` (not the example's) reaches `service` on `port`. */
  allowsFromNamespace(namespace: string, service: string, port: number): boolean;
  /** Whether `from` reaches an address outside the cluster on a TCP port. */
  allowsToIp(from: string, ip: string, port: number): boolean;
  /** Whether `from` reaches a pod in namespace `namespace` (one of the probed ones) on a TCP port. */
  allowsToNamespace(from: string, namespace: string, port: number): boolean;
  /** Whether an address outside the cluster reaches every pod behind Service `service` on its port `port`. */
  allowsFromIp(ip: string, service: string, port: number): boolean;
}

const PROBE_LABEL = 'shipshape.test/probe';
/** Namespaces probed by default: the ingress controller's, Prometheus', and one nobody allows. */
export const PROBE_NAMESPACES = ['ingress-nginx', 'monitoring', 'elsewhere'];

function probePod(namespace: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'probe', namespace, labels: { [PROBE_LABEL]: 'true' } },
    spec: { containers: [{ name: 'probe', image: 'busybox:1.36' }] },
  };
}

export function reachability(b: Built, probeNamespaces: string[] = PROBE_NAMESPACES): Reach {
  const objects = [...b.objects, ...probeNamespaces.map(probePod)];
  const graph = buildGraph(objects.map((object) => ({ object, source: {} })));
  const reach: Reachability = computeReachability(graph);
  const own = reach.workloads.filter((w) => !w.labels[PROBE_LABEL]);
  // Services are named alone: an example's Service names are unique across its namespaces.
  const targetsOf = (service: string, port: number) => {
    const svc = b.get('Service', service);
    const sp = (svc.spec.ports ?? []).find((p: any) => p.port === port);
    if (!sp) throw new Error(`Service ${service} has no port ${port}`);
    const pods = own.filter((w) => w.namespace === svc.metadata.namespace && matchesMap(svc.spec.selector, w.labels));
    if (pods.length === 0) throw new Error(`Service ${service} selects no pods`);
    return pods.map((w) => {
      const target = sp.targetPort ?? sp.port;
      const containerPort = typeof target === 'number' ? target : w.namedPorts.find((p) => p.name === target)?.port;
      if (containerPort === undefined)
        throw new Error(`Service ${service} port ${port}: ${w.id} has no container port ${target}`);
      return { id: w.id, protocol: sp.protocol ?? 'TCP', port: containerPort };
    });
  };

  const outsideRange = (ip: string) => {
    const address = parseCidr(`${ip}/32`);
    if (!address || address === 'ipv6') throw new Error(`not an IPv4 address: ${ip}`);
    const range = reach.externals.find((r) => contains(r, address));
    return range && formatRange(range);
  };
  const allows = (from: string, service: string, port: number) => {
    const results = targetsOf(service, port).map((t) => reach.allowed(from, t.id).has(t.protocol, t.port));
    if (results.every(Boolean)) return true;
    if (!results.some(Boolean)) return false;
    throw new Error(`${from} reaches only some pods behind ${service}:${port}`);
  };

  return {
    allows,
    sources: (service, port) =>
      own
        .map((w) => w.id)
        .filter((id) => allows(id, service, port))
        .sort(),
    egressTargets: (from) =>
      own
        .filter((w) => w.id !== from)
        .flatMap((w) =>
          w.namedPorts
            .filter((p) => reach.allowed(from, w.id).has(p.protocol, p.port))
            .map((p) => `${w.node.name}:${p.port}`),
        )
        .sort(),
    allowsFromNamespace: (ns, service, port) => allows(`${ns}/probe[Pod]`, service, port),
    allowsToNamespace: (from, ns, port) => reach.allowed(from, `${ns}/probe[Pod]`).has('TCP', port),
    allowsToIp(from, ip, port) {
      const range = outsideRange(ip);
      return range !== undefined && reach.allowed(from, range).has('TCP', port);
    },
    allowsFromIp(ip, service, port) {
      const range = outsideRange(ip);
      return range !== undefined && allows(range, service, port);
    },
  };
}
