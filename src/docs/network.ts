// 3. Network flow: the external entries (Ingress, LoadBalancer and NodePort Services), every
// intended connection with its port — allowed ones solid, the ones the NetworkPolicies deny red
// and dashed — and the open paths between isolated workloads that no connection asked for,
// marked orange; NetworkPolicy peers outside the input (address blocks, other namespaces) are
// external nodes with the ports their rules allow. Namespaces whose pods no policy isolates get a note instead of N² arrows, and
// workloads open to every address are labelled so instead of drawing an arrow from every pod.
import { byCodePoint } from '../vocabulary/order.js';
import type { Ingress } from 'kubernetes-types/networking/v1.js';
import type { Service } from 'kubernetes-types/core/v1.js';
import type { Graph, GraphNode } from '../graph/model.js';
import { intendedConnections, publicAllowed, type Reachability } from '../graph/reach.js';
import { isOutsidePeer, OUTSIDE_INTERNET, outsideBlock } from '../graph/outside.js';
import { formatAddress } from '../graph/netpol/ipv4.js';
import { PROTOCOLS, type Protocol } from '../graph/netpol/ports.js';
import { formatRange } from '../graph/netpol/ipv4.js';
import type { Evidence, FlowchartModel } from './diagram.js';
import { edgeEvidence, flowchartModel, type FlowGroup, type FlowLink, type FlowNode } from './flow.js';
import { specOf } from './fields.js';
import { outsidePaths } from './outside-peers.js';
import { namespaceGroup, servicePorts, shortName, tierGroup, type Topology } from './topology.js';

const INTERNET = 'external:internet';
/** Most pair checks spent looking for unintended open paths (~15 µs each: under a second). */
const UNINTENDED_PAIR_LIMIT = 50_000;
const ENTRY_KINDS = new Set(['Ingress', 'Gateway', 'HTTPRoute']);
const OUTSIDE: FlowGroup = { key: 'outside', title: 'Outside the input', order: 2 };

const CLASS_DEFS = {
  external: 'fill:#e0e0e0,stroke:#555',
  entry: 'fill:#fdecea,stroke:#c0392b',
  workload: 'fill:#e8f1fb,stroke:#2e6fb7',
  note: 'fill:#fffbe6,stroke:#b59f3b,stroke-dasharray:3 3',
};

const LINK_STYLES = {
  denied: 'stroke:#d62728,stroke-width:2px,stroke-dasharray:6 4',
  unintended: 'stroke:#ff7f0e,stroke-width:2px',
};

export const NETWORK_LEGEND =
  'Solid arrows are intended connections the NetworkPolicies allow — to workloads and to peers outside the cluster (the internet, an address) — and Services exposed outside the cluster whose pods admit outside clients; ' +
  'red dashed arrows (“denied”) are intended connections they block, and exposed Services whose pods do not admit outside clients on the ports named; ' +
  'orange arrows (“unintended”) are open paths between policy-isolated workloads that no declared or inferred connection uses; ' +
  'grey round nodes are what the policies let workloads reach, or be reached from, outside the input (address blocks, pods of other namespaces), with the ports their rules allow.';

/** The Gateway API fields the diagram reads (gateway.networking.k8s.io/v1); the objects are not validated, so every field is optional. */
interface GatewaySpec {
  listeners?: Array<{ protocol?: string; port?: number } | null>;
}
interface RouteSpec {
  parentRefs?: Array<{ namespace?: string; name?: string; kind?: string } | null>;
}

function isEntryService(node: GraphNode): boolean {
  const type = specOf<NonNullable<Service['spec']>>(node)?.type;
  return node.kind === 'Service' && (type === 'LoadBalancer' || type === 'NodePort');
}

/** A Service's ports as reached from outside: its node port first when one is set (`node port 30080, http:8080`). */
function entryPorts(service: GraphNode): string[] {
  const ports = specOf<NonNullable<Service['spec']>>(service)?.ports;
  const list = Array.isArray(ports) ? ports : [];
  return servicePorts(service).map((text, i) => {
    const nodePort = list[i]?.nodePort;
    return nodePort !== undefined ? `node port ${nodePort}, ${text}` : text;
  });
}

const field = (object: string, path: string): Evidence[] => [{ kind: 'field', object, path }];

/** The nodes and links of the network flow as the steps below find them; `flowchartModel` lays them out. */
class NetworkFlow {
  readonly nodes: FlowNode[] = [
    {
      key: INTERNET,
      lines: ['Internet'],
      shape: 'round',
      className: 'external',
      groups: [],
      summaryAs: 'External',
      keep: true,
    },
  ];
  readonly links: FlowLink[] = [];
  private readonly drawn = new Set<string>([INTERNET]);

  constructor(
    readonly graph: Graph,
    readonly reach: Reachability,
    readonly topo: Topology,
    private readonly singleNamespace: boolean,
    /** Workloads that accept traffic from every address: labelled so instead of an arrow from every pod. */
    private readonly publicIds: Set<string>,
  ) {}

  isPublic(id: string): boolean {
    return this.publicIds.has(id);
  }

  name(node: { name: string; namespace?: string }): string {
    return shortName(node, this.singleNamespace);
  }

  /** A node drawn once, whichever step finds it first. */
  addNode(node: FlowNode): void {
    if (this.drawn.has(node.key)) return;
    this.drawn.add(node.key);
    this.nodes.push(node);
  }

  addComponent(id: string): void {
    const c = this.topo.byId.get(id);
    // A component is named by its top owner, which the input may lack (the ReplicaSet of a kubectl pod list).
    const named = c ?? this.graph.byId.get(id);
    const open = this.publicIds.has(id) && this.reach.isolation(id).ingress.length > 0 ? 'accepts any source' : '';
    this.addNode({
      key: id,
      lines: [named ? this.name(named) : id, named?.kind ?? '', open],
      className: 'workload',
      groups: c ? [namespaceGroup(c.namespace), tierGroup(c.namespace, c.tier)] : [],
      summaryAs: named?.kind ?? 'workload',
    });
  }
}

function publicWorkloads(reach: Reachability): Set<string> {
  const externals = reach.externals.map(formatRange);
  return new Set(
    reach.workloads.filter((w) => externals.every((r) => !reach.allowed(r, w.id).isEmpty())).map((w) => w.id),
  );
}

/** Links from the Internet to an entry: its ports, listeners, or the Gateways a route attaches to. */
function entryLinks(flow: NetworkFlow, entry: GraphNode): FlowLink[] {
  if (entry.kind === 'Service') {
    return [
      { from: INTERNET, to: entry.id, text: entryPorts(entry).join(', '), evidence: field(entry.id, 'spec.ports') },
    ];
  }
  if (entry.kind === 'Gateway') {
    const listeners = specOf<GatewaySpec>(entry)?.listeners;
    const text = (Array.isArray(listeners) ? listeners : []).map((l) => `${l?.protocol} ${l?.port}`).join(', ');
    return [{ from: INTERNET, to: entry.id, text: text || undefined, evidence: field(entry.id, 'spec.listeners') }];
  }
  if (entry.kind === 'Ingress') {
    const tls = specOf<NonNullable<Ingress['spec']>>(entry)?.tls;
    return [
      {
        from: INTERNET,
        to: entry.id,
        text: Array.isArray(tls) && tls.length > 0 ? 'HTTPS 443' : 'HTTP 80',
        evidence: field(entry.id, 'spec.tls'),
      },
    ];
  }
  // A route is reached through the Gateways it names in parentRefs (namespace defaults to the route's).
  const refs = specOf<RouteSpec>(entry)?.parentRefs;
  const parents = (Array.isArray(refs) ? refs : []).map(
    (p) => `${p?.namespace ?? entry.namespace}/${p?.name}[${p?.kind ?? 'Gateway'}]`,
  );
  const known = parents.filter((id) => flow.graph.byId.has(id));
  if (known.length === 0) return [{ from: INTERNET, to: entry.id, evidence: field(entry.id, 'spec.parentRefs') }];
  return known.map((parent) => ({ from: parent, to: entry.id, evidence: field(entry.id, 'spec.parentRefs') }));
}

/**
 * A LoadBalancer or NodePort Service to one of its pods: solid when the policies admit clients
 * outside the cluster (some public address) on every target port, else red dashed with the ports denied.
 */
function exposedLink(flow: NetworkFlow, service: GraphNode, backend: string): FlowLink {
  const workload = flow.reach.workloads.find((w) => w.id === backend);
  const declared = specOf<NonNullable<Service['spec']>>(service)?.ports;
  const ports = (Array.isArray(declared) ? declared : []).flatMap((p) => {
    const protocol = (p?.protocol ?? 'TCP') as Protocol;
    // A protocol the API server rejects opens no port (schema checks report it).
    if (!PROTOCOLS.includes(protocol)) return [];
    const target = p?.targetPort ?? p?.port;
    const port =
      typeof target === 'number'
        ? target
        : workload?.namedPorts.find((n) => n.name === target && n.protocol === protocol)?.port;
    return port === undefined ? [] : [{ protocol, port }];
  });
  const denied = ports.filter((p) => !publicAllowed(flow.reach, backend, p.protocol, p.port));
  const text = (list: typeof ports) => list.map((p) => `${p.protocol} ${p.port}`).join(', ');
  const evidence: Evidence[] = [
    ...field(service.id, 'spec.selector'),
    {
      kind: 'reach',
      from: OUTSIDE_INTERNET,
      to: backend,
      allowed: denied.length === 0,
      ports: text(denied.length ? denied : ports),
    },
  ];
  return denied.length === 0
    ? { from: service.id, to: backend, evidence }
    : { from: service.id, to: backend, text: `denied ${text(denied)}`, line: 'dashed', style: 'denied', evidence };
}

/** The node of an outside peer a need goes to: an address block, or the internet. */
function addOutsidePeerNode(flow: NetworkFlow, peer: string): void {
  const block = outsideBlock(peer);
  flow.addNode({
    key: peer,
    lines: block
      ? [
          block.start === block.end ? formatAddress(block.start) : peer.slice('outside:'.length),
          'address outside the cluster',
        ]
      : ['internet', 'a host outside the cluster'],
    shape: 'round',
    className: 'external',
    groups: [OUTSIDE],
    summaryAs: 'peer',
  });
}

/**
 * External entries: Gateways and Ingresses take traffic from the Internet (Gateways on their
 * listeners), routes attach to their parent Gateways, LoadBalancer/NodePort Services take it directly.
 */
function addEntries(flow: NetworkFlow): void {
  const { graph, topo } = flow;
  const entries = graph.nodes
    .filter((x) => ENTRY_KINDS.has(x.kind) || isEntryService(x))
    .sort((a, b) => byCodePoint(a.id, b.id));
  for (const n of entries) {
    const isService = n.kind === 'Service';
    const serviceType = isService ? `Service ${specOf<NonNullable<Service['spec']>>(n)?.type}` : n.kind;
    flow.addNode({
      key: n.id,
      lines: [flow.name(n), serviceType],
      shape: 'stadium',
      className: 'entry',
      groups: [namespaceGroup(n.namespace), tierGroup(n.namespace, 'ingress')],
      summaryAs: n.kind,
    });
    flow.links.push(...entryLinks(flow, n));
    if (isService) {
      for (const backend of topo.backends.get(n.id) ?? []) {
        flow.addComponent(backend);
        flow.links.push(exposedLink(flow, n, backend));
      }
      continue;
    }
    for (const r of graph.edges.filter((e) => e.type === 'routes' && e.from === n.id)) {
      const svc = graph.byId.get(r.to);
      for (const backend of topo.backends.get(r.to) ?? []) {
        flow.addComponent(backend);
        flow.links.push({
          from: n.id,
          to: backend,
          text: `${svc ? svc.name : r.to}${r.port !== undefined ? `:${r.port}` : ''}`,
          evidence: [edgeEvidence(r)],
        });
      }
    }
  }
}

/** Intended connections, allowed or denied, per target pod; returns the `from|to` pairs drawn. */
function addIntendedConnections(flow: NetworkFlow): Set<string> {
  const intended = new Set<string>();
  for (const ic of intendedConnections(flow.graph, flow.reach)) {
    const connects: Evidence = {
      kind: 'graph-edge',
      type: 'connects',
      from: ic.from,
      to: ic.service,
      ...(ic.port !== undefined ? { port: ic.port } : {}),
      field: ic.evidence,
    };
    for (const t of ic.targets) {
      intended.add(`${ic.from}|${t.to}`);
      flow.addComponent(ic.from);
      if (isOutsidePeer(t.to)) addOutsidePeerNode(flow, t.to);
      else flow.addComponent(t.to);
      const port = `${t.protocol} ${t.port ?? ic.port ?? '?'}`;
      const label = ic.host ? `${port} ${ic.host}` : port;
      const evidence: Evidence[] = [connects, reachEvidence(flow.reach, ic.from, t.to, t.allowed, port)];
      flow.links.push(
        t.allowed
          ? { from: ic.from, to: t.to, text: label, evidence }
          : { from: ic.from, to: t.to, text: `denied ${label}`, line: 'dashed', style: 'denied', evidence },
      );
    }
  }
  return intended;
}

/** A reach result between two workloads, with the policies that isolate the source for egress and the destination for ingress. */
function reachEvidence(reach: Reachability, from: string, to: string, allowed: boolean, ports: string): Evidence {
  const policies = [...new Set([...reach.isolation(from).egress, ...reach.isolation(to).ingress])].sort();
  return { kind: 'reach', from, to, allowed, ports, policies };
}

/**
 * Open paths nobody intended, where policies are in force on at least one side. Pairs are checked
 * from the isolated side only, and not at all beyond UNINTENDED_PAIR_LIMIT checks (`shipshape
 * reach` lists every pair of any size): then a note says so.
 */
function addUnintendedPaths(flow: NetworkFlow, intended: Set<string>): void {
  const { reach } = flow;
  const isolated = (id: string): boolean => {
    const i = reach.isolation(id);
    return i.ingress.length > 0 || i.egress.length > 0;
  };
  const ids = reach.workloads.map((w) => w.id).sort();
  const isolatedIds = ids.filter(isolated);
  if (ids.length * isolatedIds.length * 2 > UNINTENDED_PAIR_LIMIT) {
    flow.addNode({
      key: 'note:unintended',
      lines: [
        `${ids.length} workloads: open paths nobody intended are not drawn here`,
        'shipshape reach lists every allowed pair',
      ],
      className: 'note',
      groups: [],
      summaryAs: 'note',
      keep: true,
    });
    return;
  }
  const pairs = new Set<string>();
  for (const a of isolatedIds) for (const b of ids) if (a !== b) pairs.add(`${a}|${b}`).add(`${b}|${a}`);
  for (const pair of [...pairs].sort()) {
    const [from, to] = pair.split('|');
    if (intended.has(pair) || flow.isPublic(to)) continue;
    const ports = reach.allowed(from, to);
    if (ports.isEmpty()) continue;
    flow.addComponent(from);
    flow.addComponent(to);
    const text = ports.toString();
    flow.links.push({
      from,
      to,
      text: `unintended ${text}`,
      line: 'thick',
      style: 'unintended',
      evidence: [reachEvidence(reach, from, to, true, text)],
    });
  }
}

/** The rule peers outside the input: address blocks, other namespaces' pods (monitoring, DNS), anywhere. */
function addOutsidePeers(flow: NetworkFlow): void {
  for (const p of outsidePaths(flow.graph, flow.reach)) {
    flow.addNode({
      key: p.peer,
      lines: p.peerLines,
      shape: 'round',
      className: 'external',
      groups: [OUTSIDE],
      summaryAs: 'peer',
    });
    flow.addComponent(p.workload);
    const text = p.ports.join(', ');
    const evidence: Evidence[] = [
      {
        kind: 'reach',
        from: p.direction === 'out' ? p.workload : p.peer,
        to: p.direction === 'out' ? p.peer : p.workload,
        allowed: true,
        ports: text,
      },
    ];
    flow.links.push(
      p.direction === 'out'
        ? { from: p.workload, to: p.peer, text, evidence }
        : { from: p.peer, to: p.workload, text, evidence },
    );
  }
}

/** One note per namespace where some workloads are not isolated for ingress: everything may reach them. */
function openNamespaceNotes(reach: Reachability): FlowNode[] {
  const open = new Map<string, number>();
  for (const w of reach.workloads)
    if (reach.isolation(w.id).ingress.length === 0) open.set(w.namespace, (open.get(w.namespace) ?? 0) + 1);
  return [...open]
    .sort(([a], [b]) => byCodePoint(a, b))
    .map(([ns, count]) => {
      const total = reach.workloads.filter((w) => w.namespace === ns).length;
      return {
        key: `note:open:${ns}`,
        lines: [`${count} of ${total} workloads not isolated for ingress:`, 'any pod may connect to them'],
        className: 'note',
        groups: [namespaceGroup(ns)],
        summaryAs: 'note',
        keep: true,
      };
    });
}

/** The network flow's nodes and links, step by step. */
export function networkFlow(
  graph: Graph,
  reach: Reachability,
  topo: Topology,
  singleNamespace: boolean,
): { nodes: FlowNode[]; links: FlowLink[] } {
  const flow = new NetworkFlow(graph, reach, topo, singleNamespace, publicWorkloads(reach));
  addEntries(flow);
  const intended = addIntendedConnections(flow);
  addUnintendedPaths(flow, intended);
  // Every workload, also one nothing connects to.
  for (const c of topo.components) flow.addComponent(c.id);
  addOutsidePeers(flow);
  const nodes = [...flow.nodes, ...openNamespaceNotes(reach)];
  // The Internet node only when something is reachable from it.
  const drawn = flow.links.some((l) => l.from === INTERNET) ? nodes : nodes.filter((n) => n.key !== INTERNET);
  return { nodes: drawn, links: flow.links };
}

/** The diagram, or undefined when there is nothing to draw (no workloads, no entry points). */
export function networkDiagram(
  graph: Graph,
  reach: Reachability,
  topo: Topology,
  singleNamespace: boolean,
): FlowchartModel | undefined {
  const { nodes, links } = networkFlow(graph, reach, topo, singleNamespace);
  if (nodes.length === 0) return undefined;
  return flowchartModel(nodes, links, { direction: 'LR', classDefs: CLASS_DEFS, linkStyles: LINK_STYLES });
}
