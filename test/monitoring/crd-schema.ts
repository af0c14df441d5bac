// Structural validation of custom resources against the real CRD's openAPIV3Schema (from the
// kube-prometheus manifests in the shared corpus), as the API server applies it: types, required
// fields, enums, patterns, int-or-string, and no fields the schema does not declare.
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { CORPUS } from '../shared-paths.js';

export const CRD_DIR = `${CORPUS}/kube-prometheus/manifests/setup`;

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  required?: string[];
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  minLength?: number;
  anyOf?: Schema[];
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
}

export function crdSchema(file: string): Schema {
  const crd = load(readFileSync(`${CRD_DIR}/${file}`, 'utf8')) as {
    spec: { versions: Array<{ name: string; schema: { openAPIV3Schema: Schema } }> };
  };
  return crd.spec.versions.find((v) => v.name === 'v1')!.schema.openAPIV3Schema;
}

function typeOf(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

export function validate(value: unknown, schema: Schema, path = ''): string[] {
  const at = path || '(root)';
  if (schema['x-kubernetes-int-or-string']) {
    return typeof value === 'string' || Number.isInteger(value) ? [] : [`${at}: expected an integer or a string`];
  }
  if (schema.type) {
    const t = typeOf(value);
    const ok = t === schema.type || (schema.type === 'number' && t === 'integer');
    if (!ok) return [`${at}: expected ${schema.type}, got ${t}`];
  }
  const errors: string[] = [];
  if (schema.enum && !schema.enum.includes(value))
    errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (schema.pattern && typeof value === 'string' && !new RegExp(schema.pattern).test(value))
    errors.push(`${at}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
  if (schema.minimum !== undefined && typeof value === 'number' && value < schema.minimum)
    errors.push(`${at}: below ${schema.minimum}`);
  if (schema.minLength !== undefined && typeof value === 'string' && value.length < schema.minLength)
    errors.push(`${at}: shorter than ${schema.minLength}`);
  if (Array.isArray(value) && schema.items)
    value.forEach((item, i) => errors.push(...validate(item, schema.items!, `${path}[${i}]`)));
  if (typeOf(value) === 'object' && (schema.properties || schema.additionalProperties !== undefined)) {
    const obj = value as Record<string, unknown>;
    for (const r of schema.required ?? []) if (!(r in obj)) errors.push(`${path ? `${path}.` : ''}${r}: required`);
    for (const [k, v] of Object.entries(obj)) {
      const sub =
        schema.properties?.[k] ??
        (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      const p = path ? `${path}.${k}` : k;
      if (sub) errors.push(...validate(v, sub, p));
      else if (k !== 'metadata' && !schema['x-kubernetes-preserve-unknown-fields']) errors.push(`${p}: unknown field`);
    }
  }
  return errors;
}
