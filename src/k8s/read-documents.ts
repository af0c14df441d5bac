// Parsing one manifest text into Kubernetes objects, one YAML document at a time, so that a bad
// document becomes a message (with its file, index and line) and the others are still read.
import jsyaml from 'js-yaml';
import { isRecord, type KubeObject, type Source } from './object.js';
import { KUBE_YAML_SCHEMA } from './read-schema.js';
import { knownDataKind } from './non-manifests.js';
import type { Message } from '../diagnostics/index.js';

/** One YAML document's text and where it starts. */
export interface DocumentText {
  text: string;
  /** 0-based index of the document in its file (empty documents count). */
  index: number;
  /** 1-based line of the document's first line in the file. */
  line: number;
}

// A document starts after a `---` marker and ends before the next one or a `...` marker, both
// at column 0 followed by whitespace or end of line (YAML 1.2 §9.1.4: such a line can never be
// content, not even inside a block scalar).
const MARKER = /^(?:---|\.\.\.)(?=[ \t\r]|$)/gm;

/** Splits a multi-document YAML text. Content after `---` on the same line stays in the document. */
export function splitDocuments(text: string): DocumentText[] {
  const docs: DocumentText[] = [];
  let start = 0;
  let line = 1;
  let lineAt = 0; // `line` is the line number at offset `lineAt`
  let sawMarker = false;
  const lineOf = (offset: number): number => {
    for (let i = text.indexOf('\n', lineAt); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
    lineAt = offset;
    return line;
  };
  const push = (from: number, to: number) => {
    docs.push({ text: text.slice(from, to), index: docs.length, line: lineOf(from) });
  };
  for (const m of text.matchAll(MARKER)) {
    const at = m.index ?? 0;
    // Text before the first marker is a document only when it holds content; between two
    // markers even an empty one counts (as it does for kubectl and PyYAML).
    if (sawMarker || hasContent(text.slice(start, at))) push(start, at);
    if (m[0] === '...') {
      const eol = text.indexOf('\n', at);
      start = eol === -1 ? text.length : eol + 1;
      sawMarker = false;
    } else {
      start = at + 3;
      sawMarker = true;
    }
  }
  if (sawMarker || hasContent(text.slice(start))) push(start, text.length);
  return docs;
}

function hasContent(text: string): boolean {
  return /^[ \t]*[^#\s]/m.test(text);
}

export interface ParsedDocuments {
  objects: Array<{ object: KubeObject; source: Source }>;
  messages: Message[];
  /** Non-empty documents, and how many of them were data without apiVersion and kind. */
  documents: number;
  notKubernetes: number;
  /** What each such document is when it is well-known data (k8s/non-manifests.ts), in order. */
  knownData: string[];
}

/** Metadata and top-level fields that kubectl adds and that say nothing about the architecture. */
const NOISE_METADATA = ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation', 'selfLink'];
const NOISE_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration', 'deployment.kubernetes.io/revision'];

// References that only an unrendered Helm chart holds. Go-template actions as such are legitimate
// content: alert templates (`{{ $labels.pod }}`, `{{ with query … }}{{ end }}`) and Grafana
// legends (`{{instance}}`) must not match.
const HELM_REFERENCE =
  /\{\{-?[^}]*?(?:\.Values\b|\.Release\b|\.Chart\b|\.Capabilities\b|\.Files\b|\binclude\s+"|\btoYaml\b|\bnindent\b)/;

/** Parses a file's text into objects; every problem becomes a message naming the file, document and line. */
export function parseManifestText(
  text: string,
  file: string,
  opts: { json?: boolean; onDocument?: (done: number, total: number, parsed: ParsedDocuments) => void } = {},
): ParsedDocuments {
  const out: ParsedDocuments = { objects: [], messages: [], documents: 0, notKubernetes: 0, knownData: [] };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const docs = opts.json ? [{ text: body, index: 0, line: 1 }] : splitDocuments(body);
  for (const doc of docs) {
    parseDocument(doc, file, out);
    opts.onDocument?.(doc.index + 1, docs.length, out);
  }
  return out;
}

function parseDocument(doc: DocumentText, file: string, out: ParsedDocuments): void {
  const where = { file, document: doc.index };
  let value: unknown;
  try {
    value = jsyaml.load(doc.text, { schema: KUBE_YAML_SCHEMA, filename: file });
  } catch (err) {
    const e = err as jsyaml.YAMLException;
    const line = doc.line + (e.mark?.line ?? 0);
    // YAML that does not parse and holds template actions is a template, not a manifest.
    const helm = doc.text.includes('{{');
    out.messages.push({
      severity: 'error',
      ...where,
      line,
      message: helm
        ? `${file}:${line} document ${doc.index}: unrendered Helm template ({{ … }}); render it first (helm template) and read the output`
        : `${file}:${line} document ${doc.index}: not valid YAML: ${e.reason ?? e.message}`,
    });
    return;
  }
  if (value === null || value === undefined) return; // an empty document
  out.documents++;
  if (!isRecord(value) || (typeof value.kind !== 'string' && typeof value.apiVersion !== 'string')) {
    out.notKubernetes++;
    const known = knownDataKind(value);
    if (known) out.knownData.push(known);
  }
  collect(value, { ...where, line: firstContentLine(doc) }, out, doc.text, '', () => itemLines(doc));
}

/**
 * The 1-based line of each entry of a block-style top-level `items:` sequence (kubectl's `List`),
 * so objects read from one List still point at their own lines. Undefined when the text is not
 * laid out that way (flow style, JSON); the items then share the document's line.
 */
function itemLines(doc: DocumentText): number[] | undefined {
  const lines = doc.text.split('\n');
  const start = lines.findIndex((l) => /^items:\s*(#.*)?$/.test(l));
  if (start === -1) return undefined;
  const found: number[] = [];
  let indent: string | undefined;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i];
    // Most lines are inside an item, indented past its dash: skip them without a regex (a 1 MB List
    // of dashboards is almost all such lines).
    if (
      indent !== undefined &&
      line.length > indent.length &&
      line.startsWith(indent) &&
      line.charCodeAt(indent.length) === 32
    )
      continue;
    if (/^\s*(#.*)?$/.test(line)) continue;
    const dash = /^( *)-(?: |$)/.exec(line);
    if (indent === undefined) {
      if (!dash) return undefined;
      indent = dash[1];
    }
    if (dash && dash[1] === indent) found.push(doc.line + i);
    else if (line.length - line.trimStart().length <= indent.length && !line.startsWith(`${indent}-`)) break; // back at the top level
  }
  return found;
}

/** The line of a document's first content (after its `---` and comments): where its object is. */
export function firstContentLine(doc: DocumentText): number {
  const m = /^[ \t]*[^#\s]/m.exec(doc.text);
  if (!m) return doc.line;
  let n = 0;
  for (let i = doc.text.indexOf('\n'); i !== -1 && i < m.index; i = doc.text.indexOf('\n', i + 1)) n++;
  return doc.line + n;
}

function collect(
  value: unknown,
  source: Required<Pick<Source, 'file' | 'document' | 'line'>>,
  out: ParsedDocuments,
  text: string,
  listPath = '',
  listItemLines?: () => number[] | undefined,
): void {
  const at = `${source.file}:${source.line} document ${source.document}${listPath ? ` ${listPath}` : ''}`;
  // Whatever is wrong with a document that holds Helm references, the cause is the template.
  const fail = (message: string) =>
    out.messages.push({
      severity: 'error',
      ...source,
      message: `${at}: ${!message.includes('unrendered Helm template') && HELM_REFERENCE.test(text) ? 'unrendered Helm template ({{ .Values … }}); render it first (helm template) and read the output' : message}`,
    });
  if (!isRecord(value)) {
    fail(`not a Kubernetes object: expected a mapping with apiVersion and kind, got ${describe(value)}`);
    return;
  }
  const { kind, apiVersion } = value;
  if (typeof kind !== 'string' || kind === '' || typeof apiVersion !== 'string' || apiVersion === '') {
    const missing = [
      typeof apiVersion === 'string' && apiVersion ? '' : 'apiVersion',
      typeof kind === 'string' && kind ? '' : 'kind',
    ].filter(Boolean);
    fail(`not a Kubernetes object: ${missing.join(' and ')} missing or not a string`);
    return;
  }
  const items: unknown = value.items;
  if (Array.isArray(items) && (kind === 'List' || kind.endsWith('List'))) {
    // `kind: List` (kubectl get -o yaml) or a typed list (ConfigMapList): items may omit their own kind.
    const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
    const lines = listItemLines?.();
    const exact = lines?.length === items.length ? lines : undefined;
    items.forEach((item: unknown, i) => {
      const filled = isRecord(item) && itemKind ? { apiVersion, kind: itemKind, ...item } : item;
      collect(filled, { ...source, line: exact?.[i] ?? source.line }, out, text, `${listPath}items[${i}]`);
    });
    return;
  }
  if (!isRecord(value.metadata)) {
    fail(`${kind} has no metadata (expected a mapping at metadata)`);
    return;
  }
  const name = value.metadata.name;
  if (typeof name !== 'string' || name === '') {
    fail(
      `${kind} has no metadata.name${typeof value.metadata.generateName === 'string' ? ' (objects named by generateName cannot be identified before a cluster creates them)' : ''}`,
    );
    return;
  }
  if (typeof value.metadata.namespace !== 'undefined' && typeof value.metadata.namespace !== 'string') {
    fail(`${kind} ${name}: metadata.namespace must be a string, got ${describe(value.metadata.namespace)}`);
    return;
  }
  const helm = unrenderedTemplate(value, text);
  if (helm) {
    fail(`${kind} ${name}: unrendered Helm template at ${helm}; render it first (helm template) and read the output`);
    return;
  }
  out.objects.push({ object: stripNoise(value as unknown as KubeObject), source: { ...source } });
}

/** Where a parsed object still holds a Helm action (a template that happened to be valid YAML). */
function unrenderedTemplate(value: Record<string, unknown>, text: string): string | undefined {
  if (!text.includes('{{')) return undefined;
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (HELM_REFERENCE.test(v)) return path;
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => stack.push([x, `${path}[${i}]`]));
    } else if (isRecord(v)) {
      for (const [k, x] of Object.entries(v)) {
        const p = path ? `${path}.${k}` : k;
        if (HELM_REFERENCE.test(k)) return p;
        stack.push([x, p]);
      }
    }
  }
  return undefined;
}

function stripNoise(o: KubeObject): KubeObject {
  const { status: _status, ...rest } = o;
  const metadata = { ...o.metadata };
  for (const k of NOISE_METADATA) delete metadata[k];
  if (isRecord(metadata.annotations)) {
    const annotations = { ...metadata.annotations };
    for (const k of NOISE_ANNOTATIONS) delete annotations[k];
    metadata.annotations = annotations;
    if (Object.keys(annotations).length === 0) delete metadata.annotations;
  }
  return { ...rest, metadata };
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `a ${typeof v}`;
}
