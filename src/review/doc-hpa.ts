// What a document says about a workload's autoscaling — "CPU > 70%", "Target CPU: 70%",
// "Min: 2, Max: 10", a "CPU/Memory" feed into the autoscaler — held against the
// HorizontalPodAutoscaler that scales it, as the controller reads it (sim/hpa-spec).
import type { Graph, GraphNode } from '../graph/model.js';
import type { Workload } from '../graph/workloads.js';
import { hpaDefinition, targetText, type HpaDefinition } from '../sim/hpa-spec.js';

/** One statement about autoscaling found in a label, a link's text or a table cell. */
export type HpaClaim =
  | { kind: 'target'; metric: 'cpu' | 'memory'; percent: number; said: string }
  | { kind: 'metric'; metric: 'cpu' | 'memory'; said: string }
  | { kind: 'min' | 'max'; replicas: number; said: string };

/** Diagrams and tables about autoscaling name it. */
export const AUTOSCALING_CONTEXT = /\bhpa\b|autoscal|horizontalpodautoscaler/i;

const METRIC = String.raw`\b(cpu|memory)\b(?:\s+utili[sz]ation)?`;
/** "CPU > 70%", "CPU utilization >= 70%": a threshold is the target (the controller acts around it). */
const THRESHOLD = new RegExp(
  String.raw`${METRIC}\s*(?:target\s*)?[:=]?\s*(?:>=?|<=?|above|below)\s*(\d+(?:\.\d+)?)\s*%`,
  'gi',
);
/** "Target CPU: 70%", "CPU target 70%". */
const TARGET = new RegExp(
  String.raw`(?:\btarget\s+${METRIC}\s*[:=]?\s*(\d+(?:\.\d+)?)\s*%)|(?:${METRIC}\s+target\s*[:=]?\s*(\d+(?:\.\d+)?)\s*%)`,
  'gi',
);
/** In a cell under an autoscaling header, "CPU 70%" or "CPU: 70%" is the target. */
const BARE = new RegExp(String.raw`${METRIC}\s*[:=]?\s*(\d+(?:\.\d+)?)\s*%`, 'gi');
const BOUND = /\b(min|max)(?:imum)?(?:\s+(?:replicas|pods))?\s*[:=]\s*(\d+)\b/gi;
const RANGE = /\b(\d+)\s*(?:-|–|to)\s*(\d+)\s*(?:replicas|pods)?\b/i;

/**
 * The claims in one piece of text. `link`: the text of a link in an autoscaling diagram, where a
 * bare metric name ("CPU/Memory") says what feeds the autoscaler. `targetCell`: a table cell whose
 * header is about autoscaling, where "CPU 70%" and "2-10" are the target and the bounds.
 */
export function hpaClaims(raw: string, where: { link?: boolean; targetCell?: boolean } = {}): HpaClaim[] {
  const text = raw.replace(/<[^>]*>/g, ' ');
  const out: HpaClaim[] = [];
  const seen = new Set<string>();
  const target = (metric: string, percent: string, said: string) => {
    const m = metric.toLowerCase() as 'cpu' | 'memory';
    seen.add(m);
    out.push({ kind: 'target', metric: m, percent: Number(percent), said: said.trim() });
  };
  for (const m of text.matchAll(THRESHOLD)) target(m[1], m[2], m[0]);
  for (const m of text.matchAll(TARGET)) target(m[1] ?? m[3], m[2] ?? m[4], m[0]);
  if (where.targetCell)
    for (const m of text.matchAll(BARE)) if (!seen.has(m[1].toLowerCase())) target(m[1], m[2], m[0]);
  for (const m of text.matchAll(BOUND))
    out.push({ kind: m[1].toLowerCase() === 'min' ? 'min' : 'max', replicas: Number(m[2]), said: m[0].trim() });
  if (where.targetCell) {
    const r = RANGE.exec(text.replace(BARE, ' '));
    if (r && !out.some((c) => c.kind === 'min' || c.kind === 'max')) {
      out.push(
        { kind: 'min', replicas: Number(r[1]), said: r[0] },
        { kind: 'max', replicas: Number(r[2]), said: r[0] },
      );
    }
  }
  if (where.link)
    for (const m of text.matchAll(/\b(cpu|memory)\b/gi)) {
      const metric = m[1].toLowerCase() as 'cpu' | 'memory';
      if (!seen.has(metric)) out.push({ kind: 'metric', metric, said: m[0] });
      seen.add(metric);
    }
  return out;
}

/** The HPA scaling the workload, as the controller reads it; undefined when none does or it cannot be read. */
export function autoscalerOf(graph: Graph, w: Workload): HpaDefinition | undefined {
  const edge = graph.edges.find(
    (e) => e.type === 'selects' && e.to === w.id && graph.byId.get(e.from)?.kind === 'HorizontalPodAutoscaler',
  );
  const hpa: GraphNode | undefined = edge && graph.byId.get(edge.from);
  if (!hpa) return undefined;
  try {
    return hpaDefinition(hpa);
  } catch {
    // An HPA the controller cannot read is check's finding, not a document's.
    return undefined;
  }
}

const metricName = (m: 'cpu' | 'memory') => (m === 'cpu' ? 'CPU' : 'memory');

/** What is wrong with a claim about `hpa`, or undefined when the HPA says the same. */
export function judgeHpaClaim(claim: HpaClaim, hpa: HpaDefinition): string | undefined {
  const scalesOn = hpa.metrics.map((m) => `${m.name} ${targetText(m)}`).join(', ');
  if ('replicas' in claim) {
    const actual = claim.kind === 'min' ? (hpa.minReplicas ?? 1) : hpa.maxReplicas;
    return actual === claim.replicas ? undefined : `"${claim.said}": ${hpa.id} has ${claim.kind}Replicas ${actual}`;
  }
  const resource = hpa.metrics.filter(
    (m) => m.name === claim.metric && (m.source === 'Resource' || m.source === 'ContainerResource'),
  );
  if (resource.length === 0)
    return `"${claim.said}": ${hpa.id} does not scale on ${metricName(claim.metric)} (it scales on ${scalesOn})`;
  if (claim.kind === 'metric') return undefined;
  return resource.some((m) => m.target === 'Utilization' && m.targetValue === claim.percent)
    ? undefined
    : `"${claim.said}": ${hpa.id} targets ${resource.map((m) => `${metricName(claim.metric)} ${targetText(m)}`).join(', ')}`;
}
