// Replica bounds of a component, from its type's traits (vocabulary/components.ts) and its spec.
import type { Component } from '../spec/schema.js';
import { COMPONENT_TYPE_TRAITS } from '../vocabulary/components.js';

/** Replica bounds: fixed `replicas` gives min = max; `{min, max}` is autoscaled. DaemonSets and jobs: undefined. */
export function replicaRange(c: Component): { min: number; max: number; autoscaled: boolean } | undefined {
  const traits = COMPONENT_TYPE_TRAITS[c.type];
  const kind = traits.workload(c);
  if (kind !== 'Deployment' && kind !== 'StatefulSet') return undefined;
  if (typeof c.replicas === 'object') return { ...c.replicas, autoscaled: true };
  const n = c.replicas ?? traits.defaultReplicas;
  return { min: n, max: n, autoscaled: false };
}
