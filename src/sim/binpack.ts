// Packing pods onto declared node pools the way the scheduler's filters decide where a pod may
// go: requests against allocatable (capacity minus a per-node reserve), the pods-per-node limit,
// nodeSelector and required node affinity, taints (NoSchedule, NoExecute) against tolerations,
// required pod anti-affinity on kubernetes.io/hostname against the pod's own workload, and
// topology spread on kubernetes.io/hostname (DoNotSchedule). DaemonSet pods go first, one on
// every node they may run on; the rest are placed largest first, each on the first node that
// passes every filter (with a spread constraint, the one with fewest of its pods). A planning
// estimate: no preemption, no scoring beyond that, no pod affinity between workloads.
import { parseMillis, parseUnits, QuantityError } from '../vocabulary/quantity.js';

export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface NodePool {
  /** As declared, e.g. `3x4cpu16Gi`. */
  spec: string;
  count: number;
  cpuMillis: number;
  memoryBytes: number;
  /** Pods per node; default 110, the kubelet's default maxPods. */
  maxPods: number;
  labels?: Record<string, string>;
  taints?: Taint[];
}

export class NodePoolError extends Error {}

export const DEFAULT_MAX_PODS = 110;

/** What each node keeps back from pods (kube-reserved, system-reserved, eviction threshold). */
export interface Reserve {
  cpuMillis: number;
  memoryBytes: number;
}

/** The stated default reserve per node: 100m CPU and 512Mi memory. */
export const DEFAULT_RESERVE: Reserve = { cpuMillis: 100, memoryBytes: 512 * 1024 ** 2 };
export const NO_RESERVE: Reserve = { cpuMillis: 0, memoryBytes: 0 };

const POOL = /^(?:(\d+)x)?([0-9.]+m?)cpu([0-9.]+(?:[KMGTPE]i?|[kmgtpe])?)(?:(\d+)pods)?(?:\[([^\]]*)\])?$/;
const TAINT = /^taint:([^=:]+)(?:=([^:]*))?:(NoSchedule|PreferNoSchedule|NoExecute)$/;

function poolAttributes(text: string | undefined, spec: string): Pick<NodePool, 'labels' | 'taints'> {
  const labels: Record<string, string> = {};
  const taints: Taint[] = [];
  for (const item of (text ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const t = TAINT.exec(item);
    if (t) {
      taints.push({ key: t[1], ...(t[2] ? { value: t[2] } : {}), effect: t[3] as Taint['effect'] });
      continue;
    }
    const eq = item.indexOf('=');
    if (item.startsWith('taint:') || eq <= 0)
      throw new NodePoolError(
        `node pool "${spec}": "${item}": expected key=value or taint:key=value:NoSchedule|PreferNoSchedule|NoExecute`,
      );
    labels[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return { ...(Object.keys(labels).length ? { labels } : {}), ...(taints.length ? { taints } : {}) };
}

/**
 * Node pools as declared: `3x4cpu16Gi`, several comma-separated (`3x4cpu16Gi,2x8cpu32Gi`), an
 * optional pod limit (`3x4cpu16Gi110pods`), optional labels and taints in brackets
 * (`2x8cpu32Gi[pool=gpu;taint:gpu=true:NoSchedule]`); the count defaults to 1.
 */
export function parseNodePools(text: string): NodePool[] {
  const pools = text
    .split(/,(?![^[]*\])/)
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
          ...poolAttributes(m[5], spec),
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

/** `100m,512Mi` (CPU, memory) or `0`. */
export function parseReserve(text: string): Reserve {
  if (text.trim() === '0') return NO_RESERVE;
  const [cpu, memory, ...rest] = text.split(',').map((s) => s.trim());
  try {
    if (memory === undefined || rest.length) throw new QuantityError('');
    return { cpuMillis: parseMillis(cpu), memoryBytes: parseUnits(memory) };
  } catch (err) {
    if (err instanceof QuantityError)
      throw new NodePoolError(`reserve "${text}": expected <cpu>,<memory> per node, e.g. 100m,512Mi, or 0`);
    throw err;
  }
}

export interface NodeSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  values?: string[];
}

export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: string;
}

/** One component's pods to place. */
export interface PodGroup {
  /** Node id of the workload. */
  owner: string;
  count: number;
  cpuMillis: number;
  memoryBytes: number;
  /** DaemonSet: one pod on every node it may run on, regardless of `count`. */
  everyNode?: boolean;
  /** Required pod anti-affinity on kubernetes.io/hostname against its own pods: at most one per node. */
  onePerNode?: boolean;
  nodeSelector?: Record<string, string>;
  /** Required node affinity: the terms are ORed, the expressions of a term ANDed. */
  nodeAffinity?: NodeSelectorRequirement[][];
  tolerations?: Toleration[];
  /** Topology spread on kubernetes.io/hostname with DoNotSchedule, against its own pods. */
  spreadMaxSkew?: number;
}

export interface PackedNode {
  pool: string;
  index: number;
  name: string;
  labels: Record<string, string>;
  taints: Taint[];
  /** Allocatable: capacity minus the reserve. */
  cpuMillis: number;
  memoryBytes: number;
  maxPods: number;
  usedCpuMillis: number;
  usedMemoryBytes: number;
  pods: number;
  /** Pods per owner on this node. */
  owners: Map<string, number>;
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

function matchesRequirement(labels: Record<string, string>, r: NodeSelectorRequirement): boolean {
  const v = labels[r.key];
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return v !== undefined && values.includes(v);
    case 'NotIn':
      return v === undefined || !values.includes(v);
    case 'Exists':
      return v !== undefined;
    case 'DoesNotExist':
      return v === undefined;
    case 'Gt':
    case 'Lt': {
      const n = Number(v);
      const bound = Number(values[0]);
      if (v === undefined || !Number.isInteger(n) || !Number.isInteger(bound)) return false;
      return r.operator === 'Gt' ? n > bound : n < bound;
    }
  }
}

/** NodeAffinity filter: nodeSelector and required node affinity both hold. */
export function matchesNode(n: Pick<PackedNode, 'labels'>, g: PodGroup): boolean {
  for (const [k, v] of Object.entries(g.nodeSelector ?? {})) if (n.labels[k] !== v) return false;
  if (!g.nodeAffinity) return true;
  return g.nodeAffinity.some((term) => term.length > 0 && term.every((r) => matchesRequirement(n.labels, r)));
}

function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if ((t.operator ?? 'Equal') === 'Exists') return !t.key || t.key === taint.key;
  return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
}

/** TaintToleration filter: the first NoSchedule/NoExecute taint no toleration tolerates. */
export function untoleratedTaint(n: Pick<PackedNode, 'taints'>, g: PodGroup): Taint | undefined {
  return n.taints.find(
    (taint) => taint.effect !== 'PreferNoSchedule' && !(g.tolerations ?? []).some((t) => tolerates(t, taint)),
  );
}

/**
 * Why `n` cannot take a pod of `g`, in the scheduler's words and filter order (TaintToleration,
 * NodeAffinity, NodeResourcesFit — which names every short resource —, PodTopologySpread,
 * InterPodAffinity); empty when it can.
 */
function filter(n: PackedNode, g: PodGroup, nodes: PackedNode[]): string[] {
  const taint = untoleratedTaint(n, g);
  if (taint) return [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`];
  if (!matchesNode(n, g)) return ["node(s) didn't match Pod's node affinity/selector"];
  const short: string[] = [];
  if (n.pods >= n.maxPods) short.push('Too many pods');
  if (n.usedCpuMillis + g.cpuMillis > n.cpuMillis) short.push('Insufficient cpu');
  if (n.usedMemoryBytes + g.memoryBytes > n.memoryBytes) short.push('Insufficient memory');
  if (short.length) return short;
  if (g.spreadMaxSkew !== undefined) {
    // Domains are the nodes passing the pod's node affinity (nodeAffinityPolicy Honor); taints are
    // ignored for them (nodeTaintsPolicy Ignore), as by default.
    const counts = nodes.filter((x) => matchesNode(x, g)).map((x) => x.owners.get(g.owner) ?? 0);
    if ((n.owners.get(g.owner) ?? 0) + 1 - Math.min(...counts) > g.spreadMaxSkew)
      return ["node(s) didn't match pod topology spread constraints"];
  }
  if (g.onePerNode && (n.owners.get(g.owner) ?? 0) > 0) return ["node(s) didn't match pod anti-affinity rules"];
  return [];
}

function place(n: PackedNode, g: PodGroup): void {
  n.usedCpuMillis += g.cpuMillis;
  n.usedMemoryBytes += g.memoryBytes;
  n.pods += 1;
  n.owners.set(g.owner, (n.owners.get(g.owner) ?? 0) + 1);
}

/** `0/5 nodes are available: 2 Insufficient cpu, 3 node(s) didn't match Pod's node affinity/selector.` */
function schedulerMessage(reasons: string[][], total: number): string {
  const counts = new Map<string, number>();
  for (const r of reasons.flat()) counts.set(r, (counts.get(r) ?? 0) + 1);
  // sorted as whole strings, count first, as the scheduler's FitError does
  const parts = [...counts].map(([r, c]) => `${c} ${r}`).sort();
  return `0/${total} nodes are available: ${parts.join(', ')}.`;
}

export function nodesOf(pools: NodePool[], reserve: Reserve): PackedNode[] {
  return pools.flatMap((p, pi) =>
    Array.from({ length: p.count }, (_, index) => {
      const name = `pool${pi}-node${index}`;
      return {
        pool: p.spec,
        index,
        name,
        labels: { ...p.labels, 'kubernetes.io/hostname': name },
        taints: p.taints ?? [],
        cpuMillis: Math.max(0, p.cpuMillis - reserve.cpuMillis),
        memoryBytes: Math.max(0, p.memoryBytes - reserve.memoryBytes),
        maxPods: p.maxPods,
        usedCpuMillis: 0,
        usedMemoryBytes: 0,
        pods: 0,
        owners: new Map<string, number>(),
      };
    }),
  );
}

export function packPods(pools: NodePool[], groups: PodGroup[], reserve: Reserve = DEFAULT_RESERVE): PackResult {
  const nodes = nodesOf(pools, reserve);
  const pending = new Map<string, PendingPods>();
  let placed = 0;
  const miss = (g: PodGroup, reason: string) => {
    const p = pending.get(g.owner) ?? { owner: g.owner, count: 0, reason };
    p.count += 1;
    pending.set(g.owner, p);
  };

  for (const g of groups.filter((x) => x.everyNode)) {
    // The DaemonSet controller creates a pod only for nodes the pod may run on.
    for (const n of nodes.filter((x) => matchesNode(x, g) && !untoleratedTaint(x, g))) {
      const why = filter(n, g, nodes);
      if (why.length === 0) {
        place(n, g);
        placed++;
      } else miss(g, `${n.name}: ${why.join(', ')}`);
    }
  }
  // Largest dominant share first (the fraction of the biggest node's CPU or memory a pod takes).
  const maxCpu = Math.max(1, ...nodes.map((n) => n.cpuMillis));
  const maxMem = Math.max(1, ...nodes.map((n) => n.memoryBytes));
  const share = (g: PodGroup) => Math.max(g.cpuMillis / maxCpu, g.memoryBytes / maxMem);
  const rest = groups
    .filter((x) => !x.everyNode)
    .sort((a, b) => share(b) - share(a) || (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0));
  for (const g of rest) {
    for (let i = 0; i < g.count; i++) {
      const reasons = nodes.map((n) => filter(n, g, nodes));
      const open = nodes.filter((_, k) => reasons[k].length === 0);
      // With a spread constraint the scheduler prefers the node with fewest of the pods.
      const n =
        g.spreadMaxSkew !== undefined
          ? open.reduce<PackedNode | undefined>(
              (best, x) => (!best || (x.owners.get(g.owner) ?? 0) < (best.owners.get(g.owner) ?? 0) ? x : best),
              undefined,
            )
          : open[0];
      if (n) {
        place(n, g);
        placed++;
      } else miss(g, schedulerMessage(reasons, nodes.length));
    }
  }
  return {
    nodes,
    placed,
    pending: [...pending.values()].sort((a, b) => (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0)),
  };
}
