// diff's reachability comparison (review/reach-diff.ts) works on joint twin groups and, outside the
// cluster, on a cut shared by both inputs; it must report exactly the pairs a pair-by-pair
// comparison of allowed() reports, with the same ports, and join adjacent ranges that changed alike.
import { describe, it, expect } from 'vitest';
import { computeReachability } from '../../src/graph/reach.js';
import { cutSpace, formatRange, parseRange, type Ipv4Range } from '../../src/graph/netpol/ipv4.js';
import { reachChanges } from '../../src/review/reach-diff.js';
import { graphOf } from '../network/fixtures.js';
import { randomCluster } from '../network/random-cluster.js';

/** The pieces of `cut` a reported range covers, failing unless it is exactly a run of them. */
function piecesOf(name: string, cut: Ipv4Range[]): string[] {
  const range = parseRange(name);
  if (!range) return [name];
  const inside = cut.filter((p) => range.start <= p.start && p.end <= range.end);
  expect(inside[0]?.start, `${name} starts on a piece`).toBe(range.start);
  expect(inside[inside.length - 1]?.end, `${name} ends on a piece`).toBe(range.end);
  return inside.map(formatRange);
}

describe('reachability changes between two inputs', () => {
  it('are the pairs whose ports differ, on 150 random before/after clusters', () => {
    let changed = 0;
    let joined = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const before = computeReachability(graphOf(randomCluster(seed)));
      // The same cluster with one policy changed or removed, or a different cluster altogether.
      const objects = randomCluster(seed % 3 === 0 ? seed + 1000 : seed);
      const after = computeReachability(graphOf(seed % 3 === 1 ? objects.slice(0, -1) : objects.slice(0, -2)));
      // Every endpoint pair, outside addresses as the pieces of both inputs' cuts cut together.
      const cut = cutSpace([...before.externals, ...after.externals]);
      const workloads = [...new Set([...before.workloads, ...after.workloads].map((w) => w.id))];
      const ids = [...workloads, ...cut.map(formatRange)];
      const expected = new Map<string, string>();
      for (const a of ids)
        for (const b of ids) {
          if (a === b || (parseRange(a) && parseRange(b))) continue;
          const gained = after.allowed(a, b).minus(before.allowed(a, b));
          const lost = before.allowed(a, b).minus(after.allowed(a, b));
          if (!gained.isEmpty() || !lost.isEmpty())
            expected.set(`${a} > ${b}`, `+${gained.toString()} -${lost.toString()}`);
        }
      const found = new Map<string, string>();
      const reported = new Map<string, string>();
      for (const c of reachChanges(before, after)) {
        const change = `+${c.gained.toString()} -${c.lost.toString()}`;
        reported.set(`${c.from} > ${c.to}`, change);
        for (const a of piecesOf(c.from, cut))
          for (const b of piecesOf(c.to, cut)) {
            const key = `${a} > ${b}`;
            expect(found.has(key), `seed ${seed}: ${key} twice`).toBe(false);
            found.set(key, change);
          }
        if (parseRange(c.from) ?? parseRange(c.to))
          joined += piecesOf(c.from, cut).length * piecesOf(c.to, cut).length - 1;
      }
      expect(found, `seed ${seed}`).toEqual(expected);
      // Adjacent reported ranges of one workload and direction differ in their change: else they would be one.
      for (const [key, change] of reported) {
        const [a, b] = key.split(' > ');
        const range = parseRange(a) ?? parseRange(b);
        if (!range || range.end === 0xffffffff) continue;
        const next = cut.find((p) => p.start === range.end + 1)!;
        const neighbour = [...reported.keys()].find((k) => {
          const [x, y] = k.split(' > ');
          const r = parseRange(parseRange(a) ? x : y);
          return r?.start === next.start && (parseRange(a) ? y === b : x === a);
        });
        if (neighbour) expect(reported.get(neighbour), `seed ${seed}: ${key} and ${neighbour}`).not.toBe(change);
      }
      changed += found.size;
    }
    expect(changed).toBeGreaterThan(500);
    // The joining must be exercised: some reported range covers more than one piece of the shared cut.
    expect(joined).toBeGreaterThan(20);
  });
});
