// Points each finding at the line and column of its field (the YAML node of its path) rather than
// its object's first line. The fast reader (js-yaml) keeps no positions, so only documents that
// have findings are read again, once each: by lines and indentation where the document is plain
// block YAML (block-field-position.ts), else composed with `yaml`'s LineCounter. Files are read from disk;
// texts no file holds come from the input (`sourceText`): stdin (`<stdin>:line`), `kubectl
// kustomize DIR` output (lines of the rendered stream), and a spec's objects (lines of the file
// `build` writes, rendered again on demand — a spec object has no line until then).
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { firstContentLine, splitDocuments, type DocumentText } from '../k8s/read-documents.js';
import {
  blockFieldPosition,
  documentLines,
  UNSUPPORTED,
  type DocumentLines,
  type TextPosition,
} from './block-field-position.js';
import { pathSegments } from '../k8s/field-path.js';
import type { Finding } from '../checks/types.js';
import type { Graph } from '../graph/model.js';

interface ParsedDocument {
  text: DocumentLines;
  /** The document composed by `yaml`, made on the first path block-field-position leaves to it. */
  composed?: ComposedDocument;
  /** 1-based line of the document's first line in its file. */
  line: number;
  /** Where its object starts: the first line after the marker and comments. */
  objectLine: number;
}

/** The findings with `line` (and `column`) of their field, where the file can be read again. */
export function pointAtFields(
  findings: Finding[],
  graph: Graph,
  sourceText: (file: string) => string | undefined = () => undefined,
): Finding[] {
  const files = new Map<string, Map<number, DocumentText> | undefined>();
  const documents = new Map<string, ParsedDocument | undefined>();
  const documentOf = (file: string, index: number): ParsedDocument | undefined => {
    const key = `${index}\u0000${file}`;
    if (documents.has(key)) return documents.get(key);
    if (!files.has(file)) files.set(file, documentsOf(sourceText(file) ?? readText(file)));
    const text = files.get(file)?.get(index);
    const parsed = text && { text: documentLines(text.text), line: text.line, objectLine: firstContentLine(text) };
    documents.set(key, parsed);
    return parsed;
  };
  // Findings of many objects name the same few paths: each is split into segments once.
  const paths = new Map<string, Array<string | number>>();
  const segmentsOf = (path: string) => {
    let segments = paths.get(path);
    if (!segments) paths.set(path, (segments = pathSegments(path)));
    return segments;
  };
  return findings.map((f) => {
    const source = graph.byId.get(f.object)?.source;
    if (!source?.file || source.document === undefined) return f;
    if (!f.path && source.line !== undefined) return f;
    const doc = documentOf(source.file, source.document);
    if (!doc) return f;
    const objectLine = source.line ?? doc.objectLine;
    const position = f.path ? fieldPosition(doc, objectLine, segmentsOf(f.path)) : undefined;
    return position ? { ...f, line: position.line, column: position.column } : { ...f, line: objectLine };
  });
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined; // gone since it was read: keep the object's line
  }
}

function documentsOf(text: string | undefined): Map<number, DocumentText> | undefined {
  if (text === undefined) return undefined;
  return new Map(splitDocuments(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).map((d) => [d.index, d]));
}

/**
 * Where the deepest existing node of `path` starts (a mapping's key, a sequence's item). The object
 * is the document, or the item of its `items` (a List) that starts on the object's line.
 */
function fieldPosition(
  doc: ParsedDocument,
  objectLine: number,
  path: Array<string | number>,
): { line: number; column: number } | undefined {
  let found = blockFieldPosition(doc.text, path);
  if (found === UNSUPPORTED) {
    doc.composed ??= compose(doc.text.text);
    found = composedFieldPosition(doc.composed, path, objectLine - doc.line);
  }
  return found && { line: doc.line + found.line, column: found.column };
}

export interface ComposedDocument {
  root: Node | null;
  lines: LineCounter;
}

export function compose(text: string): ComposedDocument {
  const lines = new LineCounter();
  return { root: parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false }).contents, lines };
}

/**
 * fieldPosition on a document composed by `yaml`, which reads any YAML. `objectLine` (0-based, in
 * the document's text) picks the item of a List.
 */
export function composedFieldPosition(
  doc: ComposedDocument,
  path: Array<string | number>,
  objectLine?: number,
): TextPosition | undefined {
  const at = (offset: number) => {
    const p = doc.lines.linePos(offset);
    return { line: p.line - 1, column: p.col };
  };
  let node: unknown = doc.root;
  const items = isMap(node) ? node.get('items', true) : undefined;
  if (isSeq(items))
    node = items.items.find((item) => isMap(item) && item.range && at(item.range[0]).line === objectLine);
  if (!isMap(node)) return undefined;
  let position: TextPosition | undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair || !isScalar(pair.key) || !pair.key.range) break;
      position = at(pair.key.range[0]);
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item?.range) break;
      position = at(item.range[0]);
      node = item;
    } else break;
  }
  return position;
}
