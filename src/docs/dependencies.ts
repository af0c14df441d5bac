// 2. Resource dependencies: the Secrets and ConfigMaps each workload reads (names only, never
// values), the workloads, and the Services that expose them with their ports. A referenced
// Secret or ConfigMap that is not in the input is drawn and marked missing, unless its Namespace
// declares it external (created outside shipshape).
import type { Graph } from '../graph/model.js';
import type { FlowchartModel } from './diagram.js';
import { edgeEvidence, flowchartModel, type FlowGroup, type FlowLink, type FlowNode } from './flow.js';
import { absentText, namespaceGroup, servicePorts, shortName, type Topology } from './topology.js';
import { externalSecrets } from '../graph/external-secrets.js';
import { parseNodeId } from '../k8s/object.js';

const COLUMNS = ['Secrets', 'ConfigMaps', 'Workloads', 'Services'] as const;

function column(namespace: string | undefined, title: (typeof COLUMNS)[number]): FlowGroup {
  return { key: `ns:${namespace ?? ''}/${title}`, title, order: COLUMNS.indexOf(title) };
}

const CLASS_DEFS = {
  secret: 'fill:#fdecea,stroke:#c0392b',
  config: 'fill:#f4f4f4,stroke:#888',
  workload: 'fill:#e8f1fb,stroke:#2e6fb7',
  service: 'fill:#eef7ee,stroke:#3d8b3d',
  missing: 'fill:#ffffff,stroke:#d62728,stroke-dasharray:4 3',
};

export function dependenciesDiagram(graph: Graph, topo: Topology, singleNamespace: boolean): FlowchartModel {
  const nodes = new Map<string, FlowNode>();
  const links: FlowLink[] = [];
  for (const c of topo.components) {
    nodes.set(c.id, {
      key: c.id,
      lines: [shortName(c, singleNamespace), c.kind],
      className: 'workload',
      groups: [namespaceGroup(c.namespace), column(c.namespace, 'Workloads')],
      summaryAs: c.kind,
    });
    for (const svc of c.services) {
      if (!nodes.has(svc.id)) {
        const ports = servicePorts(svc);
        nodes.set(svc.id, {
          key: svc.id,
          lines: [shortName(svc, singleNamespace), ports.length ? ports.join(', ') : 'headless, no ports'],
          className: 'service',
          groups: [namespaceGroup(svc.namespace), column(svc.namespace, 'Services')],
          summaryAs: 'Service',
        });
      }
      links.push({ from: c.id, to: svc.id, evidence: [{ kind: 'field', object: svc.id, path: 'spec.selector' }] });
    }
  }
  const external = externalSecrets(graph);
  for (const e of graph.edges) {
    if (e.type !== 'uses') continue;
    const from = topo.componentOf(e.from);
    if (!topo.byId.has(from)) continue;
    const target = graph.byId.get(e.to);
    const { namespace, name, kind } = target ?? parseNodeId(e.to);
    if (kind !== 'Secret' && kind !== 'ConfigMap') continue;
    if (!nodes.has(e.to)) {
      const status = target ? kind : absentText({ namespace, name, kind }, external);
      const missing = !target && !external.has(`${namespace}/${name}`);
      nodes.set(e.to, {
        key: e.to,
        lines: [shortName({ name, namespace }, singleNamespace), status],
        className: missing ? 'missing' : kind === 'Secret' ? 'secret' : 'config',
        groups: [namespaceGroup(namespace), column(namespace, kind === 'Secret' ? 'Secrets' : 'ConfigMaps')],
        summaryAs: kind,
      });
    }
    links.push({ from: e.to, to: from, evidence: [edgeEvidence(e)] });
  }
  return flowchartModel([...nodes.values()], links, { direction: 'LR', classDefs: CLASS_DEFS });
}
