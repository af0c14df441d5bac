// `simulate hpa`: an HPA of the objects driven by a load profile, sync by sync (every 15 s).
// Pods the controller adds run at once and become Ready after their probes' delays
// (pod-start.ts). The replica calculator sorts them per metric as groupPods does: for CPU a pod
// not yet Ready, or Ready less than one metrics window ago within the CPU initialization period,
// is set aside as unready; memory is sampled from every running pod; a pod's own metric (Pods)
// is taken to be served once the pod is Ready, so before that the pod has no sample. A total
// load is shared by the Ready pods (the Service's endpoints). A scale-down removes unready pods
// first, then the newest, as a ReplicaSet does.
import { InputError } from '../diagnostics/index.js';
import {
  DEFAULT_CONTROLLER,
  HpaController,
  isWithin,
  proposeFromPods,
  SYNC_PERIOD_SECONDS,
  type ControllerSettings,
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

/**
 * The window of a resource metric sample: the upstream metrics-server manifests scrape with
 * `--metric-resolution=15s`, and a CPU sample spans one scrape interval.
 */
export const METRICS_WINDOW_SECONDS = 15;

/** A pod of the run: when it was created (and started), and when it became Ready. */
interface SimPod {
  created: number;
  readyAt: number;
}

/** groupPods for one metric at time `t`; every pod is Running (the run has no Pending or Failed pods). */
function sampleOf(
  m: HpaMetric,
  pod: SimPod,
  t: number,
  controller: ControllerSettings,
): 'counted' | 'unready' | 'missing' {
  const ready = pod.readyAt <= t;
  const resource = m.source === 'Resource' || m.source === 'ContainerResource';
  if (!resource) return ready ? 'counted' : 'missing';
  if (m.name !== 'cpu') return 'counted';
  if (!ready) return 'unready';
  // Within the initialization period a sample must span a whole window after the pod turned Ready.
  const initializing = t < pod.created + controller.cpuInitializationPeriodSeconds;
  return initializing && t < pod.readyAt + METRICS_WINDOW_SECONDS ? 'unready' : 'counted';
}

/** One metric's proposal (GetResourceReplicas, calcPlainMetricReplicas, GetObjectMetricReplicas, GetObjectPerPodMetricReplicas). */
function propose(
  m: HpaMetric,
  value: number,
  total: boolean,
  pods: SimPod[],
  t: number,
  c: HpaController,
  settings: ControllerSettings,
): { p?: MetricProposal; load?: number } {
  const current = pods.length;
  const ready = pods.filter((p) => p.readyAt <= t).length;
  if (ready === 0 && (m.source === 'Object' || m.source === 'External')) return {};
  const objectUsage = total ? value / ready : value;
  if (isObjectAverage(m)) {
    const ratio = objectUsage / (m.targetValue * current);
    const within = isWithin(c.tolerances, ratio);
    const replicas = within ? current : Math.ceil(objectUsage / m.targetValue);
    return { p: { metric: m.name, ratio, replicas, withinTolerance: within || undefined }, load: ratio * 100 };
  }
  if (m.source === 'Object' || m.source === 'External') {
    const ratio = objectUsage / m.targetValue;
    const within = isWithin(c.tolerances, ratio);
    const replicas = within ? current : Math.ceil(ratio * ready);
    return { p: { metric: m.name, ratio, replicas, withinTolerance: within || undefined }, load: ratio * 100 };
  }
  // A total is carried by the Ready pods (a pod not yet Ready uses none of it); a per-pod column
  // is every sampled pod's value. The mean is taken as a share, not a sum, to stay exact.
  let counted = 0;
  let countedReady = 0;
  let unready = 0;
  let missing = 0;
  for (const pod of pods) {
    const sample = sampleOf(m, pod, t, settings);
    if (sample === 'unready') unready++;
    else if (sample === 'missing') missing++;
    else {
      counted++;
      if (pod.readyAt <= t) countedReady++;
    }
  }
  // "did not receive metrics for targeted pods": this metric proposes nothing.
  if (counted === 0) return {};
  const mean = total ? (ready ? (value / ready) * (countedReady / counted) : 0) : value;
  const ratio = mean / m.targetValue;
  const utilization = m.target === 'Utilization';
  const missingOnScaleDown = utilization ? Math.max(100, m.targetValue) / m.targetValue : 1;
  return {
    p: proposeFromPods(m.name, { ratio, counted, unready, missing, missingOnScaleDown }, current, c.tolerances),
    load: ratio * 100,
  };
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
  const settings = DEFAULT_CONTROLLER;
  const controller = new HpaController(def, settings);
  // The initial pods are running and Ready.
  let pods: SimPod[] = Array.from({ length: opts.initialReplicas }, () => ({ created: -Infinity, readyAt: -Infinity }));
  const start = load.points[0].t;
  const end = opts.until ?? load.points[load.points.length - 1].t;
  const steps: HpaRunStep[] = [];
  for (let t = start; t <= end; t += SYNC_PERIOD_SECONDS) {
    const values = loadAt(load, t);
    const ready = pods.filter((p) => p.readyAt <= t).length;
    const loads: (number | undefined)[] = [];
    const step = controller.sync(t, pods.length, () =>
      def.metrics.flatMap((m, i) => {
        const col = columns[i];
        const { p, load: l } = propose(m, values[col], load.columns[col].total, pods, t, controller, settings);
        loads.push(l);
        return p ? [p] : [];
      }),
    );
    if (step.replicas > pods.length) {
      const added = Array.from({ length: step.replicas - pods.length }, () => ({
        created: t,
        readyAt: t + opts.podReadySeconds,
      }));
      pods = [...pods, ...added];
    } else if (step.replicas < pods.length) {
      // unready first, then the newest (largest ready-at time)
      pods = [...pods].sort((a, b) => a.readyAt - b.readyAt).slice(0, step.replicas);
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
