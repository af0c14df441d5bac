// Surviving node loss and drains with more than one replica: a PodDisruptionBudget so a drain
// cannot take them all at once, replicas spread over nodes so one node failure cannot either, and
// a liveness probe that does not just repeat readiness (a slow dependency then restarts pods that
// are healthy, all of them at once).
import { isDeepStrictEqual } from 'node:util';
import type { Graph } from '../graph/model.js';
import { containersOf } from '../k8s/podspec.js';
import { autoscalersByTarget, replicasOf } from '../sim/resources.js';
import type { Check, RawFinding } from './types.js';
import { containerLabel, isRecord, list, nodesOfKind, selectedFrom } from './workloads.js';
import { workloadsOf, type Workload } from '../graph/workloads.js';

const REPLICATED_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

/** Replicated workloads with their replica range (HPA minimum and maximum when one scales them). */
function replicated(graph: Graph, atLeast: 'min' | 'max'): Array<{ w: Workload; replicas: number }> {
  const hpas = autoscalersByTarget(graph);
  return workloadsOf(graph).flatMap((w) => {
    if (!REPLICATED_KINDS.has(w.node.kind) || w.node.id !== w.id) return [];
    const replicas = replicasOf(w.node, hpas.get(w.node.id))[atLeast];
    return replicas >= 2 ? [{ w, replicas }] : [];
  });
}

function selectedByKind(graph: Graph, kind: string): Set<string> {
  return new Set(nodesOfKind(graph, kind).flatMap((n) => selectedFrom(graph, n.id).map((e) => e.to)));
}

const pdbMissing: Check = {
  id: 'pdb-missing',
  family: 'availability',
  severity: 'warning',
  rationale:
    'Without a PodDisruptionBudget a node drain or cluster upgrade may evict every replica of a serving workload at once.',
  hint: 'Add a PodDisruptionBudget selecting the pods, e.g. maxUnavailable: 1.',
  run: (ctx) => {
    const services = selectedByKind(ctx.graph, 'Service');
    const budgets = selectedByKind(ctx.graph, 'PodDisruptionBudget');
    return replicated(ctx.graph, 'min')
      .filter(({ w }) => services.has(w.id) && !budgets.has(w.id))
      .map(({ w, replicas }) => ({
        object: w.id,
        message: `serves traffic with ${replicas} replicas and no PodDisruptionBudget selects them`,
      }));
  },
};

const spreadMissing: Check = {
  id: 'spread-missing',
  family: 'availability',
  severity: 'warning',
  rationale:
    'Without pod anti-affinity or topologySpreadConstraints the scheduler may put every replica on one node, which then takes them all down.',
  hint: 'Add topologySpreadConstraints on kubernetes.io/hostname (or preferred podAntiAffinity) selecting the pods.',
  run: (ctx) =>
    replicated(ctx.graph, 'max').flatMap(({ w, replicas }): RawFinding[] => {
      const spec = w.template.spec;
      const antiAffinity = isRecord(spec.affinity) && isRecord(spec.affinity.podAntiAffinity);
      if (antiAffinity || list(spec.topologySpreadConstraints).length > 0) return [];
      return [
        {
          object: w.id,
          path: `${w.template.path}.topologySpreadConstraints`,
          message: `runs up to ${replicas} replicas with neither pod anti-affinity nor topologySpreadConstraints`,
        },
      ];
    }),
};

/** The handler of a probe: what it runs, without its timing. */
function probeHandler(probe: unknown): unknown {
  if (!isRecord(probe)) return undefined;
  const { httpGet, tcpSocket, exec, grpc } = probe;
  return { httpGet, tcpSocket, exec, grpc };
}

const probesIdentical: Check = {
  id: 'probes-identical',
  family: 'availability',
  // Advice: identical probes hurt only when the check reaches past the process (a database, a
  // downstream service), which the manifest does not show.
  severity: 'info',
  rationale:
    'A liveness probe that asks what readiness asks fails with it: if the check reaches a dependency that is slow, the kubelet restarts pods that are healthy, all replicas at once.',
  hint: 'Let liveness check only that the process itself responds (e.g. /livez), and readiness that it can serve (/readyz).',
  run: (ctx) =>
    workloadsOf(ctx.graph).flatMap((w) =>
      containersOf(w.template).flatMap((c): RawFinding[] => {
        const { livenessProbe, readinessProbe } = c.container;
        if (!isRecord(livenessProbe) || !isRecord(readinessProbe)) return [];
        if (!isDeepStrictEqual(probeHandler(livenessProbe), probeHandler(readinessProbe))) return [];
        return [
          {
            object: w.id,
            path: `${c.path}.livenessProbe`,
            message: `${containerLabel(c)} probes liveness exactly as readiness`,
          },
        ];
      }),
    ),
};

export const disruptionChecks: Check[] = [pdbMissing, spreadMissing, probesIdentical];
