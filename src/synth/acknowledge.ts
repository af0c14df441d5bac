// A component's acknowledged findings (`acknowledge`, src/spec/acknowledge.ts) as the per-object
// opt-out annotations `check` honours. They go on the objects checks report about a component: its
// workload (pod security, replicas, probes) and its Services (exposure).
import { IGNORE_CHECK_PREFIX } from '../k8s/annotations.js';
import type { Component } from '../spec/schema.js';

export function acknowledgeAnnotations(c: Component): Record<string, string> {
  return Object.fromEntries(
    Object.entries(c.acknowledge ?? {}).map(([check, reason]) => [`${IGNORE_CHECK_PREFIX}${check}`, reason]),
  );
}
