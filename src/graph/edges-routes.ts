// `routes` edges: Ingress rules and default backends to Service ports (networking.k8s.io/v1 and
// the removed extensions|networking.k8s.io/v1beta1 shape), resource backends, the IngressClass an
// Ingress names, the controller workload an IngressClass names, and Gateway API HTTPRoute backendRefs.
import { nodeId } from '../k8s/object.js';
import { containersOf } from '../k8s/podspec.js';
import { str, type BuildContext } from './context.js';
import { isRecord } from '../k8s/object.js';
import type { GraphNode } from './model.js';

export function addRoutesEdges(ctx: BuildContext): void {
  for (const node of ctx.nodes) {
    const spec = (node.object as { spec?: unknown }).spec;
    if (!isRecord(spec)) continue;
    if (node.kind === 'Ingress') addIngressRoutes(ctx, node, spec);
    else if (node.kind === 'IngressClass') addIngressClassController(ctx, node, spec);
    else if (node.kind === 'HTTPRoute' || node.kind === 'GRPCRoute') addHttpRouteRoutes(ctx, node, spec);
  }
}

const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

function addIngressRoutes(ctx: BuildContext, node: GraphNode, spec: Record<string, unknown>): void {
  const className = str(spec.ingressClassName);
  if (className)
    ctx.add({
      type: 'routes',
      from: node.id,
      to: nodeId('IngressClass', className),
      evidence: 'spec.ingressClassName',
    });
  // The deprecated annotation names a class a controller answers to, often with no IngressClass
  // object behind it: an edge only when that object is there.
  const annotated = str(node.object.metadata.annotations?.[CLASS_ANNOTATION]);
  if (!className && annotated && ctx.byId.has(nodeId('IngressClass', annotated))) {
    ctx.add({
      type: 'routes',
      from: node.id,
      to: nodeId('IngressClass', annotated),
      evidence: `metadata.annotations["${CLASS_ANNOTATION}"]`,
    });
  }
  // v1 calls it defaultBackend, v1beta1 backend.
  if (isRecord(spec.defaultBackend)) addBackend(ctx, node, spec.defaultBackend, 'spec.defaultBackend');
  if (isRecord(spec.backend)) addBackend(ctx, node, spec.backend, 'spec.backend');
  if (!Array.isArray(spec.rules)) return;
  spec.rules.forEach((rule: unknown, i: number) => {
    const paths = isRecord(rule) && isRecord(rule.http) ? rule.http.paths : undefined;
    if (!Array.isArray(paths)) return;
    paths.forEach((p: unknown, j: number) => {
      if (isRecord(p) && isRecord(p.backend))
        addBackend(ctx, node, p.backend, `spec.rules[${i}].http.paths[${j}].backend`);
    });
  });
}

function addBackend(ctx: BuildContext, node: GraphNode, backend: Record<string, unknown>, at: string): void {
  const ns = node.namespace;
  if (isRecord(backend.service)) {
    const name = str(backend.service.name);
    const port = isRecord(backend.service.port)
      ? (backend.service.port.number ?? str(backend.service.port.name))
      : undefined;
    if (name)
      ctx.add({
        type: 'routes',
        from: node.id,
        to: nodeId('Service', name, ns),
        port: portValue(port),
        evidence: `${at}.service`,
      });
  } else if (typeof backend.serviceName === 'string' && backend.serviceName) {
    ctx.add({
      type: 'routes',
      from: node.id,
      to: nodeId('Service', backend.serviceName, ns),
      port: portValue(backend.servicePort),
      evidence: `${at}.serviceName`,
    });
  } else if (isRecord(backend.resource)) {
    const kind = str(backend.resource.kind);
    const name = str(backend.resource.name);
    if (kind && name)
      ctx.add({ type: 'routes', from: node.id, to: nodeId(kind, name, ns), evidence: `${at}.resource` });
  }
}

/**
 * IngressClass → the controller serving it: a workload started with the class's controller name as
 * a flag value (ingress-nginx: `--controller-class=k8s.io/ingress-nginx`).
 */
function addIngressClassController(ctx: BuildContext, node: GraphNode, spec: Record<string, unknown>): void {
  const controller = str(spec.controller);
  if (!controller) return;
  for (const pod of ctx.ownPodSources()) {
    const named = containersOf(pod.template).some(({ container }) =>
      [container.args, container.command].some(
        (list) => Array.isArray(list) && list.some((a) => typeof a === 'string' && a.endsWith(`=${controller}`)),
      ),
    );
    if (named) ctx.add({ type: 'routes', from: node.id, to: pod.owner, evidence: 'spec.controller' });
  }
}

function addHttpRouteRoutes(ctx: BuildContext, node: GraphNode, spec: Record<string, unknown>): void {
  if (!Array.isArray(spec.rules)) return;
  spec.rules.forEach((rule: unknown, i: number) => {
    const refs = isRecord(rule) ? rule.backendRefs : undefined;
    if (!Array.isArray(refs)) return;
    refs.forEach((ref: unknown, j: number) => {
      if (!isRecord(ref) || typeof ref.name !== 'string' || !ref.name) return;
      // kind defaults to Service and namespace to the route's own (Gateway API BackendObjectReference).
      const kind = str(ref.kind) ?? 'Service';
      ctx.add({
        type: 'routes',
        from: node.id,
        to: nodeId(kind, ref.name, str(ref.namespace) ?? node.namespace),
        port: portValue(ref.port),
        evidence: `spec.rules[${i}].backendRefs[${j}]`,
      });
    });
  });
}

/** A port as written: a number, or a name; numeric strings ("80") are numbers. */
export function portValue(v: unknown): number | string | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && v !== '') return /^\d+$/.test(v) ? Number(v) : v;
  return undefined;
}
