// Pod classes with identical connectivity ("twins"): classes that the policies tell apart by
// labels may still be treated alike by every rule — every pod of a namespace without policy is
// open both ways, whatever its labels. Two classes are twins when everything the reach queries
// read about them is equal: their own egress and ingress rules, every rule of another class that
// names them as a peer (with its ports), and the ports each destination-dependent rule resolves to
// on them (named ports). Swapping twins then changes no allowed port set, so twins connect alike to
// every endpoint, to each other and within themselves, and one line can stand for all of them.
import type { PortSet } from './ports.js';
import type { Peer, Rule } from './policy.js';
import { pushTo } from '../multimap.js';

/** What twins.ts reads of a pod class (graph/reach.ts holds the rest). */
export interface ClassRules {
  index: number;
  /** The policies selecting the class per direction (none: not isolated that way). */
  ingressPolicies: readonly unknown[];
  egressPolicies: readonly unknown[];
  fromClass: Map<this, PortSet>;
  fromAny: PortSet;
  fromBlocks: Array<{ peer: Extract<Peer, { kind: 'ipBlock' }>; ports: PortSet }>;
  toClass: Map<this, PortSet>;
  toAnyRules: Rule[];
  toBlocks: Array<{ peer: Extract<Peer, { kind: 'ipBlock' }>; ports: PortSet }>;
}

/**
 * The classes split into twin sets, each in class order, the sets in the order of their first
 * class. `resolve` gives a rule's ports on a destination class (named ports resolved).
 */
export function twinSets<C extends ClassRules>(classes: readonly C[], resolve: (rule: Rule, to: C) => PortSet): C[][] {
  // Rules whose ports depend on the destination (a named port) and that apply to every destination.
  const namedAnyRules = new Map<string, Rule>();
  for (const c of classes)
    for (const rule of c.toAnyRules)
      if (rule.ports !== 'all' && rule.ports.some((p) => p.name !== undefined))
        namedAnyRules.set(JSON.stringify(rule.ports), rule);

  // How other classes' rules name each class as a peer.
  const asDestination = new Map<C, string[]>();
  const asSource = new Map<C, string[]>();
  for (const c of classes) {
    for (const [d, ports] of c.toClass) pushTo(asDestination, d, `${c.index}:${ports.toString()}`);
    for (const [s, ports] of c.fromClass) pushTo(asSource, s, `${c.index}:${ports.toString()}`);
  }

  const blocks = (list: ClassRules['fromBlocks']) =>
    list.map(({ peer, ports }) => `${JSON.stringify(peer)}:${ports.toString()}`).sort();
  const classEntries = (map: Map<C, PortSet>) => [...map].map(([c, ports]) => `${c.index}:${ports.toString()}`).sort();

  const sets = new Map<string, C[]>();
  for (const c of classes) {
    const signature = JSON.stringify([
      c.egressPolicies.length > 0
        ? [classEntries(c.toClass), c.toAnyRules.map((r) => JSON.stringify(r.ports)).sort(), blocks(c.toBlocks)]
        : 'open',
      c.ingressPolicies.length > 0 ? [classEntries(c.fromClass), c.fromAny.toString(), blocks(c.fromBlocks)] : 'open',
      (asDestination.get(c) ?? []).sort(),
      (asSource.get(c) ?? []).sort(),
      [...namedAnyRules.values()].map((rule) => resolve(rule, c).toString()),
    ]);
    pushTo(sets, signature, c);
  }
  return [...sets.values()];
}
