// Who may connect to each policy-protected component, and who may not: the paths a document
// draws as "denied" (seed 003: the frontend may not reach the data layer or Docker) exist only
// as the absence of an allowed path, so they are stated from reachability, not invented as
// intended connections. One row per workload isolated for ingress; the sources are the other
// workloads of the input, allowed ones with their ports.
import type { Reachability } from '../graph/reach.js';
import type { Block } from './document.js';

/** Sources listed per cell before the rest is counted. */
const LISTED = 8;
/** Most cells (rows × sources) of the table; beyond it the table is left out (`shipshape reach` lists every pair). */
const PAIR_LIMIT = 50_000;

function listed(names: string[]): string {
  if (names.length === 0) return '—';
  return `${names.slice(0, LISTED).join(', ')}${names.length > LISTED ? ` and ${names.length - LISTED} more` : ''}`;
}

export interface ReachRow {
  workload: string;
  allowed: Array<{ from: string; ports: string }>;
  denied: string[];
}

/**
 * For each workload isolated for ingress: the other workloads that may reach it (with ports) and
 * those that may not. Read from the twin groups: the sources of a destination group are found
 * once, from the group pairs, and each row is that list without the workload itself.
 */
export function reachRows(reach: Reachability): ReachRow[] | undefined {
  const ids = reach.workloads.map((w) => w.id).sort();
  const targets = ids.filter((id) => reach.isolation(id).ingress.length > 0);
  if (targets.length * ids.length > PAIR_LIMIT) return undefined;
  const wanted = new Set(targets.map((id) => reach.twinsOf(id)));
  const known = new Set(ids);
  const portsFrom = new Map<readonly string[], Map<string, string>>();
  for (const { from, to, ports } of reach.groups()) {
    if (!wanted.has(to) || !known.has(from[0])) continue; // rows for isolated workloads, sources inside the input
    let sources = portsFrom.get(to);
    if (!sources) portsFrom.set(to, (sources = new Map<string, string>()));
    const text = ports.toString();
    for (const id of from) sources.set(id, text);
  }
  const byGroup = new Map<readonly string[], Omit<ReachRow, 'workload'>>();
  return targets.map((to) => {
    const twins = reach.twinsOf(to)!;
    let cells = byGroup.get(twins);
    if (!cells) {
      const sources = portsFrom.get(twins) ?? new Map<string, string>();
      cells = { allowed: [], denied: [] };
      for (const from of ids) {
        const ports = sources.get(from);
        if (ports === undefined) cells.denied.push(from);
        else cells.allowed.push({ from, ports });
      }
      byGroup.set(twins, cells);
    }
    return {
      workload: to,
      allowed: cells.allowed.filter((a) => a.from !== to),
      denied: cells.denied.filter((id) => id !== to),
    };
  });
}

export function reachTable(reach: Reachability, name: (id: string) => string): Block | undefined {
  const rows = reachRows(reach);
  if (!rows || rows.length === 0) return undefined;
  return {
    kind: 'table',
    header: ['Workload', 'May be reached from', 'Denied from (no port open)'],
    rows: rows.map((r) => [
      name(r.workload),
      listed(r.allowed.map((a) => `${name(a.from)} (${a.ports})`)),
      listed(r.denied.map(name)),
    ]),
  };
}
