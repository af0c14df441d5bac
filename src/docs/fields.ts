// Reading fields of objects that may be malformed (imported manifests are not validated
// first): a field that should be a list but is not counts as empty instead of crashing the docs.
import { list, type KubeObject } from '../k8s/object.js';

/** The items of a list field that are present (a `null` item, as YAML writes `- ~`, has nothing to draw). */
export function presentItems<T>(value: unknown): T[] {
  return list(value).filter((x) => x !== null && x !== undefined) as T[];
}

/**
 * An object's `spec`, read as the shape `T` names (every field of which the caller treats as
 * optional), or undefined when it is missing or not an object.
 */
export function specOf<T extends object>(node: { object: KubeObject }): T | undefined {
  const spec = node.object.spec;
  return typeof spec === 'object' && spec !== null ? (spec as T) : undefined;
}
