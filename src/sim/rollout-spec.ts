// A workload's rolling update from its objects: the strategy fields, the pod start time
// (pod-start.ts), the replicas (spec.replicas, else the HPA's minReplicas, else Kubernetes'
// default 1), and the floors a rollout should not go below: the PodDisruptionBudget that selects
// the workload and the HPA's minReplicas.
import { InputError } from '../diagnostics/index.js';
import type { Graph, GraphNode } from '../graph/model.js';
import { workloadsOf, type Workload } from '../graph/workloads.js';
import { isRecord } from '../k8s/object.js';
import { podReadySeconds } from './pod-start.js';
import {
  daemonSetRollout,
  deploymentRollout,
  scaledValue,
  statefulSetCreationSeconds,
  statefulSetRollout,
  type AvailabilityFloors,
  type IntOrPercent,
  type Rollout,
} from './rollout.js';

export interface WorkloadRollout extends Rollout {
  workload: string;
  /** Seconds from creation to available for one new pod (probes + minReadySeconds). */
  podStartSeconds: number;
  /** StatefulSet only: how long creating all pods takes under its podManagementPolicy. */
  creation?: { policy: 'OrderedReady' | 'Parallel'; seconds: number };
}

function intOrPercent(v: unknown): IntOrPercent | undefined {
  return typeof v === 'number' || typeof v === 'string' ? v : undefined;
}

function selecting(graph: Graph, kind: string, w: Workload): GraphNode | undefined {
  const edge = graph.edges.find((e) => e.type === 'selects' && e.to === w.id && graph.byId.get(e.from)?.kind === kind);
  return edge ? graph.byId.get(edge.from) : undefined;
}

function pick(graph: Graph, component: string): Workload {
  const all = workloadsOf(graph).filter((w) => ['Deployment', 'StatefulSet', 'DaemonSet'].includes(w.kind));
  const matches = all.filter((w) => w.name === component || w.id === component);
  if (matches.length === 1) return matches[0];
  throw new InputError(
    matches.length === 0
      ? `--component ${component}: no Deployment, StatefulSet or DaemonSet of that name`
      : `--component ${component}: several workloads have that name; give its id`,
    (matches.length === 0 ? all : matches).map((w) => w.id),
  );
}

export function rolloutOf(
  graph: Graph,
  component: string,
  opts: { replicas?: number; nodes?: number },
): WorkloadRollout {
  const w = pick(graph, component);
  const spec = isRecord(w.node.object.spec) ? w.node.object.spec : {};
  const minReady = typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0;
  const podStartSeconds = podReadySeconds(w.template) + minReady;
  const hpa = selecting(graph, 'HorizontalPodAutoscaler', w);
  const hpaMin =
    hpa && isRecord(hpa.object.spec) && typeof hpa.object.spec.minReplicas === 'number'
      ? hpa.object.spec.minReplicas
      : hpa
        ? 1
        : undefined;
  const replicas = opts.replicas ?? (typeof spec.replicas === 'number' ? spec.replicas : (hpaMin ?? 1));
  const floors: AvailabilityFloors = {};
  if (hpa && hpaMin !== undefined) floors.hpa = { name: hpa.name, minReplicas: hpaMin };
  const pdb = selecting(graph, 'PodDisruptionBudget', w);
  const pdbSpec = pdb && isRecord(pdb.object.spec) ? pdb.object.spec : undefined;
  if (pdb && pdbSpec) {
    // The disruption controller rounds both percentages up.
    const minAvailable = intOrPercent(pdbSpec.minAvailable);
    const maxUnavailable = intOrPercent(pdbSpec.maxUnavailable);
    if (minAvailable !== undefined)
      floors.pdb = {
        name: pdb.name,
        minAvailable: scaledValue(minAvailable, replicas, true, `${pdb.id} spec.minAvailable`),
      };
    else if (maxUnavailable !== undefined)
      floors.pdb = {
        name: pdb.name,
        minAvailable: replicas - scaledValue(maxUnavailable, replicas, true, `${pdb.id} spec.maxUnavailable`),
      };
  }
  const base = { workload: w.id, podStartSeconds };
  if (w.kind === 'Deployment') {
    const strategy = isRecord(spec.strategy) ? spec.strategy : {};
    if (strategy.type === 'Recreate') {
      // Recreate: every old pod goes before any new one is created.
      const r = deploymentRollout(replicas, { maxSurge: 0, maxUnavailable: '100%' }, podStartSeconds, floors);
      return { ...base, ...r, limits: ['strategy Recreate: all old pods stop before new ones start'] };
    }
    const ru = isRecord(strategy.rollingUpdate) ? strategy.rollingUpdate : {};
    return {
      ...base,
      ...deploymentRollout(
        replicas,
        { maxSurge: intOrPercent(ru.maxSurge), maxUnavailable: intOrPercent(ru.maxUnavailable) },
        podStartSeconds,
        floors,
      ),
    };
  }
  if (w.kind === 'StatefulSet') {
    const strategy = isRecord(spec.updateStrategy) ? spec.updateStrategy : {};
    const ru = isRecord(strategy.rollingUpdate) ? strategy.rollingUpdate : {};
    const partition = typeof ru.partition === 'number' ? ru.partition : 0;
    const policy = spec.podManagementPolicy === 'Parallel' ? 'Parallel' : 'OrderedReady';
    return {
      ...base,
      ...statefulSetRollout(replicas, partition, podStartSeconds, floors),
      creation: { policy, seconds: statefulSetCreationSeconds(replicas, policy, podStartSeconds) },
    };
  }
  const strategy = isRecord(spec.updateStrategy) ? spec.updateStrategy : {};
  const ru = isRecord(strategy.rollingUpdate) ? strategy.rollingUpdate : {};
  return {
    ...base,
    ...daemonSetRollout(
      opts.nodes ?? 3,
      { maxSurge: intOrPercent(ru.maxSurge), maxUnavailable: intOrPercent(ru.maxUnavailable) },
      podStartSeconds,
    ),
  };
}
