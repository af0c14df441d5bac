// An alert's condition in a form both the rule expression and its generated unit test are made
// from: typed shorthands become conditions directly; a raw `expr` is kept verbatim and parsed
// (best effort) into a condition only to generate its test.
import type { AlertSpec } from '../../spec/monitoring.js';
import { durationSeconds, parseSimpleCondition, selector, type SimpleCondition } from '../../vocabulary/promql.js';

export type Condition =
  | { type: 'threshold'; c: SimpleCondition }
  | { type: 'absent'; metric: string; matchers: Record<string, string> }
  /** sum(rate(errors)) / (sum(rate(total₁)) + …) > threshold, over each window (all must hold). */
  | {
      type: 'ratio';
      errors: string;
      total: string[];
      windows: number[];
      threshold: number;
      matchers: Record<string, string>;
    };

/** Default rate window of `errorRatio` (documented in the spec schema). */
export const DEFAULT_RATIO_WINDOW = '5m';
/** SLO burn-rate "page" alert (Google SRE workbook, ch. 5): 2% of a 30-day budget in 1h, confirmed over 5m. */
export const SLO_BURN_RATE = 14.4;
export const SLO_WINDOWS = ['1h', '5m'];

/** A threshold as written in PromQL: shortest decimal, no float noise (0.0144, not 0.014400000000000012). */
export function formatThreshold(n: number): string {
  return String(Number(n.toPrecision(12)));
}

function asList(total: string | string[]): string[] {
  return Array.isArray(total) ? total : [total];
}

/**
 * The condition of an alert; shorthand selectors are scoped to the component's namespace.
 * Undefined for a raw `expr` that is not of the simple form (it still becomes a rule, untested).
 */
export function conditionOf(alert: AlertSpec, namespace: string): Condition | undefined {
  const scope = { namespace };
  if (alert.expr !== undefined) {
    const c = parseSimpleCondition(alert.expr);
    return c && { type: 'threshold', c };
  }
  const threshold = alert.above ?? alert.below;
  if (threshold) {
    return {
      type: 'threshold',
      c: {
        aggregate: threshold.aggregate && { op: threshold.aggregate, by: threshold.by ?? [] },
        fn: threshold.rate ? 'rate' : undefined,
        window: threshold.rate ? durationSeconds(threshold.rate) : undefined,
        metric: threshold.metric,
        matchers: scope,
        op: alert.above ? '>' : '<',
        value: threshold.value,
      },
    };
  }
  if (alert.absent) return { type: 'absent', metric: alert.absent.metric, matchers: scope };
  if (alert.errorRatio) {
    const r = alert.errorRatio;
    return {
      type: 'ratio',
      errors: r.errors,
      total: asList(r.total),
      windows: [durationSeconds(r.window ?? DEFAULT_RATIO_WINDOW)],
      threshold: r.threshold,
      matchers: scope,
    };
  }
  if (alert.slo) {
    const s = alert.slo;
    return {
      type: 'ratio',
      errors: s.errors,
      total: asList(s.total),
      windows: SLO_WINDOWS.map(durationSeconds),
      threshold: Number((SLO_BURN_RATE * (1 - s.objective)).toPrecision(12)),
      matchers: scope,
    };
  }
  return undefined;
}

/** A window in the largest unit that divides it, e.g. 300 → `5m`. */
export function formatDuration(seconds: number): string {
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

function signal(c: SimpleCondition): string {
  const sel = selector(c.metric, c.matchers);
  const inner = c.fn ? `${c.fn}(${sel}[${formatDuration(c.window ?? 300)}])` : sel;
  if (!c.aggregate) return inner;
  const by = c.aggregate.by.length ? ` by (${c.aggregate.by.join(', ')}) ` : '';
  return `${c.aggregate.op}${by}(${inner})`;
}

function ratioAt(cond: Extract<Condition, { type: 'ratio' }>, window: number): string {
  const w = formatDuration(window);
  const rate = (m: string) => `sum(rate(${selector(m, cond.matchers)}[${w}]))`;
  const total = cond.total.map(rate);
  const denominator = total.length === 1 ? total[0] : `(${total.join(' + ')})`;
  return `${rate(cond.errors)} / ${denominator} > ${formatThreshold(cond.threshold)}`;
}

/** The PromQL expression of a shorthand condition. */
export function renderCondition(cond: Condition): string {
  switch (cond.type) {
    case 'threshold':
      return `${signal(cond.c)} ${cond.c.op} ${formatThreshold(cond.c.value)}`;
    case 'absent':
      return `absent(${selector(cond.metric, cond.matchers)})`;
    case 'ratio':
      return cond.windows
        .map((w) => (cond.windows.length > 1 ? `(${ratioAt(cond, w)})` : ratioAt(cond, w)))
        .join(' and ');
  }
}

/** The rule expression: a raw `expr` verbatim, else the rendered shorthand. */
export function alertExpr(alert: AlertSpec, namespace: string): string {
  if (alert.expr !== undefined) return alert.expr;
  const cond = conditionOf(alert, namespace);
  if (!cond) throw new Error(`alert ${alert.name} has no condition`); // the schema requires exactly one
  return renderCondition(cond);
}

/** `for` of the alert: the shorthand's own wins over the alert's. */
export function alertFor(alert: AlertSpec): string | undefined {
  return (alert.above ?? alert.below ?? alert.absent ?? alert.errorRatio ?? alert.slo)?.for ?? alert.for;
}
