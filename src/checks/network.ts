// Network: what the NetworkPolicies allow (graph/reach, exact v1 semantics) against what the
// architecture needs (`connects` edges, declared or inferred).
import { serviceSpec } from '../k8s/kinds.js';
import type { Graph } from '../graph/model.js';
import {
  computeReachability,
  intendedConnections,
  PortSet,
  type Reachability,
  type IntendedConnection,
  type Policy,
} from '../graph/reach.js';
import { ANNOTATIONS } from '../k8s/annotations.js';
import { nodeId } from '../k8s/object.js';
import { matchesMap, matchesSelector } from '../k8s/selector.js';
import { NAMESPACE_NAME_LABEL } from '../graph/netpol/pods.js';
import type { Check, CheckContext, RawFinding } from './types.js';
import { unseenPods } from './workloads.js';
import { pushTo } from '../graph/multimap.js';
import { isOutsidePeer } from '../graph/outside.js';
import { workloadsInNamespace } from '../graph/workloads.js';

// Every network check reads the same reachability; compute it once per graph.
const cache = new WeakMap<Graph, { reach: Reachability; intended: IntendedConnection[] }>();
function analysis(graph: Graph) {
  let hit = cache.get(graph);
  if (!hit) {
    const reach = computeReachability(graph);
    hit = { reach, intended: intendedConnections(graph, reach) };
    cache.set(graph, hit);
  }
  return hit;
}

/** Namespace findings name the Namespace node, whether or not the input holds the object. */
function namespaceId(ns: string): string {
  return nodeId('Namespace', ns);
}

/** Namespaces whose Namespace object carries `shipshape.dev/isolated: "true"`. */
function isolatedNamespaces(graph: Graph): Set<string> {
  return new Set(
    graph.nodes
      .filter((n) => n.kind === 'Namespace' && n.object.metadata?.annotations?.[ANNOTATIONS.isolated] === 'true')
      .map((n) => n.name),
  );
}

const policyInvalid: Check = {
  id: 'network-policy-invalid',
  family: 'network',
  severity: 'error',
  rationale: 'The API server rejects a NetworkPolicy with an invalid field, so none of its rules would exist.',
  hint: 'Fix the field as the message says; see https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/',
  run: ({ graph }) =>
    analysis(graph).reach.problems.map((p) => ({ object: p.object, path: p.path, message: p.message })),
};

const intendedBlocked: Check = {
  id: 'network-intended-connection-blocked',
  family: 'network',
  severity: 'error',
  rationale:
    'A connection the architecture needs (declared or inferred, to a workload or outside the cluster) fails at runtime when the NetworkPolicies do not allow it at both ends.',
  hint: 'Allow it in an egress rule of a policy selecting the source and an ingress rule of a policy selecting the destination (port: the container port); for a need outside the cluster, an egress ipBlock rule on its port (spec: `external`).',
  run: ({ graph }) => {
    const { reach, intended } = analysis(graph);
    return intended
      .filter((c) => c.status === 'blocked' || c.status === 'partial')
      .map((c) => {
        const blocked = c.targets
          .filter((t) => !t.allowed)
          .map((t) => {
            if (t.port === undefined) return `${t.to} (its containers declare no port for the Service's targetPort)`;
            if (isOutsidePeer(t.to)) return `${t.to} ${t.protocol} ${t.port} (egress from the source not allowed)`;
            const { egress, ingress } = reach.sides(c.from, t.to);
            const sides = [
              !egress.has(t.protocol, t.port) && 'egress from the source',
              !ingress.has(t.protocol, t.port) && 'ingress to the destination',
            ]
              .filter(Boolean)
              .join(' and ');
            return `${t.to} ${t.protocol} ${t.port} (${sides} not allowed)`;
          });
        const port = `${c.port === undefined ? '' : ` port ${c.port}`}${c.host ? ` (${c.host})` : ''}`;
        return {
          object: c.from,
          path: c.evidence,
          message: `${c.declared ? 'declared' : 'inferred'} connection to ${c.service}${port} is blocked by NetworkPolicies: ${[...new Set(blocked)].join(', ')}`,
        };
      });
  },
};

/** Workloads reachable from outside on purpose: selected by a LoadBalancer/NodePort Service or by a Service an Ingress routes to. */
function exposedWorkloads(graph: Graph, reach: Reachability): Set<string> {
  const routed = new Set(graph.edges.filter((e) => e.type === 'routes').map((e) => e.to));
  const out = new Set<string>();
  for (const svc of graph.nodes) {
    if (svc.kind !== 'Service') continue;
    const spec = serviceSpec(svc.object) ?? {};
    if (!routed.has(svc.id) && spec.type !== 'LoadBalancer' && spec.type !== 'NodePort') continue;
    for (const w of workloadsInNamespace(reach.workloads, svc.namespace ?? 'default'))
      if (matchesMap(spec.selector, w.labels)) out.add(w.id);
  }
  return out;
}

const unintendedPath: Check = {
  id: 'network-unintended-path',
  family: 'network',
  severity: 'warning',
  rationale:
    'A namespace that claims isolation (shipshape.dev/isolated: "true") should allow exactly the connections its architecture needs.',
  hint: 'Narrow the policy rules (peers and ports) to the declared connections, or declare the connection (shipshape.dev/connects).',
  run: ({ graph }) => {
    const isolated = isolatedNamespaces(graph);
    if (isolated.size === 0) return [];
    const { reach, intended } = analysis(graph);
    const needed = new Map<string, PortSet>();
    for (const c of intended) {
      for (const t of c.targets) {
        if (t.port === undefined) continue;
        const key = `${c.from}\u0000${t.to}`;
        needed.set(key, (needed.get(key) ?? PortSet.empty()).union(PortSet.range(t.protocol, t.port, t.port)));
      }
    }
    const namespaceOf = new Map(reach.workloads.map((w) => [w.id, w.namespace]));
    const exposed = exposedWorkloads(graph, reach);
    const out: RawFinding[] = [];
    for (const { from, to, ports } of reach.connections()) {
      const fromNs = namespaceOf.get(from);
      const toNs = namespaceOf.get(to);
      if (toNs === undefined) continue; // egress to outside the cluster is not something connections declare
      if (fromNs === undefined) {
        if (isolated.has(toNs) && !exposed.has(to)) {
          out.push({
            object: to,
            message: `${from} (outside the cluster) may connect on ${ports.toString()}, but nothing exposes ${to}`,
          });
        }
        continue;
      }
      if (!isolated.has(toNs) && !isolated.has(fromNs)) continue;
      const need = needed.get(`${from}\u0000${to}`);
      if (!need) {
        out.push({ object: to, message: `${from} may connect on ${ports.toString()}, but no connection needs it` });
      } else if (need.intersect(ports).toString() !== ports.toString()) {
        out.push({
          object: to,
          message: `${from} may connect on ${ports.toString()}; its connections need only ${need.toString()}`,
        });
      }
    }
    return out;
  },
};

const namespaceWithoutPolicy: Check = {
  id: 'network-namespace-without-policy',
  family: 'network',
  severity: 'warning',
  rationale:
    'Without any NetworkPolicy every pod of the namespace accepts traffic from anywhere and may connect anywhere.',
  hint: 'Add a default-deny policy (podSelector: {}, policyTypes: [Ingress, Egress]) and allow the needed paths explicitly.',
  run: ({ graph }) => {
    const { reach } = analysis(graph);
    const withPolicy = new Set(graph.nodes.filter((n) => n.kind === 'NetworkPolicy').map((n) => n.namespace));
    const namespaces = [...new Set(reach.workloads.map((w) => w.namespace))].filter((ns) => !withPolicy.has(ns)).sort();
    return namespaces.map((ns) => {
      const count = workloadsInNamespace(reach.workloads, ns).length;
      return { object: namespaceId(ns), message: `namespace ${ns} has ${count} workload(s) and no NetworkPolicy` };
    });
  },
};

const policySelectsNothing: Check = {
  id: 'network-policy-selects-nothing',
  family: 'network',
  severity: 'warning',
  rationale:
    'A policy whose podSelector matches no pod isolates nothing: usually a label typo, and the pods it meant to protect stay open.',
  hint: 'Make spec.podSelector match the labels of the pod template it is meant for.',
  run: ({ graph }) => {
    const { reach } = analysis(graph);
    const populated = new Set(reach.workloads.map((w) => w.namespace));
    const selected = new Set<string>();
    for (const w of reach.workloads) {
      const iso = reach.isolation(w.id);
      for (const id of [...iso.ingress, ...iso.egress]) selected.add(id);
    }
    const unseen = unseenPods(graph);
    // Only where the input holds the namespace's workloads: otherwise the pods are simply not in view.
    return reach.policies
      .filter((p) => populated.has(p.namespace) && !selected.has(p.id))
      .map((p) => {
        const { severity, note } = unseen(p.namespace);
        return {
          object: p.id,
          path: 'spec.podSelector',
          message: `selects no pod of namespace ${p.namespace}${note}`,
          ...(severity ? { severity } : {}),
        };
      });
  },
};

const peerSelectsNothing: Check = {
  id: 'network-peer-selects-nothing',
  family: 'network',
  severity: 'warning',
  rationale:
    'A rule peer that matches no pod allows nothing: usually a label typo that blocks the connection it was written for.',
  hint: "Make the peer's podSelector match the labels of the pods meant to connect.",
  run: ({ graph }) => {
    const { reach } = analysis(graph);
    const byNamespace = new Map<string, Array<Record<string, string>>>();
    for (const w of reach.workloads) pushTo(byNamespace, w.namespace, w.labels);
    const unseen = unseenPods(graph);
    const out: RawFinding[] = [];
    for (const p of reach.policies) {
      const pods = byNamespace.get(p.namespace);
      if (!pods) continue;
      const { severity, note } = unseen(p.namespace);
      for (const [dir, rules, field] of [
        ['ingress', p.ingress, 'from'],
        ['egress', p.egress, 'to'],
      ] as const) {
        (rules ?? []).forEach((rule) => {
          if (rule.peers === 'any') return;
          rule.peers.forEach((peer, i) => {
            // Only peers within the policy's own namespace, whose pods the input holds.
            if (peer.kind !== 'pods' || peer.namespaceSelector) return;
            if (pods.some((labels) => matchesSelector(peer.podSelector, labels))) return;
            out.push({
              object: p.id,
              path: `${rule.path}.${field}[${i}].podSelector`,
              message: `${dir} peer matches no pod of namespace ${p.namespace}${note}`,
              ...(severity ? { severity } : {}),
            });
          });
        });
      }
    }
    return out;
  },
};

const egressOpen: Check = {
  id: 'network-egress-open',
  family: 'network',
  severity: 'warning',
  rationale:
    'Pods isolated for ingress only may still connect anywhere, inside the cluster and out (e.g. exfiltration from a compromised pod).',
  hint: 'Add a policy with policyTypes [Egress] selecting these pods (e.g. a namespace default-deny for both directions) and allow the needed egress.',
  run: ({ graph }) => {
    const { reach } = analysis(graph);
    const open = new Map<string, string[]>();
    for (const w of reach.workloads) {
      const iso = reach.isolation(w.id);
      if (iso.ingress.length > 0 && iso.egress.length === 0) pushTo(open, w.namespace, w.id);
    }
    return [...open].map(([ns, ids]) => ({
      object: namespaceId(ns),
      message: `${ids.length} workload(s) isolated for ingress only, egress open: ${ids.join(', ')}`,
    }));
  },
};

/**
 * Whether a policy lets a pod reach a DNS server: UDP 53 to anything outside the input's pods
 * (every destination, an ipBlock, another namespace by selector, kube-system) or to a pod in it.
 */
function allowsDns(policy: Policy): boolean {
  return (policy.egress ?? []).some((rule) => {
    const udp53 =
      rule.ports === 'all' ||
      rule.ports.some(
        (p) =>
          p.protocol === 'UDP' &&
          (p.name !== undefined || p.port === undefined || (p.port <= 53 && 53 <= (p.endPort ?? p.port))),
      );
    if (!udp53) return false;
    return (
      rule.peers === 'any' ||
      rule.peers.some(
        (peer) => peer.kind === 'ipBlock' || peer.namespaceSelector !== undefined || policy.namespace === 'kube-system',
      )
    );
  });
}

function dnsBlockedIn(ctx: CheckContext): RawFinding[] {
  const { reach } = analysis(ctx.graph);
  const byId = new Map(reach.policies.map((p) => [p.id, p]));
  const out: RawFinding[] = [];
  for (const w of reach.workloads) {
    const egress = reach.isolation(w.id).egress;
    if (egress.length === 0 || egress.some((id) => allowsDns(byId.get(id)!))) continue;
    const inCluster = reach.workloads.some(
      (d) =>
        d.id !== w.id &&
        reach.allowed(w.id, d.id).has('UDP', 53) &&
        (d.labels['k8s-app'] === 'kube-dns' || d.namespace === 'kube-system'),
    );
    if (!inCluster)
      out.push({
        object: w.id,
        message: `egress is isolated (${egress.join(', ')}) and no rule allows UDP 53 to a DNS server: names will not resolve`,
      });
  }
  return out;
}

const dnsBlocked: Check = {
  id: 'network-dns-blocked',
  family: 'network',
  severity: 'warning',
  rationale:
    'An egress-isolated pod that may not reach DNS (UDP 53) cannot resolve Service names, so every connection by name fails.',
  hint: `Allow egress on UDP and TCP 53 to the cluster DNS, e.g. to: [{namespaceSelector: {matchLabels: {${NAMESPACE_NAME_LABEL}: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}].`,
  run: dnsBlockedIn,
};

/** The pre-v1 (Kubernetes < 1.7) isolation switch; NetworkPolicy v1 ignores it. */
const LEGACY_ISOLATION_ANNOTATION = 'net.beta.kubernetes.io/network-policy';

const legacyIsolation: Check = {
  id: 'network-legacy-isolation-annotation',
  family: 'network',
  severity: 'warning',
  rationale: `The ${LEGACY_ISOLATION_ANNOTATION} DefaultDeny annotation was the beta isolation switch before Kubernetes 1.7; NetworkPolicy v1 ignores it, so the namespace is not isolated by it.`,
  hint: 'Replace the annotation with a default-deny NetworkPolicy (podSelector: {}, policyTypes: [Ingress] or [Ingress, Egress]).',
  run: ({ graph }) =>
    graph.nodes
      .filter(
        (n) => n.kind === 'Namespace' && n.object.metadata?.annotations?.[LEGACY_ISOLATION_ANNOTATION] !== undefined,
      )
      .map((n) => ({
        object: n.id,
        path: `metadata.annotations["${LEGACY_ISOLATION_ANNOTATION}"]`,
        message: `namespace ${n.name} relies on the legacy isolation annotation, which has no effect`,
      })),
};

export const networkChecks: Check[] = [
  policyInvalid,
  intendedBlocked,
  unintendedPath,
  namespaceWithoutPolicy,
  policySelectsNothing,
  peerSelectsNothing,
  egressOpen,
  dnsBlocked,
  legacyIsolation,
];
