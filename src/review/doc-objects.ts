// The objects a document draws beside its workloads — ConfigMaps, Secrets, PVCs, Ingresses,
// HTTPRoutes — judged against the graph's edges: a ConfigMap drawn into a workload must be one it
// uses, an Ingress drawn to a workload must route to a Service selecting it. Named only by their
// names: a Secret's values are never read.
import type { Graph, GraphNode } from '../graph/model.js';
import type { Workload } from '../graph/workloads.js';
import { isRecord } from '../k8s/object.js';
import { serviceSpec } from '../k8s/kinds.js';
import { matchesMap } from '../k8s/selector.js';
import { DRAWN_OBJECT_KINDS, normalise } from './doc-match.js';
import type { ParsedNode } from './mermaid-parse.js';

/** Edge types that tie an object to a workload or another object (allowed paths and orders are not about objects). */
const TIES = new Set(['uses', 'claims', 'routes', 'selects', 'connects', 'binds']);

function tied(graph: Graph, a: string, b: string): boolean {
  return graph.edges.some((e) => TIES.has(e.type) && ((e.from === a && e.to === b) || (e.from === b && e.to === a)));
}

/** Whether `object` routes (Ingress, HTTPRoute) to a Service that selects the workload's pods. */
function routesTo(graph: Graph, object: GraphNode, w: Workload): boolean {
  return graph.edges.some((e) => {
    if (e.type !== 'routes' || e.from !== object.id) return false;
    const svc = graph.byId.get(e.to);
    const selector = svc?.kind === 'Service' ? serviceSpec(svc.object)?.selector : undefined;
    return isRecord(selector) && svc?.namespace === w.namespace && matchesMap(selector, w.labels);
  });
}

/**
 * Why a link between a drawn object and the other end (workloads, another object, or nothing
 * matched) is not in the graph; undefined when it is, or when the other end names nothing to judge.
 */
export function judgeObjectLink(
  graph: Graph,
  object: GraphNode,
  other: GraphNode | readonly Workload[] | undefined,
): string | undefined {
  if (other === undefined) return undefined;
  if (!Array.isArray(other)) {
    const node = other as GraphNode;
    return tied(graph, object.id, node.id) ? undefined : `no edge ties ${object.id} and ${node.id}`;
  }
  const workloads = other as readonly Workload[];
  if (workloads.some((w) => tied(graph, object.id, w.id) || routesTo(graph, object, w))) return undefined;
  const names = workloads.map((w) => w.id).join(', ');
  return object.kind === 'Ingress' || object.kind === 'HTTPRoute'
    ? `${object.id} routes to no Service selecting ${names}`
    : `${names} does not use ${object.id}`;
}

/** A node that names nothing; when its label says "Kind: name" (`PVC: temp-storage`), what the input has of that kind. */
export function unmatchedMessage(node: ParsedNode, graph: Graph): string {
  const first = node.text.split(/<br\s*\/?>|\n/i)[0];
  const said = /^\s*([\w ]+?)\s*:\s*([\w.-]+)\s*$/.exec(first);
  const kind = said && Object.keys(DRAWN_OBJECT_KINDS).find((k) => DRAWN_OBJECT_KINDS[k].test(normalise(said[1])));
  if (said && kind) {
    const present = graph.nodes.filter((n) => n.kind === kind).map((n) => n.name);
    return `node ${node.id} "${node.text}" is drawn as the ${kind} ${said[2]}; the input has no ${kind} of that name (${present.length ? present.sort().join(', ') : 'none at all'})`;
  }
  return `node ${node.id} "${node.text}" names no workload, Service, ConfigMap, Secret, PVC, Ingress or HTTPRoute`;
}
