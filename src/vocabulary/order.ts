// One order for names in every output: by UTF-16 code unit, as `[].sort()` orders strings, which is
// the same on every machine and locale (`localeCompare` depends on ICU data and ignores hyphens).

/** Compares two strings by code unit: negative, zero or positive, for `sort`. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
