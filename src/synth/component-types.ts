// What each component type turns into. One table, so the differences between types are visible
// side by side; the generators read it instead of switching on the type.
import type { Component, ComponentType, TIERS } from '../spec/schema.js';

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'CronJob';

interface TypeTraits {
  /** Default tier in docs. */
  tier: (typeof TIERS)[number];
  /** Runs until stopped (gets probes, Services, PDBs); false for jobs. */
  longRunning: boolean;
  /** Default replica count when `replicas` is not given. */
  defaultReplicas: number;
  workload(c: Component): WorkloadKind;
}

const deployment = (): WorkloadKind => 'Deployment';
/** Caches and brokers keep state only when they declare storage: then they get a StatefulSet too. */
const statefulWithStorage = (c: Component): WorkloadKind => (c.storage ? 'StatefulSet' : 'Deployment');

export const COMPONENT_TYPE_TRAITS: Record<ComponentType, TypeTraits> = {
  // Web tiers and static frontends serve users: two replicas by default so a node drain or a
  // rollout never takes them down.
  web: { tier: 'web', longRunning: true, defaultReplicas: 2, workload: deployment },
  frontend: { tier: 'web', longRunning: true, defaultReplicas: 2, workload: deployment },
  worker: { tier: 'worker', longRunning: true, defaultReplicas: 1, workload: deployment },
  // Databases always get a StatefulSet: stable identity and a volumeClaimTemplate per replica.
  database: { tier: 'data', longRunning: true, defaultReplicas: 1, workload: () => 'StatefulSet' },
  cache: { tier: 'data', longRunning: true, defaultReplicas: 1, workload: statefulWithStorage },
  broker: { tier: 'data', longRunning: true, defaultReplicas: 1, workload: statefulWithStorage },
  job: { tier: 'job', longRunning: false, defaultReplicas: 1, workload: () => 'Job' },
  cronjob: { tier: 'job', longRunning: false, defaultReplicas: 1, workload: () => 'CronJob' },
  daemon: { tier: 'worker', longRunning: true, defaultReplicas: 1, workload: () => 'DaemonSet' },
};

/** Replica bounds: fixed `replicas` gives min = max; `{min, max}` is autoscaled. DaemonSets and jobs: undefined. */
export function replicaRange(c: Component): { min: number; max: number; autoscaled: boolean } | undefined {
  const traits = COMPONENT_TYPE_TRAITS[c.type];
  const kind = traits.workload(c);
  if (kind !== 'Deployment' && kind !== 'StatefulSet') return undefined;
  if (typeof c.replicas === 'object') return { ...c.replicas, autoscaled: true };
  const n = c.replicas ?? traits.defaultReplicas;
  return { min: n, max: n, autoscaled: false };
}
