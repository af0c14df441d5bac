// `simulate hpa --case FILE`: one scripted scenario for the controller (sim/hpa.ts), in the
// shape test suites drive it with. Ages of recorded history count back from the first step's `t`;
// a later step giving `currentReplicas` models a manual edit of the target's replicas.
import * as z from 'zod';
import { InputError } from '../diagnostics/index.js';
import { behaviorSchema, zodFieldPath } from './hpa-spec.js';
import { DEFAULT_CONTROLLER, HpaController, proposeFromRatio, type HpaStep, type MetricProposal } from './hpa.js';

const count = z.number().int().min(0);
const seconds = z.number().min(0);
const caseSchema = z.strictObject({
  hpa: z.strictObject({
    minReplicas: count.optional(),
    maxReplicas: z.number().int().min(1),
    behavior: behaviorSchema.optional(),
  }),
  tolerance: z.number().min(0).optional(),
  controller: z
    .strictObject({
      downscaleStabilizationWindowSeconds: seconds.optional(),
      scaleUpLimitFactor: z.number().min(0).optional(),
      scaleUpLimitMinimum: z.number().min(0).optional(),
    })
    .optional(),
  recommendations: z.array(z.strictObject({ ageSeconds: seconds, recommendation: count })).optional(),
  scaleUpEvents: z.array(z.strictObject({ ageSeconds: seconds, replicaChange: count })).optional(),
  scaleDownEvents: z.array(z.strictObject({ ageSeconds: seconds, replicaChange: count })).optional(),
  steps: z
    .array(
      z
        .strictObject({
          t: z.number(),
          currentReplicas: count.optional(),
          metricRatio: z.union([z.number().min(0), z.array(z.number().min(0)).min(1)]).optional(),
          desiredRecommendation: count.optional(),
        })
        .refine((s) => (s.metricRatio === undefined) !== (s.desiredRecommendation === undefined), {
          message: 'a step gives either metricRatio or desiredRecommendation',
        }),
    )
    .min(1)
    .refine((steps) => steps.length === 0 || steps[0].currentReplicas !== undefined, {
      message: 'the first step gives currentReplicas',
      path: [0, 'currentReplicas'],
    })
    .refine((steps) => steps.every((s, i) => i === 0 || s.t > steps[i - 1].t), {
      message: 'steps are in increasing t',
    }),
});

export type HpaCase = z.infer<typeof caseSchema>;

export interface HpaCaseResult {
  /** Replicas after each step. */
  replicas: number[];
  steps: HpaStep[];
}

/** Parses a case from its JSON text; bad input names the file and the path. */
export function parseHpaCase(text: string, file: string): HpaCase {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InputError(`${file}: not JSON: ${(err as Error).message}`, [], { file });
  }
  const parsed = caseSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const fieldPath = zodFieldPath(first.path);
    throw new InputError(
      `${file}: ${fieldPath || '(top)'}: ${first.message}`,
      z.prettifyError(parsed.error).split('\n'),
      {
        file,
        fieldPath,
      },
    );
  }
  return parsed.data;
}

export function runHpaCase(c: HpaCase): HpaCaseResult {
  const controller = new HpaController(c.hpa, {
    ...DEFAULT_CONTROLLER,
    ...c.controller,
    tolerance: c.tolerance ?? DEFAULT_CONTROLLER.tolerance,
  });
  controller.seed(c.steps[0].t, c);
  let current = c.steps[0].currentReplicas!;
  const steps: HpaStep[] = [];
  c.steps.forEach((s, i) => {
    const manualEdit = i > 0 && s.currentReplicas !== undefined;
    if (s.currentReplicas !== undefined) current = s.currentReplicas;
    const step = controller.sync(s.t, current, (now): MetricProposal[] => {
      if (s.desiredRecommendation !== undefined) {
        return [{ metric: 'desiredRecommendation', replicas: s.desiredRecommendation }];
      }
      const ratios = typeof s.metricRatio === 'number' ? [s.metricRatio] : s.metricRatio!;
      return ratios.map((r, m) => proposeFromRatio(`metric ${m + 1}`, r, now, controller.tolerances));
    });
    steps.push(manualEdit ? { ...step, manualEdit } : step);
    current = step.replicas;
  });
  return { replicas: steps.map((s) => s.replicas), steps };
}
