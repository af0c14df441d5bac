// What the diagrams draw, read from the graph: components (workloads named by the shared top-owner
// rule, graph/owner.ts) with their tier, the Services that select them, and the connections
// between them through those Services.
import { isOutsidePeer } from '../graph/outside.js';
import type { ServicePort, ServiceSpec } from 'kubernetes-types/core/v1.js';
import { specOf } from './fields.js';
import type { Graph, GraphEdge, GraphNode } from '../graph/model.js';
import { ANNOTATIONS } from '../k8s/annotations.js';
import { podTemplateOf, containersOf } from '../k8s/podspec.js';
import { workloadsOf, type Workload } from '../graph/workloads.js';
import { topOwnerId } from '../graph/owner.js';
import type { FlowGroup } from './flow.js';
import { COMPONENT_TYPE_TRAITS, isComponentType, type Tier } from '../vocabulary/components.js';

export const TIERS: Array<{ tier: Tier; title: string }> = [
  { tier: 'ingress', title: 'Ingress' },
  { tier: 'web', title: 'Web / app' },
  { tier: 'worker', title: 'Workers' },
  { tier: 'data', title: 'Data' },
  { tier: 'job', title: 'Jobs' },
  { tier: 'config', title: 'Config' },
];

/** Images and names of well-known data services, for manifests that declare no tier. */
const DATA_SERVICE =
  /(postgres|mysql|mariadb|mongo|redis|valkey|rabbitmq|kafka|cassandra|elasticsearch|opensearch|memcached|nats|zookeeper|etcd|minio|cockroach|clickhouse)/i;

export function isTier(v: string | undefined): v is Tier {
  return TIERS.some((t) => t.tier === v);
}

/**
 * The tier a component is drawn in: the `shipshape.dev/tier` annotation, else the one its
 * `shipshape.dev/component-type` implies, else inferred: Jobs and CronJobs are jobs, StatefulSets
 * and well-known data images are data, workloads a Service selects are web/app, the rest workers.
 */
export function tierOf(node: GraphNode, selected: boolean): Tier {
  const annotations = node.object.metadata.annotations ?? {};
  const declared = annotations[ANNOTATIONS.tier];
  if (isTier(declared)) return declared;
  const type = annotations[ANNOTATIONS.componentType];
  if (isComponentType(type)) return COMPONENT_TYPE_TRAITS[type].tier;
  if (node.kind === 'Job' || node.kind === 'CronJob') return 'job';
  if (['Ingress', 'Gateway', 'HTTPRoute', 'IngressClass'].includes(node.kind)) return 'ingress';
  if (node.kind === 'ConfigMap' || node.kind === 'Secret') return 'config';
  if (node.kind === 'StatefulSet') return 'data';
  const template = podTemplateOf(node.object);
  const images = template ? containersOf(template).map((c) => c.container.image ?? '') : [];
  if ([node.name, ...images].some((s) => DATA_SERVICE.test(s))) return 'data';
  return selected ? 'web' : 'worker';
}

export function tierTitle(tier: Tier): string {
  return TIERS.find((t) => t.tier === tier)!.title;
}

export function namespaceGroup(namespace: string | undefined): FlowGroup {
  return namespace
    ? { key: `ns:${namespace}`, title: `Namespace ${namespace}` }
    : { key: 'cluster', title: 'Cluster-scoped', order: 1 };
}

export function tierGroup(namespace: string | undefined, tier: Tier): FlowGroup {
  return {
    key: `ns:${namespace ?? ''}/tier:${tier}`,
    title: tierTitle(tier),
    order: TIERS.findIndex((t) => t.tier === tier),
  };
}

/** A workload as the diagrams draw it: in a tier, behind the Services that select it. */
export interface Component extends Workload {
  tier: Tier;
  /** Services whose selector picks this component's pods, sorted by id. */
  services: GraphNode[];
}

/** A connection between components (or to a Service no component backs), through a Service port. */
export interface Connection {
  from: string;
  /** A component id, or the Service id when no component in the graph backs it. */
  to: string;
  service: string;
  port?: number | string;
  /** The `connects` edge it was found from (the first, when several name the same port). */
  edge: GraphEdge;
}

export interface Topology {
  components: Component[];
  byId: Map<string, Component>;
  /** Service id → ids of the components it selects. */
  backends: Map<string, string[]>;
  connections: Connection[];
  /** The component an edge end (a Pod, ReplicaSet, Job …) belongs to: its top owner. */
  componentOf(id: string): string;
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function topology(graph: Graph): Topology {
  const componentOf = (id: string): string => {
    const node = graph.byId.get(id);
    return node ? topOwnerId(graph, node) : id;
  };
  const backends = new Map<string, string[]>();
  for (const e of graph.edges) {
    if (e.type !== 'selects' || graph.byId.get(e.from)?.kind !== 'Service' || e.missing) continue;
    const target = componentOf(e.to);
    const list = backends.get(e.from) ?? [];
    if (!list.includes(target)) list.push(target);
    backends.set(e.from, list.sort());
  }
  const servicesOf = new Map<string, GraphNode[]>();
  for (const [svc, targets] of backends) {
    for (const t of targets) servicesOf.set(t, [...(servicesOf.get(t) ?? []), graph.byId.get(svc)!].sort(byId));
  }
  const components = workloadsOf(graph).map((w): Component => ({
    ...w,
    tier: tierOf(w.node, servicesOf.has(w.id)),
    services: servicesOf.get(w.id) ?? [],
  }));
  const connections: Connection[] = [];
  const seen = new Set<string>();
  // Needs that leave the cluster go to outside peers, which the network flow draws; not components.
  for (const e of graph.edges.filter((x: GraphEdge) => x.type === 'connects' && !isOutsidePeer(x.to))) {
    const from = componentOf(e.from);
    const targets = backends.get(e.to) ?? [e.to];
    for (const to of targets) {
      const key = `${from}|${to}|${e.to}|${e.port ?? ''}`;
      if (from === to || seen.has(key)) continue;
      seen.add(key);
      connections.push({ from, to, service: e.to, port: e.port, edge: e });
    }
  }
  connections.sort((a, b) => {
    const [x, y] = [`${a.from}|${a.to}|${a.port}`, `${b.from}|${b.to}|${b.port}`];
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return { components, byId: new Map(components.map((c) => [c.id, c])), backends, connections, componentOf };
}

/** `name` when everything is in one namespace, else `namespace/name`; the kind is added by callers that need it. */
export function shortName(node: { name: string; namespace?: string }, singleNamespace: boolean): string {
  return singleNamespace || !node.namespace ? node.name : `${node.namespace}/${node.name}`;
}

/** Ports of a Service as people write them: `80→8080/TCP`, `metrics:8000`. */
export function servicePorts(service: GraphNode): string[] {
  const ports = specOf<ServiceSpec>(service)?.ports;
  if (!Array.isArray(ports)) return [];
  return ports.map((p: ServicePort | null) => {
    const target = p?.targetPort !== undefined && p.targetPort !== p.port ? `→${p.targetPort}` : '';
    const proto = p?.protocol && p.protocol !== 'TCP' ? `/${p.protocol}` : '';
    return `${p?.name ? `${p.name}:` : ''}${p?.port}${target}${proto}`;
  });
}

/** How a referenced Secret or ConfigMap the input does not hold is labelled. */
export function absentText(
  ref: { namespace?: string; name: string; kind: string },
  external: ReadonlyMap<string, unknown>,
): string {
  return ref.kind === 'Secret' && external.has(`${ref.namespace}/${ref.name}`)
    ? 'external Secret (created outside shipshape)'
    : `${ref.kind}, not in the input`;
}
