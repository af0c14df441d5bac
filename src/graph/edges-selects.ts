// `selects` edges: which workloads a Service, PodDisruptionBudget or NetworkPolicy selects
// (label selector semantics from k8s/selector.ts), and the target of an HPA.
import { networkPolicySpec } from '../k8s/kinds.js';
import { nodeId } from '../k8s/object.js';
import { matchesMap, matchesSelector, type LabelSelector } from '../k8s/selector.js';
import { str, type BuildContext } from './context.js';
import { isRecord } from '../k8s/object.js';
import type { GraphNode } from './model.js';

export function addSelectsEdges(ctx: BuildContext): void {
  for (const node of ctx.nodes) {
    const spec = (node.object as { spec?: unknown }).spec;
    if (!isRecord(spec) || !node.namespace) continue;
    switch (node.kind) {
      case 'Service':
        // A plain equality map; absent or empty selects no pods (Endpoints are managed by hand).
        if (isRecord(spec.selector)) {
          const selector = spec.selector as Record<string, string>;
          selectPods(ctx, node, 'spec.selector', (labels) => matchesMap(selector, labels));
        }
        break;
      case 'PodDisruptionBudget': {
        // policy/v1: an empty selector selects every pod in the namespace; policy/v1beta1: none.
        // A null selector selects nothing in both (https://kubernetes.io/docs/tasks/run-application/configure-pdb/).
        if (!isRecord(spec.selector)) break;
        const selector = spec.selector as LabelSelector;
        const empty =
          Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
        if (empty && node.apiVersion === 'policy/v1beta1') break;
        selectPods(ctx, node, 'spec.selector', (labels) => matchesSelector(selector, labels));
        break;
      }
      case 'NetworkPolicy': {
        // podSelector is required and an empty one ({} or {matchLabels: null}) selects every pod in
        // the namespace; an absent one is read as empty, as the API server defaults it.
        const podSelector: unknown = networkPolicySpec(node.object)?.podSelector;
        const selector = isRecord(podSelector) ? (podSelector as LabelSelector) : {};
        selectPods(ctx, node, 'spec.podSelector', (labels) => matchesSelector(selector, labels));
        break;
      }
      case 'HorizontalPodAutoscaler': {
        const ref = spec.scaleTargetRef;
        const kind = isRecord(ref) ? str(ref.kind) : undefined;
        const name = isRecord(ref) ? str(ref.name) : undefined;
        if (kind && name)
          ctx.add({
            type: 'selects',
            from: node.id,
            to: nodeId(kind, name, node.namespace),
            evidence: 'spec.scaleTargetRef',
          });
        break;
      }
    }
  }
}

function selectPods(
  ctx: BuildContext,
  node: GraphNode,
  evidence: string,
  matches: (labels: Record<string, string>) => boolean,
): void {
  for (const pod of ctx.podsByNamespace.get(node.namespace!) ?? []) {
    if (matches(pod.template.labels)) ctx.add({ type: 'selects', from: node.id, to: pod.owner, evidence });
  }
}
