// Packing onto node pools: the scheduler filters as the Kubernetes documentation describes them
// (concepts/scheduling-eviction: taint-and-toleration, assign-pod-node, topology-spread-constraints)
// and its "0/N nodes are available" message.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RESERVE,
  NO_RESERVE,
  NodePoolError,
  packPods,
  parseNodePools,
  parseReserve,
} from '../../src/sim/binpack.js';

const GI = 1024 ** 3;

describe('parseNodePools', () => {
  it('reads count, CPU, memory, an optional pod limit, labels and taints', () => {
    expect(parseNodePools('3x4cpu16Gi')).toEqual([
      { spec: '3x4cpu16Gi', count: 3, cpuMillis: 4000, memoryBytes: 16 * GI, maxPods: 110 },
    ]);
    expect(parseNodePools('2x500mcpu1.5Gi20pods, 8cpu32G')).toEqual([
      { spec: '2x500mcpu1.5Gi20pods', count: 2, cpuMillis: 500, memoryBytes: 1.5 * GI, maxPods: 20 },
      { spec: '8cpu32G', count: 1, cpuMillis: 8000, memoryBytes: 32e9, maxPods: 110 },
    ]);
    expect(parseNodePools('3x4cpu16Gi,2x8cpu32Gi[pool=gpu;taint:gpu=true:NoSchedule]')[1]).toMatchObject({
      labels: { pool: 'gpu' },
      taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }],
    });
  });
  it('rejects what is not a pool, naming it', () => {
    expect(() => parseNodePools('3 big nodes')).toThrow(/node pool "3 big nodes": expected <count>x<cpu>cpu<memory>/);
    expect(() => parseNodePools('0x4cpu16Gi')).toThrow(/must be positive/);
    expect(() => parseNodePools('')).toThrow(NodePoolError);
    expect(() => parseNodePools('1x4cpu16Gi[taint:gpu:Never]')).toThrow(
      /expected key=value or taint:key=value:NoSchedule/,
    );
  });
  it('reads a reserve per node', () => {
    expect(parseReserve('200m,1Gi')).toEqual({ cpuMillis: 200, memoryBytes: GI });
    expect(parseReserve('0')).toEqual(NO_RESERVE);
    expect(() => parseReserve('lots')).toThrow(/expected <cpu>,<memory>/);
  });
});

describe('packPods: resources', () => {
  const pool = parseNodePools('2x1cpu2Gi');
  it('places everything that fits, on allocatable = capacity − reserve', () => {
    expect(packPods(pool, [{ owner: 'a', count: 4, cpuMillis: 500, memoryBytes: GI }], NO_RESERVE).pending).toEqual([]);
    // the default reserve (100m, 512Mi) leaves 900m: one 500m pod per node
    const r = packPods(pool, [{ owner: 'a', count: 4, cpuMillis: 500, memoryBytes: 256 * 1024 ** 2 }]);
    expect(DEFAULT_RESERVE).toEqual({ cpuMillis: 100, memoryBytes: 512 * 1024 ** 2 });
    expect(r.pending).toEqual([{ owner: 'a', count: 2, reason: '0/2 nodes are available: 2 Insufficient cpu.' }]);
  });
  it('names every short resource, and the pods-per-node limit', () => {
    const r = packPods(
      parseNodePools('1x1cpu1Gi'),
      [{ owner: 'm', count: 1, cpuMillis: 2000, memoryBytes: 2 * GI }],
      NO_RESERVE,
    );
    expect(r.pending[0].reason).toBe('0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory.');
    const p = packPods(
      parseNodePools('1x4cpu4Gi2pods'),
      [{ owner: 'p', count: 3, cpuMillis: 1, memoryBytes: 1 }],
      NO_RESERVE,
    );
    expect(p.pending).toEqual([{ owner: 'p', count: 1, reason: '0/1 nodes are available: 1 Too many pods.' }]);
  });
  it('packs largest first, so big pods are not stranded behind small ones', () => {
    const r = packPods(
      parseNodePools('2x1cpu4Gi'),
      [
        { owner: 'a-small', count: 2, cpuMillis: 400, memoryBytes: 1 },
        { owner: 'b-large', count: 2, cpuMillis: 600, memoryBytes: 1 },
      ],
      NO_RESERVE,
    );
    expect([r.pending, r.placed]).toEqual([[], 4]);
  });
});

describe('packPods: scheduling constraints', () => {
  const pools = parseNodePools('2x4cpu16Gi,1x8cpu32Gi[pool=gpu;taint:key1=value1:NoSchedule]');
  const pod = { cpuMillis: 100, memoryBytes: GI };
  it('taints: a pod without a matching toleration stays off the tainted node (Equal and Exists tolerate)', () => {
    const onGpu = (tolerations: object[]) =>
      packPods(pools, [
        { owner: 'x', count: 1, ...pod, nodeSelector: { pool: 'gpu' }, tolerations: tolerations as never },
      ]);
    expect(onGpu([]).pending[0].reason).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {key1: value1}, 2 node(s) didn't match Pod's node affinity/selector.",
    );
    expect(onGpu([{ key: 'key1', operator: 'Equal', value: 'value1', effect: 'NoSchedule' }]).pending).toEqual([]);
    expect(onGpu([{ key: 'key1', operator: 'Exists', effect: 'NoSchedule' }]).pending).toEqual([]);
    expect(onGpu([{ key: 'key1', operator: 'Equal', value: 'other', effect: 'NoSchedule' }]).pending).toHaveLength(1);
  });
  it('required node affinity: terms ORed, expressions ANDed, In/NotIn/Exists/DoesNotExist/Gt/Lt', () => {
    const zoned = parseNodePools('1x4cpu16Gi[zone=antarctica-east1;cores=4],1x4cpu16Gi[zone=elsewhere;cores=16]');
    const place = (terms: object[][]) =>
      packPods(zoned, [{ owner: 'x', count: 1, ...pod, nodeAffinity: terms as never }]).nodes.map((n) => n.pods);
    expect(place([[{ key: 'zone', operator: 'In', values: ['antarctica-east1', 'antarctica-west1'] }]])).toEqual([
      1, 0,
    ]);
    expect(place([[{ key: 'zone', operator: 'NotIn', values: ['antarctica-east1'] }]])).toEqual([0, 1]);
    expect(place([[{ key: 'cores', operator: 'Gt', values: ['8'] }]])).toEqual([0, 1]);
    expect(place([[{ key: 'gpu', operator: 'DoesNotExist' }], [{ key: 'zone', operator: 'Exists' }]])).toEqual([1, 0]);
  });
  it('required anti-affinity on hostname: one pod of the workload per node', () => {
    const r = packPods(parseNodePools('2x4cpu16Gi'), [{ owner: 'db', count: 3, ...pod, onePerNode: true }]);
    expect(r.pending).toEqual([
      { owner: 'db', count: 1, reason: "0/2 nodes are available: 2 node(s) didn't match pod anti-affinity rules." },
    ]);
  });
  it('topology spread on hostname (maxSkew 1, DoNotSchedule): spread evenly; a full node blocks the others', () => {
    const even = packPods(parseNodePools('3x4cpu16Gi'), [{ owner: 'w', count: 6, ...pod, spreadMaxSkew: 1 }]);
    expect(even.nodes.map((n) => n.pods)).toEqual([2, 2, 2]);
    const blocked = packPods(
      parseNodePools('1x4cpu16Gi,1x200mcpu16Gi'),
      [{ owner: 'w', count: 3, cpuMillis: 500, memoryBytes: GI, spreadMaxSkew: 1 }],
      NO_RESERVE,
    );
    expect(blocked.pending).toEqual([
      {
        owner: 'w',
        count: 2,
        reason: "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match pod topology spread constraints.",
      },
    ]);
  });
  it('DaemonSets run on every node they may run on, first', () => {
    const r = packPods(pools, [
      { owner: 'agent', count: 1, ...pod, everyNode: true },
      { owner: 'gpu-agent', count: 1, ...pod, everyNode: true, tolerations: [{ operator: 'Exists' }] },
    ]);
    expect(r.nodes.map((n) => [...n.owners.keys()])).toEqual([
      ['agent', 'gpu-agent'],
      ['agent', 'gpu-agent'],
      ['gpu-agent'],
    ]);
  });
});
