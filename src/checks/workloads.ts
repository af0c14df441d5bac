// What several check families read besides the workloads (graph/workloads.ts): the node a finding
// stands on, indexes of edges and nodes, and small accessors. Workloads are named by the shared
// top-owner rule (graph/owner.ts), so each defect is reported once, on its owner, under the id
// `graph --json` gives it — also the Pods of a ReplicaSet the input lacks (a `kubectl get pods`
// dump), reported on that ReplicaSet.
import type { Graph, GraphEdge, GraphNode } from '../graph/model.js';
import { nodeId } from '../k8s/object.js';
import type { RawFinding } from './types.js';
import { isRecord, list } from '../k8s/object.js';
import { type ContainerRef } from '../k8s/podspec.js';
import { workloadById } from '../graph/workloads.js';
import { pushTo } from '../graph/multimap.js';

/**
 * The object a finding's id stands for: the node itself, or for a workload the input lacks (the
 * ReplicaSet of a kubectl pod list) the object standing for its pods, whose source position and
 * ignore annotations the finding takes.
 */
export function findingNode(graph: Graph, id: string): GraphNode | undefined {
  return graph.byId.get(id) ?? workloadById(graph, id)?.node;
}

/** The node of `kind` and `name` in `namespace` (ignored for cluster-scoped kinds), if the input has it. */
export function nodeNamed(
  graph: Graph,
  kind: string,
  name: string,
  namespace: string | undefined,
): GraphNode | undefined {
  return graph.byId.get(nodeId(kind, name, namespace));
}

const selectsIndex = new WeakMap<Graph, Map<string, GraphEdge[]>>();

/** The non-dangling `selects` edges leaving `from` (indexed once per graph, so checks stay linear). */
export function selectedFrom(graph: Graph, from: string): GraphEdge[] {
  let index = selectsIndex.get(graph);
  if (!index) {
    index = new Map();
    for (const e of graph.edges) {
      if (e.type === 'selects' && !e.missing) pushTo(index, e.from, e);
    }
    selectsIndex.set(graph, index);
  }
  return index.get(from) ?? [];
}

export function nodesOfKind(graph: Graph, ...kinds: string[]): GraphNode[] {
  return graph.nodes.filter((n) => kinds.includes(n.kind));
}

export { isRecord, list };

/** How messages name a container: `container "web"` (its index when it has no name). */
export function containerLabel(c: ContainerRef): string {
  return `container "${c.container.name ?? c.index}"`;
}

/** `spec` of an object as a record ({} when absent or malformed). */
export function specOf(node: GraphNode): Record<string, unknown> {
  const spec = (node.object as { spec?: unknown }).spec;
  return isRecord(spec) ? spec : {};
}

/** `v` if it is a list, else []: entries are still unchecked. */

/**
 * For "selects no pod" findings: in a namespace holding custom resources (an API group outside
 * *.k8s.io, e.g. monitoring.coreos.com) operators may create pods the input does not show, so the
 * finding is softened to info and says why.
 */
export function unseenPods(
  graph: Graph,
): (namespace: string | undefined) => Pick<RawFinding, 'severity'> & { note: string } {
  const custom = new Map<string, string>();
  for (const n of graph.nodes) {
    const group = n.apiVersion.includes('/') ? n.apiVersion.split('/')[0] : '';
    if (n.namespace && group.includes('.') && !group.endsWith('.k8s.io') && !custom.has(n.namespace))
      custom.set(n.namespace, n.id);
  }
  return (namespace) => {
    const cr = namespace ? custom.get(namespace) : undefined;
    return cr
      ? {
          severity: 'info',
          note: ` (operators may create pods from custom resources such as ${cr}, which the input does not show)`,
        }
      : { note: '' };
  };
}
