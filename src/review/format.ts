// An architecture diff as text for a terminal and as Markdown for a pull-request comment: a
// summary table first, every part's details folded, and a Mermaid diagram of the part of the graph
// that changed (added in green, removed in red).
import { Flowchart, label, mermaidId } from '../docs/mermaid.js';
import { formatBytes, formatCpu } from '../vocabulary/quantity.js';
import type { PortRange } from '../graph/reach.js';
import type { Totals } from '../sim/resources.js';
import { count, type ArchitectureDiff, type ResourceTotals } from './diff.js';
import type { FieldChange } from './fields.js';

/** A titled part of the report: one summary row and its detail lines. */
interface Section {
  title: string;
  count: number;
  lines: string[];
}

function ports(p: 'All' | PortRange[]): string {
  return p === 'All'
    ? 'all ports'
    : p.map((r) => `${r.protocol} ${r.port}${r.endPort !== undefined ? `-${r.endPort}` : ''}`).join(', ');
}

function value(v: unknown): string {
  return v === undefined ? '(none)' : JSON.stringify(v);
}

function field(f: FieldChange): string {
  if (!('before' in f)) return `${f.path}: + ${value(f.after)}`;
  if (!('after' in f)) return `${f.path}: - ${value(f.before)}`;
  return `${f.path}: ${value(f.before)} → ${value(f.after)}`;
}

function signed(n: number, show: (n: number) => string): string {
  return n === 0 ? '±0' : `${n > 0 ? '+' : '-'}${show(Math.abs(n))}`;
}

function totalsLine(name: string, a: Totals, b: Totals, d: Totals): string {
  return (
    `${name}: CPU requests ${formatCpu(a.cpuRequestMillis)} → ${formatCpu(b.cpuRequestMillis)} (${signed(d.cpuRequestMillis, formatCpu)}), ` +
    `memory requests ${formatBytes(a.memoryRequestBytes)} → ${formatBytes(b.memoryRequestBytes)} (${signed(d.memoryRequestBytes, formatBytes)}), ` +
    `CPU limits ${formatCpu(a.cpuLimitMillis)} → ${formatCpu(b.cpuLimitMillis)} (${signed(d.cpuLimitMillis, formatCpu)}), ` +
    `memory limits ${formatBytes(a.memoryLimitBytes)} → ${formatBytes(b.memoryLimitBytes)} (${signed(d.memoryLimitBytes, formatBytes)})`
  );
}

function objectLines(o: ArchitectureDiff['objects']): string[] {
  return [
    ...o.added.map((id) => `+ ${id}`),
    ...o.removed.map((id) => `- ${id}`),
    ...o.changed.flatMap((c) => [`~ ${c.id}`, ...c.fields.map((f) => `    ${field(f)}`)]),
  ];
}

function sections(d: ArchitectureDiff): Section[] {
  const r = d.resources;
  const resourceLines = (x: NonNullable<typeof r>) => {
    const line = (name: string, key: keyof Omit<ResourceTotals, 'storageBytes'>) =>
      totalsLine(name, x.before[key], x.after[key], x.delta[key]);
    return [
      line('steady at min', 'steadyAtMin'),
      line('steady at max', 'steadyAtMax'),
      line('peak', 'peak'),
      `storage: ${formatBytes(x.before.storageBytes)} → ${formatBytes(x.after.storageBytes)} (${signed(x.delta.storageBytes, formatBytes)})`,
    ];
  };
  const scaling = (s: ArchitectureDiff['autoscaling'][number]['before']) =>
    s
      ? `min ${s.minReplicas}, max ${s.maxReplicas ?? '?'}, metrics ${JSON.stringify(s.metrics)}${s.behavior !== undefined ? `, behavior ${JSON.stringify(s.behavior)}` : ''}`
      : '(none)';
  const port = (p?: number | string) => (p === undefined ? '' : `:${p}`);
  return [
    {
      title: 'Objects',
      count: count(d.objects),
      lines: objectLines(d.objects),
    },
    {
      title: 'Connections',
      count: d.connections.added.length + d.connections.removed.length,
      lines: [
        ...d.connections.added.map((c) => `+ ${c.type} ${c.from} → ${c.to}${port(c.port)} (${c.evidence})`),
        ...d.connections.removed.map((c) => `- ${c.type} ${c.from} → ${c.to}${port(c.port)} (${c.evidence})`),
      ],
    },
    {
      title: 'Reachability',
      count: d.reach.gained.length + d.reach.lost.length,
      lines: [
        ...d.reach.gained.map((c) => `+ ${c.from} → ${c.to}: ${ports(c.ports)}`),
        ...d.reach.lost.map((c) => `- ${c.from} → ${c.to}: ${ports(c.ports)}`),
      ],
    },
    {
      title: 'Intended paths newly blocked',
      count: d.blocked.length,
      lines: d.blocked.map((b) => `! ${b.from} → ${b.service}${port(b.port)}: ${b.before} → ${b.after}`),
    },
    {
      title: 'Exposure',
      count: d.exposure.added.length + d.exposure.removed.length,
      lines: [
        ...d.exposure.added.map((e) => `+ ${e.kind} ${e.object}: ${e.detail}`),
        ...d.exposure.removed.map((e) => `- ${e.kind} ${e.object}: ${e.detail}`),
      ],
    },
    { title: 'Resources', count: r ? 1 : 0, lines: r ? resourceLines(r) : [] },
    {
      title: 'Autoscaling',
      count: d.autoscaling.length,
      lines: d.autoscaling.map(
        (a) => `~ ${a.id}${a.target ? ` (${a.target})` : ''}: ${scaling(a.before)} → ${scaling(a.after)}`,
      ),
    },
    {
      title: 'Rollout order',
      count: d.rollout.added.length + d.rollout.removed.length,
      lines: [
        ...d.rollout.added.map((o) => `+ ${o.object} now waits for ${o.after} (${o.because})`),
        ...d.rollout.removed.map((o) => `- ${o.object} no longer waits for ${o.after}`),
      ],
    },
    {
      title: 'Findings',
      count: d.findings.added.length + d.findings.fixed.length,
      lines: [
        ...d.findings.added.map(
          (f) => `+ ${f.severity} ${f.check} ${f.object}${f.path ? ` ${f.path}` : ''}: ${f.message}`,
        ),
        ...d.findings.fixed.map((f) => `- fixed ${f.check} ${f.object}${f.path ? ` ${f.path}` : ''}`),
      ],
    },
    { title: 'RBAC', count: count(d.rbac), lines: objectLines(d.rbac) },
  ];
}

export function diffToText(d: ArchitectureDiff): string {
  const parts = sections(d).filter((s) => s.count > 0);
  if (parts.length === 0) return 'no architectural change\n';
  return `${parts.map((s) => [`${s.title} (${s.count})`, ...s.lines.map((l) => `  ${l}`)].join('\n')).join('\n\n')}\n`;
}

/** The changed part of the graph: added connections and reach in green, removed ones in red. */
export function changeDiagram(d: ArchitectureDiff): string | undefined {
  type Link = { from: string; to: string; text: string; added: boolean; dashed: boolean };
  const links: Link[] = [
    ...d.connections.added.map((c) => ({
      ...c,
      text: `${c.type}${c.port !== undefined ? ` ${c.port}` : ''}`,
      added: true,
      dashed: false,
    })),
    ...d.connections.removed.map((c) => ({
      ...c,
      text: `${c.type}${c.port !== undefined ? ` ${c.port}` : ''}`,
      added: false,
      dashed: false,
    })),
    ...d.reach.gained.map((c) => ({ ...c, text: `allowed ${ports(c.ports)}`, added: true, dashed: true })),
    ...d.reach.lost.map((c) => ({ ...c, text: `allowed ${ports(c.ports)}`, added: false, dashed: true })),
  ];
  if (links.length === 0 && d.objects.added.length + d.objects.removed.length === 0) return undefined;
  const chart = new Flowchart('LR');
  const drawn = new Set<string>();
  const node = (id: string) => {
    if (drawn.has(id)) return mermaidId(id);
    drawn.add(id);
    chart.node(mermaidId(id), label(id));
    if (d.objects.added.includes(id)) chart.classify(mermaidId(id), 'added');
    if (d.objects.removed.includes(id)) chart.classify(mermaidId(id), 'removed');
    return mermaidId(id);
  };
  // Objects added or removed with no changed link are drawn too, so nothing that came or went is left out.
  for (const id of [...d.objects.added, ...d.objects.removed]) node(id);
  for (const l of links)
    chart.link(node(l.from), node(l.to), {
      text: l.text,
      arrow: l.dashed ? '-.->' : '-->',
      style: l.added ? 'added' : 'removed',
    });
  return chart.render(
    { added: 'fill:#dafbe1,stroke:#1a7f37,color:#1a7f37', removed: 'fill:#ffebe9,stroke:#cf222e,color:#cf222e' },
    { added: 'stroke:#1a7f37,stroke-width:2px', removed: 'stroke:#cf222e,stroke-width:2px' },
  );
}

/** HTML-escapes text placed inside the comment's `<details>` blocks and table cells. */
function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '&#124;');
}

export function diffToMarkdown(d: ArchitectureDiff, title = 'shipshape diff'): string {
  const parts = sections(d);
  const changed = parts.filter((s) => s.count > 0);
  const out = [`### ${title}`, ''];
  if (changed.length === 0) return `${[...out, 'No architectural change.'].join('\n')}\n`;
  out.push('| change | count |', '| --- | ---: |', ...parts.map((s) => `| ${s.title} | ${s.count} |`), '');
  const diagram = changeDiagram(d);
  if (diagram) out.push('```mermaid', diagram.trimEnd(), '```', '');
  for (const s of changed) {
    out.push(
      '<details>',
      `<summary>${html(s.title)} (${s.count})</summary>`,
      '',
      '<pre>',
      ...s.lines.map(html),
      '</pre>',
      '</details>',
      '',
    );
  }
  return `${out.join('\n')}`;
}
