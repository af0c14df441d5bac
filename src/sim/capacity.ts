// `simulate capacity`: the workloads packed onto node pools (binpack.ts) at their minimum and at
// their HPA maximum: what stays Pending and why, how full each node is, and the smallest pool of
// identical nodes (of each declared node shape) that holds everything.
import type { Graph } from '../graph/model.js';
import { packPods, type NodePool, type PackResult, type PendingPods, type Reserve } from './binpack.js';
import { podGroups } from './pod-groups.js';
import { summarizeResources } from './resources.js';

export interface NodeUse {
  node: string;
  pool: string;
  pods: number;
  /** Percent of allocatable. */
  cpuPercent: number;
  memoryPercent: number;
}

export interface CapacityAt {
  /** Pods to place: DaemonSet pods once per node they belong on. */
  pods: number;
  placed: number;
  pending: PendingPods[];
  nodes: NodeUse[];
}

export interface UniformPool {
  /** The node shape, as declared without its count. */
  shape: string;
  /** Nodes needed; undefined when no count up to the search limit fits (a pod larger than the node, or a constraint no node of the shape meets). */
  nodes?: number;
}

export interface CapacityReport {
  reserve: Reserve;
  min: CapacityAt;
  max: CapacityAt;
  /** At the HPA maximum. */
  smallestUniformPool: UniformPool[];
}

/** Searching further than this many nodes for a uniform pool means it does not fit at any size. */
export const UNIFORM_POOL_LIMIT = 500;

function at(result: PackResult): CapacityAt {
  const pct = (used: number, of: number) => (of === 0 ? 0 : Math.round((used / of) * 1000) / 10);
  return {
    pods: result.placed + result.pending.reduce((n, p) => n + p.count, 0),
    placed: result.placed,
    pending: result.pending,
    nodes: result.nodes.map((n) => ({
      node: n.name,
      pool: n.pool,
      pods: n.pods,
      cpuPercent: pct(n.usedCpuMillis, n.cpuMillis),
      memoryPercent: pct(n.usedMemoryBytes, n.memoryBytes),
    })),
  };
}

/** The smallest count of nodes of `shape` that leaves nothing Pending (binary search: fitting only gets easier with more nodes). */
function smallestUniform(pool: NodePool, groups: Parameters<typeof packPods>[1], reserve: Reserve): UniformPool {
  const shape = pool.spec.replace(/^\d+x/, '');
  const fits = (count: number) => packPods([{ ...pool, count }], groups, reserve).pending.length === 0;
  if (!fits(UNIFORM_POOL_LIMIT)) return { shape };
  let lo = 1;
  let hi = UNIFORM_POOL_LIMIT;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits(mid)) hi = mid;
    else lo = mid + 1;
  }
  return { shape, nodes: lo };
}

export function simulateCapacity(graph: Graph, pools: NodePool[], reserve: Reserve): CapacityReport {
  const components = summarizeResources(graph).components;
  const groups = (which: 'min' | 'max') => podGroups(graph, components, which);
  const maxGroups = groups('max');
  return {
    reserve,
    min: at(packPods(pools, groups('min'), reserve)),
    max: at(packPods(pools, maxGroups, reserve)),
    smallestUniformPool: pools.map((p) => smallestUniform(p, maxGroups, reserve)),
  };
}
