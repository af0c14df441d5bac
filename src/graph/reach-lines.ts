// The lines `shipshape reach` prints: the group pairs of `Reachability.groups()` merged into as few
// products as exactness allows. Twin groups cannot merge rows that differ (each frontend of a copy
// of an app reaches its own namespace), but many sources still reach the same destinations on the
// same ports: first each source's destinations are bucketed by ports, then the sources with the
// same destination bucket share one line. Every pair (a ≠ b) of a line's product has exactly the
// line's ports, and every allowed pair is in exactly one line. Address ranges and workloads are
// never merged into one side of a line, so a line reads as workloads or as ranges.
import { parseRange } from './netpol/ipv4.js';
import type { ConnectionGroup, PortSet, Reachability } from './reach.js';

interface Line {
  ports: PortSet;
  from: Array<readonly string[]>;
  to: Array<readonly string[]>;
}

export function connectionLines(reach: Reachability): ConnectionGroup[] {
  // A range is any `a.b.c.d-e.f.g.h` the groups name: each class's own merged ranges, not only the
  // pieces of the full cut (`reach.externals`); a workload id never reads as one.
  const side = (ids: readonly string[]) => (parseRange(ids[0]) ? 'ranges' : 'workloads');
  // Endpoint lists by key: a twin group's array is yielded as the same object every time, an
  // external range as a new one-element array, so one element stands for itself.
  const keys = new Map<readonly string[], number>();
  const single = new Map<string, number>();
  const keyOf = (ids: readonly string[]): number => {
    const table: Map<unknown, number> = ids.length === 1 ? single : keys;
    const at = ids.length === 1 ? ids[0] : ids;
    let key = table.get(at);
    if (key === undefined) table.set(at, (key = keys.size + single.size));
    return key;
  };

  // Step one: each source's destinations, bucketed by ports.
  const bySource = new Map<number, { from: readonly string[]; buckets: Map<string, Line> }>();
  for (const { from, to, ports } of reach.groups()) {
    const source = keyOf(from);
    let entry = bySource.get(source);
    if (!entry) bySource.set(source, (entry = { from, buckets: new Map() }));
    const text = `${ports.toString()}\u0000${side(to)}`;
    const bucket = entry.buckets.get(text);
    if (bucket) bucket.to.push(to);
    else entry.buckets.set(text, { ports, from: [from], to: [to] });
  }

  // Step two: sources whose bucket (ports and destinations) is the same share a line.
  const lines = new Map<string, Line>();
  for (const { from, buckets } of bySource.values()) {
    for (const [text, bucket] of buckets) {
      const key = `${text}\u0000${side(from)}\u0000${bucket.to
        .map(keyOf)
        .sort((a, b) => a - b)
        .join(',')}`;
      const line = lines.get(key);
      if (line) line.from.push(from);
      else lines.set(key, bucket);
    }
  }
  return [...lines.values()].map(({ ports, from, to }) => ({ from: from.flat(), to: to.flat(), ports }));
}
