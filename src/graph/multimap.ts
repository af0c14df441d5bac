// Grouping into lists by key in one pass: appending in place (copying the list on every append
// would make grouping n items under one key quadratic).

export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
