import { InputError } from '../diagnostics/index.js';
// Profiles (`dev`, `prod`, …) override parts of the architecture. Objects merge field by field;
// numbers, strings and lists replace. `profiles` itself is dropped from the result.

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function mergeDeep(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override === undefined ? base : override;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(override)) out[k] = mergeDeep(base[k], v);
  return out;
}

/**
 * The raw (not yet validated) architecture with `profile` applied. Validation runs on the result,
 * so a profile value is checked exactly like a base value.
 */
export function applyProfile(
  raw: Record<string, unknown>,
  profile: string | undefined,
  file: string,
): Record<string, unknown> {
  const { profiles, ...base } = raw;
  if (profile === undefined) return base;
  const known = isPlainObject(profiles) ? profiles : {};
  const chosen = known[profile];
  if (!isPlainObject(chosen)) {
    const names = Object.keys(known);
    throw new InputError(
      `${file}: unknown profile "${profile}" (expected ${names.length ? `one of: ${names.join(', ')}` : 'none: the spec declares no profiles'})`,
      [],
      { file, fieldPath: 'profiles' },
    );
  }
  const { description: _description, components, ...topLevel } = chosen;
  let merged = mergeDeep(base, topLevel) as Record<string, unknown>;
  if (isPlainObject(components)) {
    const baseComponents = isPlainObject(merged.components) ? merged.components : {};
    for (const name of Object.keys(components)) {
      if (!(name in baseComponents)) {
        throw new InputError(
          `${file}: profiles.${profile}.components.${name}: no component "${name}" to override (expected one of: ${Object.keys(baseComponents).join(', ')})`,
          [],
          { file, fieldPath: `profiles.${profile}.components.${name}` },
        );
      }
    }
    merged = { ...merged, components: mergeDeep(baseComponents, components) };
  }
  return merged;
}
