// Field paths as findings and errors write them (`spec.ports[0].name`,
// `metadata.labels["app.kubernetes.io/name"]`), read back into segments.

/** The segments of a field path: names, `[3]` as the number 3, `["a.b/c"]` as the string `a.b/c`. */
export function pathSegments(path: string): Array<string | number> {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g)].map(
    (m) => m[1] ?? (m[2] !== undefined ? Number(m[2]) : (JSON.parse(`"${m[3]}"`) as string)),
  );
}
