// Ingress (networking.k8s.io/v1) for a component's `ingress`: one host, one path (default `/`,
// pathType Prefix) to the component's Service port (default: its first port). With
// `ingress.gateway`, a Gateway API HTTPRoute attached to that Gateway instead.
import type { KubeObject } from '../../k8s/object.js';
import { findPort, type ResolvedPort } from '../../spec/semantics.js';
import type { ComponentContext } from '../context.js';
import { serviceName } from '../../spec/service-options.js';
import type { GeneratorFamily } from '../family.js';
import { ANNOTATIONS } from '../../k8s/annotations.js';
import { DEFAULT_INGRESS_CONTROLLER_NAMESPACE } from './network-policy.js';

/** Ingress path types as Gateway API path match types. */
const HTTP_ROUTE_PATH_TYPE = { Prefix: 'PathPrefix', Exact: 'Exact' } as const;

/** An HTTPRoute attached to `ingress.gateway`, for the same host, path and Service port. */
function httpRoute(ctx: ComponentContext, target: ResolvedPort): KubeObject {
  const ing = ctx.component.ingress!;
  const gw = ing.gateway!;
  const pathType = ing.pathType === 'Exact' ? 'Exact' : 'Prefix';
  // The Gateway's pods the component's NetworkPolicy admits, so checks on the manifests know them too.
  const pods = Object.entries(gw.podLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  const meta = ctx.meta(ctx.name, {
    [ANNOTATIONS.ingressControllerNamespace]: gw.namespace ?? ctx.namespace,
    ...(pods.length > 0 && { [ANNOTATIONS.ingressControllerPods]: pods.join(',') }),
  });
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: meta,
    spec: {
      parentRefs: [
        {
          group: 'gateway.networking.k8s.io',
          kind: 'Gateway',
          name: gw.name,
          ...(gw.namespace && { namespace: gw.namespace }),
          ...(gw.sectionName && { sectionName: gw.sectionName }),
        },
      ],
      hostnames: [ing.host],
      rules: [
        {
          matches: [{ path: { type: HTTP_ROUTE_PATH_TYPE[pathType], value: ing.path ?? '/' } }],
          // backendRefs name the Service port by number (Gateway API has no port names).
          backendRefs: [{ name: serviceName(ctx.component, ctx.name), port: target.port }],
        },
      ],
    },
  };
}

export const ingressFamily: GeneratorFamily = {
  name: 'ingress',
  forComponent: (ctx) => {
    const ing = ctx.component.ingress;
    if (!ing) return [];
    const target = findPort(ctx.ports, ing.port);
    if (ing.gateway) return target ? [httpRoute(ctx, target)] : [];
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
