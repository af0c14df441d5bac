// Exact NetworkPolicy reachability (networking.k8s.io/v1), as the Kubernetes docs define it
// (https://kubernetes.io/docs/concepts/services-networking/network-policies/):
// - a pod is isolated for ingress (egress) only when some policy selecting it applies to that
//   direction; a pod not isolated in a direction allows everything in that direction;
// - the allowed traffic of an isolated pod is the union of the rules of all policies selecting it;
// - a connection between pods needs egress allowed at the source AND ingress at the destination;
// - traffic from or to outside the cluster is checked on the pod's side only.
// Pods with the same namespace, labels and named ports are indistinguishable to every policy, so
// they are grouped into classes and policies are evaluated once per class: the cost grows with
// the number of classes and of allowed class pairs, not with the square of the pods.
import { serviceSpec } from '../k8s/kinds.js';
import type { Graph } from './model.js';
import { matchesSelector, matchesMap, type LabelSelector } from '../k8s/selector.js';
import { PortSet, type Protocol } from './netpol/ports.js';
import { cutSpace, contains, formatRange, overlaps, parseRange, runsOf, type Ipv4Range } from './netpol/ipv4.js';
import { readPolicy, type Policy, type PolicyProblem, type PortSpec, type Rule, type Peer } from './netpol/policy.js';
import { namespaceLabels } from './netpol/pods.js';
import { targetPortOf, workloadsOf, type Workload, type NamedPort } from './workloads.js';
import { pushTo } from './multimap.js';
import { hasPublicAddress, isOutsidePeer, outsideBlock, peerRanges } from './outside.js';
import { twinSets } from './netpol/twins.js';

export { PortSet } from './netpol/ports.js';
export type { Protocol, PortRange } from './netpol/ports.js';
export type { Policy, PolicyProblem } from './netpol/policy.js';
export type { Workload } from './workloads.js';

/** Pods no policy can tell apart: same namespace, labels and named ports. */
interface PodClass {
  index: number;
  namespace: string;
  labels: Record<string, string>;
  namedPorts: NamedPort[];
  workloads: Workload[];
  ingressPolicies: Policy[];
  egressPolicies: Policy[];
  /** Ingress (when isolated): ports allowed from each source class, and from every source. */
  fromClass: Map<PodClass, PortSet>;
  fromAny: PortSet;
  fromBlocks: Array<{ peer: Extract<Peer, { kind: 'ipBlock' }>; ports: PortSet }>;
  /** Egress (when isolated): ports allowed to each destination class, to every destination, to ipBlocks. */
  toClass: Map<PodClass, PortSet>;
  toAnyRules: Rule[];
  toBlocks: Array<{ peer: Extract<Peer, { kind: 'ipBlock' }>; ports: PortSet }>;
}

export interface Connection {
  /** A workload id (`namespace/name[Kind]`) or an external range `a.b.c.d-e.f.g.h`. */
  from: string;
  to: string;
  ports: PortSet;
}

/** Endpoints connected alike, with the ports allowed from each of `from` to each of `to` (one to itself excluded). */
export interface ConnectionGroup {
  /** The workload ids of one twin group (`Reachability.twinsOf`), or one external range. */
  from: readonly string[];
  to: readonly string[];
  ports: PortSet;
}

export interface Isolation {
  /** Ids of the policies that select the workload for ingress / egress (empty: not isolated). */
  ingress: string[];
  egress: string[];
}

export interface Reachability {
  /** Every workload, by id. */
  workloads: readonly Workload[];
  /**
   * The IPv4 space cut at every ipBlock boundary of every policy (one range when there are no
   * ipBlocks): pieces any rule treats alike, for queries. The connections name coarser ranges.
   */
  externals: Ipv4Range[];
  /** Policies in effect (the ones the API server would accept). */
  policies: Policy[];
  /** Policy fields the API server would reject; those policies are left out. */
  problems: PolicyProblem[];
  /** Policies selecting each workload, per direction. */
  isolation(workload: string): Isolation;
  /** Ports allowed from one endpoint to another (workload ids or `a.b.c.d-e.f.g.h` ranges: from or to every address of it). */
  allowed(from: string, to: string): PortSet;
  /** The two halves of `allowed` between workloads: what egress at the source and ingress at the destination allow. */
  sides(from: string, to: string): { egress: PortSet; ingress: PortSet };
  /** Every ordered pair with a non-empty allowed set, workload to itself excluded, in a stable order. */
  connections(): Connection[];
  /** The same pairs one by one, as the groups yield them (nothing held but the current group). */
  pairs(): Iterable<Connection>;
  /**
   * The allowed connections per pair of twin groups (and group to or from an external range): the
   * cost is the number of group pairs, not of pod pairs. A one-workload group paired with itself is left out.
   */
  groups(): Iterable<ConnectionGroup>;
  /**
   * The workloads connected exactly alike to `workload` (itself included: same ports to and from
   * every endpoint and among themselves), in workload order — the very array `groups()` yields for
   * them, so callers may key results by it. Undefined for an unknown id.
   */
  twinsOf(workload: string): readonly string[] | undefined;
}

const reachabilityIndex = new WeakMap<Graph, Reachability>();

/**
 * The reachability of a graph, computed once per graph (like its workloads): the network checks,
 * the exposure checks and the docs all ask, and a graph is not changed once built.
 */
export function computeReachability(graph: Graph): Reachability {
  let reach = reachabilityIndex.get(graph);
  if (!reach) {
    reach = queryReachability(indexPodClasses(graph));
    reachabilityIndex.set(graph, reach);
  }
  return reach;
}

/** Step one's result: every pod class with the policies that select it and what their rules allow. */
interface PodClassIndex {
  workloads: readonly Workload[];
  policies: Policy[];
  problems: PolicyProblem[];
  classes: PodClass[];
  classOf: Map<string, PodClass>;
  resolver: PortResolver;
}

/**
 * Step one: pods into classes, each class with the policies that select it (per direction) and,
 * per rule of those policies, the ports allowed from and to each peer class, from any source, to
 * any destination and to and from address blocks.
 */
function indexPodClasses(graph: Graph): PodClassIndex {
  const problems: PolicyProblem[] = [];
  let ruleCount = 0;
  const policies = graph.nodes
    .filter((n) => n.kind === 'NetworkPolicy')
    .flatMap((n) => readPolicy(n, () => ruleCount++, problems) ?? []);
  const workloads = workloadsOf(graph);
  const nsLabels = namespaceLabels(graph, [...workloads.map((w) => w.namespace), ...policies.map((p) => p.namespace)]);

  const classes = classify(workloads);
  const classOf = new Map<string, PodClass>();
  for (const c of classes) for (const w of c.workloads) classOf.set(w.id, c);
  const index = new ClassIndex(classes);

  for (const policy of policies) {
    for (const c of index.select(policy.namespace, policy.podSelector)) {
      if (policy.ingress) c.ingressPolicies.push(policy);
      if (policy.egress) c.egressPolicies.push(policy);
    }
  }

  const resolver = new PortResolver();
  const matchPeer = peerMatcher(index, nsLabels);
  for (const d of classes) indexIngressRules(d, resolver, matchPeer);
  for (const s of classes) indexEgressRules(s, resolver, matchPeer);
  return { workloads, policies, problems, classes, classOf, resolver };
}

type PeerMatcher = (policy: Policy, peer: Extract<Peer, { kind: 'pods' }>) => PodClass[];

/** The classes a pod peer selects, once per peer (many rules repeat the same peer). */
function peerMatcher(index: ClassIndex, nsLabels: Map<string, Record<string, string>>): PeerMatcher {
  const peerClasses = new Map<string, PodClass[]>();
  return (policy, peer) => {
    const key = peer.namespaceSelector ? peer.key : `${policy.namespace}\u0000${peer.key}`;
    let hit = peerClasses.get(key);
    if (!hit) {
      const namespaces = peer.namespaceSelector
        ? [...nsLabels].filter(([, labels]) => matchesSelector(peer.namespaceSelector, labels)).map(([ns]) => ns)
        : [policy.namespace];
      hit = namespaces.flatMap((ns) => index.select(ns, peer.podSelector));
      peerClasses.set(key, hit);
    }
    return hit;
  };
}

/** What the ingress rules selecting destination class `d` allow: per source class, from anywhere, from blocks. */
function indexIngressRules(d: PodClass, resolver: PortResolver, matchPeer: PeerMatcher): void {
  for (const policy of d.ingressPolicies) {
    for (const rule of policy.ingress ?? []) {
      const ports = resolver.resolve(rule, d);
      if (ports.isEmpty()) continue;
      if (rule.peers === 'any') {
        d.fromAny = d.fromAny.union(ports);
        continue;
      }
      for (const peer of rule.peers) {
        if (peer.kind === 'ipBlock') d.fromBlocks.push({ peer, ports });
        else for (const s of matchPeer(policy, peer)) addPorts(d.fromClass, s, ports);
      }
    }
  }
}

/** What the egress rules selecting source class `s` allow: per destination class, rules to anywhere, to blocks. */
function indexEgressRules(s: PodClass, resolver: PortResolver, matchPeer: PeerMatcher): void {
  for (const policy of s.egressPolicies) {
    for (const rule of policy.egress ?? []) {
      if (rule.peers === 'any') {
        s.toAnyRules.push(rule);
        continue;
      }
      for (const peer of rule.peers) {
        if (peer.kind === 'ipBlock') s.toBlocks.push({ peer, ports: resolver.resolve(rule, undefined) });
        else for (const d of matchPeer(policy, peer)) addPorts(s.toClass, d, resolver.resolve(rule, d));
      }
    }
  }
}

/** Step two: the queries, answered from the class index (egress at the source AND ingress at the destination). */
function queryReachability({ workloads, policies, problems, classes, classOf, resolver }: PodClassIndex): Reachability {
  const ingressOpen = (d: PodClass) => d.ingressPolicies.length === 0;
  const egressOpen = (s: PodClass) => s.egressPolicies.length === 0;

  const egressPorts = (s: PodClass, d: PodClass): PortSet => {
    if (egressOpen(s)) return PortSet.all();
    let ports = s.toClass.get(d) ?? PortSet.empty();
    for (const rule of s.toAnyRules) ports = ports.union(resolver.resolve(rule, d));
    return ports;
  };
  const ingressPorts = (d: PodClass, s: PodClass): PortSet => {
    if (ingressOpen(d)) return PortSet.all();
    return (d.fromClass.get(s) ?? PortSet.empty()).union(d.fromAny);
  };
  const classPorts = (s: PodClass, d: PodClass) => egressPorts(s, d).intersect(ingressPorts(d, s));

  const none = PortSet.empty();
  const blockPorts = (blocks: PodClass['fromBlocks'], range: Ipv4Range): PortSet =>
    blocks.reduce((acc, { peer, ports }) => (inBlock(peer, range) ? acc.union(ports) : acc), none);
  const fromExternal = (d: PodClass, range: Ipv4Range): PortSet =>
    ingressOpen(d)
      ? PortSet.all()
      : d.fromBlocks.length === 0
        ? d.fromAny
        : d.fromAny.union(blockPorts(d.fromBlocks, range));
  const toExternal = (s: PodClass, range: Ipv4Range): PortSet => {
    if (egressOpen(s)) return PortSet.all();
    return s.toAnyRules.reduce(
      (acc, rule) => acc.union(resolver.resolve(rule, undefined)),
      blockPorts(s.toBlocks, range),
    );
  };

  const externals = cutSpace(
    policies
      .flatMap((p) => [...(p.ingress ?? []), ...(p.egress ?? [])])
      .flatMap((r) => (r.peers === 'any' ? [] : r.peers))
      .flatMap((peer) => (peer.kind === 'ipBlock' ? [peer.cidr, ...peer.except] : []))
      .filter((b): b is Ipv4Range => b !== 'ipv6'),
  );
  // Outside addresses as one class sees them, per direction: cut only by the ipBlocks of the
  // rules selecting it that face that direction, so no other rule splits its ranges.
  const sourceCuts = new Map<PodClass, Ipv4Range[]>();
  const destinationCuts = new Map<PodClass, Ipv4Range[]>();
  const sourceCut = (d: PodClass) => cutOf(sourceCuts, d, d.fromBlocks);
  const destinationCut = (s: PodClass) => cutOf(destinationCuts, s, s.toBlocks);
  /** What every address of `range` is allowed: the intersection over the pieces of the cut it overlaps. */
  const acrossRange = (cut: Ipv4Range[], range: Ipv4Range, portsOf: (piece: Ipv4Range) => PortSet): PortSet =>
    cut.reduce((acc, piece) => (overlaps(piece, range) ? acc.intersect(portsOf(piece)) : acc), PortSet.all());

  // Destinations each source class may reach, without visiting pairs that cannot connect.
  const reverseFrom = new Map<PodClass, PodClass[]>();
  for (const d of classes) for (const s of d.fromClass.keys()) pushTo(reverseFrom, s, d);
  const openToAll = classes.filter((d) => ingressOpen(d) || !d.fromAny.isEmpty());

  // Twin groups (netpol/twins.ts), found on first use: a group's first class answers for all of it.
  let twinGroups: TwinGroup[] | undefined;
  const groupOfClass = new Map<PodClass, TwinGroup>();
  const twins = (): TwinGroup[] => {
    if (!twinGroups) {
      twinGroups = twinSets(classes, (rule, d) => resolver.resolve(rule, d)).map((set) => {
        const group = { first: set[0], ids: [] };
        for (const c of set) groupOfClass.set(c, group);
        return group;
      });
      for (const w of workloads) groupOfClass.get(classOf.get(w.id)!)!.ids.push(w.id);
    }
    return twinGroups;
  };
  // Destination groups each source group may reach, without visiting pairs that cannot connect.
  let openToAllGroups: TwinGroup[] | undefined;
  const candidates = (s: PodClass): Set<TwinGroup> => {
    const group = (d: PodClass) => groupOfClass.get(d)!;
    if (!egressOpen(s) && s.toAnyRules.length === 0) return new Set([...s.toClass.keys()].map(group));
    openToAllGroups ??= [...new Set(openToAll.map(group))];
    return new Set([...openToAllGroups, ...(reverseFrom.get(s) ?? []).map(group)]);
  };

  return {
    workloads,
    externals,
    policies,
    problems,
    isolation(workload) {
      const c = classOf.get(workload);
      return { ingress: c?.ingressPolicies.map((p) => p.id) ?? [], egress: c?.egressPolicies.map((p) => p.id) ?? [] };
    },
    allowed(from, to) {
      const s = classOf.get(from);
      const d = classOf.get(to);
      if (s && d) return classPorts(s, d);
      const fromRange = d && parseRange(from);
      const toRange = s && parseRange(to);
      if (fromRange && d) return acrossRange(sourceCut(d), fromRange, (piece) => fromExternal(d, piece));
      if (toRange && s) return acrossRange(destinationCut(s), toRange, (piece) => toExternal(s, piece));
      return PortSet.empty();
    },
    sides(from, to) {
      const s = classOf.get(from);
      const d = classOf.get(to);
      if (!s || !d) return { egress: PortSet.empty(), ingress: PortSet.empty() };
      return { egress: egressPorts(s, d), ingress: ingressPorts(d, s) };
    },
    twinsOf(workload) {
      twins();
      const c = classOf.get(workload);
      return c && groupOfClass.get(c)!.ids;
    },
    *groups() {
      for (const { first: s, ids: from } of twins()) {
        for (const { first: d, ids: to } of candidates(s)) {
          if (from === to && from.length === 1) continue;
          const ports = classPorts(s, d);
          if (!ports.isEmpty()) yield { from, to, ports };
        }
        for (const { range, ports } of rangesAllowed(destinationCut(s), (piece) => toExternal(s, piece)))
          yield { from, to: [formatRange(range)], ports };
        for (const { range, ports } of rangesAllowed(sourceCut(s), (piece) => fromExternal(s, piece)))
          yield { from: [formatRange(range)], to: from, ports };
      }
    },
    *pairs() {
      for (const { from, to, ports } of this.groups())
        for (const a of from) for (const b of to) if (a !== b) yield { from: a, to: b, ports };
    },
    connections() {
      const order = endpointOrder(workloads);
      return [...this.pairs()].sort((x, y) => order(x.from) - order(y.from) || order(x.to) - order(y.to));
    },
  };
}

/** Pod classes connected alike (netpol/twins.ts), with the ids of all their workloads. */
interface TwinGroup {
  first: PodClass;
  ids: string[];
}

function addPorts(map: Map<PodClass, PortSet>, key: PodClass, ports: PortSet): void {
  if (ports.isEmpty()) return;
  const prev = map.get(key);
  map.set(key, prev ? prev.union(ports) : ports);
}

/** A range (already cut at every block edge) is inside an ipBlock when inside its cidr and in no except. */
function inBlock(peer: Extract<Peer, { kind: 'ipBlock' }>, range: Ipv4Range): boolean {
  if (peer.cidr === 'ipv6' || !contains(peer.cidr, range)) return false;
  return !peer.except.some((e) => e !== 'ipv6' && contains(e, range));
}

/** Workloads by id first, then external ranges by first address. */
function endpointOrder(workloads: readonly Workload[]): (name: string) => number {
  const rank = new Map<string, number>();
  workloads.forEach((w, i) => rank.set(w.id, i));
  return (name) => rank.get(name) ?? workloads.length + (parseRange(name)?.start ?? Number.MAX_SAFE_INTEGER);
}

/** The space cut at the edges of a class's blocks of one direction, computed once per class. */
function cutOf(cuts: Map<PodClass, Ipv4Range[]>, c: PodClass, blocks: PodClass['fromBlocks']): Ipv4Range[] {
  let cut = cuts.get(c);
  if (!cut) {
    const edges = blocks.flatMap(({ peer }) => [peer.cidr, ...peer.except]);
    cut = cutSpace(edges.filter((b): b is Ipv4Range => b !== 'ipv6'));
    cuts.set(c, cut);
  }
  return cut;
}

/** The ranges of a cut that are allowed some port, adjacent pieces allowed the same ports as one range. */
function rangesAllowed(
  cut: Ipv4Range[],
  portsOf: (piece: Ipv4Range) => PortSet,
): Array<{ range: Ipv4Range; ports: PortSet }> {
  return runsOf(cut, portsOf, (a, b) => a.equals(b))
    .filter(({ value }) => !value.isEmpty())
    .map(({ range, value }) => ({ range, ports: value }));
}

function classify(workloads: readonly Workload[]): PodClass[] {
  const byKey = new Map<string, PodClass>();
  for (const w of workloads) {
    const labels = Object.entries(w.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const ports = w.namedPorts.map((p) => `${p.name}/${p.protocol}/${p.port}`).sort();
    const key = JSON.stringify([w.namespace, labels, ports]);
    let c = byKey.get(key);
    if (!c) {
      c = {
        index: byKey.size,
        namespace: w.namespace,
        labels: w.labels,
        namedPorts: w.namedPorts,
        workloads: [],
        ingressPolicies: [],
        egressPolicies: [],
        fromClass: new Map(),
        fromAny: PortSet.empty(),
        fromBlocks: [],
        toClass: new Map(),
        toAnyRules: [],
        toBlocks: [],
      };
      byKey.set(key, c);
    }
    c.workloads.push(w);
  }
  return [...byKey.values()];
}

/** Classes per namespace, with a `key=value` index so a selector visits only plausible classes. */
class ClassIndex {
  private readonly byNamespace = new Map<string, { all: PodClass[]; byLabel: Map<string, PodClass[]> }>();

  constructor(classes: PodClass[]) {
    for (const c of classes) {
      let ns = this.byNamespace.get(c.namespace);
      if (!ns) this.byNamespace.set(c.namespace, (ns = { all: [], byLabel: new Map() }));
      ns.all.push(c);
      for (const [k, v] of Object.entries(c.labels)) pushTo(ns.byLabel, `${k}=${v}`, c);
    }
  }

  select(namespace: string, selector: LabelSelector): PodClass[] {
    const ns = this.byNamespace.get(namespace);
    if (!ns) return [];
    let pool = ns.all;
    for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
      const list = ns.byLabel.get(`${k}=${v}`) ?? [];
      if (list.length < pool.length) pool = list;
    }
    return pool.filter((c) => matchesSelector(selector, c.labels));
  }
}

/** A rule's ports as a set for one destination class; named ports resolve against that class's containers. */
class PortResolver {
  private readonly cache = new Map<string, PortSet>();

  resolve(rule: Rule, destination: PodClass | undefined): PortSet {
    if (rule.ports === 'all') return PortSet.all();
    const key = `${rule.index}:${destination?.index ?? -1}`;
    let set = this.cache.get(key);
    if (!set) {
      set = rule.ports.reduce((acc, spec) => acc.union(portsOf(spec, destination?.namedPorts ?? [])), PortSet.empty());
      this.cache.set(key, set);
    }
    return set;
  }
}

/**
 * One NetworkPolicyPort as a set. A named port matches the destination's container ports with
 * that name and the rule's protocol; outside the cluster (no containers) it matches nothing.
 */
export function portsOf(spec: PortSpec, namedPorts: NamedPort[]): PortSet {
  if (spec.name !== undefined) {
    return namedPorts
      .filter((p) => p.name === spec.name && p.protocol === spec.protocol)
      .reduce((acc, p) => acc.union(PortSet.range(spec.protocol, p.port, p.port)), PortSet.empty());
  }
  if (spec.port === undefined) return PortSet.range(spec.protocol, 1, 65535);
  return PortSet.range(spec.protocol, spec.port, spec.endPort ?? spec.port);
}

/** One target of an intended connection: a pod and the container port the Service forwards to, or an outside peer. */
export interface IntendedTarget {
  /** A workload id, or an outside peer id (graph/outside.ts). */
  to: string;
  protocol: Protocol;
  /** Undefined when the Service's named targetPort is not declared by the target's containers. */
  port?: number;
  allowed: boolean;
}

export interface IntendedConnection {
  /** The workload that connects (top owner id). */
  from: string;
  /** The Service id, or the outside peer id, as on the `connects` edge. */
  service: string;
  /** The Service port, as on the edge (number or name); undefined: every port of the Service. */
  port?: number | string;
  declared: boolean;
  evidence: string;
  /** To an outside peer: the host name it was found as, when not read from a Secret. */
  host?: string;
  targets: IntendedTarget[];
  /** allowed: every target reachable; partial: some; blocked: none; unresolved: no target to check (see reason). */
  status: 'allowed' | 'partial' | 'blocked' | 'unresolved';
  reason?: string;
}

/**
 * Every `connects` edge (workload → Service port), resolved to the pods the Service selects and
 * the container port its targetPort names (defaulting to the Service port; protocol default TCP),
 * with whether the policies allow it.
 */
export function intendedConnections(graph: Graph, reach: Reachability): IntendedConnection[] {
  const byNamespace = new Map<string, Workload[]>();
  for (const w of reach.workloads) pushTo(byNamespace, w.namespace, w);
  const out: IntendedConnection[] = [];
  for (const edge of graph.edges) {
    if (edge.type !== 'connects') continue;
    const base = {
      from: edge.from, // the graph draws connects from the top owner (owner.ts), as reach names workloads
      service: edge.to,
      port: edge.port,
      declared: edge.declared === true,
      evidence: edge.evidence,
      ...(edge.host !== undefined && { host: edge.host }),
    };
    const unresolved = (reason: string) => out.push({ ...base, targets: [], status: 'unresolved', reason });
    if (isOutsidePeer(edge.to)) {
      if (typeof edge.port !== 'number') {
        unresolved(`no port to ${edge.to}`);
        continue;
      }
      const allowed = outsideAllowed(reach, edge.from, edge.to, 'TCP', edge.port);
      out.push({
        ...base,
        targets: [{ to: edge.to, protocol: 'TCP', port: edge.port, allowed }],
        status: allowed ? 'allowed' : 'blocked',
      });
      continue;
    }
    const svc = graph.byId.get(edge.to);
    if (edge.missing || !svc || svc.kind !== 'Service') {
      unresolved(`${edge.to} is not in the input`);
      continue;
    }
    const spec = serviceSpec(svc.object) ?? {};
    const selector = spec.selector;
    if (!selector || typeof selector !== 'object' || Object.keys(selector).length === 0) {
      unresolved(`${edge.to} has no pod selector (its endpoints are not managed by Kubernetes)`);
      continue;
    }
    const svcPorts = (Array.isArray(spec.ports) ? spec.ports : []).filter(
      (p) =>
        edge.port === undefined || p?.port === edge.port || (typeof edge.port === 'string' && p?.name === edge.port),
    );
    if (svcPorts.length === 0) {
      unresolved(`${edge.to} has no port ${edge.port ?? ''}`.trim());
      continue;
    }
    const pods = (byNamespace.get(svc.namespace ?? 'default') ?? []).filter((w) => matchesMap(selector, w.labels));
    if (pods.length === 0) {
      unresolved(`${edge.to} selects no pods`);
      continue;
    }
    const targets: IntendedTarget[] = [];
    for (const w of pods) {
      for (const sp of svcPorts) {
        const protocol = (sp.protocol ?? 'TCP') as Protocol;
        const port = targetPortOf(sp, w);
        const allowed = port !== undefined && reach.allowed(base.from, w.id).has(protocol, port);
        targets.push({ to: w.id, protocol, port, allowed });
      }
    }
    // With several Service ports and no port on the edge, a target counts as reachable on any of them.
    const reachable = new Set(targets.filter((t) => t.allowed).map((t) => t.to));
    const status = reachable.size === pods.length ? 'allowed' : reachable.size === 0 ? 'blocked' : 'partial';
    out.push({ ...base, targets, status });
  }
  return out;
}

/**
 * Whether egress from workload `from` to an outside peer is allowed on a port, per the ipBlock
 * (cidr minus except) rules: to an address block, for every address of it; to the internet (a
 * host name, whose addresses are not known here), for some public address — a policy narrowed to
 * the provider's blocks still lets the need through.
 */
export function outsideAllowed(
  reach: Reachability,
  from: string,
  peer: string,
  protocol: Protocol,
  port: number,
): boolean {
  const ranges = peerRanges(peer, reach.externals);
  const allows = (r: Ipv4Range) => reach.allowed(from, formatRange(r)).has(protocol, port);
  return ranges.length > 0 && (outsideBlock(peer) ? ranges.every(allows) : ranges.some(allows));
}

/** Whether some public address outside the cluster may connect to workload `to` on a port (a LoadBalancer's or node port's clients). */
export function publicAllowed(reach: Reachability, to: string, protocol: Protocol, port: number): boolean {
  return reach.externals.some((r) => hasPublicAddress(r) && reach.allowed(formatRange(r), to).has(protocol, port));
}
