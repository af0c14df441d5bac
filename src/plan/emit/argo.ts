// Argo CD delivery: sync waves from the plan's phases (Argo CD applies wave by wave and waits for
// each wave to be healthy), and run-before Jobs as hooks.
// https://argo-cd.readthedocs.io/en/stable/user-guide/sync-waves/
import type { KubeObject } from '../../k8s/object.js';
import { objectId } from '../../k8s/object.js';
import type { Dependency, Plan } from '../types.js';

export const ARGO = {
  syncWave: 'argocd.argoproj.io/sync-wave',
  hook: 'argocd.argoproj.io/hook',
  hookDeletePolicy: 'argocd.argoproj.io/hook-delete-policy',
} as const;

/** Phase index by node id. */
export function phaseIndex(plan: Plan): Map<string, number> {
  return new Map(plan.phases.flatMap((p) => p.objects.map((id) => [id, p.index] as const)));
}

/**
 * `objects` with `argocd.argoproj.io/sync-wave: "<phase>"` (each annotated one a new object with new
 * metadata, sharing the rest with its original, which is left as it was). A Job that others wait for
 * (a migration) becomes a hook, re-created on every sync (BeforeHookCreation: a Job's pod template
 * is immutable, so a plain Job could not be updated). It is a PreSync hook when it needs nothing
 * this application creates except its namespace (Argo CD's CreateNamespace creates that first);
 * otherwise a Sync hook in its wave, which Argo CD still runs in wave order and waits for.
 */
export function withSyncWaves(
  objects: KubeObject[],
  plan: Plan,
  dependencies: Map<string, Dependency[]>,
): KubeObject[] {
  const phases = phaseIndex(plan);
  const runBefore = new Set(
    plan.phases.flatMap((p) => p.waitFor.filter((w) => w.condition === 'complete').map((w) => w.object)),
  );
  return objects.map((original) => {
    const id = objectId(original);
    const phase = phases.get(id);
    if (phase === undefined) return original; // left to its controller: not applied by itself
    // A new object and metadata; the rest is shared with `original`, which is left as it was.
    const o = { ...original };
    const annotations: Record<string, string> = { ...(o.metadata.annotations ?? {}), [ARGO.syncWave]: String(phase) };
    if (runBefore.has(id)) {
      const needsOnlyNamespace = (dependencies.get(id) ?? []).every((d) => d.on.endsWith('[Namespace]'));
      annotations[ARGO.hook] = needsOnlyNamespace ? 'PreSync' : 'Sync';
      annotations[ARGO.hookDeletePolicy] = 'BeforeHookCreation';
    }
    o.metadata = { ...o.metadata, annotations };
    return o;
  });
}
