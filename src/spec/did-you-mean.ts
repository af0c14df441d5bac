// "Did you mean `ports`?" for an unknown field of a spec: the known field names at its place in
// the schema, and the one nearest by edit distance when it is close enough to be a typo.
import type * as z from 'zod';

type Schema = z.core.$ZodType;

/** The field names an object at `path` (from the schema's root) may have; several for a union. */
export function knownKeysAt(schema: Schema, path: ReadonlyArray<PropertyKey>): string[] {
  const keys = new Set<string>();
  const visit = (s: Schema, rest: ReadonlyArray<PropertyKey>): void => {
    const def = s._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
    switch (def.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'readonly':
      case 'catch':
      case 'nonoptional':
        return visit(def.innerType as Schema, rest);
      case 'pipe':
        return visit(def.in as Schema, rest);
      case 'lazy':
        return visit((def.getter as () => Schema)(), rest);
      case 'union':
        for (const option of def.options as Schema[]) visit(option, rest);
        return;
      case 'intersection':
        visit(def.left as Schema, rest);
        visit(def.right as Schema, rest);
        return;
      case 'object': {
        const shape = def.shape as Record<string, Schema>;
        if (rest.length === 0) for (const k of Object.keys(shape)) keys.add(k);
        else if (typeof rest[0] === 'string' && rest[0] in shape) visit(shape[rest[0]], rest.slice(1));
        return;
      }
      case 'record':
        if (rest.length > 0) visit(def.valueType as Schema, rest.slice(1));
        return;
      case 'array':
        if (rest.length > 0) visit(def.element as Schema, rest.slice(1));
        return;
      default:
        return;
    }
  };
  visit(schema, path);
  return [...keys];
}

/** The candidate nearest to `word`, when at most a third of its letters (and at least one) differ. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(word.toLowerCase(), name.toLowerCase());
    if (distance <= limit && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** Levenshtein distance (insertions, deletions and substitutions each cost 1). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}
