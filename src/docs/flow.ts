// A flowchart described as nodes nested in groups (namespace → tier …) and links, rendered to
// Mermaid. Above a size threshold the nodes of each innermost group are drawn as one summary node
// (“Workers: 34 (Deployment 30, StatefulSet 4)”) and links between groups merged, so diagrams of
// large inputs stay readable instead of drawing hundreds of boxes. The result is a diagram model
// (diagram.ts); render-mermaid.ts writes it as Mermaid.
import { byCodePoint } from '../vocabulary/order.js';
import type { GraphEdge } from '../graph/model.js';
import type { DiagramEdge, EdgeLine, Evidence, FlowchartModel, FlowItem, NodeShape } from './diagram.js';
import { mermaidId } from './mermaid.js';

export interface FlowGroup {
  /** Unique among groups, stable (e.g. `ns:sagaz/tier:data`). */
  key: string;
  title: string;
  /** Position among sibling groups (then by title); e.g. the tier order. */
  order?: number;
}

export interface FlowNode {
  /** Unique, stable: usually the graph node id. */
  key: string;
  lines: string[];
  shape?: NodeShape;
  /** A class declared in the diagram's classDefs. */
  className?: string;
  /** Outermost first. Nodes with no groups are drawn at the top level. */
  groups: FlowGroup[];
  /** What the node counts as when summarised, e.g. its kind. */
  summaryAs: string;
  /** Drawn as it is even when its group is summarised (notes, the Internet). */
  keep?: boolean;
}

export interface FlowLink {
  from: string;
  to: string;
  text?: string;
  line?: EdgeLine;
  /** A link style declared in the diagram's linkStyles. */
  style?: string;
  /** What the link is drawn from (graph edges, fields, reach results). */
  evidence?: Evidence[];
}

export interface FlowOptions {
  direction: 'TB' | 'LR';
  classDefs?: Record<string, string>;
  linkStyles?: Record<string, string>;
  /** Above this many nodes, innermost groups are summarised. */
  limit?: number;
}

/** Default size threshold: beyond ~60 boxes Mermaid's layout stops being readable. */
export const DEFAULT_NODE_LIMIT = 60;

interface Tree {
  group?: FlowGroup;
  children: Map<string, Tree>;
  nodes: FlowNode[];
}

function tree(nodes: FlowNode[]): Tree {
  const root: Tree = { children: new Map(), nodes: [] };
  for (const n of nodes) {
    let t = root;
    for (const g of n.groups) {
      let child = t.children.get(g.key);
      if (!child) t.children.set(g.key, (child = { group: g, children: new Map(), nodes: [] }));
      t = child;
    }
    t.nodes.push(n);
  }
  return root;
}

/** Replaces the nodes of each innermost group by one node that counts them; maps old keys to new. */
function summarise(nodes: FlowNode[]): { nodes: FlowNode[]; keyOf: Map<string, string> } {
  const byGroup = new Map<string, FlowNode[]>();
  for (const n of nodes.filter((x) => !x.keep)) {
    const k = n.groups.length ? n.groups[n.groups.length - 1].key : '';
    byGroup.set(k, [...(byGroup.get(k) ?? []), n]);
  }
  const keyOf = new Map<string, string>();
  const out: FlowNode[] = nodes.filter((n) => n.keep);
  for (const [groupKey, members] of byGroup) {
    const groups = members[0].groups;
    const counts = new Map<string, number>();
    for (const m of members) counts.set(m.summaryAs, (counts.get(m.summaryAs) ?? 0) + 1);
    const breakdown = [...counts]
      .sort(([a], [b]) => byCodePoint(a, b))
      .map(([k, c]) => `${k} ${c}`)
      .join(', ');
    const key = `summary:${groupKey}`;
    const title = groups.length ? groups[groups.length - 1].title : 'objects';
    out.push({ key, lines: [`${title}: ${members.length}`, breakdown], groups: groups.slice(0, -1), summaryAs: title });
    for (const m of members) keyOf.set(m.key, key);
  }
  return { nodes: out, keyOf };
}

function mergeLinks(links: FlowLink[], keyOf: Map<string, string>): FlowLink[] {
  const merged = new Map<string, { link: FlowLink; texts: Set<string>; count: number; evidence: Evidence[] }>();
  for (const l of links) {
    const from = keyOf.get(l.from) ?? l.from;
    const to = keyOf.get(l.to) ?? l.to;
    if (from === to) continue;
    const k = `${from}\u0000${to}\u0000${l.line ?? ''}\u0000${l.style ?? ''}`;
    const m = merged.get(k) ?? { link: { ...l, from, to }, texts: new Set<string>(), count: 0, evidence: [] };
    if (l.text) m.texts.add(l.text);
    m.evidence.push(...(l.evidence ?? []));
    m.count++;
    merged.set(k, m);
  }
  // Sorted, so the diagram does not depend on the order the objects were read in.
  return [...merged.values()]
    .map(({ link, texts, count, evidence }) => {
      const list = [...texts].sort();
      const text =
        count > 1
          ? `${count} links${list.length ? `: ${list.slice(0, 3).join(', ')}${list.length > 3 ? ', …' : ''}` : ''}`
          : list[0];
      return { ...link, text, evidence };
    })
    .sort(
      (a, b) =>
        byCodePoint(a.from, b.from) ||
        byCodePoint(a.to, b.to) ||
        byCodePoint(a.style ?? '', b.style ?? '') ||
        byCodePoint(a.text ?? '', b.text ?? ''),
    );
}

/** Label lines as every renderer shows them: strings (fields of malformed manifests reach here as numbers or objects), none empty. */
export function labelLines(lines: unknown[]): string[] {
  return lines.map(String).filter((l) => l !== '');
}

/** The diagram model of nodes and links; links to keys with no node are dropped (callers add the nodes they need). */
export function flowchartModel(nodes: FlowNode[], links: FlowLink[], opts: FlowOptions): FlowchartModel {
  const limit = opts.limit ?? DEFAULT_NODE_LIMIT;
  const summary = nodes.length > limit ? summarise(nodes) : { nodes, keyOf: new Map<string, string>() };
  const ids = new Map(summary.nodes.map((n) => [n.key, mermaidId(n.key)]));
  const itemsOf = (t: Tree): FlowItem[] => {
    const items: FlowItem[] = [...t.nodes]
      .sort((a, b) => byCodePoint(a.key, b.key))
      .map((n) => ({
        kind: 'node',
        id: ids.get(n.key)!,
        key: n.key,
        lines: labelLines(n.lines),
        shape: n.shape ?? 'box',
        ...(n.className ? { className: n.className } : {}),
      }));
    const children = [...t.children.values()].sort(
      (a, b) => (a.group!.order ?? 0) - (b.group!.order ?? 0) || byCodePoint(a.group!.title, b.group!.title),
    );
    for (const child of children) {
      items.push({
        kind: 'group',
        id: mermaidId(child.group!.key, 'g'),
        key: child.group!.key,
        lines: labelLines([child.group!.title]),
        items: itemsOf(child),
      });
    }
    return items;
  };
  const items = itemsOf(tree(summary.nodes));
  for (const l of mergeLinks(links, summary.keyOf)) {
    const from = ids.get(l.from);
    const to = ids.get(l.to);
    if (from && to) items.push(diagramEdge(from, to, l));
  }
  return {
    type: 'flowchart',
    direction: opts.direction,
    items,
    classDefs: opts.classDefs ?? {},
    edgeStyles: opts.linkStyles ?? {},
  };
}

/** A graph edge as the evidence of what a diagram draws. */
export function edgeEvidence(e: GraphEdge): Evidence {
  return {
    kind: 'graph-edge',
    type: e.type,
    from: e.from,
    to: e.to,
    ...(e.port !== undefined ? { port: e.port } : {}),
    field: e.evidence,
  };
}

/** An edge item between two drawn ids, with what `link` says about it. */
export function diagramEdge(from: string, to: string, link: Omit<FlowLink, 'from' | 'to'> = {}): DiagramEdge {
  return {
    kind: 'edge',
    from,
    to,
    ...(link.text ? { text: link.text } : {}),
    line: link.line ?? 'solid',
    ...(link.style ? { style: link.style } : {}),
    evidence: link.evidence ?? [],
  };
}
