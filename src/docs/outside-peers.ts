// The peers of NetworkPolicy rules that are not workloads in the input: address blocks outside
// the cluster (ipBlock), pods of namespaces the input does not hold (a monitoring namespace, the
// cluster DNS), and "anywhere". The network flow draws them as external nodes, so a workload that
// only talks to the outside or is only scraped from another namespace still shows its paths.
// A rule's peers apply to a workload exactly when the rule's policy isolates the workload in
// that direction (reach.isolation), which is how the Kubernetes docs define it.
import { byCodePoint } from '../vocabulary/order.js';
import type { Graph } from '../graph/model.js';
import { matchesSelector } from '../k8s/selector.js';
import type { Reachability, Workload } from '../graph/reach.js';
import { namespaceLabels } from '../graph/netpol/pods.js';
import { workloadsInNamespace } from '../graph/workloads.js';
import { peerText, portsText, selectorText, type Peer, type Rule } from './policies.js';

export interface OutsidePath {
  /** Stable key of the peer node, e.g. `peer:egress:10.0.0.0/8`. */
  peer: string;
  /** What the peer is, for its label. */
  peerLines: string[];
  workload: string;
  /** `out`: the workload may connect to the peer (egress); `in`: the peer may connect to it (ingress). */
  direction: 'in' | 'out';
  /** The ports the rules allow, as they are written (`TCP 5432`, `all ports`), sorted. */
  ports: string[];
}

const NAMESPACE_NAME = 'kubernetes.io/metadata.name';

/** `namespace monitoring, pods app=prometheus`; the selector form when it names no single namespace. */
function podsPeerLines(p: Extract<Peer, { kind: 'pods' }>, policyNamespace: string): string[] {
  const ns = p.namespaceSelector;
  const named =
    ns && Object.keys(ns.matchLabels ?? {}).length === 1 && !ns.matchExpressions?.length
      ? ns.matchLabels?.[NAMESPACE_NAME]
      : undefined;
  const where =
    ns === undefined ? `namespace ${policyNamespace}` : named ? `namespace ${named}` : `namespaces ${selectorText(ns)}`;
  return [where, `pods ${selectorText(p.podSelector)}`];
}

/** Rule peers outside the input, per workload and direction, merged per peer; sorted. */
export function outsidePaths(graph: Graph, reach: Reachability): OutsidePath[] {
  const policies = new Map(reach.policies.map((p) => [p.id, p]));
  const nsLabels = namespaceLabels(
    graph,
    reach.workloads.map((w) => w.namespace),
  );
  // Once per peer (a policy's peers are read for every workload it selects).
  const matched = new Map<string, boolean>();
  const matchesInput = (p: Extract<Peer, { kind: 'pods' }>, policyNamespace: string): boolean => {
    const key = `${policyNamespace}\u0000${p.key}`;
    let hit = matched.get(key);
    if (hit === undefined) {
      const namespaceSelector = p.namespaceSelector;
      hit =
        namespaceSelector === undefined
          ? // the policy's own namespace: only its workloads are looked at, not the whole dump's
            workloadsInNamespace(reach.workloads, policyNamespace).some((w) => matchesSelector(p.podSelector, w.labels))
          : reach.workloads.some(
              (w: Workload) =>
                matchesSelector(namespaceSelector, nsLabels.get(w.namespace) ?? {}) &&
                matchesSelector(p.podSelector, w.labels),
            );
      matched.set(key, hit);
    }
    return hit;
  };
  const merged = new Map<string, OutsidePath>();
  const add = (workload: string, direction: 'in' | 'out', peer: string, peerLines: string[], rule: Rule): void => {
    const key = `${workload}|${direction}|${peer}`;
    const path = merged.get(key) ?? { peer, peerLines, workload, direction, ports: [] };
    const ports = portsText(rule);
    if (!path.ports.includes(ports)) path.ports = [...path.ports, ports].sort(byPortNumber);
    merged.set(key, path);
  };
  for (const w of reach.workloads) {
    const isolation = reach.isolation(w.id);
    for (const [direction, ids] of [
      ['in', isolation.ingress],
      ['out', isolation.egress],
    ] as const) {
      for (const id of ids) {
        const policy = policies.get(id);
        for (const rule of (direction === 'in' ? policy?.ingress : policy?.egress) ?? []) {
          // Traffic from anywhere in is labelled on the workload instead ("accepts any source").
          if (rule.peers === 'any') {
            if (direction === 'out')
              add(w.id, direction, 'peer:anywhere', ['anywhere', 'any address, in or outside the cluster'], rule);
            continue;
          }
          for (const peer of rule.peers) {
            if (peer.kind === 'ipBlock') {
              const text = peerText(peer);
              add(w.id, direction, `peer:ip:${text}`, [text, 'address block'], rule);
            } else if (!matchesInput(peer, policy!.namespace)) {
              const lines = podsPeerLines(peer, policy!.namespace);
              add(w.id, direction, `peer:pods:${lines.join('|')}`, [...lines, 'not in the input'], rule);
            }
          }
        }
      }
    }
  }
  return [...merged.values()].sort(
    (a, b) =>
      byCodePoint(a.workload, b.workload) || byCodePoint(a.direction, b.direction) || byCodePoint(a.peer, b.peer),
  );
}

/** Port labels in numeric order (`TCP 80` before `TCP 443`), not by code point. */
function byPortNumber(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
