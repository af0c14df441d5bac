// Capacity: what the workloads ask for (requests and limits × replicas, at the minimum and at the
// HPA maximum; DaemonSets × their declared node count — computed once, in sim/resources.ts), and
// whether it fits the declared node pools when packed (sim/binpack.ts, with its default reserve per node). Pools come from
// `--nodes` (all namespaces) or else from each Namespace's `shipshape.dev/node-pool` annotation
// (the workloads of the namespaces declaring the same pool share it). Without either, nothing is packed.
import { ANNOTATIONS } from '../k8s/annotations.js';
import { nodeId, parseNodeId } from '../k8s/object.js';
import { formatBytes, formatCpu } from '../vocabulary/quantity.js';
import { NodePoolError, packPods, parseNodePools, type NodePool } from '../sim/binpack.js';
import { podGroups } from '../sim/pod-groups.js';
import { summarizeResources, type ComponentResources, type ResourceSummary, type Totals } from '../sim/resources.js';
import type { Check, CheckContext, RawFinding } from './types.js';
import { nodesOfKind } from './workloads.js';
import { pushTo } from '../graph/multimap.js';
import { InputError } from '../diagnostics/index.js';

/** The resource summary, or a finding saying why it cannot be computed (a malformed quantity). */
function summary(ctx: CheckContext, problems: RawFinding[]): ResourceSummary | undefined {
  try {
    return summarizeResources(ctx.graph);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    const object = err.objectId ?? '<input>';
    problems.push({ object, message: `resources cannot be totalled: ${err.message}`, severity: 'error' });
    return undefined;
  }
}

function describeTotals(t: Totals): string {
  return `requests ${formatCpu(t.cpuRequestMillis)} CPU / ${formatBytes(t.memoryRequestBytes)}, limits ${formatCpu(t.cpuLimitMillis)} CPU / ${formatBytes(t.memoryLimitBytes)}`;
}

const capacityTotals: Check = {
  id: 'capacity-totals',
  family: 'capacity',
  severity: 'info',
  rationale:
    "Knowing what a namespace asks for at its minimum and at its autoscalers' maximum is the start of every capacity plan.",
  hint: "Compare with the cluster's allocatable capacity, or declare the node pool (--nodes or shipshape.dev/node-pool) to have it checked.",
  run: (ctx) => {
    const out: RawFinding[] = [];
    const components = summary(ctx, out)?.components ?? [];
    const byNamespace = new Map<string, ComponentResources[]>();
    for (const c of components) {
      const ns = parseNodeId(c.id).namespace;
      if (ns) pushTo(byNamespace, ns, c);
    }
    return [
      ...out,
      ...[...byNamespace].map(([ns, cs]) => {
        const sum = (pick: (c: ComponentResources) => Totals) =>
          cs.reduce(
            (t, c) => {
              const x = pick(c);
              return {
                cpuRequestMillis: t.cpuRequestMillis + x.cpuRequestMillis,
                cpuLimitMillis: t.cpuLimitMillis + x.cpuLimitMillis,
                memoryRequestBytes: t.memoryRequestBytes + x.memoryRequestBytes,
                memoryLimitBytes: t.memoryLimitBytes + x.memoryLimitBytes,
              };
            },
            { cpuRequestMillis: 0, cpuLimitMillis: 0, memoryRequestBytes: 0, memoryLimitBytes: 0 },
          );
        const pods = (which: 'min' | 'max') => cs.reduce((n, c) => n + c.replicas[which], 0);
        return {
          object: nodeId('Namespace', ns),
          message: `${cs.length} workload(s): at minimum ${pods('min')} pod(s), ${describeTotals(sum((c) => c.atMin))}; at HPA maximum ${pods('max')} pod(s), ${describeTotals(sum((c) => c.atMax))}`,
        };
      }),
    ];
  },
};

const capacityPerComponent: Check = {
  id: 'capacity-per-component',
  family: 'capacity',
  severity: 'info',
  optIn: true,
  rationale:
    "Per component, what it asks for at its minimum and at its autoscaler's maximum shows where the capacity goes.",
  hint: 'Right-size the largest components first.',
  run: (ctx) => {
    const out: RawFinding[] = [];
    for (const c of summary(ctx, out)?.components ?? []) {
      const pods = c.replicas.min === c.replicas.max ? `${c.replicas.min}` : `${c.replicas.min}–${c.replicas.max}`;
      out.push({
        object: c.id,
        message: `${pods} pod(s): at minimum ${describeTotals(c.atMin)}; at maximum ${describeTotals(c.atMax)}`,
      });
    }
    return out;
  },
};

interface Cluster {
  pools: NodePool[];
  /** Where the pools were declared, for messages. */
  declared: string;
  /** Namespaces whose workloads run on it; undefined means all. */
  namespaces?: Set<string>;
}

/** Pools from --nodes, else from Namespace annotations; invalid annotations become findings. */
function clustersOf(ctx: CheckContext, problems: RawFinding[]): Cluster[] {
  if (ctx.options.nodes)
    return [{ pools: parseNodePools(ctx.options.nodes), declared: `--nodes ${ctx.options.nodes}` }];
  const byPool = new Map<string, Cluster>();
  for (const ns of nodesOfKind(ctx.graph, 'Namespace')) {
    const value = ns.object.metadata.annotations?.[ANNOTATIONS.nodePool];
    if (typeof value !== 'string') continue;
    try {
      const cluster = byPool.get(value) ?? {
        pools: parseNodePools(value),
        declared: `node pool ${value}`,
        namespaces: new Set<string>(),
      };
      cluster.namespaces!.add(ns.name);
      byPool.set(value, cluster);
    } catch (err) {
      if (!(err instanceof NodePoolError)) throw err;
      problems.push({
        object: ns.id,
        path: `metadata.annotations["${ANNOTATIONS.nodePool}"]`,
        message: err.message,
        severity: 'error',
      });
    }
  }
  return [...byPool.values()];
}

const capacityFit: Check = {
  id: 'capacity-fit',
  family: 'capacity',
  severity: 'error',
  rationale:
    'Pods whose requests fit on no node stay Pending: at the minimum the deployment never comes up; at the HPA maximum it cannot scale when load needs it.',
  hint: 'Add nodes or larger nodes to the pool, lower requests, or lower the HPA maximum.',
  run: (ctx) => {
    const out: RawFinding[] = [];
    const clusters = clustersOf(ctx, out);
    if (clusters.length === 0) return out;
    const components = summary(ctx, [])?.components; // capacity-totals reports why it fails
    if (!components) return out;
    for (const cluster of clusters) {
      const atMin = packPods(cluster.pools, podGroups(ctx.graph, components, 'min', cluster.namespaces));
      const atMax = packPods(cluster.pools, podGroups(ctx.graph, components, 'max', cluster.namespaces));
      const pendingAtMin = new Set(atMin.pending.map((p) => p.owner));
      for (const p of atMin.pending) {
        out.push({
          object: p.owner,
          message: `${p.count} pod(s) stay Pending at the minimum replica count on ${cluster.declared}: ${p.reason}`,
        });
      }
      for (const p of atMax.pending) {
        if (pendingAtMin.has(p.owner)) continue;
        out.push({
          object: p.owner,
          message: `${p.count} pod(s) stay Pending when the autoscalers are at their maximum, on ${cluster.declared}: ${p.reason}`,
          severity: 'warning',
        });
      }
    }
    return out;
  },
};

export const capacityChecks: Check[] = [capacityTotals, capacityPerComponent, capacityFit];
