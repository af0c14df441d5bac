// The monitoring part of a component's spec: the Prometheus metrics it exports and the alerts
// declared on them. The component schema (schema.ts) spreads `monitoringFields` into its shape;
// the metrics endpoint itself (`metrics: {port, path}`) is part of the component schema.
import * as z from 'zod';
import { syntaxProblem } from '../vocabulary/promql.js';

/** Prometheus metric names: https://prometheus.io/docs/concepts/data_model/#metric-names-and-labels */
export const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
/** Prometheus label names (names starting with `__` are reserved for internal use). */
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** Prometheus durations as rule files and range selectors accept them, e.g. `5m`, `1h30m`. */
export const DURATION = /^((\d+)y)?((\d+)w)?((\d+)d)?((\d+)h)?((\d+)m)?((\d+)s)?((\d+)ms)?$/;

const metricName = z.string().regex(METRIC_NAME, 'expected a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)');
const labelName = z
  .string()
  .regex(LABEL_NAME, 'expected a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)')
  .refine((s) => !s.startsWith('__'), 'label names starting with "__" are reserved');
const duration = z
  .string()
  .regex(DURATION, 'expected a Prometheus duration such as 30s, 5m or 1h')
  .refine((s) => s !== '', 'expected a non-empty duration');

export const metricSchema = z.strictObject({
  name: metricName,
  type: z.enum(['counter', 'gauge', 'histogram', 'summary']),
  help: z.string().min(1),
  /** Label names the metric carries besides the target labels Prometheus adds (job, instance, namespace, pod). */
  labels: z.array(labelName).optional(),
});

/** `above`/`below`: the metric (its per-second rate over `rate` when given, e.g. for counters) crosses `value`. */
const thresholdSchema = z
  .strictObject({
    metric: metricName,
    value: z.number().finite(),
    /** Compare the per-second rate over this window instead of the raw value (use for counters). */
    rate: duration.optional(),
    /** Aggregate across series first (default: compare every series on its own). */
    aggregate: z.enum(['sum', 'max', 'min', 'avg']).optional(),
    /** Labels kept by the aggregation. */
    by: z.array(labelName).optional(),
    for: duration.optional(),
  })
  .refine((t) => t.by === undefined || t.aggregate !== undefined, {
    message: 'by needs aggregate (sum, max, min or avg)',
    path: ['by'],
  });

/** `errorRatio`: rate(errors) / rate(total) above `threshold` (0..1). `total` may list several counters, summed. */
const errorRatioSchema = z.strictObject({
  errors: metricName,
  total: z.union([metricName, z.array(metricName).min(1)]),
  threshold: z.number().gt(0).lt(1),
  /** Rate window; default 5m. */
  window: duration.optional(),
  for: duration.optional(),
});

/** `slo`: multiwindow burn-rate alert (Google SRE workbook, "page" level: 14.4x budget burn over 1h and 5m). */
const sloSchema = z.strictObject({
  /** Target success ratio, e.g. 0.999. */
  objective: z.number().gt(0).lt(1),
  errors: metricName,
  total: z.union([metricName, z.array(metricName).min(1)]),
  for: duration.optional(),
});

/** `absent`: the metric has no series at all (the target is gone or stopped exporting it). */
const absentSchema = z.strictObject({ metric: metricName, for: duration.optional() });

/** Templates allowed in summary/description: only these are predictable enough for the generated unit tests. */
const TEMPLATE = /\{\{-?\s*(.*?)\s*-?\}\}/g;
const ALLOWED_TEMPLATE = /^(\$labels\.[a-zA-Z_][a-zA-Z0-9_]*|\$value)$/;
const annotationText = z
  .string()
  .min(1)
  .superRefine((text, ctx) => {
    for (const m of text.matchAll(TEMPLATE)) {
      if (!ALLOWED_TEMPLATE.test(m[1])) {
        ctx.addIssue({
          code: 'custom',
          message: `unsupported template {{ ${m[1]} }}: use {{ $labels.<name> }} or {{ $value }}`,
        });
      }
    }
  });

export const ALERT_CONDITIONS = ['expr', 'above', 'below', 'absent', 'errorRatio', 'slo'] as const;

export const alertSchema = z
  .strictObject({
    /** Alert name, CamelCase by convention, e.g. OutboxHighLag. */
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'expected an alert name such as OutboxHighLag'),
    /** Default: warning. */
    severity: z.enum(['critical', 'warning', 'info']).optional(),
    summary: annotationText,
    description: annotationText.optional(),
    /** Markdown: what to check and how to fix it; becomes this alert's section in RUNBOOKS.md. */
    runbook: z.string().min(1).optional(),
    /** How long the condition must hold before the alert fires; a shorthand's own `for` wins. */
    for: duration.optional(),
    /** Extra alert labels (e.g. team). */
    labels: z.record(labelName, z.string()).optional(),
    // Exactly one condition:
    /** Raw PromQL, kept verbatim (promtool checks it fully in the generated tests). */
    expr: z
      .string()
      .min(1)
      .superRefine((expr, ctx) => {
        const problem = syntaxProblem(expr);
        if (problem) ctx.addIssue({ code: 'custom', message: `not PromQL: ${problem}` });
      })
      .optional(),
    above: thresholdSchema.optional(),
    below: thresholdSchema.optional(),
    absent: absentSchema.optional(),
    errorRatio: errorRatioSchema.optional(),
    slo: sloSchema.optional(),
  })
  .superRefine((alert, ctx) => {
    const given = ALERT_CONDITIONS.filter((k) => alert[k] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          given.length === 0
            ? `expected exactly one condition: ${ALERT_CONDITIONS.join(', ')}`
            : `expected exactly one condition, got ${given.join(' and ')}`,
      });
    }
  });

/** How Prometheus scrapes the component's metrics endpoint. */
export const scrapeSchema = z.strictObject({
  /** ServiceMonitor on the `<name>-metrics` Service, PodMonitor on the pods, or both. Default: service. */
  via: z.enum(['service', 'pod', 'both']).optional(),
  /** Default: 30s. */
  interval: duration.optional(),
  scrapeTimeout: duration.optional(),
  honorLabels: z.boolean().optional(),
  /** Keep only series whose name matches this regex (a `keep` metricRelabeling). */
  keep: z.string().min(1).optional(),
});

/** A list whose items' `name`s must be unique (alerts: runbook sections and unit tests go by name). */
function uniqueNames<T extends z.ZodType<{ name: string }>>(item: T) {
  return z.array(item).superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((it, i) => {
      if (seen.has(it.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `duplicate name ${it.name}` });
      seen.add(it.name);
    });
  });
}

export const monitoringFields = {
  exports: uniqueNames(metricSchema).optional(),
  alerts: uniqueNames(alertSchema).optional(),
  scrape: scrapeSchema.optional(),
};

export type MetricSpec = z.infer<typeof metricSchema>;
export type AlertSpec = z.infer<typeof alertSchema>;
export type ScrapeSpec = z.infer<typeof scrapeSchema>;
