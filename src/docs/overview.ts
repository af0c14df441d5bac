// 1. Cluster overview: namespaces as subgraphs, components grouped by tier inside them, the
// connections between components, what the ingress routes to, and the config each component reads.
import { byCodePoint } from '../vocabulary/order.js';
import type { Graph } from '../graph/model.js';
import type { FlowchartModel } from './diagram.js';
import { edgeEvidence, flowchartModel, type FlowLink, type FlowNode } from './flow.js';
import { absentText, namespaceGroup, shortName, tierGroup, type Topology } from './topology.js';
import { externalSecrets } from '../graph/external-secrets.js';
import { parseNodeId } from '../k8s/object.js';

const CLASS_DEFS = {
  ingress: 'fill:#fdecea,stroke:#c0392b',
  web: 'fill:#e8f1fb,stroke:#2e6fb7',
  worker: 'fill:#eef7ee,stroke:#3d8b3d',
  data: 'fill:#fff4e0,stroke:#c77c02',
  job: 'fill:#f3eefa,stroke:#7d4bb3',
  config: 'fill:#f4f4f4,stroke:#888',
};

const ENTRY_KINDS = new Set(['Ingress', 'Gateway', 'HTTPRoute']);

/** The diagram, or undefined when there is nothing to draw (no entry points, workloads or config they read). */
export function overviewDiagram(graph: Graph, topo: Topology, singleNamespace: boolean): FlowchartModel | undefined {
  const nodes: FlowNode[] = [];
  const links: FlowLink[] = [];
  const componentIds = new Set(topo.components.map((c) => c.id));
  for (const n of graph.nodes.filter((x) => ENTRY_KINDS.has(x.kind)).sort((a, b) => byCodePoint(a.id, b.id))) {
    nodes.push({
      key: n.id,
      lines: [shortName(n, singleNamespace), n.kind],
      shape: 'stadium',
      className: 'ingress',
      groups: [namespaceGroup(n.namespace), tierGroup(n.namespace, 'ingress')],
      summaryAs: n.kind,
    });
  }
  for (const c of topo.components) {
    nodes.push({
      key: c.id,
      lines: [shortName(c, singleNamespace), c.kind],
      shape: c.tier === 'data' ? 'db' : 'box',
      className: c.tier,
      groups: [namespaceGroup(c.namespace), tierGroup(c.namespace, c.tier)],
      summaryAs: c.kind,
    });
  }
  const config = new Set<string>();
  for (const e of graph.edges) {
    if (e.type === 'routes' && ENTRY_KINDS.has(graph.byId.get(e.from)?.kind ?? '')) {
      for (const to of topo.backends.get(e.to) ?? [])
        links.push({
          from: e.from,
          to,
          text: e.port !== undefined ? `${e.port}` : undefined,
          evidence: [edgeEvidence(e)],
        });
    }
    const kind = graph.byId.get(e.to)?.kind ?? parseNodeId(e.to).kind;
    if (e.type === 'uses' && (kind === 'ConfigMap' || kind === 'Secret')) {
      const from = topo.componentOf(e.from);
      if (!componentIds.has(from)) continue;
      config.add(e.to);
      links.push({ from: e.to, to: from, line: 'dashed', evidence: [edgeEvidence(e)] });
    }
  }
  // Config a workload reads but the input does not hold is drawn too, marked: declared external, or not in the input.
  const external = externalSecrets(graph);
  for (const id of [...config].sort()) {
    const n = graph.byId.get(id) ?? parseNodeId(id);
    const status = graph.byId.has(id) ? n.kind : absentText(n, external);
    nodes.push({
      key: id,
      lines: [shortName(n, singleNamespace), status],
      className: 'config',
      groups: [namespaceGroup(n.namespace), tierGroup(n.namespace, 'config')],
      summaryAs: n.kind,
    });
  }
  for (const c of topo.connections) {
    if (!componentIds.has(c.to)) {
      const svc = graph.byId.get(c.service) ?? parseNodeId(c.service);
      if (!nodes.some((n) => n.key === c.to)) {
        const status = graph.byId.has(c.service) ? 'Service, no workload in the input' : 'Service, not in the input';
        nodes.push({
          key: c.to,
          lines: [shortName(svc, singleNamespace), status],
          shape: 'round',
          groups: [namespaceGroup(svc.namespace)],
          summaryAs: 'Service',
        });
      }
    }
    links.push({
      from: c.from,
      to: c.to,
      text: c.port !== undefined ? `${c.port}` : undefined,
      evidence: [edgeEvidence(c.edge)],
    });
  }
  if (nodes.length === 0) return undefined;
  return flowchartModel(nodes, links, { direction: 'TB', classDefs: CLASS_DEFS });
}
