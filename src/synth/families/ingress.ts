// Ingress (networking.k8s.io/v1) for a component's `ingress`: one host, one path (default `/`,
// pathType Prefix) to the component's Service port (default: its first port).
import { findPort } from '../../spec/semantics.js';
import { serviceName } from '../../spec/service-options.js';
import type { GeneratorFamily } from '../family.js';
import { ANNOTATIONS } from '../../k8s/annotations.js';
import { DEFAULT_INGRESS_CONTROLLER_NAMESPACE } from './network-policy.js';

export const ingressFamily: GeneratorFamily = {
  name: 'ingress',
  forComponent: (ctx) => {
    const ing = ctx.component.ingress;
    if (!ing) return [];
    const target = findPort(ctx.ports, ing.port);
    const port = target ? { name: target.name } : { number: ing.port as number };
    const tlsSecret =
      ing.tls === true ? `${ctx.name}-tls` : typeof ing.tls === 'object' ? ing.tls.secretName : undefined;
    const meta = ctx.meta(ctx.name);
    // The controller the component's NetworkPolicy admits, so checks on the manifests know it too.
    const pods = Object.entries(ing.controllerPodSelector ?? {}).map(([k, v]) => `${k}=${v}`);
    meta.annotations = {
      ...ing.annotations,
      [ANNOTATIONS.ingressControllerNamespace]: ing.controllerNamespace ?? DEFAULT_INGRESS_CONTROLLER_NAMESPACE,
      ...(pods.length > 0 && { [ANNOTATIONS.ingressControllerPods]: pods.join(',') }),
    };
    return [
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: meta,
        spec: {
          ...(ing.className && { ingressClassName: ing.className }),
          ...(tlsSecret && { tls: [{ hosts: [ing.host], secretName: tlsSecret }] }),
          rules: [
            {
              host: ing.host,
              http: {
                paths: [
                  {
                    path: ing.path ?? '/',
                    pathType: ing.pathType ?? 'Prefix',
                    backend: { service: { name: serviceName(ctx.component, ctx.name), port } },
                  },
                ],
              },
            },
          ],
        },
      },
    ];
  },
};
