// Two inputs compared as architecture (issue 17): the objects by field, then each part shipshape
// derives from them — connections, reachability, intended paths, exposure, resource totals,
// autoscaling, rollout order, findings, RBAC — each reported only where it changed. `diff --json`
// prints this shape.
import { fingerprint } from '../checks/baseline.js';
import type { Graph, GraphEdge, GraphNode } from '../graph/model.js';
import { computeReachability, intendedConnections, type PortRange } from '../graph/reach.js';
import { fieldAt, isRecord, list, nodeId } from '../k8s/object.js';
import { hpaSpec, ingressSpec, serviceSpec } from '../k8s/kinds.js';
import { containersOf, podTemplateOf } from '../k8s/podspec.js';
import { summarizeResources, type Totals } from '../sim/resources.js';
import { runChecks, type Finding } from '../checks/index.js';
import { computePlan } from '../plan/index.js';
import { byCodePoint } from '../vocabulary/order.js';
import { fieldChanges, type FieldChange } from './fields.js';
import { reachChanges } from './reach-diff.js';

export interface ObjectChange {
  id: string;
  fields: FieldChange[];
}

export interface ObjectsDiff {
  added: string[];
  removed: string[];
  changed: ObjectChange[];
}

/** A `connects`, `uses` or `routes` edge of the graph. */
export interface ConnectionChange {
  type: 'connects' | 'uses' | 'routes';
  from: string;
  to: string;
  port?: number | string;
  evidence: string;
}

/** Ports newly allowed (gained) or no longer allowed (lost) from one workload or range to another. */
export interface ReachChange {
  from: string;
  to: string;
  ports: 'All' | PortRange[];
}

/** A `connects` edge whose target pods the policies allowed before and block (some or all of) now. */
export interface BlockedPath {
  from: string;
  service: string;
  port?: number | string;
  before: 'allowed' | 'partial' | 'new';
  after: 'partial' | 'blocked';
}

/** One way in from outside the cluster: `LoadBalancer`, `NodePort`, `Ingress host` or `hostPort`. */
export interface Exposure {
  object: string;
  kind: 'LoadBalancer' | 'NodePort' | 'Ingress host' | 'hostPort';
  detail: string;
}

export interface ResourceTotals {
  steadyAtMin: Totals;
  steadyAtMax: Totals;
  peak: Totals;
  storageBytes: number;
}

export interface ResourcesDiff {
  before: ResourceTotals;
  after: ResourceTotals;
  delta: ResourceTotals;
}

export interface Autoscaling {
  minReplicas: number;
  maxReplicas?: number;
  metrics: unknown[];
  behavior?: unknown;
}

export interface AutoscalingChange {
  /** The HPA's node id. */
  id: string;
  target?: string;
  before?: Autoscaling;
  after?: Autoscaling;
}

/** One "comes after" of the rollout plan: `object` waits for `after`. */
export interface RolloutOrder {
  object: string;
  after: string;
  because: string;
}

export interface ArchitectureDiff {
  objects: ObjectsDiff;
  connections: { added: ConnectionChange[]; removed: ConnectionChange[] };
  reach: { gained: ReachChange[]; lost: ReachChange[] };
  blocked: BlockedPath[];
  exposure: { added: Exposure[]; removed: Exposure[] };
  /** Absent when no total changed. */
  resources?: ResourcesDiff;
  autoscaling: AutoscalingChange[];
  rollout: { added: RolloutOrder[]; removed: RolloutOrder[] };
  findings: { added: Finding[]; fixed: Finding[] };
  /** Role, ClusterRole, their bindings and ServiceAccounts: the object changes among them. */
  rbac: ObjectsDiff;
}

/** The change kinds `--fail-on` can name, each a part of the diff that is non-empty. */
export const CHANGE_KINDS = {
  objects: (d: ArchitectureDiff) => count(d.objects) > 0,
  'connection-added': (d: ArchitectureDiff) => d.connections.added.length > 0,
  'connection-removed': (d: ArchitectureDiff) => d.connections.removed.length > 0,
  'reach-gained': (d: ArchitectureDiff) => d.reach.gained.length > 0,
  'reach-lost': (d: ArchitectureDiff) => d.reach.lost.length > 0,
  'path-blocked': (d: ArchitectureDiff) => d.blocked.length > 0,
  exposure: (d: ArchitectureDiff) => d.exposure.added.length + d.exposure.removed.length > 0,
  resources: (d: ArchitectureDiff) => d.resources !== undefined,
  autoscaling: (d: ArchitectureDiff) => d.autoscaling.length > 0,
  rollout: (d: ArchitectureDiff) => d.rollout.added.length + d.rollout.removed.length > 0,
  'finding-added': (d: ArchitectureDiff) => d.findings.added.length > 0,
  'finding-fixed': (d: ArchitectureDiff) => d.findings.fixed.length > 0,
  rbac: (d: ArchitectureDiff) => count(d.rbac) > 0,
} as const;
export type ChangeKind = keyof typeof CHANGE_KINDS;

export function count(o: ObjectsDiff): number {
  return o.added.length + o.removed.length + o.changed.length;
}

/** The change kinds present in a diff, in CHANGE_KINDS order. */
export function changeKinds(d: ArchitectureDiff): ChangeKind[] {
  return (Object.keys(CHANGE_KINDS) as ChangeKind[]).filter((k) => CHANGE_KINDS[k](d));
}

const RBAC_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ServiceAccount']);

export function diffArchitecture(before: Graph, after: Graph): ArchitectureDiff {
  const objects = diffObjects(before.nodes, after.nodes);
  const isRbac = (id: string, graph: Graph) => RBAC_KINDS.has(graph.byId.get(id)?.kind ?? '');
  return {
    objects,
    connections: diffConnections(before, after),
    ...diffReach(before, after),
    exposure: diffBy(exposuresOf(before), exposuresOf(after), (e) => `${e.object} ${e.kind} ${e.detail}`),
    resources: diffResources(before, after),
    autoscaling: diffAutoscaling(before, after),
    rollout: diffBy(rolloutOf(before), rolloutOf(after), (r) => `${r.object} ${r.after}`),
    findings: diffFindings(objectFindings(before), objectFindings(after)),
    rbac: {
      added: objects.added.filter((id) => isRbac(id, after)),
      removed: objects.removed.filter((id) => isRbac(id, before)),
      changed: objects.changed.filter((c) => isRbac(c.id, after)),
    },
  };
}

function diffObjects(before: GraphNode[], after: GraphNode[]): ObjectsDiff {
  const a = new Map(before.map((n) => [n.id, n]));
  const b = new Map(after.map((n) => [n.id, n]));
  const changed: ObjectChange[] = [];
  for (const [id, node] of b) {
    const old = a.get(id);
    if (!old) continue;
    const fields = fieldChanges(old.object, node.object);
    if (fields.length) changed.push({ id, fields });
  }
  return {
    added: [...b.keys()].filter((id) => !a.has(id)).sort(byCodePoint),
    removed: [...a.keys()].filter((id) => !b.has(id)).sort(byCodePoint),
    changed: changed.sort((x, y) => byCodePoint(x.id, y.id)),
  };
}

/** Items of `after` missing from `before` (added) and the reverse, matched by `key`. */
function diffBy<T>(before: T[], after: T[], key: (t: T) => string): { added: T[]; removed: T[] } {
  const a = new Set(before.map(key));
  const b = new Set(after.map(key));
  const sorted = (items: T[]) => items.sort((x, y) => byCodePoint(key(x), key(y)));
  return {
    added: sorted(after.filter((t) => !a.has(key(t)))),
    removed: sorted(before.filter((t) => !b.has(key(t)))),
  };
}

function connectionsOf(graph: Graph): ConnectionChange[] {
  const kept = (e: GraphEdge): e is GraphEdge & { type: ConnectionChange['type'] } =>
    e.type === 'connects' || e.type === 'uses' || e.type === 'routes';
  return graph.edges.filter(kept).map(({ type, from, to, port, evidence }) => ({
    type,
    from,
    to,
    ...(port !== undefined ? { port } : {}),
    evidence,
  }));
}

function diffConnections(before: Graph, after: Graph): ArchitectureDiff['connections'] {
  // Evidence is where the edge was read from; an edge read from another field is the same connection.
  return diffBy(connectionsOf(before), connectionsOf(after), (c) => `${c.type} ${c.from} ${c.to} ${c.port ?? ''}`);
}

function diffReach(before: Graph, after: Graph): Pick<ArchitectureDiff, 'reach' | 'blocked'> {
  const ra = computeReachability(before);
  const rb = computeReachability(after);
  const gained: ReachChange[] = [];
  const lost: ReachChange[] = [];
  const order = (x: ReachChange, y: ReachChange) => byCodePoint(`${x.from}\u0000${x.to}`, `${y.from}\u0000${y.to}`);
  for (const c of reachChanges(ra, rb)) {
    if (!c.gained.isEmpty()) gained.push({ from: c.from, to: c.to, ports: c.gained.toJSON() });
    if (!c.lost.isEmpty()) lost.push({ from: c.from, to: c.to, ports: c.lost.toJSON() });
  }
  gained.sort(order);
  lost.sort(order);
  const key = (c: { from: string; service: string; port?: number | string }) =>
    `${c.from} ${c.service} ${c.port ?? ''}`;
  const was = new Map(intendedConnections(before, ra).map((c) => [key(c), c.status]));
  const blocked: BlockedPath[] = [];
  for (const c of intendedConnections(after, rb)) {
    if (c.status !== 'blocked' && c.status !== 'partial') continue;
    const prior = was.get(key(c));
    const before = prior === undefined ? 'new' : prior;
    // Blocked before as well (or no worse than before): not newly blocked.
    if (before === 'blocked' || before === 'unresolved' || before === c.status) continue;
    blocked.push({
      from: c.from,
      service: c.service,
      ...(c.port !== undefined ? { port: c.port } : {}),
      before,
      after: c.status,
    });
  }
  return { reach: { gained, lost }, blocked };
}

/** A manifest field as text: strings and numbers as written, anything else (malformed input) as JSON. */
function scalar(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v);
}

function exposuresOf(graph: Graph): Exposure[] {
  const out: Exposure[] = [];
  for (const node of graph.nodes) {
    if (node.kind === 'Service') {
      const spec = serviceSpec(node.object);
      const type = spec?.type;
      if (type !== 'LoadBalancer' && type !== 'NodePort') continue;
      const ranges = list(spec?.loadBalancerSourceRanges).map(String);
      for (const p of list(spec?.ports)) {
        if (!isRecord(p)) continue;
        const port = `${scalar(p.protocol ?? 'TCP')} ${scalar(p.port)}`;
        const detail =
          type === 'LoadBalancer'
            ? `${port}${ranges.length ? ` from ${ranges.join(', ')}` : ''}`
            : `${port} on node port ${p.nodePort === undefined ? '(assigned)' : scalar(p.nodePort)}`;
        out.push({ object: node.id, kind: type, detail });
      }
    } else if (node.kind === 'Ingress') {
      for (const rule of list(ingressSpec(node.object)?.rules)) {
        if (!isRecord(rule)) continue;
        const host = typeof rule.host === 'string' ? rule.host : '*';
        const paths = list(fieldAt(rule, 'http', 'paths')).map((p) => (isRecord(p) ? scalar(p.path ?? '/') : '/'));
        for (const path of paths.length ? paths : ['/'])
          out.push({ object: node.id, kind: 'Ingress host', detail: `${host}${path}` });
      }
    } else {
      const template = podTemplateOf(node.object);
      if (!template) continue;
      for (const ref of containersOf(template))
        for (const p of list(ref.container.ports))
          if (isRecord(p) && p.hostPort !== undefined)
            out.push({
              object: node.id,
              kind: 'hostPort',
              detail: `${scalar(p.protocol ?? 'TCP')} ${scalar(p.hostPort)}`,
            });
    }
  }
  return out;
}

function totalsOf(graph: Graph): ResourceTotals {
  const t = summarizeResources(graph).totals;
  return { steadyAtMin: t.steady.atMin, steadyAtMax: t.steady.atMax, peak: t.peak, storageBytes: t.storageBytes };
}

function diffResources(before: Graph, after: Graph): ResourcesDiff | undefined {
  const a = totalsOf(before);
  const b = totalsOf(after);
  if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
  const sub = (x: Totals, y: Totals): Totals => ({
    cpuRequestMillis: y.cpuRequestMillis - x.cpuRequestMillis,
    cpuLimitMillis: y.cpuLimitMillis - x.cpuLimitMillis,
    memoryRequestBytes: y.memoryRequestBytes - x.memoryRequestBytes,
    memoryLimitBytes: y.memoryLimitBytes - x.memoryLimitBytes,
  });
  return {
    before: a,
    after: b,
    delta: {
      steadyAtMin: sub(a.steadyAtMin, b.steadyAtMin),
      steadyAtMax: sub(a.steadyAtMax, b.steadyAtMax),
      peak: sub(a.peak, b.peak),
      storageBytes: b.storageBytes - a.storageBytes,
    },
  };
}

function autoscalingOf(graph: Graph): Map<string, { target?: string; scaling: Autoscaling }> {
  const out = new Map<string, { target?: string; scaling: Autoscaling }>();
  for (const node of graph.nodes) {
    if (node.kind !== 'HorizontalPodAutoscaler') continue;
    const spec = hpaSpec(node.object);
    if (!spec) continue;
    const ref: Record<string, unknown> = isRecord(spec.scaleTargetRef) ? spec.scaleTargetRef : {};
    const scaling: Autoscaling = {
      // minReplicas defaults to 1 (HorizontalPodAutoscalerSpec).
      minReplicas: typeof spec.minReplicas === 'number' ? spec.minReplicas : 1,
      ...(typeof spec.maxReplicas === 'number' ? { maxReplicas: spec.maxReplicas } : {}),
      metrics: list(spec.metrics),
      ...(spec.behavior !== undefined ? { behavior: spec.behavior } : {}),
    };
    const target =
      typeof ref.kind === 'string' && typeof ref.name === 'string'
        ? nodeId(ref.kind, ref.name, node.namespace)
        : undefined;
    out.set(node.id, { ...(target ? { target } : {}), scaling });
  }
  return out;
}

function diffAutoscaling(before: Graph, after: Graph): AutoscalingChange[] {
  const a = autoscalingOf(before);
  const b = autoscalingOf(after);
  const out: AutoscalingChange[] = [];
  for (const id of [...new Set([...a.keys(), ...b.keys()])].sort(byCodePoint)) {
    const x = a.get(id);
    const y = b.get(id);
    if (x && y && JSON.stringify(x) === JSON.stringify(y)) continue;
    const target = (y ?? x)?.target;
    out.push({
      id,
      ...(target ? { target } : {}),
      ...(x ? { before: x.scaling } : {}),
      ...(y ? { after: y.scaling } : {}),
    });
  }
  return out;
}

function rolloutOf(graph: Graph): RolloutOrder[] {
  return computePlan(graph).phases.flatMap((p) =>
    p.reasons.map(({ object, after, because }) => ({ object, after, because })),
  );
}

/**
 * Findings about objects. Findings about the input's files (a document skipped as no manifest) name
 * a file, and the two inputs' files are in different places: they are no architecture to compare.
 */
function objectFindings(graph: Graph): Finding[] {
  return runChecks(graph).filter((f) => graph.byId.has(f.object));
}

/** New and fixed findings, matched by fingerprint as multisets (two findings may share one). */
function diffFindings(before: Finding[], after: Finding[]): ArchitectureDiff['findings'] {
  const take = (from: Finding[], against: Finding[]): Finding[] => {
    const left = new Map<string, number>();
    for (const f of against) left.set(fingerprint(f), (left.get(fingerprint(f)) ?? 0) + 1);
    return from.filter((f) => {
      const n = left.get(fingerprint(f)) ?? 0;
      if (n > 0) left.set(fingerprint(f), n - 1);
      return n === 0;
    });
  };
  return { added: take(after, before), fixed: take(before, after) };
}
