// 3. Network flow: the external entries (Ingress, LoadBalancer and NodePort Services), every
// intended connection with its port — allowed ones solid, the ones the NetworkPolicies deny red
// and dashed — and the open paths between isolated workloads that no connection asked for,
// marked orange; NetworkPolicy peers outside the input (address blocks, other namespaces) are
// external nodes with the ports their rules allow. Namespaces whose pods no policy isolates get a note instead of N² arrows, and
// workloads open to every address are labelled so instead of drawing an arrow from every pod.
import type { Graph, GraphNode } from '../graph/model.js';
import { intendedConnections, type Reachability } from '../graph/reach.js';
import { formatRange } from '../graph/netpol/ipv4.js';
import { renderFlow, type FlowGroup, type FlowLink, type FlowNode } from './flow.js';
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
  'Solid arrows are intended connections the NetworkPolicies allow; red dashed arrows (“denied”) are intended connections they block; ' +
  'orange arrows (“unintended”) are open paths between policy-isolated workloads that no declared or inferred connection uses; ' +
  'grey round nodes are what the policies let workloads reach, or be reached from, outside the input (address blocks, pods of other namespaces), with the ports their rules allow.';

function isEntryService(node: { kind: string; object: unknown }): boolean {
  const type = (node.object as any).spec?.type;
  return node.kind === 'Service' && (type === 'LoadBalancer' || type === 'NodePort');
}

/** The diagram, or undefined when there is nothing to draw (no workloads, no entry points). */
/** A Service's ports as reached from outside: its node port first when one is set (`node port 30080, http:8080`). */
function entryPorts(service: GraphNode): string[] {
  const ports: any[] = (service.object as any).spec?.ports ?? [];
  return servicePorts(service).map((text, i) => (ports[i]?.nodePort !== undefined ? `node port ${ports[i].nodePort}, ${text}` : text));
}

export function networkDiagram(graph: Graph, reach: Reachability, topo: Topology, singleNamespace: boolean): string | undefined {
  const nodes: FlowNode[] = [{ key: INTERNET, lines: ['Internet'], shape: 'round', className: 'external', groups: [], summaryAs: 'External', keep: true }];
  const links: FlowLink[] = [];
  const drawn = new Set<string>([INTERNET]);
  // Workloads that accept traffic from every address are public: arrows from every pod to them
  // would say nothing the label does not.
  const externals = reach.externals.map(formatRange);
  const publicIds = new Set(reach.workloads.filter((w) => externals.every((r) => !reach.allowed(r, w.id).isEmpty())).map((w) => w.id));
  const addComponent = (id: string): void => {
    if (drawn.has(id)) return;
    drawn.add(id);
    const c = topo.byId.get(id);
    // A component is named by its top owner, which the input may lack (the ReplicaSet of a kubectl pod list).
    const named = c ?? graph.byId.get(id);
    const name = named ? shortName(named, singleNamespace) : id;
    const open = publicIds.has(id) && reach.isolation(id).ingress.length > 0 ? 'accepts any source' : '';
    nodes.push({ key: id, lines: [name, named?.kind ?? '', open], className: 'workload', groups: c ? [namespaceGroup(c.namespace), tierGroup(c.namespace, c.tier)] : [], summaryAs: named?.kind ?? 'workload' });
  };
  // External entries: Gateways and Ingresses take traffic from the Internet (Gateways on their
  // listeners), routes attach to their parent Gateways, LoadBalancer/NodePort Services take it directly.
  const entries = graph.nodes.filter((x) => ENTRY_KINDS.has(x.kind) || isEntryService(x)).sort((a, b) => a.id.localeCompare(b.id));
  for (const n of entries) {
    const spec = (n.object as any).spec ?? {};
    const isService = n.kind === 'Service';
    nodes.push({ key: n.id, lines: [shortName(n, singleNamespace), isService ? `Service ${spec.type}` : n.kind], shape: 'stadium', className: 'entry', groups: [namespaceGroup(n.namespace), tierGroup(n.namespace, 'ingress')], summaryAs: n.kind });
    drawn.add(n.id);
    if (isService) {
      links.push({ from: INTERNET, to: n.id, text: entryPorts(n).join(', ') });
      for (const backend of topo.backends.get(n.id) ?? []) {
        addComponent(backend);
        links.push({ from: n.id, to: backend });
      }
      continue;
    }
    if (n.kind === 'Gateway') {
      const listeners = Array.isArray(spec.listeners) ? spec.listeners : [];
      links.push({ from: INTERNET, to: n.id, text: listeners.map((l: any) => `${l?.protocol} ${l?.port}`).join(', ') || undefined });
    } else if (n.kind === 'Ingress') {
      links.push({ from: INTERNET, to: n.id, text: Array.isArray(spec.tls) && spec.tls.length > 0 ? 'HTTPS 443' : 'HTTP 80' });
    } else {
      // A route is reached through the Gateways it names in parentRefs (namespace defaults to the route's).
      const parents = (Array.isArray(spec.parentRefs) ? spec.parentRefs : []).map((p: any) => `${p?.namespace ?? n.namespace}/${p?.name}[${p?.kind ?? 'Gateway'}]`);
      const known = parents.filter((id: string) => graph.byId.has(id));
      if (known.length === 0) links.push({ from: INTERNET, to: n.id });
      for (const parent of known) links.push({ from: parent, to: n.id });
    }
    for (const r of graph.edges.filter((e) => e.type === 'routes' && e.from === n.id)) {
      const svc = graph.byId.get(r.to);
      for (const backend of topo.backends.get(r.to) ?? []) {
        addComponent(backend);
        links.push({ from: n.id, to: backend, text: `${svc ? svc.name : r.to}${r.port !== undefined ? `:${r.port}` : ''}` });
      }
    }
  }
  // Intended connections, allowed or denied, per target pod.
  const intended = new Set<string>();
  for (const ic of intendedConnections(graph, reach)) {
    for (const t of ic.targets) {
      intended.add(`${ic.from}|${t.to}`);
      addComponent(ic.from);
      addComponent(t.to);
      const port = `${t.protocol} ${t.port ?? ic.port ?? '?'}`;
      links.push(t.allowed ? { from: ic.from, to: t.to, text: port } : { from: ic.from, to: t.to, text: `denied ${port}`, arrow: '-.->', style: 'denied' });
    }
  }
  // Open paths nobody intended, where policies are in force on at least one side. Pairs are
  // checked from the isolated side only, and not at all beyond UNINTENDED_PAIR_LIMIT checks
  // (`shipshape reach` lists every pair of any size).
  const isolated = (id: string): boolean => {
    const i = reach.isolation(id);
    return i.ingress.length > 0 || i.egress.length > 0;
  };
  const ids = reach.workloads.map((w) => w.id).sort();
  const isolatedIds = ids.filter(isolated);
  if (ids.length * isolatedIds.length * 2 <= UNINTENDED_PAIR_LIMIT) {
    const pairs = new Set<string>();
    for (const a of isolatedIds) for (const b of ids) if (a !== b) pairs.add(`${a}|${b}`).add(`${b}|${a}`);
    for (const pair of [...pairs].sort()) {
      const [from, to] = pair.split('|');
      if (intended.has(pair) || publicIds.has(to)) continue;
      const ports = reach.allowed(from, to);
      if (ports.isEmpty()) continue;
      addComponent(from);
      addComponent(to);
      links.push({ from, to, text: `unintended ${ports.toString()}`, arrow: '==>', style: 'unintended' });
    }
  } else {
    nodes.push({ key: 'note:unintended', lines: [`${ids.length} workloads: open paths nobody intended are not drawn here`, 'shipshape reach lists every allowed pair'], className: 'note', groups: [], summaryAs: 'note', keep: true });
  }
  // Every workload, also one nothing connects to, and the rule peers outside the input: address
  // blocks, other namespaces' pods (monitoring, DNS), anywhere.
  for (const c of topo.components) addComponent(c.id);
  for (const p of outsidePaths(graph, reach)) {
    if (!drawn.has(p.peer)) {
      drawn.add(p.peer);
      nodes.push({ key: p.peer, lines: p.peerLines, shape: 'round', className: 'external', groups: [OUTSIDE], summaryAs: 'peer' });
    }
    addComponent(p.workload);
    const text = p.ports.join(', ');
    links.push(p.direction === 'out' ? { from: p.workload, to: p.peer, text } : { from: p.peer, to: p.workload, text });
  }
  // Namespaces where some workloads are not isolated: everything may reach them.
  const open = new Map<string, number>();
  for (const w of reach.workloads) if (reach.isolation(w.id).ingress.length === 0) open.set(w.namespace, (open.get(w.namespace) ?? 0) + 1);
  for (const [ns, count] of [...open].sort(([a], [b]) => a.localeCompare(b))) {
    const total = reach.workloads.filter((w) => w.namespace === ns).length;
    nodes.push({ key: `note:open:${ns}`, lines: [`${count} of ${total} workloads not isolated for ingress:`, 'any pod may connect to them'], className: 'note', groups: [namespaceGroup(ns)], summaryAs: 'note', keep: true });
  }
  // The Internet node only when something is reachable from it.
  const drawnNodes = links.some((l) => l.from === INTERNET) ? nodes : nodes.filter((n) => n.key !== INTERNET);
  if (drawnNodes.length === 0) return undefined;
  return renderFlow(drawnNodes, links, { direction: 'LR', classDefs: CLASS_DEFS, linkStyles: LINK_STYLES });
}
