// 6. Autoscaling: each HorizontalPodAutoscaler with its target, replica range, metrics with their
// thresholds, and its scale-up and scale-down behaviour. Where a field is unset the Kubernetes
// default is shown and marked "default" (autoscaling/v2 API docs).
import type { Graph, GraphNode } from '../graph/model.js';
import type { DiagramNode, FlowchartModel, FlowItem } from './diagram.js';
import { diagramEdge, labelLines } from './flow.js';
import { mermaidId } from './mermaid.js';
import { specOf } from './fields.js';
import { shortName } from './topology.js';

/** HPA defaults: no metrics means 80% average CPU utilization; behaviour as the v2 API documents it. */
const DEFAULT_CPU_UTILIZATION = 80;
const DEFAULT_BEHAVIOR = {
  scaleUp: {
    stabilizationWindowSeconds: 0,
    selectPolicy: 'Max',
    policies: [
      { type: 'Percent', value: 100, periodSeconds: 15 },
      { type: 'Pods', value: 4, periodSeconds: 15 },
    ],
  },
  scaleDown: {
    stabilizationWindowSeconds: 300,
    selectPolicy: 'Max',
    policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
  },
};

/** A metric target in any autoscaling version's spelling (v2 `target`, v2beta1 `targetAverage…`); objects are not validated, so every field is optional. */
interface MetricTarget {
  type?: string;
  averageUtilization?: number;
  averageValue?: string | number;
  value?: string | number;
  targetAverageUtilization?: number;
  targetAverageValue?: string | number;
  targetValue?: string | number;
}

interface MetricSource extends MetricTarget {
  name?: string;
  container?: string;
  metricName?: string;
  metric?: { name?: string };
  describedObject?: { kind?: string; name?: string };
  target?: MetricTarget & { kind?: string; name?: string };
}

interface Metric {
  type?: string;
  resource?: MetricSource;
  containerResource?: MetricSource;
  pods?: MetricSource;
  object?: MetricSource;
  external?: MetricSource;
}

interface ScalingPolicy {
  type?: string;
  value?: number;
  periodSeconds?: number;
}

interface ScalingRules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: string;
  policies?: ScalingPolicy[];
}

export interface Behavior {
  scaleUp?: ScalingRules;
  scaleDown?: ScalingRules;
}

/** The HorizontalPodAutoscaler spec fields the docs read, in autoscaling/v1, v2beta1/2 and v2. */
export interface HpaSpec {
  scaleTargetRef?: { kind?: string; name?: string };
  minReplicas?: number;
  maxReplicas?: number;
  targetCPUUtilizationPercentage?: number;
  metrics?: Array<Metric | null>;
  behavior?: Behavior;
}

function targetText(t: MetricTarget | undefined): string {
  if (!t || typeof t !== 'object') return '?';
  if (t.averageUtilization !== undefined) return `${t.averageUtilization}% average utilization`;
  if (t.averageValue !== undefined) return `average ${t.averageValue}`;
  if (t.value !== undefined) return `value ${t.value}`;
  // autoscaling/v2beta1 spelling
  if (t.targetAverageUtilization !== undefined) return `${t.targetAverageUtilization}% average utilization`;
  if (t.targetAverageValue !== undefined) return `average ${t.targetAverageValue}`;
  if (t.targetValue !== undefined) return `value ${t.targetValue}`;
  return '?';
}

/** One line per metric, in every autoscaling version's spelling. */
export function metricLines(spec: HpaSpec | undefined): string[] {
  if (typeof spec?.targetCPUUtilizationPercentage === 'number')
    return [`CPU ${spec.targetCPUUtilizationPercentage}% average utilization`];
  const metrics = Array.isArray(spec?.metrics) ? spec.metrics : [];
  if (metrics.length === 0) return [`CPU ${DEFAULT_CPU_UTILIZATION}% average utilization (default)`];
  return metrics.map((m) => {
    switch (m?.type) {
      case 'Resource':
        return `${m.resource?.name} ${targetText(m.resource?.target ?? m.resource)}`;
      case 'ContainerResource':
        return `${m.containerResource?.name} of container ${m.containerResource?.container} ${targetText(m.containerResource?.target ?? m.containerResource)}`;
      case 'Pods':
        return `pods metric ${m.pods?.metric?.name ?? m.pods?.metricName} ${targetText(m.pods?.target ?? m.pods)}`;
      case 'Object':
        return `${m.object?.describedObject?.kind ?? m.object?.target?.kind} ${m.object?.describedObject?.name ?? m.object?.target?.name} metric ${m.object?.metric?.name ?? m.object?.metricName} ${targetText(m.object?.target?.type ? m.object.target : m.object)}`;
      case 'External':
        return `external metric ${m.external?.metric?.name ?? m.external?.metricName} ${targetText(m.external?.target ?? m.external)}`;
      default:
        return `metric of type ${m?.type}`;
    }
  });
}

function policyText(p: ScalingPolicy | undefined): string {
  const amount = p?.type === 'Percent' ? `${p.value}%` : `${p?.value} pods`;
  return `${amount} per ${p?.periodSeconds}s`;
}

/** `scale up: window 0s, Max of 100% per 15s, 4 pods per 15s (default)`. */
export function behaviorLine(direction: 'scaleUp' | 'scaleDown', behavior: Behavior | undefined): string {
  const given = behavior?.[direction];
  const d = DEFAULT_BEHAVIOR[direction];
  const window = given?.stabilizationWindowSeconds ?? d.stabilizationWindowSeconds;
  const select = given?.selectPolicy ?? d.selectPolicy;
  const policies: ScalingPolicy[] = Array.isArray(given?.policies) ? given.policies : d.policies;
  const name = direction === 'scaleUp' ? 'scale up' : 'scale down';
  if (select === 'Disabled') return `${name}: disabled`;
  const sign = direction === 'scaleUp' ? '+' : '-';
  return `${name}: window ${window}s, ${select} of ${policies.map((p) => sign + policyText(p)).join(', ')}${given ? '' : ' (default)'}`;
}

export function hpaRange(spec: HpaSpec | undefined): string {
  return `${spec?.minReplicas ?? 1} to ${spec?.maxReplicas ?? '?'} replicas`;
}

export function autoscalingDiagram(graph: Graph, hpas: GraphNode[], singleNamespace: boolean): FlowchartModel {
  const items: FlowItem[] = [];
  for (const hpa of hpas) {
    const spec = specOf<HpaSpec>(hpa) ?? {};
    const ref = spec.scaleTargetRef ?? {};
    const hid = mermaidId(hpa.id, 'h');
    const part = (name: string, lines: string[]): DiagramNode => ({
      kind: 'node',
      id: mermaidId(`${hpa.id}/${name}`),
      key: `${hpa.id}/${name}`,
      lines: labelLines(lines),
      shape: 'box',
    });
    items.push({
      kind: 'group',
      id: hid,
      key: hpa.id,
      lines: labelLines([`HPA ${shortName(hpa, singleNamespace)}`, hpaRange(spec)]),
      items: [
        part('metrics', ['metrics', ...metricLines(spec)]),
        part('behavior', [behaviorLine('scaleUp', spec.behavior), behaviorLine('scaleDown', spec.behavior)]),
      ],
    });
    const targetKey = `${hpa.namespace}/${ref.name}[${ref.kind}]`;
    const tid = mermaidId(targetKey, 't');
    const found = graph.byId.has(targetKey); // the target's node id: looked up, not searched, per HPA
    items.push({
      kind: 'node',
      id: tid,
      key: targetKey,
      lines: labelLines([`${ref.kind} ${ref.name}`, found ? '' : 'not in the input']),
      shape: 'box',
    });
    items.push(
      diagramEdge(hid, tid, {
        text: 'scales',
        evidence: [{ kind: 'field', object: hpa.id, path: 'spec.scaleTargetRef' }],
      }),
    );
  }
  return { type: 'flowchart', direction: 'LR', items, classDefs: {}, edgeStyles: {} };
}
