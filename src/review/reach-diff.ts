// Reachability before and after a change, compared group by group rather than pod pair by pod
// pair. Workloads that are twins (graph/netpol/twins.ts) in both inputs — same group before, same
// group after — gain and lose the same ports towards every endpoint, so each pair of such joint
// groups is compared once, from the two group pairs it lies in; only pairs whose ports changed are
// expanded to workloads. External ranges are endpoints of their own, by name.
import { PortSet, type Reachability } from '../graph/reach.js';
import { formatRange } from '../graph/netpol/ipv4.js';
import { pushTo } from '../graph/multimap.js';

export interface PortsChange {
  from: string;
  to: string;
  /** Ports allowed after and not before, and before and not after (either may be empty). */
  gained: PortSet;
  lost: PortSet;
}

/** A group of `groups()`: a twin group's array, or a range's name. */
type GroupKey = readonly string[] | string;

/** Ports between groups, by group (twin arrays are yielded as the same object; a range by its name). */
function groupPorts(reach: Reachability): Map<GroupKey, Map<GroupKey, PortSet>> {
  const out = new Map<GroupKey, Map<GroupKey, PortSet>>();
  const key = (ids: readonly string[]): GroupKey => (reach.twinsOf(ids[0]) ? ids : ids[0]);
  for (const { from, to, ports } of reach.groups()) {
    let row = out.get(key(from));
    if (!row) out.set(key(from), (row = new Map<GroupKey, PortSet>()));
    row.set(key(to), ports);
  }
  return out;
}

/** Every workload or range pair whose allowed ports differ between `before` and `after`. */
export function reachChanges(before: Reachability, after: Reachability): PortsChange[] {
  const sides = [before, after].map((reach) => ({
    reach,
    ports: groupPorts(reach),
    ranges: new Set(reach.externals.map(formatRange)),
  }));
  type Side = (typeof sides)[number];
  /** An endpoint's group on one side; undefined where that side lacks it. */
  const groupOf = (side: Side, id: string): GroupKey | undefined =>
    side.reach.twinsOf(id) ?? (side.ranges.has(id) ? id : undefined);

  // Joint groups: the endpoints that share their group on both sides, by the pair of groups.
  const joint = new Map<string, string[]>();
  const jointKey = new Map<GroupKey, number>();
  const keyNumber = (g: GroupKey | undefined) => {
    if (g === undefined) return -1;
    let n = jointKey.get(g);
    if (n === undefined) jointKey.set(g, (n = jointKey.size));
    return n;
  };
  const jointsIn = new Map<GroupKey, Set<string>>();
  const endpoints = new Set<string>();
  for (const { reach, ranges } of sides) {
    for (const w of reach.workloads) endpoints.add(w.id);
    for (const range of ranges) endpoints.add(range);
  }
  for (const id of endpoints) {
    const [a, b] = sides.map((side) => groupOf(side, id));
    const key = `${keyNumber(a)},${keyNumber(b)}`;
    pushTo(joint, key, id);
    for (const g of [a, b]) {
      if (g === undefined) continue;
      let set = jointsIn.get(g);
      if (!set) jointsIn.set(g, (set = new Set()));
      set.add(key);
    }
  }

  // Each joint pair inside some allowed group pair, before or after, compared once.
  const portsOf = (side: Side, from: string, to: string) => {
    const a = groupOf(side, from);
    const b = groupOf(side, to);
    return (a !== undefined && b !== undefined && side.ports.get(a)?.get(b)) || PortSet.empty();
  };
  const seen = new Set<string>();
  const changes: PortsChange[] = [];
  for (const side of sides) {
    for (const [from, row] of side.ports) {
      for (const to of row.keys()) {
        for (const x of jointsIn.get(from) ?? [])
          for (const y of jointsIn.get(to) ?? []) {
            const pair = `${x} ${y}`;
            if (seen.has(pair)) continue;
            seen.add(pair);
            const [f, t] = [joint.get(x)!, joint.get(y)!];
            const was = portsOf(sides[0], f[0], t[0]);
            const now = portsOf(sides[1], f[0], t[0]);
            const gained = now.minus(was);
            const lost = was.minus(now);
            if (gained.isEmpty() && lost.isEmpty()) continue;
            for (const a of f) for (const b of t) if (a !== b) changes.push({ from: a, to: b, gained, lost });
          }
      }
    }
  }
  return changes;
}
