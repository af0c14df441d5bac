// The one workload view every stage reads (checks, docs, reachability, resource numbers): one
// entry per top owner (owner.ts; a Pod controlled by a ReplicaSet of a Deployment is the
// Deployment, a Job made by a CronJob is the CronJob), read from the template that stands for its
// pods, computed once per graph.
import type { Graph, GraphNode } from './model.js';
import { topOwner, workloadTemplates } from './owner.js';
import { pushTo } from './multimap.js';
import { parseNodeId } from '../k8s/object.js';
import { podTemplateOf, containersOf, type PodTemplate } from '../k8s/podspec.js';
import { PROTOCOLS, type Protocol } from './netpol/ports.js';

export interface NamedPort {
  name: string;
  port: number;
  protocol: Protocol;
}

export interface Workload {
  /** The top owner's node id, e.g. `shop/cart[Deployment]`, or `shop/cart-7d9f[ReplicaSet]` for pods whose ReplicaSet the input lacks. */
  id: string;
  /** Kind, name and namespace of that id: what findings and diagrams name the workload by. */
  kind: string;
  name: string;
  namespace: string;
  /** The object whose pod template stands for the workload's pods (the workload itself unless the input lacks it). */
  node: GraphNode;
  template: PodTemplate;
  /** Labels of that pod template (what selectors match). */
  labels: Record<string, string>;
  /** Named container ports (what a NetworkPolicy's named `port` or a Service's named `targetPort` resolves to). */
  namedPorts: NamedPort[];
  /** Distinct Pods of the input the workload owns (0 when the input holds only controllers). */
  pods: number;
}

/**
 * Named ports of the regular containers and of sidecars (init containers with restartPolicy
 * Always, which keep running beside them); a port's protocol defaults to TCP.
 */
function namedPortsOf(template: PodTemplate): NamedPort[] {
  const out: NamedPort[] = [];
  for (const ref of containersOf(template)) {
    const sidecar = ref.group === 'initContainers' && ref.container.restartPolicy === 'Always';
    if (ref.group !== 'containers' && !sidecar) continue;
    const ports: unknown = ref.container.ports;
    for (const p of Array.isArray(ports) ? (ports as unknown[]) : []) {
      if (typeof p !== 'object' || p === null) continue;
      const { name, containerPort } = p as { name?: unknown; containerPort?: unknown };
      const protocol = (p as { protocol?: unknown }).protocol ?? 'TCP';
      if (typeof name === 'string' && Number.isInteger(containerPort) && PROTOCOLS.includes(protocol as Protocol)) {
        out.push({ name, port: containerPort as number, protocol: protocol as Protocol });
      }
    }
  }
  return out;
}

/**
 * The container port a Service port forwards to on a workload's pods: a numeric targetPort as it
 * is, a named one resolved against the containers' ports of that protocol, default the Service port.
 */
export function targetPortOf(
  servicePort: { port?: number; targetPort?: number | string; protocol?: string },
  workload: Pick<Workload, 'namedPorts'>,
): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  const protocol = servicePort.protocol ?? 'TCP';
  return typeof target === 'number'
    ? target
    : workload.namedPorts.find((p) => p.name === target && p.protocol === protocol)?.port;
}

const workloadsIndex = new WeakMap<Graph, readonly Workload[]>();

/** The workloads of a graph, sorted by id in code-point order; computed once per graph. */
export function workloadsOf(graph: Graph): readonly Workload[] {
  let workloads = workloadsIndex.get(graph);
  if (!workloads) {
    const pods = new Map<string, number>();
    for (const node of graph.nodes) {
      if (node.kind !== 'Pod' || !podTemplateOf(node.object)) continue;
      const id = topOwner(graph, node).id;
      pods.set(id, (pods.get(id) ?? 0) + 1);
    }
    workloads = [...workloadTemplates(graph)]
      .map(([id, node]): Workload => {
        // workloadTemplates only yields nodes that have a pod template.
        const template = podTemplateOf(node.object)!;
        const { kind, name } = parseNodeId(id);
        return {
          id,
          kind,
          name,
          namespace: node.namespace ?? 'default',
          node,
          template,
          labels: template.labels,
          namedPorts: namedPortsOf(template),
          pods: pods.get(id) ?? 0,
        };
      })
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    workloadsIndex.set(graph, workloads);
  }
  return workloads;
}

const workloadsByNamespace = new WeakMap<readonly Workload[], Map<string, Workload[]>>();

/**
 * The workloads of a list that are in `namespace`, in the list's order. Indexed once per list:
 * asking per Service or per caller keeps a check linear in a cluster dump of thousands of namespaces.
 */
export function workloadsInNamespace(workloads: readonly Workload[], namespace: string): readonly Workload[] {
  let index = workloadsByNamespace.get(workloads);
  if (!index) {
    index = new Map();
    for (const w of workloads) pushTo(index, w.namespace, w);
    workloadsByNamespace.set(workloads, index);
  }
  return index.get(namespace) ?? [];
}

const workloadsById = new WeakMap<Graph, Map<string, Workload>>();

/**
 * The workload named `id`. Edges name workloads by top owner, which for a kubectl pod list is a
 * ReplicaSet the graph has no node for, so stages resolve that end here rather than with
 * `graph.byId` (indexed once per graph, so callers stay linear).
 */
export function workloadById(graph: Graph, id: string): Workload | undefined {
  let index = workloadsById.get(graph);
  if (!index) {
    index = new Map(workloadsOf(graph).map((w) => [w.id, w]));
    workloadsById.set(graph, index);
  }
  return index.get(id);
}
