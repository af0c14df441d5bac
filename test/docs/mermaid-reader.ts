// A small reader of the flowcharts src/docs writes (one statement per line): node labels with the
// subgraphs around them, and links with their arrow, text and style. Tests use it to ask what a
// diagram draws ("is there a link from postgresql-backup to postgresql on 5432?") instead of
// matching generated ids. Syntax itself is checked by the real Mermaid parser (mermaid-parser.ts).

export interface FlowNode {
  id: string;
  /** The label's lines, entities decoded. */
  lines: string[];
  /** Titles of the subgraphs around the node, outermost first. */
  groups: string[];
  className?: string;
}

export interface FlowEdge {
  from: FlowNode;
  to: FlowNode;
  arrow: string;
  text?: string;
  /** The linkStyle applied to this link, if any. */
  style?: string;
}

export interface Flow {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

const DECODE: Record<string, string> = {
  quot: '"',
  '35': '#',
  '96': '`',
  lt: '<',
  gt: '>',
  '124': '|',
  '59': ';',
  '58': ':',
};

function decode(text: string): string {
  return text.replace(/#(quot|lt|gt|\d+);/g, (_, code: string) => DECODE[code] ?? String.fromCharCode(Number(code)));
}

function lines(label: string): string[] {
  return label.split('<br/>').map(decode);
}

const NODE = /^(\w+)(\[\(|\(\[|\{\{|\[|\()"(.*)"(\)\]|\]\)|\}\}|\]|\))$/;
const SUBGRAPH = /^subgraph (\w+)\["(.*)"\]$/;
const LINK = /^(\w+) (-->|-\.->|==>|---)(?:\|"(.*)"\|)? (\w+)$/;

export function readFlowchart(text: string): Flow {
  const [header, ...body] = text
    .trimEnd()
    .split('\n')
    .map((l) => l.trim());
  if (!/^flowchart (TB|LR)$/.test(header)) throw new Error(`not a flowchart: ${header}`);
  const nodes = new Map<string, FlowNode>();
  const links: Array<{ from: string; to: string; arrow: string; text?: string }> = [];
  const styles = new Map<number, string>();
  const stack: string[] = [];
  for (const line of body) {
    let m: RegExpExecArray | null;
    if ((m = SUBGRAPH.exec(line))) {
      nodes.set(m[1], { id: m[1], lines: lines(m[2]), groups: [...stack] });
      stack.push(lines(m[2]).join(' '));
    } else if (line === 'end') stack.pop();
    else if ((m = LINK.exec(line)))
      links.push({ from: m[1], to: m[4], arrow: m[2], text: m[3] === undefined ? undefined : decode(m[3]) });
    else if ((m = NODE.exec(line))) nodes.set(m[1], { id: m[1], lines: lines(m[3]), groups: [...stack] });
    else if ((m = /^linkStyle ([\d,]+) (.*)$/.exec(line))) for (const i of m[1].split(',')) styles.set(Number(i), m[2]);
    else if ((m = /^class ([\w,]+) (\w+)$/.exec(line)))
      for (const id of m[1].split(',')) nodes.get(id)!.className = m[2];
    else if (!line.startsWith('classDef ')) throw new Error(`unread line: ${line}`);
  }
  const node = (id: string): FlowNode => {
    const n = nodes.get(id);
    if (!n) throw new Error(`link to undeclared node ${id}`);
    return n;
  };
  return {
    nodes: [...nodes.values()],
    edges: links.map((l, i) => ({
      from: node(l.from),
      to: node(l.to),
      arrow: l.arrow,
      text: l.text,
      style: styles.get(i),
    })),
  };
}

/** A first label line names `name` when it is the name, or `namespace/name` (inputs of several namespaces). */
export function names(line: string | undefined, name: string): boolean {
  return line === name || (line?.endsWith(`/${name}`) ?? false);
}

/** The one node whose label starts with these lines (e.g. `['postgresql', 'StatefulSet']`); throws when none or several. */
export function nodeLabelled(flow: Flow, name: string, ...more: string[]): FlowNode {
  const hits = flow.nodes.filter((n) => names(n.lines[0], name) && more.every((s, i) => n.lines[i + 1] === s));
  if (hits.length !== 1)
    throw new Error(
      `${hits.length} nodes labelled ${JSON.stringify([name, ...more])}; labels: ${flow.nodes.map((n) => JSON.stringify(n.lines)).join(' ')}`,
    );
  return hits[0];
}

/** Links from the node whose first label line names `from` to the one whose first line names `to`. */
export function edgesBetween(flow: Flow, from: string, to: string): FlowEdge[] {
  return flow.edges.filter((e) => names(e.from.lines[0], from) && names(e.to.lines[0], to));
}
