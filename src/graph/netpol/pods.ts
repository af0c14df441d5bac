// The labels of every namespace, which NetworkPolicy namespace selectors match (the pods they act
// on are the workloads of graph/workloads.ts).
import type { Graph } from '../model.js';

/** The label every namespace carries automatically (Kubernetes ≥ 1.21). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * Labels of every namespace that holds workloads or policies or has a Namespace object:
 * the object's labels plus the automatic `kubernetes.io/metadata.name`; a namespace without
 * an object gets just that label.
 */
export function namespaceLabels(graph: Graph, referenced: Iterable<string>): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const node of graph.nodes) {
    if (node.kind !== 'Namespace') continue;
    const labels = node.object.metadata?.labels;
    out.set(node.name, { ...(labels && typeof labels === 'object' ? labels : {}), [NAMESPACE_NAME_LABEL]: node.name });
  }
  for (const ns of referenced) if (!out.has(ns)) out.set(ns, { [NAMESPACE_NAME_LABEL]: ns });
  return out;
}
