// Reachability before and after a change, compared group by group rather than pod pair by pod
// pair. Workloads that are twins (graph/netpol/twins.ts) in both inputs — same group before, same
// group after — gain and lose the same ports towards every endpoint, so each pair of such joint
// groups is compared once, from the two group pairs it lies in; only pairs whose ports changed are
// expanded to workloads. Outside addresses are compared per joint group on a cut shared by both
// inputs: each input names ranges of its own (merged per workload and direction), so names do not
// line up; the shared cut's pieces do, and adjacent pieces with the same change print as one range.
import { PortSet, type Reachability } from '../graph/reach.js';
import { cutSpace, formatRange, parseRange, runsOf, type Ipv4Range } from '../graph/netpol/ipv4.js';
import { pushTo } from '../graph/multimap.js';

export interface PortsChange {
  from: string;
  to: string;
  /** Ports allowed after and not before, and before and not after (either may be empty). */
  gained: PortSet;
  lost: PortSet;
}

/** A twin group: the very array `twinsOf` and `groups()` give for its workloads. */
type TwinGroup = readonly string[];

/** Outside ranges a twin group is allowed some port to or from, in address order (runs of its own cut). */
type RangePorts = Array<{ range: Ipv4Range; ports: PortSet }>;

interface GroupPorts {
  /** Ports between twin groups. */
  workloads: Map<TwinGroup, Map<TwinGroup, PortSet>>;
  /** Ports from a twin group to outside ranges, and from outside ranges to it. */
  toRanges: Map<TwinGroup, RangePorts>;
  fromRanges: Map<TwinGroup, RangePorts>;
}

/** The allowed connections of `groups()`, by twin group. */
function groupPorts(reach: Reachability): GroupPorts {
  const out: GroupPorts = { workloads: new Map(), toRanges: new Map(), fromRanges: new Map() };
  for (const { from, to, ports } of reach.groups()) {
    const toRange = parseRange(to[0]);
    const fromRange = parseRange(from[0]);
    if (toRange) pushTo(out.toRanges, from, { range: toRange, ports });
    else if (fromRange) pushTo(out.fromRanges, to, { range: fromRange, ports });
    else {
      let row = out.workloads.get(from);
      if (!row) out.workloads.set(from, (row = new Map<TwinGroup, PortSet>()));
      row.set(to, ports);
    }
  }
  return out;
}

/** Every workload or range pair whose allowed ports differ between `before` and `after`. */
export function reachChanges(before: Reachability, after: Reachability): PortsChange[] {
  const sides = [before, after].map((reach) => ({ reach, ports: groupPorts(reach) }));

  // Joint groups: the workloads that share their group on both sides, by the pair of groups.
  const joint = new Map<string, { ids: string[]; groups: Array<TwinGroup | undefined> }>();
  const jointKey = new Map<TwinGroup, number>();
  const keyNumber = (g: TwinGroup | undefined) => {
    if (g === undefined) return -1;
    let n = jointKey.get(g);
    if (n === undefined) jointKey.set(g, (n = jointKey.size));
    return n;
  };
  const jointsIn = new Map<TwinGroup, Set<string>>();
  const workloads = new Set(sides.flatMap(({ reach }) => reach.workloads.map((w) => w.id)));
  for (const id of workloads) {
    const groups = sides.map((side) => side.reach.twinsOf(id));
    const key = groups.map(keyNumber).join(',');
    let entry = joint.get(key);
    if (!entry) joint.set(key, (entry = { ids: [], groups }));
    entry.ids.push(id);
    for (const g of groups) {
      if (g === undefined) continue;
      let set = jointsIn.get(g);
      if (!set) jointsIn.set(g, (set = new Set()));
      set.add(key);
    }
  }

  const changes: PortsChange[] = [];
  // Each joint pair inside some allowed group pair, before or after, compared once.
  const portsOf = (side: number, from: TwinGroup | undefined, to: TwinGroup | undefined) =>
    (from && to && sides[side].ports.workloads.get(from)?.get(to)) || PortSet.empty();
  const seen = new Set<string>();
  for (const side of sides) {
    for (const [from, row] of side.ports.workloads) {
      for (const to of row.keys()) {
        for (const x of jointsIn.get(from) ?? [])
          for (const y of jointsIn.get(to) ?? []) {
            const pair = `${x} ${y}`;
            if (seen.has(pair)) continue;
            seen.add(pair);
            const [f, t] = [joint.get(x)!, joint.get(y)!];
            const was = portsOf(0, f.groups[0], t.groups[0]);
            const now = portsOf(1, f.groups[1], t.groups[1]);
            const gained = now.minus(was);
            const lost = was.minus(now);
            if (gained.isEmpty() && lost.isEmpty()) continue;
            for (const a of f.ids) for (const b of t.ids) if (a !== b) changes.push({ from: a, to: b, gained, lost });
          }
      }
    }
  }

  // Outside ranges: both inputs' cuts cut each other, so every piece lies inside one range of each side.
  const sharedCut = cutSpace([...before.externals, ...after.externals]);
  for (const { ids, groups } of joint.values()) {
    for (const direction of ['toRanges', 'fromRanges'] as const) {
      const [was, now] = groups.map((g, side) => (g && sides[side].ports[direction].get(g)) || []);
      if (was.length === 0 && now.length === 0) continue;
      const [wasAt, nowAt] = [portsAt(was), portsAt(now)];
      const runs = runsOf(
        sharedCut,
        (piece) => {
          const [p, q] = [wasAt(piece), nowAt(piece)];
          return { gained: q.minus(p), lost: p.minus(q) };
        },
        (a, b) => a.gained.equals(b.gained) && a.lost.equals(b.lost),
      );
      for (const { range, value } of runs) {
        if (value.gained.isEmpty() && value.lost.isEmpty()) continue;
        const name = formatRange(range);
        for (const id of ids)
          changes.push(direction === 'toRanges' ? { from: id, to: name, ...value } : { from: name, to: id, ...value });
      }
    }
  }
  return changes;
}

/** The ports of the range holding each piece, for pieces asked in address order (empty outside every range). */
function portsAt(ranges: RangePorts): (piece: Ipv4Range) => PortSet {
  let i = 0;
  return (piece) => {
    while (i < ranges.length && ranges[i].range.end < piece.start) i++;
    const hit = ranges[i];
    return hit && hit.range.start <= piece.start ? hit.ports : PortSet.empty();
  };
}
