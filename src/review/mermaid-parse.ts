// Mermaid's own flowchart parser, run in Node. Mermaid 11 sanitises labels with DOMPurify, which
// has no DOM here; the shims of STACK.md make parsing work. The flowchart's database gives the
// nodes and links exactly as Mermaid reads them, so hand-written syntax is never guessed at.
import DOMPurify from 'dompurify';
import type MermaidApi from 'mermaid';

export interface ParsedNode {
  id: string;
  text: string;
}

export interface ParsedLink {
  from: string;
  to: string;
  text: string;
  /** `normal`, `dotted` or `thick`. */
  stroke: string;
}

export interface ParsedFlowchart {
  nodes: ParsedNode[];
  links: ParsedLink[];
}

interface FlowDb {
  getVertices(): Map<string, { id: string; text?: string }>;
  getSubGraphs(): Array<{ id: string; title?: string }>;
  getEdges(): Array<{ start: string; end: string; text?: string; stroke?: string }>;
}

type Mermaid = typeof MermaidApi;
let loaded: Promise<Mermaid> | undefined;

function mermaid(): Promise<Mermaid> {
  const purify = DOMPurify as unknown as { addHook?: unknown; isSupported: boolean; sanitize: (s: string) => string };
  purify.addHook ??= () => {};
  if (!purify.isSupported) purify.sanitize = (s: string) => s;
  loaded ??= import('mermaid').then(async ({ default: m }) => {
    // Detectors are registered by the first parse.
    await m.parse('flowchart TB\n  a');
    return m;
  });
  return loaded;
}

/** Parses diagram text with Mermaid; resolves to the diagram type, throws Mermaid's own error. */
export async function parseMermaid(text: string): Promise<string> {
  const result = await (await mermaid()).parse(text);
  if (!result) throw new Error('mermaid.parse returned false');
  return result.diagramType;
}

/** Flowcharts and graphs as Mermaid reads them; other diagram types give undefined; bad syntax throws Mermaid's error. */
export async function parseFlowchart(text: string): Promise<ParsedFlowchart | undefined> {
  const m = await mermaid();
  const diagram = await m.mermaidAPI.getDiagramFromText(text);
  if (!diagram.type.startsWith('flowchart')) return undefined;
  const db = diagram.db as unknown as FlowDb;
  // A link to a subgraph makes a vertex of its id; the subgraph's title is what names it.
  const titles = new Map(db.getSubGraphs().map((s) => [s.id, s.title]));
  return {
    nodes: [...db.getVertices().values()].map((v) => ({
      id: v.id,
      text: (v.text === undefined || v.text === v.id ? titles.get(v.id) : undefined) ?? v.text ?? v.id,
    })),
    links: db.getEdges().map((e) => ({ from: e.start, to: e.end, text: e.text ?? '', stroke: e.stroke ?? 'normal' })),
  };
}
