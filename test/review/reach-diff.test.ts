// diff's reachability comparison (review/reach-diff.ts) works on joint twin groups; it must report
// exactly the pairs a pair-by-pair comparison of allowed() reports, with the same ports.
import { describe, it, expect } from 'vitest';
import { computeReachability, type Reachability } from '../../src/graph/reach.js';
import { formatRange } from '../../src/graph/netpol/ipv4.js';
import { reachChanges } from '../../src/review/reach-diff.js';
import { graphOf } from '../network/fixtures.js';
import { randomCluster } from '../network/random-cluster.js';

/** Every endpoint pair's allowed ports, one by one. */
function allPairs(reach: Reachability): Map<string, string> {
  const ids = [...reach.workloads.map((w) => w.id), ...reach.externals.map(formatRange)];
  const out = new Map<string, string>();
  for (const a of ids)
    for (const b of ids) {
      if (a === b) continue;
      const ports = reach.allowed(a, b);
      if (!ports.isEmpty()) out.set(`${a} > ${b}`, ports.toString());
    }
  return out;
}

describe('reachability changes between two inputs', () => {
  it('are the pairs whose ports differ, on 150 random before/after clusters', () => {
    let changed = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const before = computeReachability(graphOf(randomCluster(seed)));
      // The same cluster with one policy changed or removed, or a different cluster altogether.
      const objects = randomCluster(seed % 3 === 0 ? seed + 1000 : seed);
      const after = computeReachability(graphOf(seed % 3 === 1 ? objects.slice(0, -1) : objects.slice(0, -2)));
      const was = allPairs(before);
      const now = allPairs(after);
      const expected = new Map<string, string>();
      for (const key of new Set([...was.keys(), ...now.keys()])) {
        const [a, b] = key.split(' > ');
        const gained = after.allowed(a, b).minus(before.allowed(a, b));
        const lost = before.allowed(a, b).minus(after.allowed(a, b));
        if (!gained.isEmpty() || !lost.isEmpty()) expected.set(key, `+${gained.toString()} -${lost.toString()}`);
      }
      const found = new Map<string, string>();
      for (const c of reachChanges(before, after)) {
        const key = `${c.from} > ${c.to}`;
        expect(found.has(key), `seed ${seed}: ${key} twice`).toBe(false);
        found.set(key, `+${c.gained.toString()} -${c.lost.toString()}`);
      }
      expect(found, `seed ${seed}`).toEqual(expected);
      changed += found.size;
    }
    expect(changed).toBeGreaterThan(500);
  });
});
