// What every edge family needs while the graph is built: nodes by id, the pods each workload
// makes (by top owner), and one place that adds edges (deduplicated, dangling ones marked).
import { podTemplateOf, type PodTemplate } from '../k8s/podspec.js';
import type { GraphEdge, GraphNode } from './model.js';
import { topOwnerId, workloadTemplates } from './owner.js';
import { isOutsidePeer } from './outside.js';

/** A pod template as the graph sees it: whose pods these are (the top owner) and their labels. */
export interface PodSource {
  node: GraphNode;
  /** Id of the workload the pods are reported as (owner.ts; a Job made by a CronJob is the CronJob). */
  owner: string;
  template: PodTemplate;
}

export class BuildContext {
  readonly edges: GraphEdge[] = [];
  private readonly edgeKeys = new Set<string>();
  /** Pod templates by namespace, every one of them (selectors match each template's labels). */
  readonly podsByNamespace = new Map<string, PodSource[]>();
  readonly namespaces = new Set<string>();
  /** Per workload id, the node whose template carries the workload's edges (owner.ts). */
  private readonly representatives: Map<string, GraphNode>;

  constructor(
    readonly nodes: GraphNode[],
    readonly byId: Map<string, GraphNode>,
  ) {
    this.representatives = workloadTemplates(this);
    for (const node of nodes) {
      if (node.namespace) this.namespaces.add(node.namespace);
      if (node.kind === 'Namespace') this.namespaces.add(node.name);
      const template = podTemplateOf(node.object);
      if (!template || !node.namespace) continue;
      const list = this.podsByNamespace.get(node.namespace) ?? [];
      list.push({ node, owner: topOwnerId(this, node), template });
      this.podsByNamespace.set(node.namespace, list);
    }
  }

  /** Pod sources whose edges are drawn: one per workload (an owned ReplicaSet repeats its Deployment). */
  *ownPodSources(): Iterable<PodSource> {
    for (const list of this.podsByNamespace.values()) {
      for (const p of list) if (this.representatives.get(p.owner) === p.node) yield p;
    }
  }

  /** Adds an edge once per (type, from, to, port); the first evidence wins. Marks dangling targets. */
  add(edge: Omit<GraphEdge, 'missing'>): void {
    const key = `${edge.type}|${edge.from}|${edge.to}|${edge.port ?? ''}`;
    if (this.edgeKeys.has(key)) return;
    this.edgeKeys.add(key);
    // A workload whose controller the input lacks is named after it (owner.ts): its pods are
    // there, so an edge to it is not dangling.
    // An outside peer is no object, and not dangling either; nor are RBAC users and groups (edges-rbac.ts).
    const present =
      this.byId.has(edge.to) ||
      this.representatives.has(edge.to) ||
      isOutsidePeer(edge.to) ||
      /\[(User|Group)\]$/.test(edge.to);
    this.edges.push(present ? { ...edge } : { ...edge, missing: true });
  }
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
