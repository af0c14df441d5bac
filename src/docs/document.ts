// The architecture document as data: sections of text, diagrams and tables. The Markdown
// (markdown.ts) and the HTML page (html.ts) are two renderings of this one model, so they
// cannot disagree.
import type { DiagramModel } from './diagram.js';

export interface Diagram {
  /** File name stem of the diagram's `.mmd` file, e.g. `network-flow`; unique within a document. */
  name: string;
  /** What the diagram draws, as data (`docs --format json` writes it). */
  model: DiagramModel;
  /** Mermaid source: `renderMermaid(model)`. */
  text: string;
}

export type Block =
  | { kind: 'text'; text: string }
  | { kind: 'diagram'; diagram: Diagram }
  /** An SVG drawn by shipshape (a chart), written next to the document as `<name>.svg`. */
  | { kind: 'image'; name: string; alt: string; svg: string }
  | { kind: 'table'; header: string[]; rows: string[][]; align?: Array<'left' | 'right'> };

export interface Section {
  title: string;
  /** Heading level: 2 for the numbered sections, 3 for subsections (one per workload …). */
  level: 2 | 3;
  blocks: Block[];
}

export interface ArchitectureDocument {
  title: string;
  /** Where the objects came from, as given by the user (never an absolute temp path). */
  source: string;
  sections: Section[];
}

export function diagramsOf(doc: ArchitectureDocument): Diagram[] {
  return doc.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'diagram' ? [b.diagram] : [])));
}

export function imagesOf(doc: ArchitectureDocument): Array<{ name: string; svg: string }> {
  return doc.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'image' ? [b] : [])));
}
