// Ingress (networking.k8s.io/v1) for a component's `ingress`: one host, one path (default `/`,
// pathType Prefix) to the component's Service port (default: its first port).
import { serviceName } from '../../spec/service-options.js';
import type { GeneratorFamily } from '../family.js';

export const ingressFamily: GeneratorFamily = {
  name: 'ingress',
  forComponent: (ctx) => {
    const ing = ctx.component.ingress;
    if (!ing) return [];
    const target =
      typeof ing.port === 'number'
        ? ctx.ports.find((p) => p.port === ing.port)
        : typeof ing.port === 'string'
          ? ctx.ports.find((p) => p.name === ing.port)
          : ctx.ports[0];
    const port = target ? { name: target.name } : { number: ing.port as number };
    const tlsSecret =
      ing.tls === true ? `${ctx.name}-tls` : typeof ing.tls === 'object' ? ing.tls.secretName : undefined;
    const meta = ctx.meta(ctx.name);
    if (ing.annotations) meta.annotations = { ...ing.annotations };
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
