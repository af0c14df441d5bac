// Services: `<component>` for the declared ports, `<component>-headless` (clusterIP None) giving a
// StatefulSet's pods stable DNS names, and `<component>-metrics` for the metrics endpoint.
import type { KubeObject } from '../../k8s/object.js';
import { COMPONENT_TYPE_TRAITS } from '../component-types.js';
import { metricsPortName } from '../pod.js';
import type { GeneratorFamily } from '../registry.js';

export const serviceFamily: GeneratorFamily = {
  name: 'service',
  forComponent: (ctx) => {
    const out: KubeObject[] = [];
    const ports = ctx.ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.name, protocol: p.protocol }));
    const selector = { ...ctx.selector };
    if (ports.length > 0 && COMPONENT_TYPE_TRAITS[ctx.type].longRunning) {
      out.push({ apiVersion: 'v1', kind: 'Service', metadata: ctx.meta(ctx.name), spec: { type: 'ClusterIP', selector, ports } });
    }
    if (COMPONENT_TYPE_TRAITS[ctx.type].workload(ctx.component) === 'StatefulSet') {
      out.push({
        apiVersion: 'v1', kind: 'Service', metadata: ctx.meta(`${ctx.name}-headless`),
        spec: { clusterIP: 'None', selector, ...(ports.length > 0 && { ports }) },
      });
    }
    const m = ctx.component.metrics;
    if (m) {
      const name = metricsPortName(ctx)!;
      out.push({
        apiVersion: 'v1', kind: 'Service', metadata: ctx.meta(`${ctx.name}-metrics`),
        spec: { type: 'ClusterIP', selector, ports: [{ name, port: m.port, targetPort: name, protocol: 'TCP' }] },
      });
    }
    return out;
  },
};
