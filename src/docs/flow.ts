// A flowchart described as nodes nested in groups (namespace → tier …) and links, rendered to
// Mermaid. Mermaid's layout (dagre) throws "Cannot set properties of undefined (setting 'order')"
// on some larger graphs with subgraphs and links crossing them (seen from ~50 nodes; never with
// no subgraphs), and refuses text over `maxTextSize` or more than `maxEdges` links. So a diagram
// is drawn at the first of these levels that fits:
// 1. every node, in its groups, when there are at most `limit` nodes;
// 2. each innermost group as one summary node (“Workers: 34 (Deployment 30, StatefulSet 4)”),
//    links between them merged, when that leaves at most `limit` nodes;
// 3. one node per outermost group (namespace), no subgraphs, with a note saying what was
//    summarised; beyond Mermaid's limits the smallest namespaces are counted in one node.
// The result is a diagram model (diagram.ts); render-mermaid.ts writes it as Mermaid.
import { byCodePoint } from '../vocabulary/order.js';
import type { GraphEdge } from '../graph/model.js';
import type { DiagramEdge, EdgeLine, Evidence, FlowchartModel, FlowItem, NodeShape } from './diagram.js';
import { mermaidId } from './mermaid.js';
import { MERMAID_MAX_EDGES, MERMAID_MAX_TEXT_SIZE, renderMermaid } from './render-mermaid.js';
import { pushTo } from '../graph/multimap.js';

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

/**
 * Most nodes drawn inside subgraphs: beyond ~60 boxes the layout stops being readable, and
 * Mermaid's layout failed on graphs with subgraphs from 54 nodes in a browser fuzz (none at 40).
 */
export const DEFAULT_NODE_LIMIT = 40;

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
    pushTo(byGroup, k, n);
  }
  const keyOf = new Map<string, string>();
  const out: FlowNode[] = nodes.filter((n) => n.keep);
  for (const [groupKey, members] of byGroup) {
    const groups = members[0].groups;
    const key = `summary:${groupKey}`;
    const title = groups.length ? groups[groups.length - 1].title : 'objects';
    out.push({
      key,
      lines: [`${title}: ${members.length}`, breakdown(members)],
      groups: groups.slice(0, -1),
      summaryAs: title,
    });
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
  if (nodes.length <= limit) {
    const model = drawnModel(nodes, links, new Map(), opts);
    if (fitsMermaid(model)) return model;
  }
  const summary = summarise(nodes);
  if (summary.nodes.length <= limit) {
    const model = drawnModel(summary.nodes, links, summary.keyOf, opts);
    if (fitsMermaid(model)) return model;
  }
  return namespaceLevelModel(nodes, links, opts);
}

/** Whether Mermaid (with its default limits) accepts the diagram's text and links. */
export function fitsMermaid(model: FlowchartModel): boolean {
  return edgeCount(model.items) <= MERMAID_MAX_EDGES && renderMermaid(model).length <= MERMAID_MAX_TEXT_SIZE;
}

function edgeCount(items: FlowItem[]): number {
  return items.reduce((n, i) => n + (i.kind === 'edge' ? 1 : i.kind === 'group' ? edgeCount(i.items) : 0), 0);
}

/**
 * Level 3: one node per outermost group, no subgraphs (so no layout failure), links merged, and a
 * note saying what was summarised. When even that exceeds Mermaid's limits, the largest groups
 * are kept, as many as fit, and the rest counted in one node.
 */
function namespaceLevelModel(nodes: FlowNode[], links: FlowLink[], opts: FlowOptions): FlowchartModel {
  const members = new Map<string, { group?: FlowGroup; nodes: FlowNode[] }>();
  for (const n of nodes) {
    if (n.keep) continue;
    const group = n.groups[0];
    const key = group?.key ?? '';
    const entry = members.get(key) ?? { group, nodes: [] };
    entry.nodes.push(n);
    members.set(key, entry);
  }
  const bySize = [...members].sort(([a, x], [b, y]) => y.nodes.length - x.nodes.length || byCodePoint(a, b));
  const kept = nodes.filter((n) => n.keep).map((n) => ({ ...n, groups: [] }));
  const model = (shown: number): FlowchartModel => {
    const keyOf = new Map<string, string>();
    const drawn: FlowNode[] = [...kept];
    const rest: FlowNode[] = [];
    bySize.forEach(([groupKey, { group, nodes: inGroup }], i) => {
      if (i >= shown) {
        rest.push(...inGroup);
        for (const m of inGroup) keyOf.set(m.key, 'summary:other-groups');
        return;
      }
      const key = `summary:${groupKey || 'ungrouped'}`;
      drawn.push({
        key,
        lines: [`${group?.title ?? 'Other objects'}: ${inGroup.length}`, breakdown(inGroup)],
        groups: [],
        summaryAs: '',
      });
      for (const m of inGroup) keyOf.set(m.key, key);
    });
    const others = bySize.length - Math.min(shown, bySize.length);
    if (others > 0)
      drawn.push({
        key: 'summary:other-groups',
        lines: [`${others} more group(s): ${rest.length}`, breakdown(rest)],
        groups: [],
        summaryAs: '',
      });
    const groups = Math.min(shown, bySize.length) + (others > 0 ? 1 : 0);
    drawn.push({
      key: 'note:summarised',
      lines: [
        `${nodes.length - kept.length} nodes drawn as ${groups} group node(s)`,
        'too many to draw one by one (Mermaid limits)',
      ],
      shape: 'round',
      groups: [],
      summaryAs: '',
    });
    return drawnModel(drawn, links, keyOf, opts);
  };
  // Halve the groups drawn until Mermaid accepts the text; one group always fits.
  let shown = bySize.length;
  let result = model(shown);
  while (!fitsMermaid(result) && shown > 1) {
    shown = Math.ceil(shown / 2);
    result = model(shown);
  }
  return result;
}

/** What a set of nodes counts as: `Deployment 30, StatefulSet 4`. */
function breakdown(nodes: FlowNode[]): string {
  const counts = new Map<string, number>();
  for (const n of nodes) counts.set(n.summaryAs, (counts.get(n.summaryAs) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => byCodePoint(a, b))
    .map(([k, c]) => `${k} ${c}`)
    .join(', ');
}

/** Nodes in their groups, with links mapped through `keyOf` (summarised keys) and merged. */
function drawnModel(
  nodes: FlowNode[],
  links: FlowLink[],
  keyOf: Map<string, string>,
  opts: FlowOptions,
): FlowchartModel {
  const ids = new Map(nodes.map((n) => [n.key, mermaidId(n.key)]));
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
  const items = itemsOf(tree(nodes));
  for (const l of mergeLinks(links, keyOf)) {
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
