// Where a field path starts in a document written in plain block YAML — what kubectl, Helm and
// most hand-written manifests are — found by reading lines and indentation alone. Composing the
// document with `yaml` costs about 5× a js-yaml parse of it, and a cluster dump has findings in
// nearly every document (issue 13 item 7). Anything this reader is not sure of (a flow collection,
// anchor or tag on the way, a key that is quoted, numeric or a boolean, a List, CRLF line ends)
// is `UNSUPPORTED`, and the caller composes the document instead: both give the same position
// (test/pipeline/block-field-position.test.ts holds them against each other on the corpus).

/** A position in a document's text: 0-based line, 1-based column (as yaml's LineCounter gives). */
export interface TextPosition {
  line: number;
  column: number;
}

export const UNSUPPORTED = 'unsupported';

/** A document's lines: where each starts, and its indentation (-1 for a blank or comment line). */
export interface DocumentLines {
  text: string;
  starts: number[];
  indents: number[];
  /** A List (a root `items`), or CRLF line ends: always composed. */
  unsupported: boolean;
}

export function documentLines(text: string): DocumentLines {
  const starts: number[] = [];
  const indents: number[] = [];
  for (let start = 0; start <= text.length;) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    let i = start;
    while (i < stop && text.charCodeAt(i) === 32) i++;
    let blank = i;
    while (blank < stop && (text.charCodeAt(blank) === 32 || text.charCodeAt(blank) === 9)) blank++;
    starts.push(start);
    indents.push(blank === stop || text.charCodeAt(blank) === 35 /* # */ ? -1 : i - start);
    if (end === -1) break;
    start = end + 1;
  }
  return { text, starts, indents, unsupported: text.includes('\r') || /^items:/m.test(text) };
}

// A key this reader compares as written: a plain scalar that the YAML 1.2 core schema resolves to
// the same string (no number, boolean or null), followed by `:` and a space or the line's end.
const PLAIN_KEY = /^([A-Za-z_][\w./-]*):(?= |$)/;
const NOT_A_STRING = /^(?:true|false|null|True|False|Null|TRUE|FALSE|NULL)$/;

/** A key at a line and column: its name and where its value's text starts, or UNSUPPORTED. */
function keyAt(doc: DocumentLines, line: number, column: number) {
  const from = doc.starts[line] + column;
  const rest = doc.text.slice(from, lineEnd(doc, line));
  const m = PLAIN_KEY.exec(rest);
  if (!m || NOT_A_STRING.test(m[1])) return UNSUPPORTED;
  return { name: m[1], value: rest.slice(m[0].length).trimStart() };
}

function lineEnd(doc: DocumentLines, line: number): number {
  return line + 1 < doc.starts.length ? doc.starts[line + 1] - 1 : doc.text.length;
}

function nextContent(doc: DocumentLines, after: number): number {
  let line = after + 1;
  while (line < doc.indents.length && doc.indents[line] === -1) line++;
  return line;
}

function isItem(doc: DocumentLines, line: number): boolean {
  const at = doc.starts[line] + doc.indents[line];
  return doc.text.charCodeAt(at) === 45 /* - */ && (at + 1 >= lineEnd(doc, line) || doc.text.charCodeAt(at + 1) === 32);
}

/** A collection node: a mapping whose first key is at (line, column), or a sequence whose items are. */
interface Collection {
  kind: 'map' | 'seq';
  line: number;
  column: number;
}
/** A collection to walk into, a scalar or null (undefined), or a node this reader leaves to yaml. */
type Node = Collection | undefined | typeof UNSUPPORTED;

/**
 * Where the deepest existing node of `path` starts (a mapping's key, a sequence's item), as
 * `yaml`'s composed document gives it; undefined when the root is no mapping or its first segment
 * is absent.
 */
export function blockFieldPosition(
  doc: DocumentLines,
  path: Array<string | number>,
): TextPosition | undefined | typeof UNSUPPORTED {
  if (doc.unsupported) return UNSUPPORTED;
  const root = nextContent(doc, -1);
  if (root >= doc.indents.length) return undefined; // an empty document: no mapping
  if (doc.indents[root] !== 0 || isItem(doc, root)) return UNSUPPORTED;
  let node: Node = { kind: 'map', line: root, column: 0 };
  let position: TextPosition | undefined;
  for (const [i, segment] of path.entries()) {
    const last = i === path.length - 1;
    if (node === UNSUPPORTED) return UNSUPPORTED;
    if (!node) break;
    if (node.kind === 'map') {
      const found = findKey(doc, node, String(segment));
      if (found === UNSUPPORTED) return UNSUPPORTED;
      if (!found) break;
      position = { line: found.line, column: node.column + 1 };
      node = last ? undefined : valueOf(doc, found.line, node.column, found.value);
    } else {
      if (typeof segment !== 'number') break;
      const line = findItem(doc, node, segment);
      if (line === undefined) break;
      const dash = doc.starts[line] + node.column;
      let at = dash + 1;
      while (doc.text.charCodeAt(at) === 32) at++;
      const content = doc.text.slice(at, lineEnd(doc, line));
      if (content === '' || content.startsWith('#') || content.startsWith('-')) return UNSUPPORTED;
      const column = at - doc.starts[line];
      position = { line, column: column + 1 };
      if (last) break;
      node = nodeAt(doc, line, column, content);
    }
  }
  return position;
}

/** The first key `name` of a mapping, in order, or undefined; UNSUPPORTED when a key before it is unreadable. */
function findKey(doc: DocumentLines, map: Collection, name: string) {
  for (let line = map.line; line < doc.indents.length; line = nextContent(doc, line)) {
    if (line !== map.line) {
      const indent = doc.indents[line];
      if (indent < map.column) return undefined;
      // Deeper lines belong to a value; an item at the key's indentation is its key's sequence.
      if (indent > map.column || isItem(doc, line)) continue;
    }
    const key = keyAt(doc, line, map.column);
    if (key === UNSUPPORTED) return UNSUPPORTED;
    if (key.name === name) return { line, value: key.value };
  }
  return undefined;
}

/** The line of item `index` of a sequence whose dashes are at `seq.column`, or undefined. */
function findItem(doc: DocumentLines, seq: Collection, index: number): number | undefined {
  let count = 0;
  for (let line = seq.line; line < doc.indents.length; line = nextContent(doc, line)) {
    const indent = doc.indents[line];
    if (indent < seq.column || (indent === seq.column && !isItem(doc, line))) return undefined;
    if (indent === seq.column && count++ === index) return line;
  }
  return undefined;
}

/** The value of a key at (line, column) whose text after `:` is `inline`: a collection, a scalar (undefined) or UNSUPPORTED. */
function valueOf(doc: DocumentLines, line: number, column: number, inline: string): Node {
  if (inline !== '' && !inline.startsWith('#')) return inlineNode(inline);
  const next = nextContent(doc, line);
  if (next >= doc.indents.length) return undefined; // no value: null
  const indent = doc.indents[next];
  if (isItem(doc, next)) return indent >= column ? { kind: 'seq', line: next, column: indent } : undefined;
  if (indent <= column) return undefined; // no value: null
  return nodeAt(doc, next, indent, doc.text.slice(doc.starts[next] + indent, lineEnd(doc, next)));
}

/** The node whose text starts at (line, column) with `content` on that line. */
function nodeAt(doc: DocumentLines, line: number, column: number, content: string): Node {
  if (PLAIN_KEY.test(content)) return { kind: 'map', line, column };
  return inlineNode(content);
}

/** A node written after a key or dash on the same line: a scalar, or something this reader leaves to yaml. */
function inlineNode(content: string): Node {
  if (/^[[{&!?%@`]/.test(content)) return UNSUPPORTED; // a flow collection, properties, reserved
  if (/^[*|>]/.test(content)) return undefined; // an alias or a block scalar: nothing to walk into
  if (/:(?: |$)/.test(content)) return UNSUPPORTED; // a mapping with a key this reader does not read
  return undefined; // a scalar
}
