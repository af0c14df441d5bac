// The HPA controller against cases taken from the Kubernetes source. K = kubernetes/kubernetes,
// pkg/controller/podautoscaler/; each case names the function or table test it comes from.
// Scale events of the table tests come from generateEventsUniformDistribution(events, 120): for
// three events their ages are 100, 60 and 20 seconds, for one event 60 seconds.
import { describe, expect, it } from 'vitest';
import { parseHpaCase, runHpaCase, type HpaCase } from '../../src/sim/hpa-case.js';

const run = (c: HpaCase) => runHpaCase(c);
const rules = (pods: number, podsPeriod: number, percent: number, percentPeriod: number, window: number) => ({
  // generateScalingRules of K/horizontal_test.go
  stabilizationWindowSeconds: window,
  selectPolicy: 'Max' as const,
  policies: [
    ...(pods ? [{ type: 'Pods' as const, value: pods, periodSeconds: podsPeriod }] : []),
    ...(percent ? [{ type: 'Percent' as const, value: percent, periodSeconds: percentPeriod }] : []),
  ],
});
const ages3 = (a: number, b: number, c: number) => [
  { ageSeconds: 100, replicaChange: a },
  { ageSeconds: 60, replicaChange: b },
  { ageSeconds: 20, replicaChange: c },
];
/** One sync from `current` towards an already metric-derived count, with no recorded recommendations. */
const once = (hpa: HpaCase['hpa'], current: number, desired: number, extra: Partial<HpaCase> = {}) =>
  run({
    hpa,
    recommendations: [],
    ...extra,
    steps: [{ t: 0, currentReplicas: current, desiredRecommendation: desired }],
  }).steps[0];

describe('policies (K/horizontal_test.go TestScalingWithRules)', () => {
  it('"scaleUp with default behavior": behavior {} allows +100% or +4 pods per 15 s, the larger', () => {
    const s = once({ minReplicas: 1, maxReplicas: 1000, behavior: {} }, 10, 50);
    expect([s.replicas, s.limit]).toEqual([20, 'ScaleUpLimit']);
    expect(s.limitedBy).toMatch(/Percent \+100% per 15s/);
  });
  it('"scaleUp with pods policy larger than percent policy"', () => {
    const s = once({ minReplicas: 1, maxReplicas: 1000, behavior: { scaleUp: rules(100, 60, 100, 60, 0) } }, 10, 500);
    expect([s.replicas, s.limit]).toEqual([110, 'ScaleUpLimit']);
  });
  it('"scaleDown with pod policy larger than percent policy": Max picks the larger change', () => {
    const s = once({ minReplicas: 1, maxReplicas: 1000, behavior: { scaleDown: rules(2, 60, 1, 60, 300) } }, 100, 2);
    expect([s.replicas, s.limit]).toEqual([98, 'ScaleDownLimit']);
  });
  it('"scaleDown with spec MinReplicas limitation with large percent policy"', () => {
    const s = once({ minReplicas: 5, maxReplicas: 1000, behavior: { scaleDown: rules(0, 0, 100, 60, 300) } }, 10, 2);
    expect([s.replicas, s.limit]).toEqual([5, 'TooFewReplicas']);
  });
  it('"scaleUp with percent policy and previous scale up events": (100 − 15) + 200%', () => {
    const s = once({ minReplicas: 1, maxReplicas: 1000, behavior: { scaleUp: rules(0, 0, 200, 120, 0) } }, 100, 500, {
      scaleUpEvents: ages3(1, 5, 9),
    });
    expect([s.replicas, s.limit]).toEqual([255, 'ScaleUpLimit']);
  });
  it('"scaleUp with currentReplicas limitation …": changes in the period can forbid any scale-up', () => {
    const s = once({ minReplicas: 1, maxReplicas: 1000, behavior: { scaleUp: rules(5, 120, 0, 0, 0) } }, 100, 500, {
      scaleUpEvents: ages3(1, 5, 9),
    });
    expect([s.replicas, s.limit]).toEqual([100, 'ScaleUpLimit']);
  });
  it('"scaleUp with percent policy and previous scale up and down events": ceil((6 − 4 + 2) × 4)', () => {
    const s = once({ minReplicas: 1, maxReplicas: 1000, behavior: { scaleUp: rules(0, 0, 300, 300, 0) } }, 6, 24, {
      scaleUpEvents: [{ ageSeconds: 60, replicaChange: 4 }],
      scaleDownEvents: [{ ageSeconds: 60, replicaChange: 2 }],
    });
    expect([s.replicas, s.limit]).toEqual([16, 'ScaleUpLimit']);
  });
  it('"scaleDown with percent policy limitation and previous events": (100 + 12) − 50%', () => {
    const s = once({ minReplicas: 1, maxReplicas: 1000, behavior: { scaleDown: rules(0, 0, 50, 120, 300) } }, 100, 0, {
      scaleDownEvents: ages3(2, 4, 6),
    });
    expect([s.replicas, s.limit]).toEqual([56, 'ScaleDownLimit']);
  });
  it('"scaleDown with previous events preventing further scale down": 130 − 10% = 117 > 100 keeps 100', () => {
    const s = once({ minReplicas: 1, maxReplicas: 1000, behavior: { scaleDown: rules(0, 0, 10, 120, 300) } }, 100, 0, {
      scaleDownEvents: ages3(10, 10, 10),
    });
    expect([s.replicas, s.limit]).toEqual([100, 'ScaleDownLimit']);
  });
  it('"maxReplicas is the limit because maxReplicas < scaleUpLimit"', () => {
    const s = once({ minReplicas: 1, maxReplicas: 10, behavior: {} }, 20, 1000);
    // 20 > maxReplicas: out of range, so the controller sets the bound without metrics
    expect([s.replicas, s.limit, s.desired]).toEqual([10, 'TooManyReplicas', undefined]);
  });
  it('percent scale-down truncates (int32 of float64) and percent scale-up rounds up (calculateScale*Limit*)', () => {
    // 7 × (1 − 0.5) = 3.5 → 3 ; 7 × 1.1 = 7.7 → 8
    const down = once({ maxReplicas: 100, behavior: { scaleDown: rules(0, 0, 50, 60, 0) } }, 7, 1);
    expect(down.replicas).toBe(3);
    const up = once({ maxReplicas: 100, behavior: { scaleUp: rules(0, 0, 10, 60, 0) } }, 7, 50);
    expect(up.replicas).toBe(8);
  });
  it('selectPolicy Min takes the smallest change, Disabled none (calculateScaleUpLimitWithScalingRules)', () => {
    const min = once(
      { maxReplicas: 100, behavior: { scaleUp: { ...rules(4, 60, 100, 60, 0), selectPolicy: 'Min' } } },
      10,
      50,
    );
    expect(min.replicas).toBe(14);
    const off = once({ maxReplicas: 100, behavior: { scaleDown: { selectPolicy: 'Disabled' } } }, 10, 2);
    expect([off.replicas, off.limit]).toEqual([10, 'ScaleDownLimit']);
  });
});

describe('timing edges (K/horizontal.go getReplicasChangePerPeriod, stabilizeRecommendation*)', () => {
  it('an event exactly one period old no longer counts (After the cutoff)', () => {
    const hpa = { maxReplicas: 100, behavior: { scaleUp: rules(1, 60, 0, 0, 0) } };
    expect(once(hpa, 3, 10, { scaleUpEvents: [{ ageSeconds: 60, replicaChange: 1 }] }).replicas).toBe(4);
    expect(once(hpa, 3, 10, { scaleUpEvents: [{ ageSeconds: 59, replicaChange: 1 }] }).replicas).toBe(3);
  });
  it('with behavior, a recommendation exactly one window old is out of the window', () => {
    const r = run({
      hpa: { maxReplicas: 10, behavior: {} },
      steps: [
        { t: 0, currentReplicas: 5, desiredRecommendation: 2 },
        { t: 285, desiredRecommendation: 2 },
        { t: 300, desiredRecommendation: 2 },
      ],
    });
    expect(r.replicas).toEqual([5, 5, 2]);
    expect(r.steps[0].heldBy).toEqual({ window: 'scaleDown', seconds: 300 });
  });
  it('legacy (no behavior): stabilizeRecommendation keeps one exactly a window old (not Before the cutoff)', () => {
    const r = run({
      hpa: { maxReplicas: 10 },
      steps: [
        { t: 0, currentReplicas: 5, desiredRecommendation: 2 },
        { t: 300, desiredRecommendation: 2 },
        { t: 315, desiredRecommendation: 2 },
      ],
    });
    expect(r.replicas).toEqual([5, 5, 2]);
  });
  it('the first sync records the current count; recommendations [] does not (recordInitialRecommendation)', () => {
    const hpa = { maxReplicas: 10, behavior: {} };
    const steps = [{ t: 0, currentReplicas: 5, desiredRecommendation: 2 }];
    expect(run({ hpa, steps }).replicas).toEqual([5]);
    expect(run({ hpa, steps, recommendations: [] }).replicas).toEqual([2]);
  });
  it('scale-up takes the lowest recommendation in its window', () => {
    const r = run({
      hpa: { maxReplicas: 20, behavior: { scaleUp: { stabilizationWindowSeconds: 60 } } },
      recommendations: [{ ageSeconds: 30, recommendation: 6 }],
      steps: [{ t: 0, currentReplicas: 4, desiredRecommendation: 10 }],
    });
    expect([r.replicas[0], r.steps[0].heldBy?.window]).toEqual([6, 'scaleUp']);
  });
});

describe('legacy path (K/horizontal_test.go TestNormalizeDesiredReplicas; horizontal.go calculateScaleUpLimit)', () => {
  it('"stabilize": the highest recommendation of the last 5 minutes', () => {
    const r = run({
      hpa: { maxReplicas: 10 },
      recommendations: [
        { ageSeconds: 120, recommendation: 4 },
        { ageSeconds: 60, recommendation: 5 },
      ],
      steps: [{ t: 0, currentReplicas: 6, desiredRecommendation: 3 }],
    });
    expect([r.replicas[0], r.steps[0].stabilized]).toEqual([5, 5]);
  });
  it('"stabilize - old recommendations": older than the window are ignored', () => {
    const r = run({
      hpa: { maxReplicas: 10 },
      recommendations: [
        { ageSeconds: 600, recommendation: 10 },
        { ageSeconds: 60, recommendation: 4 },
        { ageSeconds: 120, recommendation: 5 },
        { ageSeconds: 540, recommendation: 9 },
      ],
      steps: [{ t: 0, currentReplicas: 8, desiredRecommendation: 3 }],
    });
    expect(r.replicas).toEqual([5]);
  });
  it('scale-up is capped at max(2 × current, 4), unlike behavior {} (Pods 4 / Percent 100)', () => {
    expect(once({ maxReplicas: 20 }, 1, 10).replicas).toBe(4);
    expect(once({ maxReplicas: 20, behavior: {} }, 1, 10).replicas).toBe(5);
    expect(once({ maxReplicas: 2000 }, 3, 1000)).toMatchObject({ replicas: 6, limit: 'ScaleUpLimit' });
  });
  it('the controller flags change the legacy arithmetic', () => {
    const s = once({ maxReplicas: 100 }, 3, 1000, { controller: { scaleUpLimitFactor: 3, scaleUpLimitMinimum: 4 } });
    expect(s.replicas).toBe(9);
  });
});

describe('metrics and tolerance (K/replica_calculator.go isWithin, GetResourceReplicas)', () => {
  it('inside the band the metric proposes the current count; the band edges are inside', () => {
    const steps = (ratio: number) => [{ t: 0, currentReplicas: 10, metricRatio: ratio }];
    expect(run({ hpa: { maxReplicas: 100 }, steps: steps(1.1) }).replicas).toEqual([10]);
    expect(run({ hpa: { maxReplicas: 100 }, steps: steps(0.9) }).replicas).toEqual([10]);
    expect(run({ hpa: { maxReplicas: 100 }, steps: steps(1.11) }).replicas).toEqual([12]);
    expect(run({ hpa: { maxReplicas: 100 }, tolerance: 0.2, steps: steps(1.15) }).replicas).toEqual([10]);
  });
  it('per-direction tolerance in behavior is honoured; the legacy path has only the cluster-wide one', () => {
    const steps = [{ t: 0, currentReplicas: 10, metricRatio: 1.08 }];
    expect(run({ hpa: { maxReplicas: 100, behavior: { scaleUp: { tolerance: '0.05' } } }, steps }).replicas).toEqual([
      11,
    ]);
    expect(run({ hpa: { maxReplicas: 100, behavior: { scaleUp: { tolerance: '50m' } } }, steps }).replicas).toEqual([
      11,
    ]);
    expect(run({ hpa: { maxReplicas: 100 }, steps }).replicas).toEqual([10]);
  });
  it('the desired count is the maximum over metrics, and the step names the metric', () => {
    const r = run({ hpa: { maxReplicas: 100 }, steps: [{ t: 0, currentReplicas: 4, metricRatio: [0.5, 1.5] }] });
    expect(r.steps[0]).toMatchObject({ desired: 6, drivenBy: 'metric 2', replicas: 6 });
    expect(r.steps[0].why).toMatch(/^metric 2 proposes 6/);
  });
  it('the issue example: ceil(5 × 1.67) = 9; a lower count held by the 5-minute window; 12 capped at maxReplicas', () => {
    const r = run({
      hpa: { minReplicas: 1, maxReplicas: 10 },
      steps: [
        { t: 0, currentReplicas: 5, metricRatio: 1.67 },
        { t: 15, metricRatio: [0.5, 0.3] },
        { t: 30, desiredRecommendation: 12 },
      ],
    });
    expect(r.replicas).toEqual([9, 9, 10]);
    expect(r.steps[2]).toMatchObject({ limit: 'TooManyReplicas' });
  });
  it('out-of-range counts jump to the bound without reading metrics; a later currentReplicas is a manual edit', () => {
    const r = run({
      hpa: { minReplicas: 3, maxReplicas: 10, behavior: {} },
      steps: [
        { t: 0, currentReplicas: 1, metricRatio: 0.1 },
        { t: 15, currentReplicas: 15, metricRatio: 3 },
        { t: 30, metricRatio: 1 },
      ],
    });
    expect(r.replicas).toEqual([3, 10, 10]);
    expect(r.steps[1]).toMatchObject({ manualEdit: true, limit: 'TooManyReplicas', proposals: [] });
  });
  it('zero replicas disables scaling', () => {
    expect(run({ hpa: { maxReplicas: 10 }, steps: [{ t: 0, currentReplicas: 0, metricRatio: 5 }] }).replicas).toEqual([
      0,
    ]);
  });
});

describe('parseHpaCase', () => {
  it('names the file and the path of what is wrong', () => {
    expect(() => parseHpaCase('{"hpa": {"maxReplicas": 3}, "steps": [{"t": 0, "metricRatio": 1}]}', 'c.json')).toThrow(
      /c\.json: steps\[0\]\.currentReplicas: the first step gives currentReplicas/,
    );
    expect(() => parseHpaCase('{"hpa": {"maxReplicas": "3"}, "steps": []}', 'c.json')).toThrow(
      /c\.json: hpa\.maxReplicas/,
    );
    expect(() => parseHpaCase('{', 'c.json')).toThrow(/c\.json: not JSON/);
  });
});
