// Autoscalers against each other: two HPAs on one workload (since Kubernetes 1.26 the HPA
// controller refuses to scale pods that several HPAs select: condition AmbiguousSelector), and an
// HPA that by its own name belongs to one workload but scales another.
import type { Graph, GraphNode } from '../graph/model.js';
import { nodeId } from '../k8s/object.js';
import type { Check, RawFinding } from './types.js';
import { isRecord, nodesOfKind, selectedFrom, specOf } from './workloads.js';
import { workloadsOf } from '../graph/workloads.js';
import { pushTo } from '../graph/multimap.js';

/** The node id an HPA's scaleTargetRef names (whether or not the input has it), or undefined when malformed. */
function scaleTargetId(hpa: GraphNode): string | undefined {
  const ref = specOf(hpa).scaleTargetRef;
  return isRecord(ref) && typeof ref.kind === 'string' && typeof ref.name === 'string'
    ? nodeId(ref.kind, ref.name, hpa.namespace)
    : undefined;
}

/** HPAs by the id of the object they scale, each list sorted by HPA id. */
function hpasByTarget(graph: Graph): Map<string, GraphNode[]> {
  const out = new Map<string, GraphNode[]>();
  for (const hpa of nodesOfKind(graph, 'HorizontalPodAutoscaler')) {
    const target = scaleTargetId(hpa);
    if (target === undefined) continue;
    pushTo(out, target, hpa);
  }
  for (const list of out.values()) list.sort((a, b) => (a.id < b.id ? -1 : 1));
  return out;
}

const hpaConflict: Check = {
  id: 'hpa-conflict',
  family: 'availability',
  severity: 'error',
  rationale:
    'Two HPAs on one workload fight over its replica count; since Kubernetes 1.26 the HPA controller stops scaling pods that several HPAs select (AmbiguousSelector), so neither scales.',
  hint: 'Keep one HorizontalPodAutoscaler per workload and merge the metrics of the others into it.',
  run: (ctx) =>
    [...hpasByTarget(ctx.graph)].flatMap(([target, hpas]): RawFinding[] =>
      hpas.length < 2
        ? []
        : hpas.map((hpa) => ({
            object: hpa.id,
            path: 'spec.scaleTargetRef',
            message: `scales ${target} together with ${hpas
              .filter((other) => other !== hpa)
              .map((other) => other.id)
              .join(', ')}: neither scales (AmbiguousSelector)`,
          })),
    ),
};

const SCALABLE_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

/** Ids of the workloads some Service selects. */
function servedWorkloads(graph: Graph): Set<string> {
  return new Set(nodesOfKind(graph, 'Service').flatMap((s) => selectedFrom(graph, s.id).map((e) => e.to)));
}

const hpaScaleTargetUnscaled: Check = {
  id: 'hpa-scale-target-unscaled',
  family: 'availability',
  severity: 'warning',
  rationale:
    'An HPA named after one workload that scales another is a copy-paste slip: the workload it was written for never scales, and the other may get two autoscalers.',
  hint: "Point the HPA's scaleTargetRef at the workload it is named for (or rename it after what it scales).",
  run: (ctx) => {
    const byTarget = hpasByTarget(ctx.graph);
    const served = servedWorkloads(ctx.graph);
    const out: RawFinding[] = [];
    for (const w of workloadsOf(ctx.graph)) {
      // Provable only when the HPA carries the workload's own name and no HPA scales the workload.
      if (!SCALABLE_KINDS.has(w.kind) || !served.has(w.id) || byTarget.has(w.id)) continue;
      const namesake = ctx.graph.byId.get(nodeId('HorizontalPodAutoscaler', w.name, w.namespace));
      const target = namesake && scaleTargetId(namesake);
      if (!namesake || target === undefined || target === w.id || !ctx.graph.byId.has(target)) continue;
      out.push({
        object: w.id,
        message: `serves traffic without an autoscaler: HPA ${namesake.id}, named after it, scales ${target} instead`,
      });
    }
    return out;
  },
};

export const scalingChecks: Check[] = [hpaConflict, hpaScaleTargetUnscaled];
