// RFC 6902 JSON Patch operations that turn one object into another, exactly. Arrays are replaced
// whole: kustomize's JSON 6902 patches index arrays by position, and a whole replacement is the
// only diff of an array that stays right whatever the base's order.

import { deepEqual } from '../../k8s/patch.js';

export type PatchOperation = { op: 'add' | 'replace'; path: string; value: unknown } | { op: 'remove'; path: string };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** RFC 6901: `~` → `~0`, `/` → `~1`. */
export function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Operations that make `from` equal to `to` (both objects), in a stable order: keys sorted. */
export function diffToPatch(from: Record<string, unknown>, to: Record<string, unknown>, path = ''): PatchOperation[] {
  const ops: PatchOperation[] = [];
  const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
  for (const key of keys) {
    const p = `${path}/${pointerSegment(key)}`;
    const inFrom = Object.prototype.hasOwnProperty.call(from, key);
    const inTo = Object.prototype.hasOwnProperty.call(to, key);
    if (!inTo) ops.push({ op: 'remove', path: p });
    else if (!inFrom) ops.push({ op: 'add', path: p, value: to[key] });
    else if (deepEqual(from[key], to[key])) continue;
    else if (isPlainObject(from[key]) && isPlainObject(to[key])) ops.push(...diffToPatch(from[key], to[key], p));
    else ops.push({ op: 'replace', path: p, value: to[key] });
  }
  return ops;
}
