// Objects → YAML as Kubernetes reads it: YAML 1.1 scalars (so `yes`, `on`, `y`, `NO` and `12:30`
// get quoted and stay strings), the envelope keys first, one document per object.
import { stringify } from 'yaml';
import type { KubeObject } from './object.js';

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
 * Strings `yaml` writes plain in any block position, checked without asking it: printable ASCII that
 * starts with a letter or `/`, with no `: `, ` #` or trailing space or colon (`yaml`'s plain-scalar
 * rule), and is not one of YAML 1.1's booleans or nulls (every other YAML 1.1 scalar type starts
 * with a digit, a sign, a dot or `<`).
 */
const PLAIN_STRING = /^[A-Za-z/][\x20-\x7e]*$/;
const NOT_PLAIN = /: | #|[ :]$/;
const YAML_11_WORDS =
  /^(?:[Yy]|[Yy]es|YES|[Nn]|[Nn]o|NO|[Tt]rue|TRUE|[Ff]alse|FALSE|[Oo]n|ON|[Oo]ff|OFF|[Nn]ull|NULL)$/;

/**
 * How `yaml` writes a scalar, the same as a map value, a sequence item and (for strings) a key: asked
 * of `yaml` once per distinct scalar unless obviously plain. Only scalars whose form does not depend
 * on where they stand qualify: one line, no document marker (`%`, `---`, `...` at the start), short
 * enough to stay an implicit key. Anything else is undefined.
 */
const scalarForms = new Map<unknown, string | undefined>();
function scalarForm(v: string | number | boolean | null): string | undefined {
  if (Object.is(v, -0)) return undefined; // a Map key would confuse it with 0
  if (typeof v === 'string' && v.length <= 1000 && PLAIN_STRING.test(v) && !NOT_PLAIN.test(v) && !YAML_11_WORDS.test(v))
    return v;
  if (Number.isSafeInteger(v)) return String(v);
  if (scalarForms.has(v)) return scalarForms.get(v);
  // Bounded, for long-lived processes (serve, watch) that write many specs.
  if (scalarForms.size >= 10_000) scalarForms.clear();
  const text = String(v);
  let form: string | undefined;
  if (!text.includes('\n') && !/^(%|---|\.\.\.)/.test(text) && text.length <= 1000) {
    const written = stringify([v], YAML_OPTIONS).slice('- '.length, -1);
    if (!written.includes('\n')) form = written;
  }
  scalarForms.set(v, form);
  return form;
}

/**
 * How `yaml` writes a multi-line string as a value: a literal block, its header (`|-`, `|`, `|+`,
 * maybe an indentation digit) and its lines. `yaml` starts every line of the block with the value's
 * indent except empty ones (null here), so the lines written at one indent serve every other.
 */
interface BlockForm {
  header: string;
  lines: Array<string | null>;
}
const blockForms = new Map<string, BlockForm | undefined>();
function blockForm(v: string): BlockForm | undefined {
  if (blockForms.has(v)) return blockForms.get(v);
  if (blockForms.size >= 1_000) blockForms.clear();
  const written = stringify({ k: v }, YAML_OPTIONS);
  const headerEnd = written.indexOf('\n');
  const header = written.slice('k: '.length, headerEnd);
  // Without the document's final newline; each line loses the indent `yaml` gave it at the root.
  const lines = written.slice(headerEnd + 1, -1).split('\n');
  const form =
    header.startsWith('|') && lines.every((l) => l === '' || l.startsWith('  '))
      ? { header, lines: lines.map((l) => (l === '' ? null : l.slice(2))) }
      : undefined;
  blockForms.set(v, form);
  return form;
}

/** Thrown inside the fast writer when a value needs `yaml` itself; caught in objectToYaml. */
// One preallocated Error, so throwing it costs no stack capture.
const NEEDS_YAML = new Error('needs yaml');

const isPlainObject = (v: object): v is Record<string, unknown> => {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** A map's entries as `yaml` writes them: undefined values are left out. */
function entriesOf(o: Record<string, unknown>): Array<[string, unknown]> {
  return Object.entries(o).filter(([, v]) => v !== undefined);
}

/**
 * The block-style lines of a map or sequence at `indent`, byte for byte what `yaml` writes with
 * YAML_OPTIONS (the test in test/synth/write.test.ts compares both), in a fraction of the time:
 * `yaml` builds a document tree per object first.
 */
function writeCollection(v: Record<string, unknown> | unknown[], indent: string, out: string[]): void {
  if (Array.isArray(v)) {
    for (const item of v) {
      if (item === undefined) throw NEEDS_YAML;
      out.push(`${indent}- `);
      writeNested(item, indent, true, out);
    }
    return;
  }
  for (const [k, item] of entriesOf(v)) {
    const key = scalarForm(k);
    if (key === undefined) throw NEEDS_YAML;
    out.push(`${indent}${key}:`);
    writeNested(item, indent, false, out);
  }
}

/** A value after `- ` (inSequence) or after `key:`; the first line continues the line already started. */
function writeNested(v: unknown, indent: string, inSequence: boolean, out: string[]): void {
  const child = `${indent}  `;
  if (typeof v === 'string' && v.includes('\n')) {
    const block = blockForm(v);
    if (block === undefined) throw NEEDS_YAML;
    out.push(`${inSequence ? '' : ' '}${block.header}\n`);
    for (const line of block.lines) out.push(line === null ? '\n' : `${child}${line}\n`);
  } else if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
    const form = scalarForm(v);
    if (form === undefined) throw NEEDS_YAML;
    out.push(`${inSequence ? '' : ' '}${form}\n`);
  } else if (Array.isArray(v) || (typeof v === 'object' && isPlainObject(v))) {
    const empty = Array.isArray(v) ? v.length === 0 : entriesOf(v).length === 0;
    if (empty) {
      out.push(`${inSequence ? '' : ' '}${Array.isArray(v) ? '[]' : '{}'}\n`);
    } else if (inSequence) {
      // The first entry shares the `- ` line: write the collection at the child indent, then drop that indent once.
      const first = out.length;
      writeCollection(v, child, out);
      out[first] = out[first].slice(child.length);
    } else {
      out.push('\n');
      // A sequence under a key is indented like a map (`yaml`'s indentSeq).
      writeCollection(v, child, out);
    }
  } else {
    throw NEEDS_YAML;
  }
}

/** One object as a YAML document (without `---`). Undefined fields are left out. */
export function objectToYaml(o: KubeObject): string {
  const normalized = ordered({ ...o, metadata: ordered({ ...o.metadata }, METADATA) }, ENVELOPE);
  const out: string[] = [];
  try {
    writeCollection(normalized, '', out);
    return out.join('');
  } catch (err) {
    if (err !== NEEDS_YAML) throw err;
    return stringify(normalized, YAML_OPTIONS);
  }
}

/** Several objects as one multi-document YAML stream. */
export function objectsToYaml(objects: KubeObject[]): string {
  return objects.map((o) => `---\n${objectToYaml(o)}`).join('');
}
