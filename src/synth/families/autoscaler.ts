// HorizontalPodAutoscaler (autoscaling/v2) for components with `replicas: {min, max}`. Without
// declared metrics it targets 80% average CPU utilisation of requests.
import type { KubeObject } from '../../k8s/object.js';
import { replicaRange } from '../component-types.js';
import { COMPONENT_TYPE_TRAITS } from '../../vocabulary/components.js';
import type { GeneratorFamily } from '../family.js';

export const DEFAULT_CPU_UTILIZATION = 80;

export const autoscalerFamily: GeneratorFamily = {
  name: 'autoscaler',
  forComponent: (ctx) => {
    const range = replicaRange(ctx.component);
    if (!range?.autoscaled) return [];
    const a = ctx.component.autoscaling ?? {};
    const metrics: unknown[] = [];
    const resource = (name: 'cpu' | 'memory', averageUtilization: number) => ({
      type: 'Resource',
      resource: { name, target: { type: 'Utilization', averageUtilization } },
    });
    if (a.cpu !== undefined) metrics.push(resource('cpu', a.cpu));
    if (a.memory !== undefined) metrics.push(resource('memory', a.memory));
    for (const m of a.metrics ?? []) {
      metrics.push({
        type: 'Pods',
        pods: {
          metric: { name: m.name, ...(m.selector && { selector: { matchLabels: m.selector } }) },
          target: { type: 'AverageValue', averageValue: String(m.averageValue) },
        },
      });
    }
    if (metrics.length === 0) metrics.push(resource('cpu', DEFAULT_CPU_UTILIZATION));
    const hpa: KubeObject = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: ctx.meta(ctx.name),
      spec: {
        scaleTargetRef: {
          apiVersion: 'apps/v1',
          kind: COMPONENT_TYPE_TRAITS[ctx.type].workload(ctx.component),
          name: ctx.name,
        },
        minReplicas: range.min,
        maxReplicas: range.max,
        metrics,
        ...(a.behavior && { behavior: a.behavior }),
      },
    };
    return [hpa];
  },
};
