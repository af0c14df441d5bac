// The NetworkPolicies in force, as a table beside the network-flow diagram (seed 003 puts them
// in notes): which workloads each applies to and what it lets in and out, read from the policy
// semantics of graph/reach (policyTypes defaulting, empty rules, peers, ports).
import { byCodePoint } from '../vocabulary/order.js';
import { pushTo } from '../graph/multimap.js';
import type { Reachability, Policy } from '../graph/reach.js';
import type { LabelSelector } from '../k8s/selector.js';
import { formatAddress, formatRange, type Ipv4Range } from '../graph/netpol/ipv4.js';
import type { Block } from './document.js';

export type Rule = NonNullable<Policy['ingress']>[number];
export type Peer = Exclude<Rule['peers'], 'any'>[number];

/** `app=api, tier In (a,b)`; the empty selector selects everything. */
export function selectorText(s: LabelSelector | undefined | null): string {
  const parts = [
    ...Object.entries(s?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`),
    ...(s?.matchExpressions ?? []).map((e) =>
      e.values?.length ? `${e.key} ${e.operator} (${e.values.join(',')})` : `${e.key} ${e.operator}`,
    ),
  ];
  return parts.length ? parts.join(', ') : 'all';
}

/** An address range as CIDR when it is one (`10.0.0.0/8`), else as `first-last`. */
export function rangeText(r: Ipv4Range): string {
  const size = r.end - r.start + 1;
  const bits = Math.log2(size);
  return Number.isInteger(bits) && r.start % size === 0 ? `${formatAddress(r.start)}/${32 - bits}` : formatRange(r);
}

export function peerText(p: Peer): string {
  if (p.kind === 'ipBlock') {
    const cidr = p.cidr === 'ipv6' ? 'IPv6 block' : rangeText(p.cidr);
    const except = p.except.map((e) => (e === 'ipv6' ? 'IPv6 block' : rangeText(e)));
    return `${cidr}${except.length ? ` except ${except.join(', ')}` : ''}`;
  }
  const pods = `pods ${selectorText(p.podSelector)}`;
  return p.namespaceSelector === undefined ? pods : `namespaces ${selectorText(p.namespaceSelector)}, ${pods}`;
}

export function portsText(r: Rule): string {
  if (r.ports === 'all') return 'all ports';
  return r.ports
    .map(
      (p) =>
        `${p.protocol} ${p.name ?? (p.port === undefined ? 'all' : `${p.port}${p.endPort !== undefined ? `-${p.endPort}` : ''}`)}`,
    )
    .join(', ');
}

/** `nothing` for a direction with no rules (deny), else one `peers on ports` per rule. */
function rulesText(rules: Rule[] | undefined): string {
  if (rules === undefined) return 'not restricted';
  if (rules.length === 0) return 'nothing (deny)';
  return rules
    .map((r) => `${r.peers === 'any' ? 'anywhere' : r.peers.map(peerText).join(' or ')} on ${portsText(r)}`)
    .join('; ');
}

/** Workloads listed per policy before the rest is counted. */
const LISTED = 8;

export function policiesTable(reach: Reachability, name: (id: string) => string): Block | undefined {
  if (reach.policies.length === 0) return undefined;
  // Each workload's policies once, rather than every workload per policy: a cluster dump has
  // thousands of both.
  const appliesTo = new Map<string, string[]>();
  for (const w of reach.workloads) {
    const i = reach.isolation(w.id);
    for (const id of new Set([...i.ingress, ...i.egress])) pushTo(appliesTo, id, name(w.id));
  }
  const rows = [...reach.policies]
    .sort((a, b) => byCodePoint(a.id, b.id))
    .map((p) => {
      const applies = appliesTo.get(p.id) ?? [];
      const to = applies.length
        ? `${applies.slice(0, LISTED).join(', ')}${applies.length > LISTED ? ` and ${applies.length - LISTED} more` : ''}`
        : `no workload in the input (pods ${selectorText(p.podSelector)})`;
      return [name(p.id), to, rulesText(p.ingress), rulesText(p.egress)];
    });
  return { kind: 'table', header: ['NetworkPolicy', 'Applies to', 'Allows in from', 'Allows out to'], rows };
}
