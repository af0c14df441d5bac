// Just enough PromQL to (1) list the metric names an expression reads, for the monitoring checks,
// and (2) recognise the common alert form `[agg [by (…)]] ([rate|increase|irate](selector[window])) <cmp> number`,
// so unit tests can be generated for raw `expr` alerts. Full validation is promtool's job.
// Lexical rules: https://prometheus.io/docs/prometheus/latest/querying/basics/

export type Token =
  | { t: 'ident'; v: string }
  | { t: 'number'; v: string }
  | { t: 'duration'; v: string }
  | { t: 'string'; v: string }
  | { t: 'punct'; v: string };

const PUNCT = [
  '==',
  '!=',
  '<=',
  '>=',
  '=~',
  '!~',
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  ',',
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  '<',
  '>',
  '=',
  '@',
  ':',
];

export class PromqlSyntaxError extends Error {}

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      let v = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && c !== '`') {
          v += src[j + 1] ?? '';
          j += 2;
          continue;
        }
        v += src[j++];
      }
      if (j >= src.length) throw new PromqlSyntaxError(`unterminated string starting at offset ${i}`);
      out.push({ t: 'string', v });
      i = j + 1;
      continue;
    }
    const dur = /^(\d+(ms|y|w|d|h|m|s))+/.exec(src.slice(i));
    if (dur && !/^[\w.]/.test(src.slice(i + dur[0].length))) {
      out.push({ t: 'duration', v: dur[0] });
      i += dur[0].length;
      continue;
    }
    const num = /^(0[xX][0-9a-fA-F]+|(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?)/.exec(src.slice(i));
    if (num) {
      out.push({ t: 'number', v: num[0] });
      i += num[0].length;
      continue;
    }
    const ident = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(src.slice(i));
    if (ident) {
      out.push({ t: 'ident', v: ident[0] });
      i += ident[0].length;
      continue;
    }
    const p = PUNCT.find((s) => src.startsWith(s, i));
    if (!p) throw new PromqlSyntaxError(`unexpected character ${JSON.stringify(c)} at offset ${i}`);
    out.push({ t: 'punct', v: p });
    i += p.length;
  }
  return out;
}

/** A syntax problem a tokenizer can see (bad characters, unterminated strings, unbalanced brackets); undefined when none. */
export function syntaxProblem(expr: string): string | undefined {
  let tokens: Token[];
  try {
    tokens = tokenize(expr);
  } catch (e) {
    if (e instanceof PromqlSyntaxError) return e.message;
    throw e;
  }
  const closing: Record<string, string> = { '(': ')', '{': '}', '[': ']' };
  const open: string[] = [];
  for (const t of tokens) {
    if (t.t !== 'punct') continue;
    if (closing[t.v]) open.push(closing[t.v]);
    else if ([')', '}', ']'].includes(t.v) && open.pop() !== t.v) return `unbalanced ${JSON.stringify(t.v)}`;
  }
  return open.length
    ? `missing ${JSON.stringify(open[open.length - 1])}`
    : tokens.length
      ? undefined
      : 'empty expression';
}

const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'and',
  'or',
  'unless',
  'offset',
  'atan2',
  'inf',
  'nan',
  'start',
  'end',
]);
const LABEL_LIST_KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
const AGGREGATIONS = new Set([
  'sum',
  'min',
  'max',
  'avg',
  'group',
  'stddev',
  'stdvar',
  'count',
  'count_values',
  'bottomk',
  'topk',
  'quantile',
  'limitk',
  'limit_ratio',
]);

export interface Matcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}
/** A vector selector: its metric name (from the name or `__name__="…"`) and its label matchers. */
export interface VectorSelector {
  metric?: string;
  matchers: Matcher[];
}

/** The vector selectors of an expression, in order. */
export function vectorSelectors(expr: string): VectorSelector[] {
  const tokens = tokenize(expr);
  const out: VectorSelector[] = [];
  const matchersAt = (start: number): { matchers: Matcher[]; end: number } => {
    const matchers: Matcher[] = [];
    let i = start + 1;
    for (; i < tokens.length && !(tokens[i].t === 'punct' && tokens[i].v === '}'); i++) {
      const [label, op, value] = [tokens[i], tokens[i + 1], tokens[i + 2]];
      if (label.t === 'ident' && op?.t === 'punct' && ['=', '!=', '=~', '!~'].includes(op.v) && value?.t === 'string') {
        matchers.push({ label: label.v, op: op.v as Matcher['op'], value: value.v });
        i += 2;
      }
    }
    return { matchers, end: i };
  };
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (tok.t === 'punct' && tok.v === '{') {
      // A selector without a name: `{__name__="x", job="y"}`.
      const { matchers, end } = matchersAt(i);
      out.push({ metric: matchers.find((m) => m.label === '__name__' && m.op === '=')?.value, matchers });
      i = end;
      continue;
    }
    if (tok.t === 'punct' && tok.v === '[') {
      while (i < tokens.length && !(tokens[i].t === 'punct' && tokens[i].v === ']')) i++;
      continue;
    }
    if (tok.t !== 'ident') continue;
    const next = tokens[i + 1];
    const lower = tok.v.toLowerCase();
    if (LABEL_LIST_KEYWORDS.has(lower) && next?.v === '(') {
      while (i < tokens.length && !(tokens[i].t === 'punct' && tokens[i].v === ')')) i++;
      continue;
    }
    if (KEYWORDS.has(lower)) continue;
    if (next?.t === 'punct' && next.v === '(') continue; // function or aggregation
    if (AGGREGATIONS.has(lower) && next?.t === 'ident' && (next.v === 'by' || next.v === 'without')) continue; // `sum by (…) (…)`
    if (next?.t === 'punct' && next.v === '{') {
      const { matchers, end } = matchersAt(i + 1);
      out.push({ metric: tok.v, matchers });
      i = end;
    } else {
      out.push({ metric: tok.v, matchers: [] });
    }
  }
  return out;
}

/** Names of the metrics an expression selects, including `{__name__="…"}` selectors. */
export function metricNames(expr: string): string[] {
  return [
    ...new Set(
      vectorSelectors(expr)
        .map((s) => s.metric)
        .filter((m): m is string => m !== undefined),
    ),
  ];
}

/** The alert form unit tests can be generated for. */
export interface SimpleCondition {
  /** `time() - <signal>`: the age of a timestamp metric (e.g. a last-success time). */
  age?: true;
  aggregate?: { op: 'sum' | 'max' | 'min' | 'avg'; by: string[] };
  fn?: 'rate' | 'irate' | 'increase';
  /** Range window in seconds, with `fn`. */
  window?: number;
  metric: string;
  /** Equality matchers only. */
  matchers: Record<string, string>;
  op: '>' | '<' | '>=' | '<=' | '==' | '!=';
  value: number;
}

const DURATION_UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };

/** A Prometheus duration in seconds, e.g. `1h30m` → 5400. */
export function durationSeconds(d: string): number {
  let total = 0;
  for (const m of d.matchAll(/(\d+)(ms|y|w|d|h|m|s)/g)) total += Number(m[1]) * DURATION_UNITS[m[2]];
  return total;
}

/**
 * Parses `[time() -] [agg [by (l…)] (] [fn(] metric{l="v",…} [[w]] [)] [)] [by (l…)] cmp constant`,
 * where the constant is a number or a product/quotient of numbers (`26 * 3600`); undefined for
 * anything else.
 */
export function parseSimpleCondition(expr: string): SimpleCondition | undefined {
  let tokens: Token[];
  try {
    tokens = tokenize(expr);
  } catch {
    return undefined;
  }
  let i = 0;
  const peek = (v: string) => tokens[i]?.v === v;
  const expect = (v: string) => {
    if (!peek(v)) throw new PromqlSyntaxError(v);
    i++;
  };
  const labelList = (): string[] => {
    expect('(');
    const labels: string[] = [];
    while (!peek(')')) {
      const t = tokens[i++];
      if (t?.t !== 'ident') throw new PromqlSyntaxError('label');
      labels.push(t.v);
      if (peek(',')) i++;
    }
    expect(')');
    return labels;
  };
  try {
    let age: true | undefined;
    if (peek('time') && tokens[i + 1]?.v === '(' && tokens[i + 2]?.v === ')' && tokens[i + 3]?.v === '-') {
      age = true;
      i += 4;
    }
    let aggregate: SimpleCondition['aggregate'];
    const first = tokens[i];
    if (
      first?.t === 'ident' &&
      ['sum', 'max', 'min', 'avg'].includes(first.v) &&
      (tokens[i + 1]?.v === '(' || ['by'].includes(tokens[i + 1]?.v ?? ''))
    ) {
      i++;
      aggregate = { op: first.v as 'sum', by: [] };
      if (peek('by')) {
        i++;
        aggregate.by = labelList();
      }
      expect('(');
    }
    let fn: SimpleCondition['fn'];
    const f = tokens[i];
    if (!age && f?.t === 'ident' && ['rate', 'irate', 'increase'].includes(f.v) && tokens[i + 1]?.v === '(') {
      fn = f.v as 'rate';
      i += 2;
    }
    const m = tokens[i++];
    if (m?.t !== 'ident') return undefined;
    const matchers: Record<string, string> = {};
    if (peek('{')) {
      i++;
      while (!peek('}')) {
        const name = tokens[i++];
        if (name?.t !== 'ident' || !peek('=')) return undefined; // only equality matchers
        i++;
        const value = tokens[i++];
        if (value?.t !== 'string') return undefined;
        matchers[name.v] = value.v;
        if (peek(',')) i++;
      }
      expect('}');
    }
    let window: number | undefined;
    if (fn) {
      expect('[');
      const d = tokens[i++];
      if (d?.t !== 'duration') return undefined;
      window = durationSeconds(d.v);
      expect(']');
      expect(')');
    }
    if (aggregate) {
      expect(')');
      if (peek('by') && aggregate.by.length === 0) {
        i++;
        aggregate.by = labelList();
      }
    }
    const op = tokens[i++];
    if (op?.t !== 'punct' || !['>', '<', '>=', '<=', '==', '!='].includes(op.v)) return undefined;
    // The constant, evaluated left to right in float64 as PromQL does for scalars.
    const factor = (): number | undefined => {
      let sign = 1;
      if (peek('-')) {
        sign = -1;
        i++;
      }
      const num = tokens[i++];
      return num?.t === 'number' ? sign * Number(num.v) : undefined;
    };
    let value = factor();
    while (value !== undefined && (peek('*') || peek('/'))) {
      const times = tokens[i++].v === '*';
      const next = factor();
      value = next === undefined ? undefined : times ? value * next : value / next;
    }
    if (value === undefined || i !== tokens.length) return undefined;
    return {
      ...(age && { age }),
      aggregate,
      fn,
      window,
      metric: m.v,
      matchers,
      op: op.v as SimpleCondition['op'],
      value,
    };
  } catch (e) {
    if (e instanceof PromqlSyntaxError) return undefined;
    throw e;
  }
}

/** Quotes a label value for a PromQL selector. */
export function quote(value: string): string {
  return JSON.stringify(value);
}

/** `metric{a="x", b="y", …extra}`; `extra` holds other matchers written out, e.g. `pod=~"web-.*"`. */
export function selector(metric: string, matchers: Record<string, string>, extra: string[] = []): string {
  const parts = [...Object.entries(matchers).map(([k, v]) => `${k}=${quote(v)}`), ...extra];
  return parts.length ? `${metric}{${parts.join(', ')}}` : metric;
}
