// A readable summary of a graph for people: what is there, how it is wired, what is wrong.
import type { EdgeType, Graph, GraphEdge } from './model.js';
import { pushTo } from './multimap.js';
import { workloadTemplates } from './owner.js';

type Paint = (s: string) => string;
export interface SummaryColors {
  bold: Paint;
  dim: Paint;
  red: Paint;
  yellow: Paint;
  cyan: Paint;
}

const plain: SummaryColors = { bold: (s) => s, dim: (s) => s, red: (s) => s, yellow: (s) => s, cyan: (s) => s };

export function summarizeGraph(graph: Graph, c: SummaryColors = plain): string {
  const lines: string[] = [];
  const kinds = new Map<string, number>();
  for (const n of graph.nodes) kinds.set(n.kind, (kinds.get(n.kind) ?? 0) + 1);
  const kindList = [...kinds]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  lines.push(
    c.bold(`${graph.nodes.length} objects, ${graph.edges.length} edges`) + (kindList ? c.dim(` (${kindList})`) : ''),
  );

  const out = new Map<string, GraphEdge[]>();
  for (const e of graph.edges) pushTo(out, e.from, e);
  const into = new Map<string, GraphEdge[]>();
  for (const e of graph.edges) pushTo(into, e.to, e);

  // Components by the id their edges carry: the top owner (owner.ts), in the input or not.
  const workloads = [...workloadTemplates(graph).keys()];
  if (workloads.length) {
    lines.push('', c.bold('Components'));
    for (const id of workloads) {
      lines.push(`  ${c.cyan(id)}`);
      const services = (into.get(id) ?? [])
        .filter((e) => e.type === 'selects' && graph.byId.get(e.from)?.kind === 'Service')
        .map((e) => e.from);
      if (services.length) lines.push(`    ${c.dim('served by')} ${services.join(', ')}`);
      for (const e of (out.get(id) ?? []).filter((x) => x.type === 'connects')) {
        lines.push(
          `    ${c.dim('connects to')} ${target(e, c)}${c.dim(` (${e.declared ? 'declared' : 'inferred'}: ${e.evidence})`)}`,
        );
      }
      const used = (out.get(id) ?? []).filter((x) => x.type === 'uses').map((e) => target(e, c));
      if (used.length) lines.push(`    ${c.dim('uses')} ${used.join(', ')}`);
    }
  }

  const counts = new Map<EdgeType, number>();
  for (const e of graph.edges) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
  if (counts.size) lines.push('', c.bold('Edges'), `  ${[...counts].map(([t, n]) => `${t} ${n}`).join(', ')}`);

  const missing = graph.edges.filter((e) => e.missing);
  if (missing.length) {
    lines.push('', c.bold(`Dangling references (${missing.length})`));
    for (const e of missing)
      lines.push(
        `  ${e.from} ${c.dim(`${e.type} →`)} ${c.red(e.to)}${e.port !== undefined ? `:${e.port}` : ''} ${c.dim(e.evidence)}`,
      );
  }
  if (graph.messages.length) {
    lines.push('', c.bold(`Messages (${graph.messages.length})`));
    for (const m of graph.messages)
      lines.push(
        `  ${(m.severity === 'error' ? c.red : m.severity === 'warning' ? c.yellow : c.dim)(m.severity)} ${m.message}`,
      );
  }
  return `${lines.join('\n')}\n`;
}

function target(e: GraphEdge, c: SummaryColors): string {
  const t = `${e.to}${e.port !== undefined ? `:${e.port}` : ''}`;
  return e.missing ? `${c.red(t)} ${c.red('(missing)')}` : t;
}
