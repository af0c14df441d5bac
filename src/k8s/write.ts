// Objects → YAML as Kubernetes reads it: YAML 1.1 scalars (so `yes`, `on`, `y`, `NO` and `12:30`
// get quoted and stay strings), the envelope keys first, one document per object. And plain data
// files as js-yaml writes them. One direct writer serves both, each byte for byte its library's output.
import { dump } from 'js-yaml';
import { stringify } from 'yaml';
import { isPlainObject, type KubeObject } from './object.js';

/** Top-level keys in the order people expect; everything else follows in its own order. */
const ENVELOPE = ['apiVersion', 'kind', 'metadata'];
const METADATA = ['name', 'generateName', 'namespace', 'labels', 'annotations'];
const YAML_OPTIONS = { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false } as const;

function ordered<T extends Record<string, unknown>>(o: T, first: string[]): T {
  const out: Record<string, unknown> = {};
  for (const k of first) if (k in o) out[k] = o[k];
  for (const [k, v] of Object.entries(o)) if (!(k in out)) out[k] = v;
  return out as T;
}

/**
 * Strings `yaml` and js-yaml both write plain in any block position, checked without asking either:
 * printable ASCII that starts with a letter or `/`, with no `: `, ` #` or trailing space or colon
 * (the plain-scalar rule of both), and is not one of YAML 1.1's booleans or nulls (js-yaml quotes
 * those too; every other scalar type of YAML 1.1 or of js-yaml's schema starts with a digit, a
 * sign, a dot, `<` or `~`).
 */
const PLAIN_STRING = /^[A-Za-z/][\x20-\x7e]*$/;
const NOT_PLAIN = /: | #|[ :]$/;
const YAML_11_WORDS =
  /^(?:[Yy]|[Yy]es|YES|[Nn]|[Nn]o|NO|[Tt]rue|TRUE|[Ff]alse|FALSE|[Oo]n|ON|[Oo]ff|OFF|[Nn]ull|NULL)$/;

/**
 * A YAML library whose output the direct writer below reproduces byte for byte, asking the library
 * only about the scalars it cannot tell itself (once per distinct scalar, remembered here), and
 * leaving the whole value to it when something else turns up.
 */
interface YamlStyle {
  /** The library writing a value as a document. */
  write(value: unknown): string;
  scalarForms: Map<unknown, string | undefined>;
  blockForms: Map<string, BlockForm | undefined>;
}
const styleOf = (write: (value: unknown) => string): YamlStyle => ({
  write,
  scalarForms: new Map(),
  blockForms: new Map(),
});

/** `yaml` as Kubernetes manifests are written: YAML 1.1 scalars, no line folding, no aliases. */
const YAML_11 = styleOf((value) => stringify(value, YAML_OPTIONS));
/** js-yaml's dump without line folding or references: plain data files (promtool's, prometheus-adapter's). */
const JS_YAML = styleOf((value) => dump(value, { lineWidth: -1, noRefs: true }));

/**
 * How the library writes a scalar, the same as a map value, a sequence item and (for strings) a key:
 * asked of it once per distinct scalar unless obviously plain, which `yaml` and js-yaml agree on.
 * Only scalars whose form does not depend on where they stand qualify: one line, no document
 * marker (`%`, `---`, `...` at the start), short enough to stay an implicit key. Anything else is
 * undefined.
 */
function scalarForm(v: string | number | boolean | null, style: YamlStyle): string | undefined {
  if (Object.is(v, -0)) return undefined; // a Map key would confuse it with 0
  if (typeof v === 'string' && v.length <= 1000 && PLAIN_STRING.test(v) && !NOT_PLAIN.test(v) && !YAML_11_WORDS.test(v))
    return v;
  if (Number.isSafeInteger(v)) return String(v);
  const forms = style.scalarForms;
  if (forms.has(v)) return forms.get(v);
  // Bounded, for long-lived processes (serve, watch) that write many specs.
  if (forms.size >= 10_000) forms.clear();
  const text = String(v);
  let form: string | undefined;
  if (!text.includes('\n') && !/^(%|---|\.\.\.)/.test(text) && text.length <= 1000) {
    const written = style.write([v]).slice('- '.length, -1);
    if (!written.includes('\n')) form = written;
  }
  forms.set(v, form);
  return form;
}

/**
 * How the library writes a multi-line string as a value: a literal block, its header (`|-`, `|`,
 * `|+`, maybe an indentation digit) and its lines. Both libraries start every line of the block
 * with the value's indent except empty ones (null here), so the lines written at one indent serve
 * every other.
 */
interface BlockForm {
  header: string;
  lines: Array<string | null>;
}
function blockForm(v: string, style: YamlStyle): BlockForm | undefined {
  const forms = style.blockForms;
  if (forms.has(v)) return forms.get(v);
  if (forms.size >= 1_000) forms.clear();
  const written = style.write({ k: v });
  const headerEnd = written.indexOf('\n');
  const header = written.slice('k: '.length, headerEnd);
  // Without the document's final newline; each line loses the indent the library gave it at the root.
  const lines = written.slice(headerEnd + 1, -1).split('\n');
  const form =
    header.startsWith('|') && lines.every((l) => l === '' || l.startsWith('  '))
      ? { header, lines: lines.map((l) => (l === '' ? null : l.slice(2))) }
      : undefined;
  forms.set(v, form);
  return form;
}

/** Thrown inside the direct writer when a value needs the library itself; caught by writeWith. */
// One preallocated Error, so throwing it costs no stack capture.
const NEEDS_LIBRARY = new Error('needs the library');

/** A map's entries as both libraries write them: undefined values are left out. */
function entriesOf(o: Record<string, unknown>): Array<[string, unknown]> {
  return Object.entries(o).filter(([, v]) => v !== undefined);
}

/**
 * The block-style lines of a map or sequence at `indent`, byte for byte what the library writes
 * (the tests in test/synth/write.test.ts compare them), in a fraction of the time: `yaml` builds a
 * document tree per object first, and js-yaml looks at every character of every string.
 */
function writeCollection(
  v: Record<string, unknown> | unknown[],
  indent: string,
  out: string[],
  style: YamlStyle,
): void {
  if (Array.isArray(v)) {
    for (const item of v) {
      if (item === undefined) throw NEEDS_LIBRARY;
      out.push(`${indent}- `);
      writeNested(item, indent, true, out, style);
    }
    return;
  }
  for (const [k, item] of entriesOf(v)) {
    const key = scalarForm(k, style);
    if (key === undefined) throw NEEDS_LIBRARY;
    out.push(`${indent}${key}:`);
    writeNested(item, indent, false, out, style);
  }
}

/** A value after `- ` (inSequence) or after `key:`; the first line continues the line already started. */
function writeNested(v: unknown, indent: string, inSequence: boolean, out: string[], style: YamlStyle): void {
  const child = `${indent}  `;
  if (typeof v === 'string' && v.includes('\n')) {
    const block = blockForm(v, style);
    if (block === undefined) throw NEEDS_LIBRARY;
    out.push(`${inSequence ? '' : ' '}${block.header}\n`);
    for (const line of block.lines) out.push(line === null ? '\n' : `${child}${line}\n`);
  } else if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
    const form = scalarForm(v, style);
    if (form === undefined) throw NEEDS_LIBRARY;
    out.push(`${inSequence ? '' : ' '}${form}\n`);
  } else if (Array.isArray(v) || (typeof v === 'object' && isPlainObject(v))) {
    const empty = Array.isArray(v) ? v.length === 0 : entriesOf(v).length === 0;
    if (empty) {
      out.push(`${inSequence ? '' : ' '}${Array.isArray(v) ? '[]' : '{}'}\n`);
    } else if (inSequence) {
      // The first entry shares the `- ` line: write the collection at the child indent, then drop that indent once.
      const first = out.length;
      writeCollection(v, child, out, style);
      out[first] = out[first].slice(child.length);
    } else {
      out.push('\n');
      // A sequence under a key is indented like a map (`yaml`'s indentSeq, js-yaml's default).
      writeCollection(v, child, out, style);
    }
  } else {
    throw NEEDS_LIBRARY;
  }
}

/** `value` as `style`'s library writes it: directly when the writer can, else by the library. */
function writeWith(value: Record<string, unknown>, style: YamlStyle): string {
  const out: string[] = [];
  try {
    writeCollection(value, '', out, style);
    return out.join('');
  } catch (err) {
    if (err !== NEEDS_LIBRARY) throw err;
    return style.write(value);
  }
}

/** One object as a YAML document (without `---`). Undefined fields are left out. */
export function objectToYaml(o: KubeObject): string {
  return writeWith(ordered({ ...o, metadata: ordered({ ...o.metadata }, METADATA) }, ENVELOPE), YAML_11);
}

/**
 * A map of plain data as js-yaml's `dump(value, { lineWidth: -1, noRefs: true })` writes it, byte
 * for byte, several times faster: the files beside the manifests that promtool and
 * prometheus-adapter read (synth/monitoring), which have always been written by js-yaml.
 */
export function dataToYaml(value: Record<string, unknown>): string {
  return writeWith(value, JS_YAML);
}

/** Several objects as one multi-document YAML stream. */
export function objectsToYaml(objects: KubeObject[]): string {
  return objects.map((o) => `---\n${objectToYaml(o)}`).join('');
}
