// `promtool test rules` unit tests generated from the spec: for each declared alert, input series
// that must fire it and series that must not
// (https://prometheus.io/docs/prometheus/latest/configuration/unit_testing_rules/).
//
// The expected alert carries its labels and its expanded annotations, so the series are built such
// that Prometheus' value is exact: samples every minute, counters growing by a whole number each
// step, and rate windows that are whole minutes, so rate() needs no extrapolation (the window
// holds samples at both of its ends) and JavaScript computes the same double.
import { conditionOf, type Condition } from './conditions.js';
import { durationSeconds, selector, type SimpleCondition } from '../../vocabulary/promql.js';
import type { AlertRule } from './model.js';
import type { AlertSpec } from '../../spec/monitoring.js';

const STEP = 60;

export interface InputSeries {
  series: string;
  values: string;
}
export interface ExpectedAlert {
  exp_labels: Record<string, string>;
  exp_annotations: Record<string, string>;
}
export interface PromtoolTest {
  interval: string;
  name: string;
  input_series: InputSeries[];
  alert_rule_test: Array<{ eval_time: string; alertname: string; exp_alerts: ExpectedAlert[] }>;
}

/** Go's `%v` of a float64 (what `{{ $value }}` prints): shortest digits, exponent form below 1e-4 and from 1e6 (as `1e+06`). */
export function goFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const [mantissa, exp] = v.toExponential().split('e');
  const e = Number(exp);
  if (e < -4 || e >= 6) return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return String(v);
}

/** Expands the templates the spec allows: `{{ $labels.<name> }}` (empty when absent) and `{{ $value }}`. */
export function expandTemplate(text: string, labels: Record<string, string>, value: number): string {
  return text.replace(/\{\{-?\s*(.*?)\s*-?\}\}/g, (_, inner: string) =>
    inner === '$value' ? goFloat(value) : (labels[inner.replace(/^\$labels\./, '')] ?? ''),
  );
}

/** Labels a generated input series carries besides the selector's equality matchers (as a scrape would add them). */
function targetLabels(component: string, namespace: string): Record<string, string> {
  return { namespace, job: component, instance: '10.0.0.1:8080', pod: `${component}-0` }; // job: see JOB_LABEL in scrape.ts
}

interface Scenario {
  series: InputSeries[];
  value: number;
  labels: Record<string, string>;
}
/** Builds the series for a chosen whole-number parameter, or tells the value it yields. */
interface Model {
  /** The expression's value at the end of the test. */
  evaluate(k: number): number;
  scenario(k: number, steps: number): Scenario;
  holds(value: number): boolean;
  /** Values the condition must hold for throughout a firing test (default: the end value; the others are monotonic in time). */
  throughout?(k: number): number[];
  /** Whole-number inputs worth trying. */
  candidates: number[];
  window: number;
}

const OPS: Record<SimpleCondition['op'], (a: number, b: number) => boolean> = {
  '>': (a, b) => a > b,
  '<': (a, b) => a < b,
  '>=': (a, b) => a >= b,
  '<=': (a, b) => a <= b,
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

/**
 * rate() of a counter that grew by `increase` over a window with samples at both ends, computed in
 * the order Prometheus 2.x does (extrapolatedRate: `increase * ((extrapolated / sampled) / range)`).
 */
function promRate(increase: number, window: number): number {
  return increase * (window / window / window);
}

function thresholdModel(
  c: SimpleCondition,
  extra: Record<string, string>,
  evalSeconds: (window: number) => number,
): Model | undefined {
  const window = c.window ?? 0;
  if (c.age && (c.op === '==' || c.op === '!=')) return undefined;
  if (c.fn && (window % STEP !== 0 || window === 0)) return undefined;
  const labels = { ...extra, ...c.matchers };
  const outLabels = c.aggregate
    ? Object.fromEntries(c.aggregate.by.filter((l) => l in labels).map((l) => [l, labels[l]]))
    : labels;
  const steps = window / STEP;
  // Counters grow by k per minute; the window [t-w, t] holds samples at both ends.
  // `time() - v` grows with time: a firing test needs it to hold from the first evaluation (time 0) on.
  const end = evalSeconds(window);
  const evaluate = (k: number): number => {
    if (c.age) return end - k;
    switch (c.fn) {
      case 'rate':
        return promRate(k * steps, window);
      case 'irate':
        return k / STEP;
      case 'increase':
        return k * steps * (window / window);
      default:
        return k;
    }
  };
  return {
    evaluate,
    holds: (v) => OPS[c.op](v, c.value),
    ...(c.age && { throughout: (k: number) => [0 - k, end - k] }),
    // Ages just past the threshold from the start, and half the threshold at the end, first.
    candidates: c.age
      ? [-c.value - STEP, end - Math.floor(c.value / 2), ...candidates(-c.value), ...candidates(end - c.value)]
      : candidates(
          c.fn === 'rate' || c.fn === 'irate'
            ? c.value * STEP
            : c.fn === 'increase'
              ? c.value / Math.max(steps, 1)
              : c.value,
        ),
    window,
    scenario: (k, n) => ({
      series: [{ series: selector(c.metric, labels), values: c.fn ? `0+${k}x${n}` : `${k}+0x${n}` }],
      value: evaluate(k),
      labels: outLabels,
    }),
  };
}

function ratioModel(cond: Extract<Condition, { type: 'ratio' }>, extra: Record<string, string>): Model | undefined {
  if (cond.windows.some((w) => w % STEP !== 0)) return undefined;
  const TOTAL_PER_STEP = 1000;
  const labels = { ...extra, ...cond.matchers };
  const perStep = (metric: string, k: number) =>
    metric === cond.errors ? k : metric === cond.total.find((t) => t !== cond.errors) ? TOTAL_PER_STEP : 0;
  const window = cond.windows[0];
  const rate = (perMinute: number) => promRate(perMinute * (window / STEP), window);
  // Left to right, as Prometheus evaluates `e / (t₁ + t₂ + …)`.
  const evaluate = (k: number) =>
    rate(perStep(cond.errors, k)) / cond.total.map((t) => rate(perStep(t, k))).reduce((a, b) => a + b);
  const metrics = [...new Set([cond.errors, ...cond.total])];
  return {
    evaluate,
    holds: (v) => v > cond.threshold,
    candidates: candidates(cond.threshold * TOTAL_PER_STEP),
    window: Math.max(...cond.windows),
    scenario: (k, n) => ({
      series: metrics.map((m) => ({ series: selector(m, labels), values: `0+${perStep(m, k)}x${n}` })),
      value: evaluate(k),
      labels: {},
    }),
  };
}

/** Whole-number candidates around `base`, most telling first: well across the threshold, then just across, then zero. */
function candidates(base: number): number[] {
  const f = Math.floor(base);
  return [
    ...new Set([
      2 * Math.abs(f) + 1,
      Math.floor(base / 2),
      f + 1,
      f - 1,
      f,
      Math.ceil(base),
      Math.ceil(base) + 1,
      0,
      -(2 * Math.abs(f) + 1),
    ]),
  ];
}

function minutes(seconds: number): string {
  return `${Math.ceil(seconds / STEP)}m`;
}

/**
 * The two tests of one declared alert, or a reason why none can be generated (a raw `expr` that
 * is not of the simple form `[time() -] [agg] ([rate|irate|increase](selector[window])) <op> constant`).
 */
export function alertTests(
  alert: AlertSpec,
  rule: AlertRule,
  component: string,
  namespace: string,
): PromtoolTest[] | string {
  const cond = conditionOf(alert, namespace);
  if (!cond)
    return 'its expression is not of the form `[time() -] [sum|max|min|avg [by (…)]] ([rate|irate|increase](metric{label="value",…}[window])) <op> number`';
  const extra = targetLabels(component, namespace);
  const forSeconds = rule.for ? durationSeconds(rule.for) : 0;
  const expected = (s: Scenario): ExpectedAlert => {
    const labels = { ...s.labels, ...rule.labels };
    const annotations = Object.fromEntries(
      Object.entries(rule.annotations).map(([k, v]) => [k, expandTemplate(v, s.labels, s.value)]),
    );
    return { exp_labels: labels, exp_annotations: annotations };
  };
  const test = (name: string, evalSeconds: number, s: Scenario, fires: boolean): PromtoolTest => ({
    interval: '1m',
    name: `${alert.name} ${name}`,
    input_series: s.series,
    alert_rule_test: [
      { eval_time: minutes(evalSeconds), alertname: alert.name, exp_alerts: fires ? [expected(s)] : [] },
    ],
  });

  if (cond.type === 'absent') {
    const evalSeconds = forSeconds + 2 * STEP;
    const n = Math.ceil(evalSeconds / STEP) + 1;
    const present = { ...extra, ...cond.matchers };
    // Some other series must exist, or the test would not tell absence from an empty database.
    const other = cond.metric === 'up' ? 'process_start_time_seconds' : 'up';
    const absentScenario: Scenario = {
      series: [{ series: selector(other, present), values: `1+0x${n}` }],
      value: 1,
      labels: cond.matchers,
    };
    const presentScenario: Scenario = {
      series: [{ series: selector(cond.metric, present), values: `1+0x${n}` }],
      value: 1,
      labels: cond.matchers,
    };
    return [
      test('fires when the metric is absent', evalSeconds, absentScenario, true),
      test('stays quiet while the metric is present', evalSeconds, presentScenario, false),
    ];
  }

  // The condition holds from the first full window on; the alert fires `for` later.
  const evalAt = (window: number) => window + forSeconds + 2 * STEP;
  const model = cond.type === 'threshold' ? thresholdModel(cond.c, extra, evalAt) : ratioModel(cond, extra);
  if (!model)
    return cond.type === 'threshold' && cond.c.age
      ? 'an age compared with == or != cannot be held for a duration'
      : 'its rate window is not a whole number of minutes';
  const options = model.candidates.filter((k) => (cond.type === 'threshold' && !cond.c.fn ? true : k >= 0));
  const fire = options.find((k) => (model.throughout?.(k) ?? [model.evaluate(k)]).every((v) => model.holds(v)));
  const quiet = options.find((k) => !model.holds(model.evaluate(k)));
  if (fire === undefined || quiet === undefined) return 'no input can make its condition both true and false';
  const evalSeconds = evalAt(model.window);
  const n = Math.ceil(evalSeconds / STEP) + 1;
  return [
    test(`fires at ${goFloat(model.evaluate(fire))}`, evalSeconds, model.scenario(fire, n), true),
    test(`stays quiet at ${goFloat(model.evaluate(quiet))}`, evalSeconds, model.scenario(quiet, n), false),
  ];
}

/** A promtool test file for the rule file `ruleFile` (a path relative to the test file). */
export function testFile(ruleFile: string, tests: PromtoolTest[]): Record<string, unknown> {
  return { rule_files: [ruleFile], evaluation_interval: '1m', tests };
}
