// Reading list fields of objects that may be malformed (imported manifests are not validated
// first): a field that should be a list but is not counts as empty instead of crashing the docs.

export function list<T>(value: T[] | undefined | unknown): T[] {
  return Array.isArray(value) ? (value as T[]).filter((x) => x !== null && x !== undefined) : [];
}
