// `simulate hpa`: an HPA of the objects driven by a load profile, sync by sync (every 15 s).
// Pods the controller adds become Ready after their probes' delays (pod-start.ts); until then
// they are unready, which the replica calculator counts as using nothing on a scale-up (it
// does so for every metric here; the controller does it for Pending pods and, for CPU, for pods
// not yet Ready). A scale-down removes unready pods first, then the newest, as a ReplicaSet does.
import { InputError } from '../diagnostics/index.js';
import {
  DEFAULT_CONTROLLER,
  HpaController,
  isWithin,
  proposeFromRatio,
  SYNC_PERIOD_SECONDS,
  type HpaStep,
  type MetricProposal,
} from './hpa.js';
import type { HpaDefinition, HpaMetric } from './hpa-spec.js';
import { loadAt, type LoadProfile } from './load.js';

export interface HpaRunStep extends HpaStep {
  /** Ready pods at the sync. */
  ready: number;
  /** Each metric's current/target in percent at the sync (absent without ready pods). */
  load: (number | undefined)[];
}

export interface HpaRun {
  hpa: string;
  metrics: HpaMetric[];
  /** Seconds from creation to Ready for a new pod. */
  podReadySeconds: number;
  steps: HpaRunStep[];
}

function matchColumns(def: HpaDefinition, load: LoadProfile): number[] {
  const names = def.metrics.map((m) => m.name);
  for (const c of load.columns)
    if (!names.includes(c.metric))
      throw new InputError(`load column "${c.metric}" names no metric of ${def.id}`, [
        `its metrics: ${names.join(', ')}`,
      ]);
  return def.metrics.map((m) => {
    const i = load.columns.findIndex((c) => c.metric === m.name);
    if (i < 0)
      throw new InputError(`the load has no column for metric "${m.name}" of ${def.id}`, [
        `add a column ${m.name} or ${m.name}:total`,
      ]);
    return i;
  });
}

/** One metric's proposal (GetResourceReplicas, calcPlainMetricReplicas, GetObjectMetricReplicas, GetObjectPerPodMetricReplicas). */
function propose(
  m: HpaMetric,
  value: number,
  total: boolean,
  current: number,
  ready: number,
  c: HpaController,
): { p?: MetricProposal; load?: number } {
  if (ready === 0) return {};
  const usage = total ? value / ready : value;
  if (isObjectAverage(m)) {
    const ratio = usage / (m.targetValue * current);
    const within = isWithin(c.tolerances, ratio);
    const replicas = within ? current : Math.ceil(usage / m.targetValue);
    return { p: { metric: m.name, ratio, replicas, withinTolerance: within || undefined }, load: ratio * 100 };
  }
  if (m.source === 'Object' || m.source === 'External') {
    const ratio = usage / m.targetValue;
    const within = isWithin(c.tolerances, ratio);
    const replicas = within ? current : Math.ceil(ratio * ready);
    return { p: { metric: m.name, ratio, replicas, withinTolerance: within || undefined }, load: ratio * 100 };
  }
  const ratio = usage / m.targetValue;
  return { p: proposeFromRatio(m.name, ratio, current, c.tolerances, ready), load: ratio * 100 };
}

function isObjectAverage(m: HpaMetric): boolean {
  return (m.source === 'Object' || m.source === 'External') && m.target === 'AverageValue';
}

export function simulateHpa(
  def: HpaDefinition,
  load: LoadProfile,
  opts: { initialReplicas: number; podReadySeconds: number; until?: number },
): HpaRun {
  const columns = matchColumns(def, load);
  const controller = new HpaController(def, DEFAULT_CONTROLLER);
  // Ready-at time of each pod; the initial pods are running and Ready.
  let pods: number[] = Array.from({ length: opts.initialReplicas }, () => -Infinity);
  const start = load.points[0].t;
  const end = opts.until ?? load.points[load.points.length - 1].t;
  const steps: HpaRunStep[] = [];
  for (let t = start; t <= end; t += SYNC_PERIOD_SECONDS) {
    const values = loadAt(load, t);
    const ready = pods.filter((r) => r <= t).length;
    const loads: (number | undefined)[] = [];
    const step = controller.sync(t, pods.length, (current) =>
      def.metrics.flatMap((m, i) => {
        const col = columns[i];
        const { p, load: l } = propose(m, values[col], load.columns[col].total, current, ready, controller);
        loads.push(l);
        return p ? [p] : [];
      }),
    );
    if (step.replicas > pods.length) {
      pods = [...pods, ...Array.from({ length: step.replicas - pods.length }, () => t + opts.podReadySeconds)];
    } else if (step.replicas < pods.length) {
      // unready first, then the newest (largest ready-at time)
      pods = [...pods].sort((a, b) => a - b).slice(0, step.replicas);
    }
    steps.push({ ...step, ready, load: loads.length ? loads : def.metrics.map(() => undefined) });
  }
  return { hpa: def.id, metrics: def.metrics, podReadySeconds: opts.podReadySeconds, steps };
}

/**
 * The standard load ramp the docs simulate every HPA under: each metric at half its target on
 * minReplicas for a minute, then rising in equal steps over five minutes to 1.2 × maxReplicas
 * pods' worth at target, held for five minutes, then back to half of minReplicas' worth for ten
 * minutes (long enough for the default 5-minute scale-down window to show). Columns are totals
 * shared by the ready pods, except an Object or External AverageValue metric, whose value the
 * controller itself divides by the target (its value is then n pods' worth × target).
 */
export function standardRamp(def: HpaDefinition): LoadProfile {
  const min = def.minReplicas ?? 1;
  const low = 0.5 * min;
  const high = 1.2 * def.maxReplicas;
  const podsWorth: [number, number][] = [[0, low]];
  for (let i = 1; i <= 5; i++) podsWorth.push([i * 60, low + ((high - low) * i) / 5]);
  podsWorth.push([660, low], [1260, low]);
  return {
    columns: def.metrics.map((m) => ({ metric: m.name, total: !isObjectAverage(m) })),
    points: podsWorth.map(([t, n]) => ({ t, values: def.metrics.map((m) => n * m.targetValue) })),
  };
}
