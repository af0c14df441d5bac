// Mermaid text building blocks shared by every diagram: stable node ids and escaped labels.
// Object names carry dots, dashes, slashes, brackets and quotes; Mermaid reads several of those
// as syntax, so every label is written quoted with the characters Mermaid would read replaced by
// its entity codes (`#quot;`, `#35;` …), and every id is built from [A-Za-z0-9_] only.
import { byCodePoint } from '../vocabulary/order.js';

/** Words Mermaid reads as keywords when used as a bare node id. */
const RESERVED = new Set([
  'end',
  'graph',
  'subgraph',
  'flowchart',
  'style',
  'class',
  'classdef',
  'click',
  'linkstyle',
  'default',
  'direction',
]);

/** FNV-1a, 32 bit: a short, deterministic fingerprint so ids stay stable across runs. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0').slice(0, 6);
}

/**
 * A Mermaid node id for a key (usually a graph node id such as `sagaz/outbox-worker[Deployment]`):
 * readable, made of [A-Za-z0-9_] only, and unique because it ends in a fingerprint of the whole key.
 */
export function mermaidId(key: string, prefix = 'n'): string {
  const slug = key
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
  const id = `${prefix}_${slug}_${fnv1a(key)}`;
  return RESERVED.has(id.toLowerCase()) ? `${id}_` : id;
}

/** Entity codes for the characters that end or re-interpret a quoted Mermaid string. */
const ENTITIES: Record<string, string> = {
  '#': '#35;',
  '"': '#quot;',
  '`': '#96;',
  '<': '#lt;',
  '>': '#gt;',
  '|': '#124;',
  ';': '#59;',
};

/** One pass, so the '#' and ';' of an inserted entity are never escaped again. */
function entities(text: string): string {
  return text.replace(/[#"`<>|;]/g, (c) => ENTITIES[c]);
}

/** A label for a flowchart node or subgraph title, quoted; lines are joined with `<br/>`. */
export function label(...lines: string[]): string {
  // String(): fields of malformed manifests reach here as numbers or objects.
  return `"${lines
    .map(String)
    .filter((l) => l !== '')
    .map((l) => entities(l.replace(/[\r\n]+/g, ' ')))
    .join('<br/>')}"`;
}

/** Text of a sequence diagram message or note (unquoted, single line). */
export function sequenceText(text: string): string {
  return entities(text.replace(/[\r\n]+/g, ' ')).replace(/:/g, '#58;');
}

/** Builds flowchart text line by line, numbering links so they can be styled (`linkStyle N …`). */
export class Flowchart {
  private readonly lines: string[];
  private links = 0;
  private readonly linkStyles = new Map<string, number[]>();
  private readonly classes = new Map<string, string[]>();
  private depth = 1;

  constructor(direction: 'TB' | 'LR') {
    this.lines = [`flowchart ${direction}`];
  }

  private push(line: string): void {
    this.lines.push(`${'  '.repeat(this.depth)}${line}`);
  }

  node(id: string, text: string, shape: 'box' | 'round' | 'db' | 'stadium' | 'hex' = 'box'): void {
    const [open, close] = {
      box: ['[', ']'],
      round: ['(', ')'],
      db: ['[(', ')]'],
      stadium: ['([', '])'],
      hex: ['{{', '}}'],
    }[shape];
    this.push(`${id}${open}${text}${close}`);
  }

  /** Opens a subgraph; `body` adds its content; it is closed afterwards. */
  subgraph(id: string, title: string, body: () => void): void {
    this.push(`subgraph ${id}[${title}]`);
    this.depth++;
    body();
    this.depth--;
    this.push('end');
  }

  /** A link; `style` names a link style group registered with `styleLinks`. */
  link(
    from: string,
    to: string,
    opts: { text?: string; arrow?: '-->' | '-.->' | '==>' | '---'; style?: string } = {},
  ): void {
    const arrow = opts.arrow ?? '-->';
    this.push(opts.text ? `${from} ${arrow}|${label(opts.text)}| ${to}` : `${from} ${arrow} ${to}`);
    if (opts.style) {
      const list = this.linkStyles.get(opts.style) ?? [];
      list.push(this.links);
      this.linkStyles.set(opts.style, list);
    }
    this.links++;
  }

  /** Assigns a class (declared with `classDef` in `render`'s `classDefs`) to a node. */
  classify(id: string, className: string): void {
    const list = this.classes.get(className) ?? [];
    list.push(id);
    this.classes.set(className, list);
  }

  /** The diagram text; `classDefs` and `linkStyleDefs` map names to Mermaid style strings. */
  render(classDefs: Record<string, string> = {}, linkStyleDefs: Record<string, string> = {}): string {
    const out = [...this.lines];
    for (const [name, ids] of [...this.classes].sort(([a], [b]) => byCodePoint(a, b))) {
      if (!classDefs[name]) continue;
      out.push(`  classDef ${name} ${classDefs[name]}`, `  class ${ids.join(',')} ${name}`);
    }
    for (const [name, indexes] of [...this.linkStyles].sort(([a], [b]) => byCodePoint(a, b))) {
      if (linkStyleDefs[name]) out.push(`  linkStyle ${indexes.join(',')} ${linkStyleDefs[name]}`);
    }
    return `${out.join('\n')}\n`;
  }
}
