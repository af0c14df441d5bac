// A flowchart described as nodes nested in groups (namespace → tier …) and links, rendered to
// Mermaid. Above a size threshold the nodes of each innermost group are drawn as one summary node
// (“Workers: 34 (Deployment 30, StatefulSet 4)”) and links between groups merged, so diagrams of
// large inputs stay readable instead of drawing hundreds of boxes.
import { Flowchart, label, mermaidId } from './mermaid.js';

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
  shape?: 'box' | 'round' | 'db' | 'stadium' | 'hex';
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
  arrow?: '-->' | '-.->' | '==>';
  /** A link style declared in the diagram's linkStyles. */
  style?: string;
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
    const breakdown = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([k, c]) => `${k} ${c}`).join(', ');
    const key = `summary:${groupKey}`;
    const title = groups.length ? groups[groups.length - 1].title : 'objects';
    out.push({ key, lines: [`${title}: ${members.length}`, breakdown], groups: groups.slice(0, -1), summaryAs: title });
    for (const m of members) keyOf.set(m.key, key);
  }
  return { nodes: out, keyOf };
}

function mergeLinks(links: FlowLink[], keyOf: Map<string, string>): FlowLink[] {
  const merged = new Map<string, { link: FlowLink; texts: Set<string>; count: number }>();
  for (const l of links) {
    const from = keyOf.get(l.from) ?? l.from;
    const to = keyOf.get(l.to) ?? l.to;
    if (from === to) continue;
    const k = `${from}\u0000${to}\u0000${l.arrow ?? ''}\u0000${l.style ?? ''}`;
    const m = merged.get(k) ?? { link: { ...l, from, to }, texts: new Set<string>(), count: 0 };
    if (l.text) m.texts.add(l.text);
    m.count++;
    merged.set(k, m);
  }
  // Sorted, so the diagram does not depend on the order the objects were read in.
  return [...merged.values()]
    .map(({ link, texts, count }) => {
      const list = [...texts].sort();
      const text = count > 1 ? `${count} links${list.length ? `: ${list.slice(0, 3).join(', ')}${list.length > 3 ? ', …' : ''}` : ''}` : list[0];
      return { ...link, text };
    })
    .sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || (a.style ?? '').localeCompare(b.style ?? '') || (a.text ?? '').localeCompare(b.text ?? ''));
}

/** Renders nodes and links; links to keys with no node are dropped (callers add the nodes they need). */
export function renderFlow(nodes: FlowNode[], links: FlowLink[], opts: FlowOptions): string {
  const limit = opts.limit ?? DEFAULT_NODE_LIMIT;
  let drawn = nodes;
  let drawnLinks = links;
  if (nodes.length > limit) {
    const s = summarise(nodes);
    drawn = s.nodes;
    drawnLinks = mergeLinks(links, s.keyOf);
  } else {
    drawnLinks = mergeLinks(links, new Map());
  }
  const ids = new Map(drawn.map((n) => [n.key, mermaidId(n.key)]));
  const chart = new Flowchart(opts.direction);
  const draw = (t: Tree): void => {
    for (const n of [...t.nodes].sort((a, b) => a.key.localeCompare(b.key))) {
      chart.node(ids.get(n.key)!, label(...n.lines), n.shape);
      if (n.className) chart.classify(ids.get(n.key)!, n.className);
    }
    const children = [...t.children.values()].sort((a, b) => (a.group!.order ?? 0) - (b.group!.order ?? 0) || a.group!.title.localeCompare(b.group!.title));
    for (const child of children) {
      chart.subgraph(mermaidId(child.group!.key, 'g'), label(child.group!.title), () => draw(child));
    }
  };
  draw(tree(drawn));
  for (const l of drawnLinks) {
    const from = ids.get(l.from);
    const to = ids.get(l.to);
    if (from && to) chart.link(from, to, { text: l.text, arrow: l.arrow, style: l.style });
  }
  return chart.render(opts.classDefs, opts.linkStyles);
}
