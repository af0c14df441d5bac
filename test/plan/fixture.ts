// Small hand-made graphs: the plan's input contract (nodes + typed edges), independent of how the
// graph stage infers those edges. End-to-end tests over examples and corpus use the real graph.
import type { KubeObject } from '../../src/k8s/object.js';
import { isClusterScoped, objectId } from '../../src/k8s/object.js';
import type { EdgeType, Graph, GraphEdge, GraphNode } from '../../src/graph/model.js';

export function obj(
  kind: string,
  name: string,
  namespace = 'app',
  extra: Partial<KubeObject> & { annotations?: Record<string, string> } = {},
): KubeObject {
  const apiVersion =
    extra.apiVersion ??
    (
      {
        Deployment: 'apps/v1',
        StatefulSet: 'apps/v1',
        DaemonSet: 'apps/v1',
        Job: 'batch/v1',
        CronJob: 'batch/v1',
        HorizontalPodAutoscaler: 'autoscaling/v2',
        PodDisruptionBudget: 'policy/v1',
        Ingress: 'networking.k8s.io/v1',
        NetworkPolicy: 'networking.k8s.io/v1',
        CustomResourceDefinition: 'apiextensions.k8s.io/v1',
      } as Record<string, string>
    )[kind] ??
    'v1';
  const { annotations, ...rest } = extra;
  return {
    ...rest,
    apiVersion,
    kind,
    metadata: {
      name,
      ...(isClusterScoped(kind) ? {} : { namespace }),
      ...(annotations ? { annotations } : {}),
      ...(rest.metadata ?? {}),
    },
  };
}

export function graphOf(
  objects: KubeObject[],
  edges: Array<[EdgeType, string, string, (number | string)?]> = [],
): Graph {
  const nodes: GraphNode[] = objects.map((o) => ({
    id: objectId(o),
    kind: o.kind,
    apiVersion: o.apiVersion,
    namespace: o.metadata.namespace,
    name: o.metadata.name!,
    object: o,
    source: {},
  }));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const graphEdges: GraphEdge[] = edges.map(([type, from, to, port]) => ({
    type,
    from,
    to,
    evidence: `test:${type}`,
    ...(port !== undefined ? { port } : {}),
    ...(byId.has(to) ? {} : { missing: true as const }),
  }));
  return { nodes, edges: graphEdges, messages: [], byId };
}

// The shape of seed 000's sagaz deployment, with the edges the graph derives from its manifests.
export function sagazLike() {
  const ns = 'sagaz';
  const o = (kind: string, name: string, annotations?: Record<string, string>) =>
    obj(kind, name, ns, annotations ? { annotations } : {});
  const objects = [
    obj('Namespace', 'sagaz'),
    o('Secret', 'sagaz-db-credentials'),
    o('Secret', 'sagaz-broker-credentials'),
    o('ConfigMap', 'outbox-worker-config'),
    o('ConfigMap', 'rabbitmq-config'),
    o('Service', 'postgresql'),
    o('Service', 'rabbitmq'),
    o('Service', 'outbox-worker-metrics'),
    o('ServiceAccount', 'outbox-worker'),
    o('StatefulSet', 'postgresql'),
    o('Deployment', 'rabbitmq'),
    o('Job', 'migration', { 'shipshape.dev/after': 'postgresql' }),
    o('Deployment', 'outbox-worker', { 'shipshape.dev/after': 'migration' }),
    o('Job', 'benchmark'),
    o('HorizontalPodAutoscaler', 'outbox-worker'),
    o('PodDisruptionBudget', 'outbox-worker'),
  ];
  const id = (kind: string, name: string) => `${ns}/${name}[${kind}]`;
  const graph = graphOf(objects, [
    ['selects', id('Service', 'postgresql'), id('StatefulSet', 'postgresql')],
    ['selects', id('Service', 'rabbitmq'), id('Deployment', 'rabbitmq')],
    ['selects', id('Service', 'outbox-worker-metrics'), id('Deployment', 'outbox-worker')],
    ['uses', id('StatefulSet', 'postgresql'), id('Secret', 'sagaz-db-credentials')],
    ['uses', id('Deployment', 'rabbitmq'), id('ConfigMap', 'rabbitmq-config')],
    ['uses', id('Deployment', 'rabbitmq'), id('Secret', 'sagaz-broker-credentials')],
    ['uses', id('Job', 'migration'), id('Secret', 'sagaz-db-credentials')],
    ['connects', id('Job', 'migration'), id('Service', 'postgresql'), 5432],
    ['uses', id('Deployment', 'outbox-worker'), id('Secret', 'sagaz-db-credentials')],
    ['uses', id('Deployment', 'outbox-worker'), id('Secret', 'sagaz-broker-credentials')],
    ['uses', id('Deployment', 'outbox-worker'), id('ConfigMap', 'outbox-worker-config')],
    ['uses', id('Deployment', 'outbox-worker'), id('ServiceAccount', 'outbox-worker')],
    ['connects', id('Deployment', 'outbox-worker'), id('Service', 'postgresql'), 5432],
    ['connects', id('Deployment', 'outbox-worker'), id('Service', 'rabbitmq'), 5672],
    ['connects', id('Job', 'benchmark'), id('Service', 'postgresql'), 5432],
    ['connects', id('Job', 'benchmark'), id('Service', 'rabbitmq'), 5672],
    ['selects', id('HorizontalPodAutoscaler', 'outbox-worker'), id('Deployment', 'outbox-worker')],
    ['selects', id('PodDisruptionBudget', 'outbox-worker'), id('Deployment', 'outbox-worker')],
  ]);
  return { graph, id };
}
