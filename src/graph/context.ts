// What every edge family needs while the graph is built: nodes by id, the pods each workload
// makes (by top owner), and one place that adds edges (deduplicated, dangling ones marked).
import { nodeId, type KubeObject } from '../k8s/object.js';
import { podTemplateOf, type PodTemplate } from '../k8s/podspec.js';
import type { GraphEdge, GraphNode } from './model.js';

/** A pod template as the graph sees it: whose pods these are (the top owner) and their labels. */
export interface PodSource {
  node: GraphNode;
  /** Id of the workload the pods are reported as (DESIGN.md: a Job made by a CronJob is the CronJob). */
  owner: string;
  template: PodTemplate;
}

export class BuildContext {
  readonly edges: GraphEdge[] = [];
  private readonly edgeKeys = new Set<string>();
  /** Pod templates by namespace; only of workloads that are their own top owner carry their edges. */
  readonly podsByNamespace = new Map<string, PodSource[]>();
  readonly namespaces = new Set<string>();

  constructor(readonly nodes: GraphNode[], readonly byId: Map<string, GraphNode>) {
    for (const node of nodes) {
      if (node.namespace) this.namespaces.add(node.namespace);
      if (node.kind === 'Namespace') this.namespaces.add(node.name);
      const template = podTemplateOf(node.object);
      if (!template || !node.namespace) continue;
      const list = this.podsByNamespace.get(node.namespace) ?? [];
      list.push({ node, owner: this.topOwner(node), template });
      this.podsByNamespace.set(node.namespace, list);
    }
  }

  topOwner(node: GraphNode): string {
    return topOwnerOf(this.byId, node);
  }

  /** Pod sources whose edges are drawn: one per top owner (an owned ReplicaSet repeats its Deployment). */
  *ownPodSources(): Iterable<PodSource> {
    for (const list of this.podsByNamespace.values()) {
      for (const p of list) if (p.owner === p.node.id) yield p;
    }
  }

  /** Adds an edge once per (type, from, to, port); the first evidence wins. Marks dangling targets. */
  add(edge: Omit<GraphEdge, 'missing'>): void {
    const key = `${edge.type}|${edge.from}|${edge.to}|${edge.port ?? ''}`;
    if (this.edgeKeys.has(key)) return;
    this.edgeKeys.add(key);
    this.edges.push(this.byId.has(edge.to) ? { ...edge } : { ...edge, missing: true });
  }
}

/**
 * The id a workload is reported as (DESIGN.md): controller ownerReferences followed through the
 * objects that are in the graph. An owner that is not in the input is not followed.
 */
export function topOwnerOf(byId: Map<string, GraphNode>, node: GraphNode): string {
  let current = node;
  const seen = new Set<string>([current.id]);
  for (;;) {
    const owner = controllerOf(current.object, current.namespace);
    const next = owner ? byId.get(owner) : undefined;
    if (!next || seen.has(next.id)) return current.id;
    seen.add(next.id);
    current = next;
  }
}

/** The id of an object's controller (the ownerReference with `controller: true`, else the only one). */
export function controllerOf(o: KubeObject, namespace: string | undefined): string | undefined {
  const refs = o.metadata.ownerReferences;
  if (!Array.isArray(refs) || refs.length === 0) return undefined;
  const ref = refs.find((r) => r && r.controller === true) ?? (refs.length === 1 ? refs[0] : undefined);
  if (!ref || typeof ref.kind !== 'string' || typeof ref.name !== 'string') return undefined;
  return nodeId(ref.kind, ref.name, namespace);
}

export function isRecord(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
