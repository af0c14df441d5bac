// Whose pods these are: the one rule every stage names workloads by (DESIGN.md, "Names for
// workloads"), so `graph`, `reach`, `check` and the docs always name the same pod the same way.
import { nodeId, type KubeObject } from '../k8s/object.js';
import { podTemplateOf } from '../k8s/podspec.js';
import type { Graph, GraphNode } from './model.js';

/**
 * The id of an object's controller: its ownerReference with `controller: true`. Kubernetes allows
 * at most one; an owner without that flag only takes part in garbage collection and does not
 * manage the object, so it is not followed.
 */
export function controllerOf(o: KubeObject, namespace: string | undefined): string | undefined {
  const ref = controllerRefOf(o);
  return ref && nodeId(ref.kind, ref.name, namespace);
}

function controllerRefOf(o: KubeObject): { apiVersion: unknown; kind: string; name: string } | undefined {
  const refs = o.metadata?.ownerReferences;
  if (!Array.isArray(refs)) return undefined;
  const ref = refs.find((r) => r?.controller === true);
  if (!ref || typeof ref.kind !== 'string' || !ref.kind || typeof ref.name !== 'string' || !ref.name) return undefined;
  return { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name };
}

/**
 * A mirror pod: the API server's copy of a static pod, which the kubelet creates with its core
 * Node as controller. The node runs it but does not make it from a template the way a
 * ReplicaSet does, and one node runs several unrelated static pods (kube-apiserver, etcd, …), so
 * the pod is its own workload rather than one named after the node.
 */
function isMirrorPod(o: KubeObject): boolean {
  const ref = controllerRefOf(o);
  return o.kind === 'Pod' && ref?.kind === 'Node' && ref.apiVersion === 'v1';
}

export interface TopOwner {
  /** The id the pods are reported as. */
  id: string;
  /** The highest object of the chain that the input holds (the node itself when its controller is absent). */
  last: GraphNode;
  /** Controller links followed from the node to `last`. */
  hops: number;
}

/**
 * Controller ownerReferences followed through the objects the input holds; when the next
 * controller is not in the input it is still named, from the ownerReference — `kubectl get pods`
 * output alone names its pods after their ReplicaSet, so replicas collapse into one workload.
 * A cycle of ownerReferences stops at the last object before it repeats; a mirror pod is its own
 * top owner.
 */
export function topOwner(graph: Pick<Graph, 'byId'>, node: GraphNode): TopOwner {
  let last = node;
  const seen = new Set<string>([node.id]);
  for (;;) {
    const owner = isMirrorPod(last.object) ? undefined : controllerOf(last.object, last.namespace);
    if (!owner || seen.has(owner)) return { id: last.id, last, hops: seen.size - 1 };
    const next = graph.byId.get(owner);
    if (!next) return { id: owner, last, hops: seen.size - 1 };
    seen.add(owner);
    last = next;
  }
}

/** The id a workload's pods are reported as (see topOwner). */
export function topOwnerId(graph: Pick<Graph, 'byId'>, node: GraphNode): string {
  return topOwner(graph, node).id;
}

/**
 * Per workload (top owner id), the object whose pod template stands for its pods: the one closest
 * to the top — the top owner's own template when the input holds it (its pods' extra labels such
 * as pod-template-hash do not matter to selectors written for the template), an owned ReplicaSet
 * before its Pods — and the first in input order on a tie (replicas of an absent ReplicaSet).
 */
export function workloadTemplates(graph: Pick<Graph, 'byId' | 'nodes'>): Map<string, GraphNode> {
  const best = new Map<string, { node: GraphNode; hops: number }>();
  for (const node of graph.nodes) {
    if (!podTemplateOf(node.object)) continue;
    const { id, hops } = topOwner(graph, node);
    const current = best.get(id);
    if (!current || hops < current.hops) best.set(id, { node, hops });
  }
  return new Map([...best].map(([id, { node }]) => [id, node]));
}
