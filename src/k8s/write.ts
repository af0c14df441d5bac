// Objects → YAML as Kubernetes reads it: YAML 1.1 scalars (so `yes`, `on`, `y`, `NO` and `12:30`
// get quoted and stay strings), the envelope keys first, one document per object.
import { stringify } from 'yaml';
import type { KubeObject } from './object.js';

/** Top-level keys in the order people expect; everything else follows in its own order. */
const ENVELOPE = ['apiVersion', 'kind', 'metadata'];
const METADATA = ['name', 'generateName', 'namespace', 'labels', 'annotations'];

function ordered<T extends Record<string, unknown>>(o: T, first: string[]): T {
  const out: Record<string, unknown> = {};
  for (const k of first) if (k in o) out[k] = o[k];
  for (const [k, v] of Object.entries(o)) if (!(k in out)) out[k] = v;
  return out as T;
}

/** One object as a YAML document (without `---`). Undefined fields are left out. */
export function objectToYaml(o: KubeObject): string {
  const normalized = ordered({ ...o, metadata: ordered({ ...o.metadata }, METADATA) }, ENVELOPE);
  return stringify(normalized, { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false });
}

/** Several objects as one multi-document YAML stream. */
export function objectsToYaml(objects: KubeObject[]): string {
  return objects.map((o) => `---\n${objectToYaml(o)}`).join('');
}
