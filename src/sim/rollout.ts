// A rolling update of one workload, as its controller steps it (Kubernetes docs: Deployments,
// StatefulSets, DaemonSets, "Performing a Rolling Update"). A new pod is available
// `podReadySeconds` (pod-start.ts) plus minReadySeconds after it is created; old pods are taken to
// stop at once (their termination grace period is not counted), and nothing fails.
import { InputError } from '../diagnostics/index.js';

/** `intstr`: a count or a percentage. */
export type IntOrPercent = number | string;

/**
 * A percentage of `total`, rounded up or down as the field's documentation says (Deployment
 * maxSurge up, maxUnavailable down; DaemonSet both up). Bad text is reported with its field.
 */
export function scaledValue(v: IntOrPercent, total: number, roundUp: boolean, field: string): number {
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 0)
      throw new InputError(`${field}: expected a non-negative integer or a percentage, got ${v}`);
    return v;
  }
  const m = /^(\d+)%$/.exec(v);
  if (!m)
    throw new InputError(
      `${field}: expected a non-negative integer or a percentage like 25%, got ${JSON.stringify(v)}`,
    );
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

export interface RolloutPoint {
  t: number;
  /** Pods of the old revision (all available). */
  old: number;
  /** Pods of the new revision, and how many of them are available. */
  new: number;
  newAvailable: number;
  available: number;
  /** What the controller did at t. */
  action: string;
}

export interface Rollout {
  kind: string;
  replicas: number;
  /** How the limits were resolved, e.g. `maxSurge 25% → 1 (rounded up)`. */
  limits: string[];
  timeline: RolloutPoint[];
  minAvailable: number;
  maxPods: number;
  durationSeconds: number;
  /** Pods that stay on the old revision (StatefulSet partition). */
  notUpdated: number;
  breaches: string[];
}

export interface AvailabilityFloors {
  /** The PDB's minAvailable as a count of these replicas, with its name. */
  pdb?: { name: string; minAvailable: number };
  /** The HPA's minReplicas, with its name. */
  hpa?: { name: string; minReplicas: number };
}

function finish(
  r: Omit<Rollout, 'minAvailable' | 'maxPods' | 'durationSeconds' | 'breaches'>,
  floors: AvailabilityFloors,
): Rollout {
  const minAvailable = Math.min(...r.timeline.map((p) => p.available));
  const breaches: string[] = [];
  const below = (floor: number) => r.timeline.find((p) => p.available < floor);
  if (floors.pdb) {
    const p = below(floors.pdb.minAvailable);
    if (p)
      breaches.push(
        `PodDisruptionBudget ${floors.pdb.name}: ${p.available} available at ${p.t}s, below its minAvailable ${floors.pdb.minAvailable}`,
      );
  }
  if (floors.hpa) {
    const p = below(floors.hpa.minReplicas);
    if (p)
      breaches.push(
        `HorizontalPodAutoscaler ${floors.hpa.name}: ${p.available} available at ${p.t}s, below its minReplicas ${floors.hpa.minReplicas}`,
      );
  }
  return {
    ...r,
    minAvailable,
    maxPods: Math.max(...r.timeline.map((p) => p.old + p.new)),
    durationSeconds: r.timeline[r.timeline.length - 1].t,
    breaches,
  };
}

/**
 * Deployment RollingUpdate (deployment controller, rolling.go): each sync first scales the new
 * ReplicaSet up to at most replicas + maxSurge pods in all, then the old one down while at least
 * replicas − maxUnavailable pods stay available; each change triggers the next sync at once. Surge rounds up, unavailable down; when both come
 * to 0, maxUnavailable is 1 (ResolveFenceposts).
 */
export function deploymentRollout(
  replicas: number,
  strategy: { maxSurge?: IntOrPercent; maxUnavailable?: IntOrPercent },
  startSeconds: number,
  floors: AvailabilityFloors = {},
): Rollout {
  const surgeSpec = strategy.maxSurge ?? '25%';
  const unavailableSpec = strategy.maxUnavailable ?? '25%';
  const surge = scaledValue(surgeSpec, replicas, true, 'spec.strategy.rollingUpdate.maxSurge');
  let unavailable = scaledValue(unavailableSpec, replicas, false, 'spec.strategy.rollingUpdate.maxUnavailable');
  const limits = [
    `maxSurge ${surgeSpec} → ${surge}${typeof surgeSpec === 'string' ? ' (rounded up)' : ''}`,
    `maxUnavailable ${unavailableSpec} → ${unavailable}${typeof unavailableSpec === 'string' ? ' (rounded down)' : ''}`,
  ];
  if (surge === 0 && unavailable === 0) {
    unavailable = 1;
    limits.push('both 0: maxUnavailable taken as 1');
  }
  let old = replicas;
  const created: number[] = []; // available-at time of each new pod
  const timeline: RolloutPoint[] = [];
  let t = 0;
  for (;;) {
    const newAvailable = created.filter((a) => a <= t).length;
    let added = 0;
    let removed = 0;
    // Syncs follow each other at once after every change, until neither side can move.
    for (;;) {
      const up = Math.min(replicas + surge - (old + created.length), replicas - created.length);
      for (let i = 0; i < up; i++) created.push(t + startSeconds);
      // all old pods are available: available − (replicas − maxUnavailable) may go
      const down = Math.min(old, old + newAvailable - (replicas - unavailable));
      if (down > 0) old -= down;
      added += Math.max(up, 0);
      removed += Math.max(down, 0);
      if (up <= 0 && down <= 0) break;
    }
    const action =
      [added ? `+${added} new` : '', removed ? `−${removed} old` : ''].filter(Boolean).join(', ') || 'wait';
    timeline.push({ t, old, new: created.length, newAvailable, available: old + newAvailable, action });
    if (old === 0 && newAvailable === replicas) break;
    const next = created.filter((a) => a > t).sort((a, b) => a - b)[0];
    if (next === undefined)
      throw new InputError(`the rollout cannot progress with maxSurge ${surge} and maxUnavailable ${unavailable}`);
    t = next;
  }
  return finish({ kind: 'Deployment', replicas, limits, timeline, notUpdated: 0 }, floors);
}

/**
 * StatefulSet RollingUpdate: pods from the highest ordinal down to `partition`, one at a time;
 * each is deleted, recreated and must be Ready (and available for minReadySeconds) before the
 * next. podManagementPolicy does not change updates (it governs scaling: `creation` says how the
 * pods first come up, one after another under OrderedReady, all at once under Parallel).
 */
export function statefulSetRollout(
  replicas: number,
  partition: number,
  startSeconds: number,
  floors: AvailabilityFloors = {},
): Rollout {
  const updated = Math.max(0, replicas - Math.max(0, partition));
  const timeline: RolloutPoint[] = [
    { t: 0, old: replicas, new: 0, newAvailable: 0, available: replicas, action: 'start' },
  ];
  let t = 0;
  for (let i = 1; i <= updated; i++) {
    const ordinal = replicas - i;
    timeline.push({
      t,
      old: replicas - i,
      new: i,
      newAvailable: i - 1,
      available: replicas - 1,
      action: `recreate pod ${ordinal}`,
    });
    t += startSeconds;
    timeline.push({
      t,
      old: replicas - i,
      new: i,
      newAvailable: i,
      available: replicas,
      action: `pod ${ordinal} available`,
    });
  }
  const limits = [`partition ${partition}: ordinals ${partition}…${replicas - 1} are updated`];
  return finish({ kind: 'StatefulSet', replicas, limits, timeline, notUpdated: replicas - updated }, floors);
}

/** How StatefulSet pods first come up: one after another (OrderedReady) or together (Parallel). */
export function statefulSetCreationSeconds(
  replicas: number,
  policy: 'OrderedReady' | 'Parallel',
  startSeconds: number,
): number {
  return policy === 'Parallel' ? startSeconds : replicas * startSeconds;
}

/**
 * DaemonSet RollingUpdate, one pod per node: with maxSurge, up to that many nodes get their new
 * pod before the old one is deleted (when the new one is available); otherwise up to
 * maxUnavailable nodes at a time lose their old pod first. Percentages of the nodes round up.
 */
export function daemonSetRollout(
  nodes: number,
  strategy: { maxSurge?: IntOrPercent; maxUnavailable?: IntOrPercent },
  startSeconds: number,
): Rollout {
  const surgeSpec = strategy.maxSurge ?? 0;
  const unavailableSpec = strategy.maxUnavailable ?? 1;
  const surge = scaledValue(surgeSpec, nodes, true, 'spec.updateStrategy.rollingUpdate.maxSurge');
  const unavailable = scaledValue(unavailableSpec, nodes, true, 'spec.updateStrategy.rollingUpdate.maxUnavailable');
  if (surge === 0 && unavailable === 0)
    throw new InputError('spec.updateStrategy.rollingUpdate: maxSurge and maxUnavailable cannot both be 0');
  const batch = surge > 0 ? surge : unavailable;
  const limits = [
    `${nodes} node(s)`,
    surge > 0
      ? `maxSurge ${surgeSpec} → ${surge} node(s) at a time, old pod deleted once the new one is available`
      : `maxUnavailable ${unavailableSpec} → ${unavailable} node(s) at a time`,
  ];
  const timeline: RolloutPoint[] = [{ t: 0, old: nodes, new: 0, newAvailable: 0, available: nodes, action: 'start' }];
  let t = 0;
  let done = 0;
  while (done < nodes) {
    const n = Math.min(batch, nodes - done);
    if (surge > 0) {
      timeline.push({
        t,
        old: nodes - done,
        new: done + n,
        newAvailable: done,
        available: nodes,
        action: `+${n} new (surge)`,
      });
      t += startSeconds;
      done += n;
      timeline.push({ t, old: nodes - done, new: done, newAvailable: done, available: nodes, action: `−${n} old` });
    } else {
      timeline.push({
        t,
        old: nodes - done - n,
        new: done + n,
        newAvailable: done,
        available: nodes - n,
        action: `−${n} old, +${n} new`,
      });
      t += startSeconds;
      done += n;
      timeline.push({
        t,
        old: nodes - done,
        new: done,
        newAvailable: done,
        available: nodes,
        action: `${n} available`,
      });
    }
  }
  return finish({ kind: 'DaemonSet', replicas: nodes, limits, timeline, notUpdated: 0 }, {});
}
