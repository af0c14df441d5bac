import { describe, expect, it } from 'vitest';
import { NodePoolError, packPods, parseNodePools } from '../../src/sim/binpack.js';

const GI = 1024 ** 3;

describe('parseNodePools', () => {
  it('reads count, CPU, memory and an optional pod limit', () => {
    expect(parseNodePools('3x4cpu16Gi')).toEqual([
      { spec: '3x4cpu16Gi', count: 3, cpuMillis: 4000, memoryBytes: 16 * GI, maxPods: 110 },
    ]);
    expect(parseNodePools('2x500mcpu1.5Gi20pods, 8cpu32G')).toEqual([
      { spec: '2x500mcpu1.5Gi20pods', count: 2, cpuMillis: 500, memoryBytes: 1.5 * GI, maxPods: 20 },
      { spec: '8cpu32G', count: 1, cpuMillis: 8000, memoryBytes: 32e9, maxPods: 110 },
    ]);
  });
  it('rejects what is not a pool, naming it', () => {
    expect(() => parseNodePools('3 big nodes')).toThrow(NodePoolError);
    expect(() => parseNodePools('3 big nodes')).toThrow(/node pool "3 big nodes": expected <count>x<cpu>cpu<memory>/);
    expect(() => parseNodePools('0x4cpu16Gi')).toThrow(/must be positive/);
    expect(() => parseNodePools('')).toThrow(NodePoolError);
  });
});

describe('packPods', () => {
  const pool = parseNodePools('2x1cpu2Gi');
  it('places everything that fits', () => {
    const r = packPods(pool, [{ owner: 'a', count: 3, cpuMillis: 500, memoryBytes: GI }]);
    expect(r.placed).toBe(3);
    expect(r.pending).toEqual([]);
  });
  it('reports what stays Pending and why', () => {
    const r = packPods(pool, [{ owner: 'a', count: 5, cpuMillis: 500, memoryBytes: 256 * 1024 ** 2 }]);
    expect(r.pending).toEqual([{ owner: 'a', count: 1, reason: 'insufficient cpu' }]);
    expect(packPods(pool, [{ owner: 'big', count: 1, cpuMillis: 2000, memoryBytes: 1 }]).pending[0].reason).toBe(
      'requests more CPU than any node has',
    );
    expect(packPods(pool, [{ owner: 'm', count: 3, cpuMillis: 1, memoryBytes: 1.5 * GI }]).pending[0]).toEqual({
      owner: 'm',
      count: 1,
      reason: 'insufficient memory',
    });
  });
  it('runs DaemonSet pods on every node first', () => {
    const r = packPods(pool, [
      { owner: 'app', count: 2, cpuMillis: 900, memoryBytes: 1 },
      { owner: 'agent', count: 1, cpuMillis: 200, memoryBytes: 1, everyNode: true },
    ]);
    expect(r.nodes.map((n) => n.owners.has('agent'))).toEqual([true, true]);
    expect(r.pending).toEqual([{ owner: 'app', count: 2, reason: 'insufficient cpu' }]);
  });
  it('places at most one pod per node under required self anti-affinity', () => {
    const r = packPods(pool, [{ owner: 'db', count: 3, cpuMillis: 1, memoryBytes: 1, onePerNode: true }]);
    expect(r.pending).toEqual([
      { owner: 'db', count: 1, reason: 'anti-affinity allows one per node and every node has one' },
    ]);
  });
  it('honours the pods-per-node limit', () => {
    const r = packPods(parseNodePools('1x4cpu4Gi2pods'), [{ owner: 'p', count: 3, cpuMillis: 1, memoryBytes: 1 }]);
    expect(r.pending).toEqual([{ owner: 'p', count: 1, reason: 'too many pods' }]);
  });
  it('packs largest first, so big pods are not stranded behind small ones', () => {
    // In input order the two small pods would share a node and leave no room for the second large one.
    const r = packPods(parseNodePools('2x1cpu4Gi'), [
      { owner: 'a-small', count: 2, cpuMillis: 400, memoryBytes: 1 },
      { owner: 'b-large', count: 2, cpuMillis: 600, memoryBytes: 1 },
    ]);
    expect(r.pending).toEqual([]);
    expect(r.placed).toBe(4);
  });
});
