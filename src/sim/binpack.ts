// Bin packing of pods onto declared node pools: does everything fit, and what stays Pending?
// A planning estimate, not the scheduler: DaemonSet pods go first, one on every node; the rest
// are placed first-fit decreasing (largest CPU-and-memory share first), honouring a pod count
// limit per node and "one per node" required anti-affinity. Declared node sizes are taken as
// allocatable (what pods may use), so leave the kubelet's reservation out of them.
import { parseMillis, parseUnits, QuantityError } from '../vocabulary/quantity.js';

export interface NodePool {
  /** As declared, e.g. `3x4cpu16Gi`. */
  spec: string;
  count: number;
  cpuMillis: number;
  memoryBytes: number;
  /** Pods per node; default 110, the kubelet's default maxPods. */
  maxPods: number;
}

export class NodePoolError extends Error {}

export const DEFAULT_MAX_PODS = 110;

const POOL = /^(?:(\d+)x)?([0-9.]+m?)cpu([0-9.]+(?:[KMGTPE]i?|[kmgtpe])?)(?:(\d+)pods)?$/;

/**
 * Node pools as declared: `3x4cpu16Gi`, several comma-separated (`3x4cpu16Gi,2x8cpu32Gi`), an
 * optional pod limit (`3x4cpu16Gi110pods`); the count defaults to 1.
 */
export function parseNodePools(text: string): NodePool[] {
  const pools = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((spec) => {
      const m = POOL.exec(spec);
      if (!m) throw new NodePoolError(`node pool "${spec}": expected <count>x<cpu>cpu<memory>, e.g. 3x4cpu16Gi`);
      try {
        const pool: NodePool = {
          spec,
          count: m[1] !== undefined ? Number(m[1]) : 1,
          cpuMillis: parseMillis(m[2]),
          memoryBytes: parseUnits(m[3]),
          maxPods: m[4] !== undefined ? Number(m[4]) : DEFAULT_MAX_PODS,
        };
        if (pool.count < 1 || pool.cpuMillis <= 0 || pool.memoryBytes <= 0 || pool.maxPods < 1)
          throw new NodePoolError(`node pool "${spec}": count, CPU, memory and pods must be positive`);
        return pool;
      } catch (err) {
        if (err instanceof QuantityError) throw new NodePoolError(`node pool "${spec}": ${err.message}`);
        throw err;
      }
    });
  if (pools.length === 0) throw new NodePoolError('no node pool declared: expected e.g. 3x4cpu16Gi');
  return pools;
}

/** One component's pods to place. */
export interface PodGroup {
  /** Node id of the workload. */
  owner: string;
  count: number;
  cpuMillis: number;
  memoryBytes: number;
  /** DaemonSet: one pod on every node, regardless of `count`. */
  everyNode?: boolean;
  /** Required pod anti-affinity on kubernetes.io/hostname against its own pods: at most one per node. */
  onePerNode?: boolean;
}

export interface PackedNode {
  pool: string;
  index: number;
  cpuMillis: number;
  memoryBytes: number;
  maxPods: number;
  usedCpuMillis: number;
  usedMemoryBytes: number;
  pods: number;
  owners: Set<string>;
}

export interface PendingPods {
  owner: string;
  count: number;
  /** Why the first of them found no node, in the scheduler's words. */
  reason: string;
}

export interface PackResult {
  nodes: PackedNode[];
  placed: number;
  pending: PendingPods[];
}

function fits(n: PackedNode, g: PodGroup): boolean {
  return (
    n.usedCpuMillis + g.cpuMillis <= n.cpuMillis &&
    n.usedMemoryBytes + g.memoryBytes <= n.memoryBytes &&
    n.pods < n.maxPods &&
    !(g.onePerNode && n.owners.has(g.owner))
  );
}

function place(n: PackedNode, g: PodGroup): void {
  n.usedCpuMillis += g.cpuMillis;
  n.usedMemoryBytes += g.memoryBytes;
  n.pods += 1;
  n.owners.add(g.owner);
}

/** Why no node takes a pod of `g`: the first resource that no node has enough of. */
function reasonFor(nodes: PackedNode[], g: PodGroup): string {
  if (nodes.every((n) => g.cpuMillis > n.cpuMillis)) return 'requests more CPU than any node has';
  if (nodes.every((n) => g.memoryBytes > n.memoryBytes)) return 'requests more memory than any node has';
  const open = nodes.filter((n) => !(g.onePerNode && n.owners.has(g.owner)));
  if (open.length === 0) return 'anti-affinity allows one per node and every node has one';
  if (open.every((n) => n.pods >= n.maxPods)) return 'too many pods';
  if (open.every((n) => n.usedCpuMillis + g.cpuMillis > n.cpuMillis)) return 'insufficient cpu';
  if (open.every((n) => n.usedMemoryBytes + g.memoryBytes > n.memoryBytes)) return 'insufficient memory';
  return 'insufficient cpu and memory';
}

export function packPods(pools: NodePool[], groups: PodGroup[]): PackResult {
  const nodes: PackedNode[] = pools.flatMap((p) =>
    Array.from({ length: p.count }, (_, index) => ({
      pool: p.spec,
      index,
      cpuMillis: p.cpuMillis,
      memoryBytes: p.memoryBytes,
      maxPods: p.maxPods,
      usedCpuMillis: 0,
      usedMemoryBytes: 0,
      pods: 0,
      owners: new Set<string>(),
    })),
  );
  const pending = new Map<string, PendingPods>();
  let placed = 0;
  const miss = (g: PodGroup) => {
    const p = pending.get(g.owner) ?? { owner: g.owner, count: 0, reason: reasonFor(nodes, g) };
    p.count += 1;
    pending.set(g.owner, p);
  };

  for (const g of groups.filter((x) => x.everyNode)) {
    for (const n of nodes) {
      if (fits(n, g)) {
        place(n, g);
        placed++;
      } else miss(g);
    }
  }
  // Largest dominant share first (the fraction of the biggest node's CPU or memory a pod takes).
  const maxCpu = Math.max(...nodes.map((n) => n.cpuMillis));
  const maxMem = Math.max(...nodes.map((n) => n.memoryBytes));
  const share = (g: PodGroup) => Math.max(g.cpuMillis / maxCpu, g.memoryBytes / maxMem);
  const rest = groups
    .filter((x) => !x.everyNode)
    .sort((a, b) => share(b) - share(a) || (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0));
  for (const g of rest) {
    for (let i = 0; i < g.count; i++) {
      const n = nodes.find((x) => fits(x, g));
      if (n) {
        place(n, g);
        placed++;
      } else miss(g);
    }
  }
  return {
    nodes,
    placed,
    pending: [...pending.values()].sort((a, b) => (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0)),
  };
}
