// A HorizontalPodAutoscaler object as the controller reads it: its bounds, behavior and metrics,
// in autoscaling/v1 (targetCPUUtilizationPercentage), v2beta1, v2beta2 and v2 spellings. An HPA
// without metrics gets the API default, 80% average CPU utilization.
import { InputError } from '../diagnostics/index.js';
import type { Graph, GraphNode } from '../graph/model.js';
import { workloadById, workloadsOf, type Workload } from '../graph/workloads.js';
import { isRecord, list } from '../k8s/object.js';
import { parseMillis, QuantityError } from '../vocabulary/quantity.js';
import * as z from 'zod';
import type { BehaviorInput, HpaLimits } from './hpa.js';

const policy = z.strictObject({
  type: z.enum(['Pods', 'Percent']),
  value: z.number().int().min(1),
  periodSeconds: z.number().int().min(1).max(1800),
});
const rules = z.strictObject({
  stabilizationWindowSeconds: z.number().int().min(0).max(3600).optional(),
  selectPolicy: z.enum(['Max', 'Min', 'Disabled']).optional(),
  policies: z.array(policy).optional(),
  tolerance: z.union([z.number().min(0), z.string()]).optional(),
});

/** `spec.behavior` as the API validates it (policy periods 1–1800 s, windows 0–3600 s). */
export const behaviorSchema = z.strictObject({ scaleUp: rules.optional(), scaleDown: rules.optional() });

/** A zod issue path as a field path: `steps[0].metricRatio`. */
export function zodFieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
}

export type MetricSourceType = 'Resource' | 'ContainerResource' | 'Pods' | 'Object' | 'External';
export type TargetType = 'Utilization' | 'AverageValue' | 'Value';

export interface HpaMetric {
  /** What a load column names it by: `cpu`, `memory`, or the metric's name. */
  name: string;
  source: MetricSourceType;
  target: TargetType;
  /** Percent for Utilization, the quantity's value otherwise. */
  targetValue: number;
}

export interface HpaDefinition extends HpaLimits {
  id: string;
  metrics: HpaMetric[];
}

export const DEFAULT_CPU_UTILIZATION = 80;

const DEFAULT_METRIC: HpaMetric = {
  name: 'cpu',
  source: 'Resource',
  target: 'Utilization',
  targetValue: DEFAULT_CPU_UTILIZATION,
};

function quantity(v: unknown, objectId: string, fieldPath: string): number {
  try {
    if (typeof v !== 'string' && typeof v !== 'number')
      throw new QuantityError(`${JSON.stringify(v)} is not a quantity`);
    return parseMillis(v) / 1000;
  } catch (err) {
    if (err instanceof QuantityError)
      throw new InputError(`${objectId}: ${fieldPath}: ${err.message}`, [], { objectId, fieldPath });
    throw err;
  }
}

function readMetric(m: unknown, i: number, objectId: string): HpaMetric | undefined {
  if (!isRecord(m) || typeof m.type !== 'string') return undefined;
  const key = {
    Resource: 'resource',
    ContainerResource: 'containerResource',
    Pods: 'pods',
    Object: 'object',
    External: 'external',
  }[m.type];
  if (!key) return undefined;
  const src = m[key];
  if (!isRecord(src)) return undefined;
  const path = `spec.metrics[${i}].${key}`;
  const metricName = isRecord(src.metric) ? src.metric.name : src.metricName;
  const name = key === 'resource' || key === 'containerResource' ? src.name : metricName;
  if (typeof name !== 'string') return undefined;
  const t = isRecord(src.target) && typeof src.target.type === 'string' ? src.target : undefined;
  const source = m.type as MetricSourceType;
  if (t) {
    if (t.type === 'Utilization' && typeof t.averageUtilization === 'number')
      return { name, source, target: 'Utilization', targetValue: t.averageUtilization };
    if (t.type === 'AverageValue')
      return {
        name,
        source,
        target: 'AverageValue',
        targetValue: quantity(t.averageValue, objectId, `${path}.target.averageValue`),
      };
    if (t.type === 'Value')
      return { name, source, target: 'Value', targetValue: quantity(t.value, objectId, `${path}.target.value`) };
    return undefined;
  }
  // autoscaling/v2beta1 spelling
  if (typeof src.targetAverageUtilization === 'number')
    return { name, source, target: 'Utilization', targetValue: src.targetAverageUtilization };
  if (src.targetAverageValue !== undefined)
    return {
      name,
      source,
      target: 'AverageValue',
      targetValue: quantity(src.targetAverageValue, objectId, `${path}.targetAverageValue`),
    };
  if (src.targetValue !== undefined)
    return { name, source, target: 'Value', targetValue: quantity(src.targetValue, objectId, `${path}.targetValue`) };
  return undefined;
}

/** The HPA as the controller reads it; metrics it cannot read are reported, not guessed. */
export function hpaDefinition(node: GraphNode): HpaDefinition {
  const spec = isRecord(node.object.spec) ? node.object.spec : {};
  const maxReplicas = spec.maxReplicas;
  if (typeof maxReplicas !== 'number')
    throw new InputError(`${node.id}: spec.maxReplicas: expected an integer`, [], {
      objectId: node.id,
      fieldPath: 'spec.maxReplicas',
    });
  const minReplicas = typeof spec.minReplicas === 'number' ? spec.minReplicas : undefined;
  let behavior: BehaviorInput | undefined;
  if (spec.behavior !== undefined && spec.behavior !== null) {
    const parsed = behaviorSchema.safeParse(spec.behavior);
    if (!parsed.success) {
      const fieldPath = `spec.behavior.${zodFieldPath(parsed.error.issues[0].path)}`.replace(/\.$/, '');
      throw new InputError(`${node.id}: ${fieldPath}: ${parsed.error.issues[0].message}`, [], {
        objectId: node.id,
        fieldPath,
      });
    }
    behavior = parsed.data;
  }
  let metrics: HpaMetric[];
  if (typeof spec.targetCPUUtilizationPercentage === 'number') {
    metrics = [{ ...DEFAULT_METRIC, targetValue: spec.targetCPUUtilizationPercentage }];
  } else if (list(spec.metrics).length === 0) {
    metrics = [DEFAULT_METRIC];
  } else {
    metrics = list(spec.metrics).map((m, i) => {
      const read = readMetric(m, i, node.id);
      if (read && !(read.targetValue > 0))
        throw new InputError(`${node.id}: spec.metrics[${i}]: the target must be positive`, [], {
          objectId: node.id,
          fieldPath: `spec.metrics[${i}]`,
        });
      if (!read)
        throw new InputError(
          `${node.id}: spec.metrics[${i}]: expected a Resource, ContainerResource, Pods, Object or External metric with a target`,
          [],
          {
            objectId: node.id,
            fieldPath: `spec.metrics[${i}]`,
          },
        );
      return read;
    });
  }
  return { id: node.id, minReplicas, maxReplicas, behavior, metrics };
}

/** `70% average utilization`, `average 1000`, `value 5`. */
export function targetText(m: HpaMetric): string {
  if (m.target === 'Utilization') return `${m.targetValue}% average utilization`;
  return m.target === 'AverageValue' ? `average ${m.targetValue}` : `value ${m.targetValue}`;
}

/**
 * The HPA to simulate: the one scaling the workload named `component` (its name, or its id
 * `namespace/name[Kind]`), or the only HPA of the input when no component is named.
 */
export function findHpa(graph: Graph, component: string | undefined): { hpa: GraphNode; target?: Workload } {
  const hpas = graph.nodes.filter((n) => n.kind === 'HorizontalPodAutoscaler');
  const targetOf = (hpa: GraphNode) => {
    const edge = graph.edges.find((e) => e.type === 'selects' && e.from === hpa.id);
    return edge ? workloadById(graph, edge.to) : undefined;
  };
  if (component === undefined) {
    if (hpas.length === 1) return { hpa: hpas[0], target: targetOf(hpas[0]) };
    throw new InputError(
      hpas.length === 0
        ? 'the input has no HorizontalPodAutoscaler'
        : 'the input has several HorizontalPodAutoscalers: pick one with --component',
      hpas.map((h) => `${h.id} scales ${targetOf(h)?.name ?? '(a workload not in the input)'}`),
    );
  }
  const matches = workloadsOf(graph).filter((w) => w.name === component || w.id === component);
  if (matches.length === 0)
    throw new InputError(
      `--component ${component}: no workload of that name`,
      workloadsOf(graph).map((w) => w.id),
    );
  if (matches.length > 1)
    throw new InputError(
      `--component ${component}: several workloads have that name; give its id`,
      matches.map((w) => w.id),
    );
  const hpa = hpas.find((h) => targetOf(h)?.id === matches[0].id);
  if (!hpa) throw new InputError(`--component ${component}: no HorizontalPodAutoscaler scales ${matches[0].id}`);
  return { hpa, target: matches[0] };
}
