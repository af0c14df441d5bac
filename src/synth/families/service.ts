// Services: `<component>` for the declared ports (ClusterIP unless `service.type` says otherwise),
// `<component>-headless` (clusterIP None) giving a StatefulSet's pods — or a Deployment's, with
// `service.headless` — stable DNS names, and `<component>-metrics` for the metrics endpoint.
import type { KubeObject } from '../../k8s/object.js';
import { ANYWHERE, isExposedOutside, serviceName, sourceRangesOf } from '../../spec/service-options.js';
import { acknowledgeAnnotations } from '../acknowledge.js';
import { metricsPortName } from '../pod.js';
import { COMPONENT_TYPE_TRAITS } from '../../vocabulary/components.js';
import type { GeneratorFamily } from '../family.js';

/**
 * Fields of a NodePort or LoadBalancer Service that narrows its clients. A LoadBalancer filters
 * them itself (`loadBalancerSourceRanges`). With any narrower range the pods must see the client's
 * address, because the NetworkPolicy admits clients by address: under the default
 * `externalTrafficPolicy: Cluster` a node forwarding to a pod on another node masquerades the
 * client as itself, and the ipBlock rule would no longer match it. `Local` delivers only to
 * node-local pods, without masquerading (Service v1 API reference, externalTrafficPolicy).
 */
function outsideAccess(c: Parameters<typeof sourceRangesOf>[0]): Record<string, unknown> {
  if (!isExposedOutside(c) || c.service?.sourceRanges === undefined) return {};
  const ranges = sourceRangesOf(c);
  return {
    ...(c.service.type === 'LoadBalancer' && { loadBalancerSourceRanges: ranges }),
    ...(!ranges.includes(ANYWHERE) && { externalTrafficPolicy: 'Local' }),
  };
}

export const serviceFamily: GeneratorFamily = {
  name: 'service',
  forComponent: (ctx) => {
    const out: KubeObject[] = [];
    const ports = ctx.ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.name, protocol: p.protocol }));
    const options = ctx.component.service ?? {};
    const selector = { ...ctx.selector };
    // The main Service may select more than this component's pods (a canary beside it) or pin a version.
    const mainSelector = options.selector ?? selector;
    const notReady =
      options.publishNotReadyAddresses !== undefined
        ? { publishNotReadyAddresses: options.publishNotReadyAddresses }
        : {};
    if (ports.length > 0 && COMPONENT_TYPE_TRAITS[ctx.type].longRunning) {
      const nodePorts = options.nodePorts ?? {};
      const exposed = ports.map((p) => (nodePorts[p.name] !== undefined ? { ...p, nodePort: nodePorts[p.name] } : p));
      out.push({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: ctx.meta(serviceName(ctx.component, ctx.name), acknowledgeAnnotations(ctx.component)),
        spec: {
          type: options.type ?? 'ClusterIP',
          selector: mainSelector,
          ports: exposed,
          ...notReady,
          ...outsideAccess(ctx.component),
        },
      });
    }
    if (COMPONENT_TYPE_TRAITS[ctx.type].workload(ctx.component) === 'StatefulSet' || options.headless) {
      out.push({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: ctx.meta(`${ctx.name}-headless`),
        spec: { clusterIP: 'None', selector, ...(ports.length > 0 && { ports }), ...notReady },
      });
    }
    const m = ctx.component.metrics;
    if (m) {
      const name = metricsPortName(ctx)!;
      out.push({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: ctx.meta(`${ctx.name}-metrics`),
        spec: { type: 'ClusterIP', selector, ports: [{ name, port: m.port, targetPort: name, protocol: 'TCP' }] },
      });
    }
    return out;
  },
};
