// The pods of each workload as the packing (binpack.ts) places them: requests per pod from the
// resource summary, and the scheduling constraints of the pod template.
import type { Graph } from '../graph/model.js';
import { workloadById } from '../graph/workloads.js';
import { isRecord, list, parseNodeId } from '../k8s/object.js';
import type { PodTemplate } from '../k8s/podspec.js';
import { matchesSelector } from '../k8s/selector.js';
import type { NodeSelectorRequirement, PodGroup, Toleration } from './binpack.js';
import type { ComponentResources } from './resources.js';

const HOSTNAME = 'kubernetes.io/hostname';

/** Required anti-affinity on the node's hostname against the pod's own labels: one pod per node. */
function onePerNode(t: PodTemplate): boolean {
  return list(t.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution).some(
    (term) =>
      isRecord(term) &&
      term.topologyKey === HOSTNAME &&
      isRecord(term.labelSelector) &&
      matchesSelector(term.labelSelector, t.labels),
  );
}

/** The smallest maxSkew of the DoNotSchedule hostname spread constraints selecting the pod's own labels. */
function spreadMaxSkew(t: PodTemplate): number | undefined {
  const skews = list(t.spec.topologySpreadConstraints)
    .filter(
      (c) =>
        isRecord(c) &&
        c.topologyKey === HOSTNAME &&
        c.whenUnsatisfiable === 'DoNotSchedule' &&
        typeof c.maxSkew === 'number' &&
        isRecord(c.labelSelector) &&
        matchesSelector(c.labelSelector, t.labels),
    )
    .map((c) => (c as { maxSkew: number }).maxSkew);
  return skews.length ? Math.min(...skews) : undefined;
}

function nodeAffinity(t: PodTemplate): NodeSelectorRequirement[][] | undefined {
  const required = t.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) return undefined;
  return list(required.nodeSelectorTerms).map(
    (term) =>
      list(isRecord(term) ? term.matchExpressions : undefined).filter(isRecord) as unknown as NodeSelectorRequirement[],
  );
}

export function podGroups(
  graph: Graph,
  components: readonly ComponentResources[],
  which: 'min' | 'max',
  namespaces?: Set<string>,
): PodGroup[] {
  return components
    .filter((c) => !namespaces || namespaces.has(parseNodeId(c.id).namespace ?? ''))
    .map((c) => {
      const w = workloadById(graph, c.id)!;
      const t = w.template;
      const group: PodGroup = {
        owner: c.id,
        count: c.replicas[which],
        cpuMillis: c.perReplica.cpuRequestMillis,
        memoryBytes: c.perReplica.memoryRequestBytes,
      };
      if (w.kind === 'DaemonSet') group.everyNode = true;
      if (onePerNode(t)) group.onePerNode = true;
      if (t.spec.nodeSelector && Object.keys(t.spec.nodeSelector).length) group.nodeSelector = t.spec.nodeSelector;
      const affinity = nodeAffinity(t);
      if (affinity) group.nodeAffinity = affinity;
      if (t.spec.tolerations?.length) group.tolerations = t.spec.tolerations as Toleration[];
      const skew = spreadMaxSkew(t);
      if (skew !== undefined) group.spreadMaxSkew = skew;
      return group;
    });
}
