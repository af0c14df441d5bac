// Small hand-made graphs: the plan's input contract (nodes + typed edges), independent of how the
// graph stage infers those edges. End-to-end tests over examples and corpus use the real graph.
import type { KubeObject } from '../../src/k8s/object.js';
import { isClusterScoped, objectId } from '../../src/k8s/object.js';
import type { EdgeType, Graph, GraphEdge, GraphNode } from '../../src/graph/model.js';

export function obj(kind: string, name: string, namespace = 'app', extra: Partial<KubeObject> & { annotations?: Record<string, string> } = {}): KubeObject {
  const apiVersion = extra.apiVersion ?? (({
    Deployment: 'apps/v1', StatefulSet: 'apps/v1', DaemonSet: 'apps/v1', Job: 'batch/v1', CronJob: 'batch/v1',
    HorizontalPodAutoscaler: 'autoscaling/v2', PodDisruptionBudget: 'policy/v1', Ingress: 'networking.k8s.io/v1',
    NetworkPolicy: 'networking.k8s.io/v1', CustomResourceDefinition: 'apiextensions.k8s.io/v1',
  } as Record<string, string>)[kind] ?? 'v1');
  const { annotations, ...rest } = extra;
  return {
    ...rest,
    apiVersion,
    kind,
    metadata: { name, ...(isClusterScoped(kind) ? {} : { namespace }), ...(annotations ? { annotations } : {}), ...(rest.metadata ?? {}) },
  };
}

export function graphOf(objects: KubeObject[], edges: Array<[EdgeType, string, string, (number | string)?]> = []): Graph {
  const nodes: GraphNode[] = objects.map((o) => ({
    id: objectId(o), kind: o.kind, apiVersion: o.apiVersion, namespace: o.metadata.namespace, name: o.metadata.name!, object: o, source: {},
  }));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const graphEdges: GraphEdge[] = edges.map(([type, from, to, port]) => ({
    type, from, to, evidence: `test:${type}`, ...(port !== undefined ? { port } : {}), ...(byId.has(to) ? {} : { missing: true as const }),
  }));
  return { nodes, edges: graphEdges, messages: [], byId };
}
