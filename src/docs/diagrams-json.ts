// `docs --format json`: every diagram of the document as its model (diagram.ts), in document
// order, with the section it belongs to. The shape is documented in docs/diagram-model.md;
// `version` changes when a field changes meaning.
import type { DiagramModel } from './diagram.js';
import type { ArchitectureDocument } from './document.js';

export const DIAGRAMS_JSON = 'diagrams.json';

export interface DiagramsJson {
  version: 1;
  title: string;
  source: string;
  /** One entry per diagram, named as its `.mmd` file in the Markdown format. */
  diagrams: Array<{ name: string; section: string; model: DiagramModel }>;
}

export function diagramsJson(doc: ArchitectureDocument): string {
  const value: DiagramsJson = {
    version: 1,
    title: doc.title,
    source: doc.source,
    diagrams: doc.sections.flatMap((s) =>
      s.blocks.flatMap((b) =>
        b.kind === 'diagram' ? [{ name: b.diagram.name, section: s.title, model: b.diagram.model }] : [],
      ),
    ),
  };
  return `${JSON.stringify(value, null, 2)}\n`;
}
