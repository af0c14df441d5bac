// The pods NetworkPolicies act on, read from workload templates: one entry per top owner
// (`namespace/name[Kind]`; a Pod controlled by a ReplicaSet of a Deployment is the Deployment,
// a Job made by a CronJob is the CronJob), replicas collapsed. Plus the labels of every namespace.
import type { Graph, GraphNode } from '../model.js';
import { topOwnerId, workloadTemplates } from '../owner.js';
import { podTemplateOf, containersOf } from '../../k8s/podspec.js';
import { PROTOCOLS, type Protocol } from './ports.js';

export interface NamedPort {
  name: string;
  port: number;
  protocol: Protocol;
}

export interface Workload {
  /** The top owner's node id, e.g. `shop/cart[Deployment]`. */
  id: string;
  namespace: string;
  labels: Record<string, string>;
  /** Named container ports (what a NetworkPolicy's named `port` resolves to). */
  namedPorts: NamedPort[];
  /** The node whose pod template was read. */
  node: GraphNode;
}

/** The label every namespace carries automatically (Kubernetes ≥ 1.21). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

// Re-exported for the stages that import it from here; the rule lives in owner.ts.
export { topOwnerId };

/**
 * Named ports of the regular containers and of sidecars (init containers with restartPolicy
 * Always, which keep running beside them); a port's protocol defaults to TCP.
 */
function namedPortsOf(node: GraphNode): NamedPort[] {
  const template = podTemplateOf(node.object);
  if (!template) return [];
  const out: NamedPort[] = [];
  for (const ref of containersOf(template)) {
    const sidecar = ref.group === 'initContainers' && ref.container.restartPolicy === 'Always';
    if (ref.group !== 'containers' && !sidecar) continue;
    for (const p of Array.isArray(ref.container.ports) ? ref.container.ports : []) {
      const protocol = (p?.protocol ?? 'TCP') as Protocol;
      if (typeof p?.name === 'string' && Number.isInteger(p.containerPort) && PROTOCOLS.includes(protocol)) {
        out.push({ name: p.name, port: p.containerPort, protocol });
      }
    }
  }
  return out;
}

/** One workload per top owner (owner.ts), read from the template that stands for its pods. */
export function workloadsOf(graph: Graph): Workload[] {
  const out: Workload[] = [];
  for (const [id, node] of workloadTemplates(graph)) {
    out.push({
      id,
      namespace: node.namespace ?? 'default',
      labels: podTemplateOf(node.object)!.labels,
      namedPorts: namedPortsOf(node),
      node,
    });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Labels of every namespace that holds workloads or policies or has a Namespace object:
 * the object's labels plus the automatic `kubernetes.io/metadata.name`; a namespace without
 * an object gets just that label.
 */
export function namespaceLabels(graph: Graph, referenced: Iterable<string>): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const node of graph.nodes) {
    if (node.kind !== 'Namespace') continue;
    const labels = node.object.metadata?.labels;
    out.set(node.name, { ...(labels && typeof labels === 'object' ? labels : {}), [NAMESPACE_NAME_LABEL]: node.name });
  }
  for (const ns of referenced) if (!out.has(ns)) out.set(ns, { [NAMESPACE_NAME_LABEL]: ns });
  return out;
}
