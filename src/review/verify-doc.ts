// A hand-written architecture document held against the real thing (issue 17): its Mermaid
// flowcharts against the graph's connections and the NetworkPolicies' allowed paths, its tables'
// numbers against the manifests, its totals rows against their own rows, and its YAML blocks
// against the built objects of the same name. Every item carries the document line it is about.
import { parseAllDocuments } from 'yaml';
import { InputError } from '../diagnostics/index.js';
import type { Graph, GraphNode } from '../graph/model.js';
import { computeReachability, intendedConnections, type Reachability } from '../graph/reach.js';
import { workloadsOf, type Workload } from '../graph/workloads.js';
import { isRecord, type KubeObject } from '../k8s/object.js';
import { serviceSpec } from '../k8s/kinds.js';
import { matchesMap } from '../k8s/selector.js';
import { containersOf } from '../k8s/podspec.js';
import { summarizeResources, type ComponentResources } from '../sim/resources.js';
import { parseMillis, parseUnits } from '../vocabulary/quantity.js';
import { fieldsOf, masked } from './fields.js';
import { embeddedDifferences } from './doc-embedded.js';
import { readMarkdown, type Table } from './markdown-read.js';
import { parseFlowchart, type ParsedFlowchart } from './mermaid-parse.js';
import { matcher, matchLabel, type Match } from './doc-match.js';
import { judgeObjectLink, unmatchedMessage } from './doc-objects.js';
import { checkResourceFigures } from './doc-resources.js';
import { AUTOSCALING_CONTEXT, autoscalerOf, hpaClaims, judgeHpaClaim, type HpaClaim } from './doc-hpa.js';
import type { HpaDefinition } from '../sim/hpa-spec.js';

export type VerifyKind =
  | 'mermaid-unparsable'
  | 'node-unmatched'
  | 'node-ambiguous'
  | 'edge-not-in-architecture'
  | 'connection-not-drawn'
  | 'drawn-allowed-but-denied'
  | 'drawn-denied-but-allowed'
  | 'table-number'
  | 'total-mismatch'
  | 'yaml-field'
  | 'yaml-no-object'
  | 'autoscaling-mismatch'
  | 'diagram-resource';

export interface VerifyItem {
  kind: VerifyKind;
  /** 1-based line of the document. */
  line: number;
  message: string;
}

export interface VerifyReport {
  diagrams: number;
  tables: number;
  yamlBlocks: number;
  items: VerifyItem[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The line of a node's first mention inside its block. */
function lineOf(block: { line: number; text: string }, id: string): number {
  const i = block.text.split('\n').findIndex((l) => new RegExp(`(^|[^\\w-])${escapeRegExp(id)}([^\\w-]|$)`).test(l));
  return block.line + Math.max(i, 0);
}

/** The line of the first statement naming both ends of a link, `from` first; else `from`'s first line. */
function linkLine(block: { line: number; text: string }, from: string, to: string): number {
  const pattern = new RegExp(
    `(^|[^\\w-])${escapeRegExp(from)}([^\\w-].*[^\\w-]|[^\\w-])${escapeRegExp(to)}([^\\w-]|$)`,
  );
  const i = block.text.split('\n').findIndex((l) => pattern.test(l));
  return i === -1 ? lineOf(block, from) : block.line + i;
}

const DENIED = /\b(deny|denied|block|blocked|forbidden|not allowed|✗|❌)\b/i;

export async function verifyDocument(text: string, file: string, graph: Graph): Promise<VerifyReport> {
  const parts = readMarkdown(text);
  if (parts.mermaid.length === 0 && parts.tables.length === 0)
    throw new InputError(`${file}: no Mermaid diagram and no Markdown table to check`, [], { file });
  const workloads = workloadsOf(graph);
  const reach = computeReachability(graph);
  const match = matcher(graph, workloads);
  const resources = summarizeResources(graph);
  const componentsById = new Map(resources.components.map((c) => [c.id, c]));
  const items: VerifyItem[] = [];
  const drawn = new Set<string>();
  const seenIn = new Map<string, number>();
  let diagrams = 0;
  for (const block of parts.mermaid) {
    let flow: ParsedFlowchart | undefined;
    try {
      flow = await parseFlowchart(block.text);
    } catch (err) {
      const first = String((err as Error).message).split('\n')[0];
      items.push({
        kind: 'mermaid-unparsable',
        line: block.line,
        message: `Mermaid does not parse this block: ${first}`,
      });
      continue;
    }
    if (!flow) continue;
    diagrams++;
    const matched = new Map<string, Workload[]>();
    const objects = new Map<string, GraphNode>();
    for (const node of flow.nodes) {
      const m = matchLabel(match, node.text, node.id);
      const line = lineOf(block, node.id);
      if (m === undefined) items.push({ kind: 'node-unmatched', line, message: unmatchedMessage(node, graph) });
      else if ('ambiguous' in m)
        items.push({
          kind: 'node-ambiguous',
          line,
          message: `node ${node.id} "${node.text}" could be ${m.ambiguous.join(', ')}`,
        });
      else if (m.object) objects.set(node.id, m.object);
      else {
        matched.set(node.id, m.workloads);
        for (const w of m.workloads) if (!seenIn.has(w.id)) seenIn.set(w.id, line);
      }
    }
    for (const link of flow.links) {
      const what = `${link.from} → ${link.to}${link.text ? ` "${link.text}"` : ''}`;
      const object = objects.get(link.from) ?? objects.get(link.to);
      if (object) {
        const other = object === objects.get(link.from) ? link.to : link.from;
        const problem = judgeObjectLink(graph, object, objects.get(other) ?? matched.get(other));
        if (problem)
          items.push({
            kind: 'edge-not-in-architecture',
            line: linkLine(block, link.from, link.to),
            message: `${what}: ${problem}`,
          });
        continue;
      }
      const a = matched.get(link.from);
      const b = matched.get(link.to);
      if (!a || !b) continue;
      // A Service drawn to its pods, a Deployment to its ReplicaSet's pods: one component, no path between two.
      if (a.some((x) => b.some((y) => x.id === y.id))) continue;
      for (const x of a) for (const y of b) drawn.add(`${x.id} ${y.id}`).add(`${y.id} ${x.id}`);
      const line = linkLine(block, link.from, link.to);
      const verdict = judgeLink(graph, reach, a, b);
      if (DENIED.test(link.text)) {
        if (verdict.allowed)
          items.push({
            kind: 'drawn-denied-but-allowed',
            line,
            message: `${what} is drawn as denied; the NetworkPolicies allow it`,
          });
      } else if (!verdict.connected && !verdict.allowed)
        items.push({
          kind: 'edge-not-in-architecture',
          line,
          message: `${what} is neither a connection nor an allowed path`,
        });
      else if (verdict.deniedConnection)
        items.push({
          kind: 'drawn-allowed-but-denied',
          line,
          message: `${what} is a connection the NetworkPolicies deny`,
        });
    }
    for (const figure of checkResourceFigures(flow, matched, objects, componentsById, graph))
      items.push({ kind: 'diagram-resource', line: lineOf(block, figure.node), message: figure.message });
    if (AUTOSCALING_CONTEXT.test(block.text)) items.push(...checkAutoscalingDiagram(block, flow, matched, graph));
  }
  // Connections whose both ends the document draws somewhere, with no link between them anywhere.
  for (const c of intendedConnections(graph, reach)) {
    for (const t of c.targets) {
      const fromLine = seenIn.get(c.from);
      if (fromLine === undefined || !seenIn.has(t.to) || drawn.has(`${c.from} ${t.to}`) || c.from === t.to) continue;
      drawn.add(`${c.from} ${t.to}`);
      items.push({
        kind: 'connection-not-drawn',
        line: fromLine,
        message: `${c.from} connects to ${c.service}${c.port !== undefined ? `:${c.port}` : ''} (${t.to}); no diagram draws it`,
      });
    }
  }
  for (const table of parts.tables) items.push(...checkTable(table, match, componentsById, graph));
  for (const block of parts.yaml) items.push(...checkYaml(block, graph));
  items.sort((x, y) => x.line - y.line || (x.kind < y.kind ? -1 : x.kind > y.kind ? 1 : 0));
  return { diagrams, tables: parts.tables.length, yamlBlocks: parts.yaml.length, items };
}

/**
 * Autoscaling claims of a diagram about autoscaling, in node labels and link texts, held against
 * the HPA of the workload they are drawn on, else of the only autoscaled workload the diagram draws.
 */
function checkAutoscalingDiagram(
  block: { line: number; text: string },
  flow: ParsedFlowchart,
  matched: Map<string, Workload[]>,
  graph: Graph,
): VerifyItem[] {
  const items: VerifyItem[] = [];
  const scaledBy = (ids: Array<string | undefined>) => {
    const scaled = new Map<string, HpaDefinition>();
    for (const id of ids)
      for (const w of (id && matched.get(id)) || []) {
        const hpa = autoscalerOf(graph, w);
        if (hpa) scaled.set(w.id, hpa);
      }
    return [...scaled.values()];
  };
  const drawnScaled = scaledBy([...matched.keys()]);
  const judge = (claims: HpaClaim[], ends: string[], line: number) => {
    const own = scaledBy(ends);
    const hpas = own.length ? own : drawnScaled;
    // Several autoscaled workloads and nothing saying which: not guessed.
    if (hpas.length !== 1) return;
    for (const claim of claims) {
      const problem = judgeHpaClaim(claim, hpas[0]);
      if (problem) items.push({ kind: 'autoscaling-mismatch', line, message: problem });
    }
  };
  for (const node of flow.nodes) judge(hpaClaims(node.text), [node.id], lineOf(block, node.id));
  for (const link of flow.links)
    if (link.text)
      judge(hpaClaims(link.text, { link: true }), [link.from, link.to], linkLine(block, link.from, link.to));
  return items;
}

/** Whether `from` connects to a Service that selects `to`'s pods. */
function connects(graph: Graph, from: Workload, to: Workload): boolean {
  return graph.edges.some((e) => {
    if (e.type !== 'connects' || e.from !== from.id) return false;
    const svc = graph.byId.get(e.to);
    const selector = svc ? serviceSpec(svc.object)?.selector : undefined;
    return isRecord(selector) && svc?.namespace === to.namespace && matchesMap(selector, to.labels);
  });
}

/**
 * A link drawn from the workloads `a` to the workloads `b`. Allowed paths are judged in the drawn
 * direction; a connection counts in either (documents draw data flow both ways), and a connection
 * the policies deny in its own direction is a contradiction when drawn as a plain link.
 */
function judgeLink(graph: Graph, reach: Reachability, a: Workload[], b: Workload[]) {
  let connected = false;
  let allowed = false;
  let deniedConnection = false;
  for (const x of a)
    for (const y of b) {
      if (!reach.allowed(x.id, y.id).isEmpty()) allowed = true;
      for (const [from, to] of [
        [x, y],
        [y, x],
      ]) {
        if (!connects(graph, from, to)) continue;
        connected = true;
        if (reach.allowed(from.id, to.id).isEmpty()) deniedConnection = true;
      }
    }
  return { connected, allowed, deniedConnection };
}

/** A cell as a number of the column's unit: CPU in millicores, memory/storage in bytes; undefined when not one. */
function quantity(cell: string, unit: 'cpu' | 'bytes'): number | undefined {
  const m = /(\d+(?:\.\d+)?)\s*(m|Ki|Mi|Gi|Ti|k|M|G|T)?\b/.exec(cell.replace(/cores?|cpus?/gi, ''));
  if (!m) return undefined;
  try {
    return unit === 'cpu' ? parseMillis(`${m[1]}${m[2] ?? ''}`) : parseUnits(`${m[1]}${m[2] ?? ''}`);
  } catch {
    return undefined;
  }
}

type Column = { index: number; what: 'replicas' | 'cpu' | 'memory' | 'storage' | 'ports' | 'schedule' };

function columnsOf(header: string[]): Column[] {
  const out: Column[] = [];
  header.forEach((h, index) => {
    const t = h.toLowerCase();
    // "Target CPU", "CPU threshold": a utilization the autoscaling check reads, not a quantity.
    if (/target|threshold|utili[sz]/.test(t) && !/replica/.test(t)) return;
    const what = /replica/.test(t)
      ? 'replicas'
      : /cpu/.test(t)
        ? 'cpu'
        : /mem/.test(t)
          ? 'memory'
          : /storage|disk|volume size|pvc/.test(t)
            ? 'storage'
            : /port/.test(t)
              ? 'ports'
              : /schedule|cron/.test(t)
                ? 'schedule'
                : undefined;
    if (what && index > 0) out.push({ index, what });
  });
  return out;
}

function checkTable(
  table: Table,
  match: (text: string) => Match,
  byId: ReadonlyMap<string, ComponentResources>,
  graph: Graph,
): VerifyItem[] {
  const items: VerifyItem[] = [];
  const columns = columnsOf(table.header);
  if (columns.length === 0) return items;
  const body = table.rows.filter((r) => !/\btotal\b/i.test(r.cells[0] ?? ''));
  for (const row of body) {
    const m = match(row.cells[0] ?? '');
    if (!m || 'ambiguous' in m || m.workloads?.length !== 1) continue;
    const w = m.workloads[0];
    const c = byId.get(w.id);
    const hpa = autoscalerOf(graph, w);
    if (hpa)
      table.header.forEach((header, index) => {
        if (index === 0) return;
        const targetCell = AUTOSCALING_CONTEXT.test(header) || /target|threshold/i.test(header);
        for (const claim of hpaClaims(`${header}: ${row.cells[index] ?? ''}`, { targetCell })) {
          const problem = judgeHpaClaim(claim, hpa);
          if (problem) items.push({ kind: 'autoscaling-mismatch', line: row.line, message: problem });
        }
      });
    for (const col of columns) {
      const cell = row.cells[col.index] ?? '';
      if (!/\d/.test(cell)) continue;
      const says = `${table.header[col.index]} of ${w.name} is "${cell}"`;
      const disagree = (actual: string) =>
        items.push({ kind: 'table-number', line: row.line, message: `${says}; the manifests say ${actual}` });
      // An autoscaled workload's min and max columns are the HPA's bounds, judged above.
      if (col.what === 'replicas' && hpa && /\b(min|max)/i.test(table.header[col.index])) continue;
      if (col.what === 'replicas' && c) {
        const numbers = (cell.match(/\d+/g) ?? []).map(Number);
        if (!numbers.includes(c.replicas.min) && !numbers.includes(c.replicas.max))
          disagree(c.replicas.min === c.replicas.max ? `${c.replicas.min}` : `${c.replicas.min}-${c.replicas.max}`);
      } else if ((col.what === 'cpu' || col.what === 'memory') && c) {
        const n = quantity(cell, col.what === 'cpu' ? 'cpu' : 'bytes');
        const p = c.perReplica;
        const known =
          col.what === 'cpu'
            ? [
                p.cpuRequestMillis,
                p.cpuLimitMillis,
                c.atMin.cpuRequestMillis,
                c.atMax.cpuRequestMillis,
                c.atMax.cpuLimitMillis,
              ]
            : [
                p.memoryRequestBytes,
                p.memoryLimitBytes,
                c.atMin.memoryRequestBytes,
                c.atMax.memoryRequestBytes,
                c.atMax.memoryLimitBytes,
              ];
        if (n !== undefined && !known.includes(n))
          disagree(
            col.what === 'cpu'
              ? `requests ${p.cpuRequestMillis}m, limits ${p.cpuLimitMillis}m per pod`
              : `requests ${p.memoryRequestBytes} B, limits ${p.memoryLimitBytes} B per pod`,
          );
      } else if (col.what === 'storage' && c) {
        const n = quantity(cell, 'bytes');
        if (n !== undefined && n !== c.storageBytes) disagree(`${c.storageBytes} B`);
      } else if (col.what === 'ports') {
        const ports = new Set<number>();
        for (const r of containersOf(w.template))
          for (const p of Array.isArray(r.container.ports) ? (r.container.ports as unknown[]) : [])
            if (isRecord(p) && typeof p.containerPort === 'number') ports.add(p.containerPort);
        for (const s of graph.nodes)
          if (s.kind === 'Service' && s.namespace === w.namespace) {
            const spec = serviceSpec(s.object);
            if (isRecord(spec?.selector) && matchesMap(spec.selector, w.labels))
              for (const p of Array.isArray(spec?.ports) ? spec.ports : [])
                if (typeof p.port === 'number') ports.add(p.port);
          }
        const missing = (cell.match(/\d+/g) ?? []).map(Number).filter((p) => !ports.has(p));
        if (missing.length) disagree(`ports ${[...ports].join(', ') || 'none'}`);
      } else if (col.what === 'schedule' && w.kind === 'CronJob') {
        const schedule = isRecord(w.node.object.spec) ? w.node.object.spec.schedule : undefined;
        if (typeof schedule === 'string' && !cell.includes(schedule)) disagree(`"${schedule}"`);
      }
    }
  }
  // Totals rows: each numeric column's total against the sum of the rows above it.
  for (const total of table.rows.filter((r) => /\btotal\b/i.test(r.cells[0] ?? ''))) {
    for (const col of columns) {
      if (col.what !== 'cpu' && col.what !== 'memory' && col.what !== 'storage') continue;
      const unit = col.what === 'cpu' ? 'cpu' : 'bytes';
      const said = quantity(total.cells[col.index] ?? '', unit);
      if (said === undefined) continue;
      const sum = body.reduce((s, r) => s + (quantity(r.cells[col.index] ?? '', unit) ?? 0), 0);
      // Documents round totals (13.4Gi): 1% is rounding, more is a different number.
      if (Math.abs(sum - said) > Math.max(1, said * 0.01))
        items.push({
          kind: 'total-mismatch',
          line: total.line,
          message: `${table.header[col.index]} total "${total.cells[col.index]}" is not the sum of its rows (${unit === 'cpu' ? `${sum}m` : `${sum} B`})`,
        });
    }
  }
  return items;
}

/** The keys of a `fieldsOf` path, list positions left out: `data."config.yaml"` → data, config.yaml. */
function keysOf(path: string): string[] {
  return (path.match(/"(?:[^"\\]|\\.)*"|[^.[\]]+|\[[^\]]*\]/g) ?? [])
    .filter((s) => !s.startsWith('['))
    .map((s) => (s.startsWith('"') ? (JSON.parse(s) as string) : s));
}

function checkYaml(block: { line: number; text: string }, graph: Graph): VerifyItem[] {
  const items: VerifyItem[] = [];
  const blockLines = block.text.split('\n');
  let docs;
  try {
    docs = parseAllDocuments(block.text);
  } catch {
    return items;
  }
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length) continue;
    const value: unknown = doc.toJS();
    if (!isRecord(value) || typeof value.kind !== 'string' || !isRecord(value.metadata)) continue;
    const name = value.metadata.name;
    if (typeof name !== 'string') continue;
    const namespace = typeof value.metadata.namespace === 'string' ? value.metadata.namespace : undefined;
    const start = block.line + (doc.range ? block.text.slice(0, doc.range[0]).split('\n').length - 1 : 0);
    const built = graph.nodes.filter(
      (n) => n.kind === value.kind && n.name === name && (namespace === undefined || n.namespace === namespace),
    );
    if (built.length !== 1) {
      items.push({
        kind: 'yaml-no-object',
        line: start,
        message: `${value.kind} ${name}: ${built.length === 0 ? 'no built object of that kind and name' : 'several built objects of that kind and name'}`,
      });
      continue;
    }
    const mine = fieldsOf(value as KubeObject);
    const theirs = fieldsOf(built[0].object);
    /** The block index of the line holding the keys in turn, from block index `from`; -1 when a key is not found. */
    const pathAt = (keys: string[], from: number) =>
      keys.reduce(
        (at, key) => (at === -1 ? -1 : blockLines.findIndex((l, i) => i >= at && l.includes(`${key}:`))),
        from,
      );
    const field = (path: string, line: number, said: unknown, has: boolean, w: unknown) =>
      items.push({
        kind: 'yaml-field',
        line,
        message: `${built[0].id} ${path}: the document says ${JSON.stringify(masked(said))}, the built object ${has ? JSON.stringify(masked(w)) : 'has no such field'}`,
      });
    for (const [path, v] of mine) {
      const w = theirs.get(path);
      if (theirs.has(path) && JSON.stringify(v) === JSON.stringify(w)) continue;
      const keys = keysOf(path);
      // The last key's first line past the document's start: its parents are mostly written above it.
      const at = pathAt(keys.slice(-1), start - block.line);
      const line = at === -1 ? start : block.line + at;
      const dataKey = value.kind === 'ConfigMap' && keys.length === 2 && keys[0] === 'data' ? keys[1] : undefined;
      const inner = dataKey === undefined ? undefined : embeddedDifferences(dataKey, v, w);
      if (!inner) {
        field(path, line, v, theirs.has(path), w);
        continue;
      }
      // Only the settings that differ, each on the line of its own key inside the file.
      for (const d of inner) {
        const innerAt = pathAt(keysOf(d.path), at === -1 ? start - block.line : at);
        field(`${path} ${d.path}`, innerAt === -1 ? line : block.line + innerAt, d.said, d.has, d.built);
      }
    }
  }
  return items;
}
