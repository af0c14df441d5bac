// The HorizontalPodAutoscaler controller (autoscaling/v2), one sync at a time, as
// kubernetes/kubernetes pkg/controller/podautoscaler/horizontal.go and replica_calculator.go
// compute it; function names in the comments are theirs. Time is in seconds; "an event exactly
// one period old" is compared the way the controller compares timestamps (After/Before a cutoff).
import { InputError } from '../diagnostics/index.js';

export type PolicyType = 'Pods' | 'Percent';
export type SelectPolicy = 'Max' | 'Min' | 'Disabled';

export interface ScalingPolicy {
  type: PolicyType;
  value: number;
  periodSeconds: number;
}

/** One direction of `spec.behavior` as written (every field optional). */
export interface ScalingRulesInput {
  stabilizationWindowSeconds?: number;
  selectPolicy?: SelectPolicy;
  policies?: ScalingPolicy[];
  /** A quantity (`"0.05"`, `"50m"`) or a number; needs the HPAConfigurableTolerance feature (beta in 1.34). */
  tolerance?: number | string;
}

export interface BehaviorInput {
  scaleUp?: ScalingRulesInput;
  scaleDown?: ScalingRulesInput;
}

export interface HpaLimits {
  /** Default 1 (the API's default). */
  minReplicas?: number;
  maxReplicas: number;
  /** Absent: the legacy path (no events, the `max(2×current, 4)` limit); `{}`: the API defaults. */
  behavior?: BehaviorInput;
}

/** kube-controller-manager flags that change the arithmetic. */
export interface ControllerSettings {
  /** --horizontal-pod-autoscaler-tolerance, default 0.1. */
  tolerance: number;
  /** --horizontal-pod-autoscaler-downscale-stabilization, default 5m. */
  downscaleStabilizationWindowSeconds: number;
  /** scaleUpLimitFactor and scaleUpLimitMinimum of horizontal.go (legacy path only). */
  scaleUpLimitFactor: number;
  scaleUpLimitMinimum: number;
  /** --horizontal-pod-autoscaler-cpu-initialization-period, default 5m: a CPU sample this soon after the pod started is suspect. */
  cpuInitializationPeriodSeconds: number;
  /** --horizontal-pod-autoscaler-initial-readiness-delay, default 30s: a readiness change this soon after start is the first one. */
  initialReadinessDelaySeconds: number;
}

export const DEFAULT_CONTROLLER: ControllerSettings = {
  tolerance: 0.1,
  downscaleStabilizationWindowSeconds: 300,
  scaleUpLimitFactor: 2,
  scaleUpLimitMinimum: 4,
  cpuInitializationPeriodSeconds: 300,
  initialReadinessDelaySeconds: 30,
};

/** --horizontal-pod-autoscaler-sync-period default. */
export const SYNC_PERIOD_SECONDS = 15;

export interface ScalingRules {
  stabilizationWindowSeconds: number;
  selectPolicy: SelectPolicy;
  policies: ScalingPolicy[];
  tolerance?: number;
}

export interface Tolerances {
  scaleDown: number;
  scaleUp: number;
}

/** Tolerances.isWithin of replica_calculator.go. */
export function isWithin(t: Tolerances, usageRatio: number): boolean {
  return 1.0 - t.scaleDown <= usageRatio && usageRatio <= 1.0 + t.scaleUp;
}

function toleranceValue(v: number | string, where: string): number {
  const n = typeof v === 'number' ? v : Number(toleranceQuantity(v));
  if (!Number.isFinite(n) || n < 0)
    throw new InputError(`${where}: expected a non-negative quantity, got ${JSON.stringify(v)}`);
  return n;
}

// A tolerance is a resource.Quantity; the controller reads it with AsApproximateFloat64.
function toleranceQuantity(text: string): number {
  const m = /^(\d+(?:\.\d*)?|\.\d+)(m|u|n)?$/.exec(text.trim());
  if (!m) return NaN;
  const scale = { m: 1e-3, u: 1e-6, n: 1e-9 }[m[2] ?? ''] ?? 1;
  return Number(m[1]) * scale;
}

/**
 * GenerateHPAScaleUpRules / GenerateHPAScaleDownRules (pkg/apis/autoscaling/v2/defaults.go):
 * every field left unset takes its default; the scale-down window left unset takes the
 * controller's --horizontal-pod-autoscaler-downscale-stabilization (maybeInitScaleDownStabilizationWindow).
 */
function scalingRules(input: ScalingRulesInput | undefined, up: boolean, controller: ControllerSettings): ScalingRules {
  const rules: ScalingRules = {
    stabilizationWindowSeconds:
      input?.stabilizationWindowSeconds ?? (up ? 0 : controller.downscaleStabilizationWindowSeconds),
    selectPolicy: input?.selectPolicy ?? 'Max',
    policies:
      input?.policies ??
      (up
        ? [
            { type: 'Pods', value: 4, periodSeconds: 15 },
            { type: 'Percent', value: 100, periodSeconds: 15 },
          ]
        : [{ type: 'Percent', value: 100, periodSeconds: 15 }]),
  };
  if (input?.tolerance !== undefined) {
    rules.tolerance = toleranceValue(input.tolerance, `behavior.${up ? 'scaleUp' : 'scaleDown'}.tolerance`);
  }
  return rules;
}

interface Recommendation {
  t: number;
  replicas: number;
}

interface ScaleEvent {
  t: number;
  change: number;
}

/** What one metric proposed at a sync. */
export interface MetricProposal {
  metric: string;
  /** current/target; absent for an already metric-derived count. */
  ratio?: number;
  replicas: number;
  /** The ratio was inside the tolerance band, so the metric proposed the current count. */
  withinTolerance?: boolean;
  /** Why the count differs from ceil(current × ratio) (unready pods counted at 0, direction kept). */
  note?: string;
}

/** One sync's decision and every reason behind it. */
export interface HpaStep {
  t: number;
  currentReplicas: number;
  /** A replica count set from outside (a manual `kubectl scale`) before this sync. */
  manualEdit?: boolean;
  proposals: MetricProposal[];
  /** The metric whose proposal was the maximum (the desired count before stabilization). */
  drivenBy?: string;
  /** Maximum over metrics; absent when the count was out of range and metrics were not read. */
  desired?: number;
  /** The stabilized recommendation, and the window that held it when it differs from `desired`. */
  stabilized?: number;
  heldBy?: { window: 'scaleUp' | 'scaleDown'; seconds: number };
  /** HPA condition reason: DesiredWithinRange, ScaleUpLimit, ScaleDownLimit, TooManyReplicas, TooFewReplicas, … */
  limit: string;
  /** The policy (or legacy rule) that set the limit, when one did. */
  limitedBy?: string;
  replicas: number;
  /** One sentence saying why. */
  why: string;
}

/** The controller's memory of one HPA: recommendations and scale events (horizontal.go). */
export class HpaController {
  readonly min: number;
  readonly max: number;
  readonly legacy: boolean;
  private readonly up: ScalingRules;
  private readonly down: ScalingRules;
  readonly tolerances: Tolerances;
  /** undefined = unset: the first sync records the current count (recordInitialRecommendation). */
  private recommendations: Recommendation[] | undefined;
  private scaleUpEvents: ScaleEvent[] = [];
  private scaleDownEvents: ScaleEvent[] = [];

  constructor(
    hpa: HpaLimits,
    private readonly controller: ControllerSettings = DEFAULT_CONTROLLER,
  ) {
    this.min = hpa.minReplicas ?? 1;
    this.max = hpa.maxReplicas;
    if (!Number.isInteger(this.max) || this.max < 1) throw new InputError('maxReplicas: expected an integer ≥ 1');
    if (!Number.isInteger(this.min) || this.min < 0 || this.min > this.max)
      throw new InputError('minReplicas: expected an integer between 0 and maxReplicas');
    this.legacy = hpa.behavior === undefined;
    this.up = scalingRules(hpa.behavior?.scaleUp, true, controller);
    this.down = scalingRules(hpa.behavior?.scaleDown, false, controller);
    // tolerancesForHpa: per-direction tolerances only with a behavior that sets them.
    this.tolerances = {
      scaleUp: this.legacy ? controller.tolerance : (this.up.tolerance ?? controller.tolerance),
      scaleDown: this.legacy ? controller.tolerance : (this.down.tolerance ?? controller.tolerance),
    };
  }

  /** The rules in force after API defaulting (legacy: only the scale-down window applies). */
  rules(): {
    scaleUp: ScalingRules;
    scaleDown: ScalingRules;
    downscaleWindowSeconds: number;
    scaleUpLimit: { factor: number; minimum: number };
  } {
    return {
      scaleUp: this.up,
      scaleDown: this.down,
      downscaleWindowSeconds: this.controller.downscaleStabilizationWindowSeconds,
      scaleUpLimit: { factor: this.controller.scaleUpLimitFactor, minimum: this.controller.scaleUpLimitMinimum },
    };
  }

  /** History before the first sync: ages in seconds before `t0`. */
  seed(
    t0: number,
    history: {
      recommendations?: { ageSeconds: number; recommendation: number }[];
      scaleUpEvents?: { ageSeconds: number; replicaChange: number }[];
      scaleDownEvents?: { ageSeconds: number; replicaChange: number }[];
    },
  ): void {
    this.recommendations = history.recommendations?.map((r) => ({ t: t0 - r.ageSeconds, replicas: r.recommendation }));
    this.scaleUpEvents = (history.scaleUpEvents ?? []).map((e) => ({ t: t0 - e.ageSeconds, change: e.replicaChange }));
    this.scaleDownEvents = (history.scaleDownEvents ?? []).map((e) => ({
      t: t0 - e.ageSeconds,
      change: e.replicaChange,
    }));
  }

  /**
   * One reconcileAutoscaler pass at time `t` with `current` replicas. `metrics` gives each
   * metric's proposal for that count (proposeFromRatio, or an already derived count); it is not
   * called when the count is out of range or zero.
   */
  sync(t: number, current: number, metrics: (current: number) => MetricProposal[]): HpaStep {
    this.recommendations ??= [{ t, replicas: current }];
    const base = { t, currentReplicas: current };
    if (current === 0) {
      return {
        ...base,
        proposals: [],
        limit: 'ScalingDisabled',
        replicas: 0,
        why: 'scaling is disabled since the replica count of the target is zero',
      };
    }
    if (current > this.max || current < this.min) {
      const bound = current > this.max ? this.max : this.min;
      this.storeScaleEvent(t, current, bound);
      return {
        ...base,
        proposals: [],
        limit: current > this.max ? 'TooManyReplicas' : 'TooFewReplicas',
        replicas: bound,
        why: `current number of replicas ${current > this.max ? 'above Spec.MaxReplicas' : 'below Spec.MinReplicas'}: set to ${bound} without reading metrics`,
      };
    }
    const proposals = metrics(current);
    // computeReplicasForMetrics: the maximum over metrics (the first one wins a tie).
    let desired = 0;
    let drivenBy: string | undefined;
    for (const p of proposals) {
      if (drivenBy === undefined || p.replicas > desired) {
        desired = p.replicas;
        drivenBy = p.metric;
      }
    }
    if (drivenBy === undefined) {
      return {
        ...base,
        proposals,
        limit: 'FailedGetMetrics',
        replicas: current,
        why: 'no metric could be computed: no change',
      };
    }
    const step = this.legacy
      ? this.normalizeLegacy(t, current, desired)
      : this.normalizeWithBehaviors(t, current, desired);
    if (step.replicas !== current) this.storeScaleEvent(t, current, step.replicas);
    return { ...base, proposals, drivenBy, desired, ...step, why: explain(current, desired, drivenBy, step) };
  }

  /** normalizeDesiredReplicas: the highest recommendation within the downscale window, then convertDesiredReplicasWithRules. */
  private normalizeLegacy(t: number, current: number, desired: number): Normalized {
    const window = this.controller.downscaleStabilizationWindowSeconds;
    const cutoff = t - window;
    let stabilized = desired;
    // stabilizeRecommendation keeps a recommendation unless it is Before the cutoff: one exactly a window old still counts.
    for (const r of this.recommendations!) if (!(r.t < cutoff) && r.replicas > stabilized) stabilized = r.replicas;
    this.recommendations!.push({ t, replicas: desired });
    const heldBy = stabilized !== desired ? { window: 'scaleDown' as const, seconds: window } : undefined;
    const scaleUpLimit = Math.trunc(
      Math.max(this.controller.scaleUpLimitFactor * current, this.controller.scaleUpLimitMinimum),
    );
    let maximumAllowed: number;
    let limit: string;
    let limitedBy: string | undefined;
    if (this.max > scaleUpLimit) {
      maximumAllowed = scaleUpLimit;
      limit = 'ScaleUpLimit';
      limitedBy = `legacy limit max(${this.controller.scaleUpLimitFactor}×${current}, ${this.controller.scaleUpLimitMinimum}) = ${scaleUpLimit}`;
    } else {
      maximumAllowed = this.max;
      limit = 'TooManyReplicas';
      limitedBy = `maxReplicas ${this.max}`;
    }
    if (stabilized < this.min)
      return { stabilized, heldBy, limit: 'TooFewReplicas', limitedBy: `minReplicas ${this.min}`, replicas: this.min };
    if (stabilized > maximumAllowed) return { stabilized, heldBy, limit, limitedBy, replicas: maximumAllowed };
    return { stabilized, heldBy, limit: 'DesiredWithinRange', replicas: stabilized };
  }

  /** normalizeDesiredReplicasWithBehaviors: stabilizeRecommendationWithBehaviors, then convertDesiredReplicasWithBehaviorRate. */
  private normalizeWithBehaviors(t: number, current: number, desired: number): Normalized {
    const upCutoff = t - this.up.stabilizationWindowSeconds;
    const downCutoff = t - this.down.stabilizationWindowSeconds;
    let upRecommendation = desired;
    let downRecommendation = desired;
    // A recommendation counts when After the cutoff: one exactly a window old is out.
    for (const r of this.recommendations!) {
      if (r.t > upCutoff) upRecommendation = Math.min(r.replicas, upRecommendation);
      if (r.t > downCutoff) downRecommendation = Math.max(r.replicas, downRecommendation);
    }
    let stabilized = current;
    if (stabilized < upRecommendation) stabilized = upRecommendation;
    if (stabilized > downRecommendation) stabilized = downRecommendation;
    this.recommendations!.push({ t, replicas: desired });
    const heldBy =
      stabilized === desired
        ? undefined
        : desired >= current
          ? { window: 'scaleUp' as const, seconds: this.up.stabilizationWindowSeconds }
          : { window: 'scaleDown' as const, seconds: this.down.stabilizationWindowSeconds };

    if (stabilized > current) {
      const { limit: scaleUpLimit, policy } = this.scaleLimit(t, current, this.up, true);
      const bounded = Math.max(scaleUpLimit, current);
      if (this.max > bounded) {
        if (stabilized > bounded)
          return { stabilized, heldBy, limit: 'ScaleUpLimit', limitedBy: policy, replicas: bounded };
      } else if (stabilized > this.max) {
        return {
          stabilized,
          heldBy,
          limit: 'TooManyReplicas',
          limitedBy: `maxReplicas ${this.max}`,
          replicas: this.max,
        };
      }
    } else if (stabilized < current) {
      const { limit: scaleDownLimit, policy } = this.scaleLimit(t, current, this.down, false);
      const bounded = Math.min(scaleDownLimit, current);
      if (this.min < bounded) {
        if (stabilized < bounded)
          return { stabilized, heldBy, limit: 'ScaleDownLimit', limitedBy: policy, replicas: bounded };
      } else if (stabilized < this.min) {
        return {
          stabilized,
          heldBy,
          limit: 'TooFewReplicas',
          limitedBy: `minReplicas ${this.min}`,
          replicas: this.min,
        };
      }
    }
    return { stabilized, heldBy, limit: 'DesiredWithinRange', replicas: stabilized };
  }

  /**
   * calculateScaleUpLimitWithScalingRules / calculateScaleDownLimitWithBehaviors: each policy
   * allows a change from the count at the start of its period (changes made within the period
   * are taken back); selectPolicy picks the largest (Max) or smallest (Min) change.
   */
  private scaleLimit(t: number, current: number, rules: ScalingRules, up: boolean): { limit: number; policy: string } {
    if (rules.selectPolicy === 'Disabled')
      return { limit: current, policy: `${up ? 'scaleUp' : 'scaleDown'}.selectPolicy Disabled` };
    const wantLargest = (rules.selectPolicy === 'Max') === up;
    let result = wantLargest ? -Infinity : Infinity;
    let policy = '';
    for (const p of rules.policies) {
      const added = changeInPeriod(t, p.periodSeconds, this.scaleUpEvents);
      const deleted = changeInPeriod(t, p.periodSeconds, this.scaleDownEvents);
      const periodStart = current - added + deleted;
      const proposed = up
        ? p.type === 'Pods'
          ? periodStart + p.value
          : // rounded up so that a small percentage still adds a pod
            Math.ceil(periodStart * (1 + p.value / 100))
        : p.type === 'Pods'
          ? periodStart - p.value
          : // int32(float64): truncated toward zero
            Math.trunc(periodStart * (1 - p.value / 100));
      if (wantLargest ? proposed > result : proposed < result) {
        result = proposed;
        const sign = up ? '+' : '−';
        const unit = p.type === 'Pods' ? ` pod${p.value === 1 ? '' : 's'}` : '%';
        const since = added || deleted ? `, ${periodStart} at the period's start` : '';
        policy = `${up ? 'scaleUp' : 'scaleDown'} policy ${p.type} ${sign}${p.value}${unit} per ${p.periodSeconds}s (${proposed}${since})`;
      }
    }
    // No policies: MinInt32 / MaxInt32 in the controller, i.e. no change allowed.
    if (!Number.isFinite(result)) return { limit: current, policy: 'no policies' };
    return { limit: result, policy };
  }

  /** storeScaleEvent: only with a behavior; events older than the longest period are never read again. */
  private storeScaleEvent(t: number, prev: number, next: number): void {
    if (this.legacy) return;
    if (next > prev) this.scaleUpEvents.push({ t, change: next - prev });
    else this.scaleDownEvents.push({ t, change: prev - next });
  }
}

interface Normalized {
  stabilized: number;
  heldBy?: HpaStep['heldBy'];
  limit: string;
  limitedBy?: string;
  replicas: number;
}

/** getReplicasChangePerPeriod: events After the cutoff; one exactly a period old no longer counts. */
function changeInPeriod(t: number, periodSeconds: number, events: ScaleEvent[]): number {
  const cutoff = t - periodSeconds;
  let sum = 0;
  for (const e of events) if (e.t > cutoff) sum += e.change;
  return sum;
}

function explain(current: number, desired: number, drivenBy: string, n: Normalized): string {
  const parts = [`${drivenBy} proposes ${desired}`];
  if (n.heldBy) parts.push(`the ${n.heldBy.window} window (${n.heldBy.seconds}s) holds it at ${n.stabilized}`);
  if (n.limitedBy) parts.push(`limited to ${n.replicas} by ${n.limitedBy}`);
  const change = n.replicas - current;
  parts.push(change === 0 ? 'no change' : `${current} → ${n.replicas}`);
  return parts.join('; ');
}

/**
 * The pods of one metric as groupPods sorts them: those whose samples count (and the mean of
 * their usage over the target), those set aside as unready, and those with no sample.
 */
export interface PodGroups {
  /** Mean usage/target over the counted pods (GetResourceUtilizationRatio, GetMetricUsageRatio). */
  ratio: number;
  counted: number;
  unready: number;
  missing: number;
  /**
   * What a missing pod is taken to use on a scale-down, over the target: 1 (exactly the target)
   * for a plain metric, max(100, target%)/target% for a utilization (all of its request, or the
   * target when that is above 100%).
   */
  missingOnScaleDown: number;
}

/**
 * One metric's proposal from its pods (GetResourceReplicas, calcPlainMetricReplicas): with no
 * unready pod on a scale-up and no missing pod, the current count inside the tolerance band and
 * ceil(ratio × counted pods) outside it. Otherwise missing pods are taken at 0 on a scale-up and
 * at `missingOnScaleDown` on a scale-down, unready pods at 0 on a scale-up, and the ratio is
 * recomputed over all of them: inside the band, or turned to the other side of 1, it keeps the
 * current count, as does a new count that would move against the ratio's direction.
 */
export function proposeFromPods(metric: string, g: PodGroups, current: number, tolerances: Tolerances): MetricProposal {
  const { ratio, counted, unready, missing } = g;
  const scaleUpWithUnready = unready > 0 && ratio > 1;
  if (!scaleUpWithUnready && missing === 0) {
    if (isWithin(tolerances, ratio)) return { metric, ratio, replicas: current, withinTolerance: true };
    return { metric, ratio, replicas: Math.ceil(ratio * counted) };
  }
  let sum = ratio * counted;
  let pods = counted;
  const parts: string[] = [];
  // At exactly 1 the controller fills in no missing pod.
  if (missing > 0 && ratio !== 1) {
    const each = ratio < 1 ? g.missingOnScaleDown : 0;
    sum += missing * each;
    pods += missing;
    parts.push(`${missing} pod(s) without a sample taken at ${round(each)} of the target`);
  }
  if (scaleUpWithUnready) {
    pods += unready;
    parts.push(`${unready} unready pod(s) at 0`);
  }
  const newRatio = sum / pods;
  const note = `${parts.join(', ')}: ratio ${round(newRatio)} over ${pods} pods`;
  if (isWithin(tolerances, newRatio) || (ratio < 1 && newRatio > 1) || (ratio > 1 && newRatio < 1))
    return { metric, ratio, replicas: current, note };
  const replicas = Math.ceil(newRatio * pods);
  if ((newRatio < 1 && replicas > current) || (newRatio > 1 && replicas < current))
    return { metric, ratio, replicas: current, note };
  return { metric, ratio, replicas, note };
}

/** A ratio measured on `ready` of `current` pods, the rest unready and every pod with a sample. */
export function proposeFromRatio(
  metric: string,
  ratio: number,
  current: number,
  tolerances: Tolerances,
  ready = current,
): MetricProposal {
  return proposeFromPods(
    metric,
    { ratio, counted: ready, unready: Math.max(0, current - ready), missing: 0, missingOnScaleDown: 1 },
    current,
    tolerances,
  );
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
