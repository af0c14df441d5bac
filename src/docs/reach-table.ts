// Who may connect to each policy-protected component, and who may not: the paths a document
// draws as "denied" (seed 003: the frontend may not reach the data layer or Docker) exist only
// as the absence of an allowed path, so they are stated from reachability, not invented as
// intended connections. One row per workload isolated for ingress; the sources are the other
// workloads of the input, allowed ones with their ports.
import type { Reachability } from '../graph/reach.js';
import type { Block } from './document.js';

/** Sources listed per cell before the rest is counted. */
const LISTED = 8;
/** Most pair checks spent (~15 µs each, under a second); beyond it the table is left out. */
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

/** For each workload isolated for ingress: the other workloads that may reach it (with ports) and those that may not. */
export function reachRows(reach: Reachability): ReachRow[] | undefined {
  const ids = reach.workloads.map((w) => w.id).sort();
  const targets = ids.filter((id) => reach.isolation(id).ingress.length > 0);
  if (targets.length * ids.length > PAIR_LIMIT) return undefined;
  return targets.map((to) => {
    const row: ReachRow = { workload: to, allowed: [], denied: [] };
    for (const from of ids) {
      if (from === to) continue;
      const ports = reach.allowed(from, to);
      if (ports.isEmpty()) row.denied.push(from);
      else row.allowed.push({ from, ports: ports.toString() });
    }
    return row;
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
