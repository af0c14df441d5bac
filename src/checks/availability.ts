// Availability: what keeps a workload up through load, node drains and rollouts — requests and
// limits, probes, PodDisruptionBudgets that can work, HorizontalPodAutoscalers that can compute,
// rollouts that respect the budget, Jobs that stop retrying and CronJobs that do not pile up.
// Defaults are Kubernetes' own, applied where noted.
import type { Graph, GraphNode } from '../graph/model.js';
import type { KubeObject } from '../k8s/object.js';
import { containersOf, type ContainerRef } from '../k8s/podspec.js';
import { autoscalersByTarget, componentReplicas, replicasOf } from '../sim/resources.js';
import type { Check, RawFinding } from './types.js';
import { containerLabel, isRecord, list, nodeNamed, nodesOfKind, selectedFrom, specOf } from './workloads.js';
import { workloadById, workloadsOf, type Workload } from '../graph/workloads.js';

const SERVING_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Pod']);

/** Ids of the workloads some Service selects (graph `selects` edges). */
function selectedByServices(graph: Graph): Set<string> {
  const out = new Set<string>();
  for (const e of graph.edges)
    if (e.type === 'selects' && !e.missing && graph.byId.get(e.from)?.kind === 'Service') out.add(e.to);
  return out;
}

/** Workloads that serve traffic: long-running and selected by a Service. */
function servingWorkloads(graph: Graph): Workload[] {
  const services = selectedByServices(graph);
  return workloadsOf(graph).filter((w) => SERVING_KINDS.has(w.node.kind) && services.has(w.id));
}

function appContainers(w: Workload): ContainerRef[] {
  return containersOf(w.template).filter((c) => c.group === 'containers');
}

/**
 * An int-or-percent against a total, as Kubernetes scales it (intstr.GetScaledValueFromIntOrPercent):
 * percentages are rounded up or down as the caller's API defines; undefined when malformed.
 */
export function scaled(value: unknown, total: number, roundUp: boolean): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string') {
    const m = /^(\d+)%$/.exec(value);
    if (m) {
      const exact = (Number(m[1]) * total) / 100;
      return roundUp ? Math.ceil(exact) : Math.floor(exact);
    }
    if (/^\d+$/.test(value)) return Number(value);
  }
  return undefined;
}

// --- resources ---------------------------------------------------------------------------------

/** Whether a container asks for `resource` (a limit alone counts: the request defaults to it). */
function requests(c: ContainerRef, resource: 'cpu' | 'memory'): boolean {
  const r = isRecord(c.container.resources) ? c.container.resources : {};
  return (
    (isRecord(r.requests) && r.requests[resource] !== undefined) ||
    (isRecord(r.limits) && r.limits[resource] !== undefined)
  );
}

function limits(c: ContainerRef, resource: 'cpu' | 'memory'): boolean {
  const r = isRecord(c.container.resources) ? c.container.resources : {};
  return isRecord(r.limits) && r.limits[resource] !== undefined;
}

/** Pod-level resources (spec.resources) stand in for every container's. */
function podLevel(w: Workload, field: 'requests' | 'limits', resource: 'cpu' | 'memory'): boolean {
  const r = (w.template.spec as { resources?: unknown }).resources;
  if (!isRecord(r)) return false;
  return (
    (isRecord(r[field]) && r[field][resource] !== undefined) ||
    (field === 'requests' && isRecord(r.limits) && r.limits[resource] !== undefined)
  );
}

function scheduledContainers(w: Workload): ContainerRef[] {
  return containersOf(w.template).filter((c) => c.group !== 'ephemeralContainers');
}

const missingRequests: Check = {
  id: 'missing-requests',
  family: 'availability',
  severity: 'warning',
  rationale:
    'Without CPU and memory requests the scheduler places pods blind, and they are the first evicted under pressure (BestEffort).',
  hint: 'Set resources.requests.cpu and resources.requests.memory on every container.',
  run: (ctx) =>
    workloadsOf(ctx.graph).flatMap((w) =>
      scheduledContainers(w).flatMap((c) => {
        const missing = (['cpu', 'memory'] as const).filter((r) => !requests(c, r) && !podLevel(w, 'requests', r));
        return missing.length
          ? [
              {
                object: w.id,
                path: `${c.path}.resources.requests`,
                message: `${containerLabel(c)} has no ${missing.join(' or ')} request`,
              },
            ]
          : [];
      }),
    ),
};

const missingLimits: Check = {
  id: 'missing-limits',
  family: 'availability',
  severity: 'warning',
  rationale:
    "A container without a memory limit can take the node's memory and get its neighbours OOM-killed; without a CPU limit it can starve them.",
  hint: 'Set resources.limits.memory (and resources.limits.cpu where predictable latency matters).',
  run: (ctx) =>
    workloadsOf(ctx.graph).flatMap((w) =>
      scheduledContainers(w).flatMap((c): RawFinding[] => {
        const out: RawFinding[] = [];
        if (!limits(c, 'memory') && !podLevel(w, 'limits', 'memory'))
          out.push({
            object: w.id,
            path: `${c.path}.resources.limits.memory`,
            message: `${containerLabel(c)} has no memory limit`,
          });
        // A CPU limit throttles; many teams leave it out on purpose, so its absence is information.
        if (!limits(c, 'cpu') && !podLevel(w, 'limits', 'cpu'))
          out.push({
            object: w.id,
            path: `${c.path}.resources.limits.cpu`,
            message: `${containerLabel(c)} has no CPU limit`,
            severity: 'info',
          });
        return out;
      }),
    ),
};

// --- probes ------------------------------------------------------------------------------------------

const missingReadiness: Check = {
  id: 'missing-readiness-probe',
  family: 'availability',
  severity: 'warning',
  rationale:
    'Without a readiness probe a Service sends traffic to a pod as soon as its process starts, and keeps sending it when the pod cannot serve.',
  hint: 'Add a readinessProbe (httpGet, tcpSocket, grpc or exec) to each serving container.',
  run: (ctx) =>
    servingWorkloads(ctx.graph).flatMap((w) =>
      appContainers(w)
        .filter((c) => !isRecord(c.container.readinessProbe))
        .map((c) => ({
          object: w.id,
          path: `${c.path}.readinessProbe`,
          message: `${containerLabel(c)} serves traffic but has no readiness probe`,
        })),
    ),
};

const missingLiveness: Check = {
  id: 'missing-liveness-probe',
  family: 'availability',
  severity: 'info',
  rationale: 'Without a liveness probe a deadlocked process is never restarted.',
  hint: 'Add a livenessProbe that fails only when the process cannot recover by itself.',
  run: (ctx) =>
    servingWorkloads(ctx.graph).flatMap((w) =>
      appContainers(w)
        .filter((c) => !isRecord(c.container.livenessProbe))
        .map((c) => ({
          object: w.id,
          path: `${c.path}.livenessProbe`,
          message: `${containerLabel(c)} has no liveness probe`,
        })),
    ),
};

// --- replicas, budgets and rollouts --------------------------------------------------------------------

/** The pods a PDB covers: replicas (at the HPA minimum) of every workload it selects. */
function budgetPods(
  graph: Graph,
  pdb: GraphNode,
  hpas: ReadonlyMap<string, KubeObject>,
): { pods: number; targets: Workload[] } {
  const targets = selectedFrom(graph, pdb.id).flatMap((e) => workloadById(graph, e.to) ?? []);
  return { pods: targets.reduce((n, t) => n + componentReplicas(t, hpas).min, 0), targets };
}

/** Pods a PDB requires healthy out of `pods` (disruption controller: percentages round up), or undefined. */
function desiredHealthy(pdb: GraphNode, pods: number): number | undefined {
  const spec = specOf(pdb);
  if (spec.minAvailable !== undefined) return scaled(spec.minAvailable, pods, true);
  if (spec.maxUnavailable !== undefined) {
    const unavailable = scaled(spec.maxUnavailable, pods, true);
    return unavailable === undefined ? undefined : pods - unavailable;
  }
  return undefined;
}

const pdbBlocksEviction: Check = {
  id: 'pdb-blocks-eviction',
  family: 'availability',
  severity: 'error',
  rationale: 'A PodDisruptionBudget that allows no disruption blocks every node drain and cluster upgrade forever.',
  hint: 'Let at least one pod go: minAvailable below the replica count, or maxUnavailable of at least 1.',
  run: (ctx) => {
    const hpas = autoscalersByTarget(ctx.graph);
    return nodesOfKind(ctx.graph, 'PodDisruptionBudget').flatMap((pdb): RawFinding[] => {
      const spec = specOf(pdb);
      if (
        spec.maxUnavailable !== undefined &&
        scaled(spec.maxUnavailable, 1, true) === 0 &&
        spec.minAvailable === undefined
      ) {
        return [
          {
            object: pdb.id,
            path: 'spec.maxUnavailable',
            message: `maxUnavailable ${JSON.stringify(spec.maxUnavailable)} allows no pod to be evicted`,
          },
        ];
      }
      const { pods, targets } = budgetPods(ctx.graph, pdb, hpas);
      if (targets.length === 0 || spec.minAvailable === undefined) return [];
      const healthy = desiredHealthy(pdb, pods);
      return healthy !== undefined && healthy >= pods && pods > 0
        ? [
            {
              object: pdb.id,
              path: 'spec.minAvailable',
              message: `minAvailable ${JSON.stringify(spec.minAvailable)} requires all ${pods} pod(s) of ${targets.map((t) => t.id).join(', ')} to stay up: no eviction is ever allowed`,
            },
          ]
        : [];
    });
  },
};

const singleReplica: Check = {
  id: 'single-replica',
  family: 'availability',
  severity: 'warning',
  rationale: 'One replica serving traffic means downtime on every rollout, node drain and crash.',
  hint: 'Run at least 2 replicas (or an HPA with minReplicas ≥ 2), spread across nodes.',
  run: (ctx) => {
    const hpas = autoscalersByTarget(ctx.graph);
    return servingWorkloads(ctx.graph)
      .filter(
        (w) =>
          w.node.kind !== 'DaemonSet' && w.node.kind !== 'Pod' && replicasOf(w.node, hpas.get(w.node.id)).min === 1,
      )
      .map((w) => ({
        object: w.id,
        path: hpas.has(w.node.id) ? undefined : 'spec.replicas',
        message: `serves traffic with a single replica${hpas.has(w.node.id) ? ' at the HPA minimum' : ''}`,
      }));
  },
};

/** Pods a rollout may take down at once: Deployment maxUnavailable (default 25%, rounded down), StatefulSet 1 by default. */
function rolloutUnavailable(node: GraphNode, replicas: number): { unavailable: number; path: string } | undefined {
  const spec = specOf(node);
  const strategy = isRecord(spec.strategy) ? spec.strategy : isRecord(spec.updateStrategy) ? spec.updateStrategy : {};
  if (node.kind === 'Deployment') {
    if (strategy.type === 'Recreate') return { unavailable: replicas, path: 'spec.strategy.type' };
    const ru = isRecord(strategy.rollingUpdate) ? strategy.rollingUpdate : {};
    const unavailable = scaled(ru.maxUnavailable ?? '25%', replicas, false);
    return unavailable === undefined ? undefined : { unavailable, path: 'spec.strategy.rollingUpdate.maxUnavailable' };
  }
  if (node.kind === 'StatefulSet' && strategy.type !== 'OnDelete') {
    const ru = isRecord(strategy.rollingUpdate) ? strategy.rollingUpdate : {};
    const unavailable = scaled(ru.maxUnavailable ?? 1, replicas, false);
    return unavailable === undefined
      ? undefined
      : { unavailable, path: 'spec.updateStrategy.rollingUpdate.maxUnavailable' };
  }
  return undefined;
}

const rolloutBelowBudget: Check = {
  id: 'rollout-below-pdb',
  family: 'availability',
  severity: 'warning',
  rationale:
    'A rollout is not an eviction: the PodDisruptionBudget does not stop it, so a rollout that takes down more pods than the budget allows breaks the availability the budget promises.',
  hint: "Lower the rollout's maxUnavailable (and use maxSurge) so replicas − maxUnavailable stays at or above the PDB's minimum.",
  run: (ctx) => {
    const hpas = autoscalersByTarget(ctx.graph);
    return nodesOfKind(ctx.graph, 'PodDisruptionBudget').flatMap((pdb) => {
      const { targets } = budgetPods(ctx.graph, pdb, hpas);
      return targets.flatMap((t) => {
        const replicas = componentReplicas(t, hpas).min;
        const rollout = rolloutUnavailable(t.node, replicas);
        const healthy = desiredHealthy(pdb, replicas);
        if (!rollout || healthy === undefined || targets.length !== 1) return [];
        const during = replicas - Math.max(rollout.unavailable, 0);
        return during < healthy
          ? [
              {
                object: t.id,
                path: rollout.path,
                message: `a rollout can leave ${during} of ${replicas} pod(s) available, below the ${healthy} that ${pdb.id} requires`,
              },
            ]
          : [];
      });
    });
  },
};

// --- autoscalers -------------------------------------------------------------------------------------

function hpaTarget(graph: Graph, hpa: GraphNode): GraphNode | undefined {
  const ref = specOf(hpa).scaleTargetRef;
  if (!isRecord(ref)) return undefined;
  return typeof ref.kind === 'string' && typeof ref.name === 'string'
    ? nodeNamed(graph, ref.kind, ref.name, hpa.namespace)
    : undefined;
}

const hpaMinAboveMax: Check = {
  id: 'hpa-min-above-max',
  family: 'availability',
  severity: 'error',
  rationale: 'An HPA whose minReplicas exceeds maxReplicas is rejected by the API server.',
  hint: 'Make minReplicas ≤ maxReplicas.',
  run: (ctx) =>
    nodesOfKind(ctx.graph, 'HorizontalPodAutoscaler').flatMap((hpa) => {
      const spec = specOf(hpa);
      const min = typeof spec.minReplicas === 'number' ? spec.minReplicas : 1; // default minReplicas: 1
      return typeof spec.maxReplicas === 'number' && min > spec.maxReplicas
        ? [
            {
              object: hpa.id,
              path: 'spec.minReplicas',
              message: `minReplicas ${min} is above maxReplicas ${spec.maxReplicas}`,
            },
          ]
        : [];
    }),
};

/**
 * Resources an HPA scales on by utilization (a percentage of the request): autoscaling/v2
 * Resource/ContainerResource metrics with target.type Utilization, v2beta1's
 * targetAverageUtilization, v1's targetCPUUtilizationPercentage. With no metrics at all the
 * controller defaults to 80% CPU utilization.
 */
function utilizationResources(hpa: GraphNode): Array<{ resource: string; container?: string; path: string }> {
  const spec = specOf(hpa);
  if (hpa.apiVersion === 'autoscaling/v1') return [{ resource: 'cpu', path: 'spec.targetCPUUtilizationPercentage' }];
  const metrics = list(spec.metrics);
  if (metrics.length === 0) return [{ resource: 'cpu', path: 'spec.metrics' }];
  return metrics.flatMap((m, i) => {
    if (!isRecord(m)) return [];
    const source =
      m.type === 'Resource' ? m.resource : m.type === 'ContainerResource' ? m.containerResource : undefined;
    if (!isRecord(source) || typeof source.name !== 'string') return [];
    const byUtilization =
      (isRecord(source.target) && source.target.type === 'Utilization') ||
      source.targetAverageUtilization !== undefined;
    return byUtilization
      ? [
          {
            resource: source.name,
            container: typeof source.container === 'string' ? source.container : undefined,
            path: `spec.metrics[${i}]`,
          },
        ]
      : [];
  });
}

const hpaWithoutRequests: Check = {
  id: 'hpa-missing-requests',
  family: 'availability',
  severity: 'error',
  rationale:
    'Utilization is usage divided by the request: if a container has no request for that resource, the HPA cannot compute it and never scales.',
  hint: 'Set resources.requests for the scaled resource on every container of the target, or scale on an AverageValue target.',
  run: (ctx) => {
    const workloads = new Map(workloadsOf(ctx.graph).map((w) => [w.node.id, w]));
    return nodesOfKind(ctx.graph, 'HorizontalPodAutoscaler').flatMap((hpa) => {
      const target = hpaTarget(ctx.graph, hpa);
      const template = target ? workloads.get(target.id) : undefined;
      if (!template) return [];
      return utilizationResources(hpa).flatMap(({ resource, container, path }) => {
        if (resource !== 'cpu' && resource !== 'memory') return [];
        const lacking = appContainers(template)
          .filter((c) => container === undefined || c.container.name === container)
          .filter((c) => !requests(c, resource) && !podLevel(template, 'requests', resource));
        return lacking.length
          ? [
              {
                object: hpa.id,
                path,
                message: `scales ${target!.id} on ${resource} utilization, but ${lacking.map(containerLabel).join(', ')} request no ${resource}`,
              },
            ]
          : [];
      });
    });
  },
};

const hpaTargetReplicas: Check = {
  id: 'hpa-target-fixed-replicas',
  family: 'availability',
  severity: 'warning',
  rationale:
    'A workload scaled by an HPA that also sets spec.replicas is reset to that number on every apply, undoing the autoscaler.',
  hint: "Remove spec.replicas from the HPA's target and let the HPA own the replica count.",
  run: (ctx) => {
    const hpas = autoscalersByTarget(ctx.graph);
    return ctx.graph.nodes
      .filter((n) => hpas.has(n.id) && specOf(n).replicas !== undefined)
      .map((n) => ({
        object: n.id,
        path: 'spec.replicas',
        message: `sets replicas ${JSON.stringify(specOf(n).replicas)} although an HPA scales it`,
      }));
  },
};

// --- jobs ----------------------------------------------------------------------------------------------

/** Job specs: each Job's own, and each CronJob's jobTemplate. Jobs a CronJob made are left out. */
function jobSpecs(graph: Graph): Array<{ id: string; node: GraphNode; spec: Record<string, unknown>; path: string }> {
  return workloadsOf(graph).flatMap(({ id, node }) => {
    if (node.kind === 'Job') return [{ id, node, spec: specOf(node), path: 'spec' }];
    if (node.kind === 'CronJob') {
      const jt = specOf(node).jobTemplate;
      return [{ id, node, spec: isRecord(jt) && isRecord(jt.spec) ? jt.spec : {}, path: 'spec.jobTemplate.spec' }];
    }
    return [];
  });
}

const jobBackoff: Check = {
  id: 'job-backoff-limit',
  family: 'availability',
  severity: 'info',
  rationale:
    'Without backoffLimit a failing Job is retried 6 times (the default) with growing delays before it is marked failed.',
  hint: 'Set spec.backoffLimit to the number of retries the task tolerates.',
  run: (ctx) =>
    jobSpecs(ctx.graph)
      .filter((j) => j.spec.backoffLimit === undefined && j.spec.backoffLimitPerIndex === undefined)
      .map((j) => ({
        object: j.id,
        path: `${j.path}.backoffLimit`,
        message: 'has no backoffLimit: a failing run is retried 6 times',
      })),
};

const jobTtl: Check = {
  id: 'job-ttl',
  family: 'availability',
  severity: 'warning',
  rationale:
    'A finished Job and its pods stay until deleted; without ttlSecondsAfterFinished they pile up (CronJobs prune by history limits instead).',
  hint: 'Set spec.ttlSecondsAfterFinished on the Job.',
  run: (ctx) =>
    jobSpecs(ctx.graph)
      .filter((j) => j.node.kind === 'Job' && j.spec.ttlSecondsAfterFinished === undefined)
      .map((j) => ({
        object: j.id,
        path: 'spec.ttlSecondsAfterFinished',
        message: 'has no ttlSecondsAfterFinished: the finished Job is never cleaned up',
      })),
};

const cronJobConcurrency: Check = {
  id: 'cronjob-concurrency-policy',
  family: 'availability',
  severity: 'warning',
  rationale: 'CronJobs default to concurrencyPolicy Allow: a run that outlasts its interval overlaps the next one.',
  hint: 'Set spec.concurrencyPolicy to Forbid (skip) or Replace, or to Allow explicitly when overlapping runs are safe.',
  run: (ctx) =>
    nodesOfKind(ctx.graph, 'CronJob')
      .filter((n) => specOf(n).concurrencyPolicy === undefined)
      .map((n) => ({
        object: n.id,
        path: 'spec.concurrencyPolicy',
        message: 'has no concurrencyPolicy: runs may overlap (default Allow)',
      })),
};

export const availabilityChecks: Check[] = [
  missingRequests,
  missingLimits,
  missingReadiness,
  missingLiveness,
  pdbBlocksEviction,
  singleReplica,
  rolloutBelowBudget,
  hpaMinAboveMax,
  hpaWithoutRequests,
  hpaTargetReplicas,
  jobBackoff,
  jobTtl,
  cronJobConcurrency,
];
