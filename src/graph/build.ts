// Deriving the architecture graph from objects (DESIGN.md): one node per object, typed edges with
// their evidence. `allowed` (graph/reach) and `orders` (plan) are computed by their own stages.
import { isClusterScoped, nodeId, type SourcedObject } from '../k8s/object.js';
import { BuildContext } from './context.js';
import { addClaimsEdges } from './edges-claims.js';
import { addConnectsEdges } from './edges-connects.js';
import { addOwnsEdges } from './edges-owns.js';
import { addRoutesEdges } from './edges-routes.js';
import { addSelectsEdges } from './edges-selects.js';
import { addUsesEdges } from './edges-uses.js';
import { addRbacEdges } from './edges-rbac.js';
import type { Graph, GraphNode } from './model.js';
import type { Message } from '../diagnostics/index.js';

/**
 * Builds the graph. Objects are expected as readManifests returns them (namespaces filled in);
 * one without a namespace is placed in `default`, as kubectl would. Of two objects with the same
 * id only the first becomes a node (readManifests has already reported duplicates).
 */
export function buildGraph(objects: SourcedObject[], messages: Message[] = []): Graph {
  const nodes: GraphNode[] = [];
  const byId = new Map<string, GraphNode>();
  for (const { object, source } of objects) {
    const name = object.metadata?.name;
    if (typeof name !== 'string' || !name) continue;
    const namespace = isClusterScoped(object.kind) ? undefined : (object.metadata.namespace ?? 'default');
    const id = nodeId(object.kind, name, namespace);
    if (byId.has(id)) continue;
    const node: GraphNode = { id, kind: object.kind, apiVersion: object.apiVersion, namespace, name, object, source };
    nodes.push(node);
    byId.set(id, node);
  }
  const ctx = new BuildContext(nodes, byId);
  addOwnsEdges(ctx);
  addSelectsEdges(ctx); // before connects: a workload's own Services are not its connections
  addUsesEdges(ctx);
  addRoutesEdges(ctx);
  addClaimsEdges(ctx);
  addConnectsEdges(ctx);
  addRbacEdges(ctx);
  return { nodes, edges: ctx.edges, messages: [...messages], byId };
}
