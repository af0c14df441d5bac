// Component types and tiers: the words a spec declares (spec/schema.ts), synthesis turns into
// objects (synth/) and docs group by (docs/topology.ts), written once. What each type turns into
// is one table, so the differences between types are visible side by side; the generators read it
// instead of switching on the type.

export const COMPONENT_TYPES = [
  'web',
  'worker',
  'database',
  'cache',
  'broker',
  'job',
  'cronjob',
  'daemon',
  'frontend',
] as const;
export type ComponentType = (typeof COMPONENT_TYPES)[number];

export function isComponentType(v: string | undefined): v is ComponentType {
  return (COMPONENT_TYPES as readonly (string | undefined)[]).includes(v);
}

/** The groups docs draw components in, in drawing order. */
export const TIERS = ['ingress', 'web', 'worker', 'data', 'job', 'config'] as const;
export type Tier = (typeof TIERS)[number];

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'CronJob';

interface ComponentTypeTraits {
  /** Default tier in docs. */
  tier: Tier;
  /** Runs until stopped (gets probes, Services, PDBs); false for jobs. */
  longRunning: boolean;
  /** Default replica count when `replicas` is not given. */
  defaultReplicas: number;
  workload(c: { storage?: unknown }): WorkloadKind;
}

const deployment = (): WorkloadKind => 'Deployment';
/** Caches and brokers keep state only when they declare storage: then they get a StatefulSet too. */
const statefulWithStorage = (c: { storage?: unknown }): WorkloadKind => (c.storage ? 'StatefulSet' : 'Deployment');

export const COMPONENT_TYPE_TRAITS: Record<ComponentType, ComponentTypeTraits> = {
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
