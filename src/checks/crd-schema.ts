// Custom resources against the structural schema of a CustomResourceDefinition in the same input
// (https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#specifying-a-structural-schema):
// types, required fields, enums, items, additionalProperties, x-kubernetes-int-or-string and
// x-kubernetes-preserve-unknown-fields. Unknown fields are reported because kubectl's default
// field validation (strict, since 1.27) rejects them. Nulls are pruned by the API server for
// non-nullable fields, so they are not errors.
import type { GraphNode } from '../graph/model.js';
import { fieldAt, type KubeObject } from '../k8s/object.js';
import { joinPath, type ValidationIssue } from '../k8s/validate.js';
import { isRecord, list } from './workloads.js';

type Schema = Record<string, unknown>;

/** The openAPIV3Schema the CRDs in `crds` define for this object's apiVersion and kind; null when a CRD matches but has no schema. */
export function crdSchemaFor(o: KubeObject, crds: GraphNode[]): Schema | null | undefined {
  const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : ['', o.apiVersion];
  for (const crd of crds) {
    const spec = (crd.object as { spec?: unknown }).spec;
    if (!isRecord(spec) || spec.group !== group || !isRecord(spec.names) || spec.names.kind !== o.kind) continue;
    const v = list(spec.versions).find((x) => isRecord(x) && x.name === version);
    if (!v) continue;
    // apiextensions.k8s.io/v1beta1 kept one schema for all versions in spec.validation.
    const schema = fieldAt(v, 'schema', 'openAPIV3Schema') ?? fieldAt(spec, 'validation', 'openAPIV3Schema');
    return isRecord(schema) ? schema : null;
  }
  return undefined;
}

const ROOT_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

export function validateCustomResource(o: KubeObject, schema: Schema): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  walk(o, schema, [], issues);
  return issues;
}

function typeOf(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (Number.isInteger(v)) return 'integer';
  return typeof v;
}

function walk(value: unknown, schema: Schema, at: Array<string | number>, issues: ValidationIssue[]): void {
  if (value === null || value === undefined) return;
  const path = joinPath(at);
  if (schema['x-kubernetes-int-or-string'] === true) {
    if (!Number.isInteger(value) && typeof value !== 'string')
      issues.push({ path, message: `expected an integer or a string, got ${typeOf(value)}` });
    return;
  }
  const type = schema.type;
  const actual = typeOf(value);
  if (typeof type === 'string' && !(type === actual || (type === 'number' && actual === 'integer'))) {
    issues.push({ path, message: `expected ${type}, got ${actual}` });
    return;
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e: unknown) => e === value)) {
    issues.push({
      path,
      message: `expected one of ${schema.enum.map((e: unknown) => JSON.stringify(e)).join(', ')}, got ${JSON.stringify(value)}`,
    });
  }
  if (Array.isArray(value)) {
    const items = schema.items;
    if (isRecord(items)) value.forEach((item, i) => walk(item, items, [...at, i], issues));
    return;
  }
  if (!isRecord(value)) return;
  // Field names: the API server rejects a CRD whose `required` lists anything else.
  for (const key of list(schema.required) as string[]) {
    if (value[key] === undefined)
      issues.push({ path: joinPath([...at, key]), message: `missing required field "${key}"` });
  }
  const properties = isRecord(schema.properties) ? schema.properties : undefined;
  const additional = schema.additionalProperties;
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  for (const [key, child] of Object.entries(value)) {
    // The envelope is validated with the object's metadata; embedded objects carry one too.
    if ((at.length === 0 || schema['x-kubernetes-embedded-resource'] === true) && ROOT_FIELDS.has(key)) continue;
    if (properties && isRecord(properties[key])) walk(child, properties[key], [...at, key], issues);
    else if (isRecord(additional)) walk(child, additional, [...at, key], issues);
    else if (!preserve && additional !== true && (properties || type === 'object'))
      issues.push({ path: joinPath([...at, key]), message: `unknown field "${key}"` });
  }
}
