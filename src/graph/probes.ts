// Reachability with hypothetical pods added: callers that are not in the input but whose place is
// known or assumed (an ingress controller's namespace, Prometheus'), so what the NetworkPolicies
// admit from them is answered by the same exact evaluation (reach.ts) as for the input's own pods.
import { nodeId, type KubeObject } from '../k8s/object.js';
import type { Graph, GraphNode } from './model.js';
import { computeReachability, type Reachability } from './reach.js';

export interface Probe {
  namespace: string;
  labels: Record<string, string>;
}

/** The reachability of the graph plus one bare Pod per probe; returns each probe's workload id, in order. */
export function reachWithProbes(graph: Graph, probes: Probe[]): { reach: Reachability; ids: string[] } {
  // Nothing hypothetical to add: the graph's own reachability, which other checks have already asked for.
  if (probes.length === 0) return { reach: computeReachability(graph), ids: [] };
  const nodes: GraphNode[] = probes.map((p, i) => {
    const name = `shipshape-probe-${i}`;
    const object: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: p.namespace, labels: { ...p.labels } },
      spec: { containers: [{ name: 'probe', image: 'probe' }] },
    };
    return {
      id: nodeId('Pod', name, p.namespace),
      kind: 'Pod',
      apiVersion: 'v1',
      namespace: p.namespace,
      name,
      object,
      source: {},
    };
  });
  const all = [...graph.nodes, ...nodes];
  const probed: Graph = { nodes: all, edges: graph.edges, messages: [], byId: new Map(all.map((n) => [n.id, n])) };
  return { reach: computeReachability(probed), ids: nodes.map((n) => n.id) };
}
