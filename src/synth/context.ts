// What every generator family receives: the architecture, and for a component its spec, resolved
// ports and the shared metadata helpers (recommended labels, selector, namespace).
import type { ObjectMeta } from '../k8s/object.js';
import type { Architecture, Component } from '../spec/schema.js';
import { namespaceOf, portsOf, type ResolvedPort } from '../spec/semantics.js';
import type { ComponentType } from '../vocabulary/components.js';

export interface ArchitectureContext {
  arch: Architecture;
  /** Labels on namespace-wide objects. */
  labels: Record<string, string>;
  /** Metadata for a namespace-wide object in the architecture's namespace. */
  meta(name: string, annotations?: Record<string, string>): ObjectMeta;
  /** Metadata for a namespace-wide object in one of the architecture's namespaces. */
  metaIn(namespace: string, name: string, annotations?: Record<string, string>): ObjectMeta;
}

export interface ComponentContext extends ArchitectureContext {
  name: string;
  /** The namespace every object of the component lives in (spec `namespace`, default the architecture's). */
  namespace: string;
  component: Component;
  type: ComponentType;
  /** Declared ports with defaults filled in, in declaration order. */
  ports: ResolvedPort[];
  /** The labels a selector of this component's pods matches (a stable subset of `labels`). */
  selector: Record<string, string>;
}

export const MANAGED_BY = 'shipshape';

export function architectureContext(arch: Architecture): ArchitectureContext {
  const labels = {
    'app.kubernetes.io/part-of': arch.name,
    'app.kubernetes.io/managed-by': MANAGED_BY,
  };
  return {
    arch,
    labels,
    meta: (name, annotations) => objectMeta(name, arch.namespace, labels, annotations),
    metaIn: (namespace, name, annotations) => objectMeta(name, namespace, labels, annotations),
  };
}

function objectMeta(
  name: string,
  namespace: string,
  labels: Record<string, string>,
  annotations?: Record<string, string>,
): ObjectMeta {
  const meta: ObjectMeta = { name, namespace, labels: { ...labels } };
  if (annotations && Object.keys(annotations).length > 0) meta.annotations = { ...annotations };
  return meta;
}

/**
 * The labels selecting a component's pods. Recommended labels
 * (https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/): name = the
 * component, instance = the architecture; selectors use only these two, which never change.
 */
export function selectorLabels(arch: Architecture, component: string): Record<string, string> {
  return { 'app.kubernetes.io/name': component, 'app.kubernetes.io/instance': arch.name };
}

export function componentContext(base: ArchitectureContext, name: string, component: Component): ComponentContext {
  // Extra selector labels (spec `selectorLabels`) join the two stable ones; pods carry them all.
  const selector = { ...component.selectorLabels, ...selectorLabels(base.arch, name) };
  const labels = {
    ...component.labels,
    ...selector,
    'app.kubernetes.io/component': component.type,
    ...base.labels,
  };
  const namespace = namespaceOf(base.arch, name);
  return {
    ...base,
    name,
    namespace,
    component,
    type: component.type,
    ports: portsOf(component),
    selector,
    labels,
    meta: (objectName, annotations) => objectMeta(objectName, namespace, labels, annotations),
  };
}
