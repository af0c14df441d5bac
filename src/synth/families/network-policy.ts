// Network isolation: every namespace denies all traffic by default and allows DNS; each component's
// NetworkPolicy then opens exactly its declared paths — egress to what it `uses`, ingress from the
// components that use it, on the used port only, egress to its declared `external` address blocks
// and other namespaces' pods —
// plus ingress from the ingress controller and from Prometheus where the component is exposed or
// exports metrics, from the client addresses of a NodePort or LoadBalancer Service on every port it
// exposes, and from its declared `inbound` peers. A peer in another namespace is selected by its
// namespace and pods together.
import type { KubeObject } from '../../k8s/object.js';
import type { Architecture } from '../../spec/schema.js';
import { findPort, namespaceOf, namespacesOf, resolveUses } from '../../spec/semantics.js';
import { isExposedOutside, sourceRangesOf } from '../../spec/service-options.js';
import { selectorLabels, type ArchitectureContext, type ComponentContext } from '../context.js';
import type { GeneratorFamily } from '../family.js';

/** Default namespaces of the ingress controller and of Prometheus (overridable per component). */
export const DEFAULT_INGRESS_CONTROLLER_NAMESPACE = 'ingress-nginx';
export const DEFAULT_SCRAPE_NAMESPACE = 'monitoring';

const namespaceSelector = (ns: string) => ({
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } },
});

/** The pods of a component, as seen from a policy in `from`: a podSelector alone only matches in the policy's own namespace. */
function componentPeer(ctx: ComponentContext, component: string) {
  const podSelector = { matchLabels: selectorLabels(ctx.arch, component) };
  const namespace = namespaceOf(ctx.arch, component);
  return namespace === ctx.namespace ? { podSelector } : { ...namespaceSelector(namespace), podSelector };
}

interface Rule {
  peers: unknown[];
  ports: Array<{ protocol: string; port: number }>;
}

/** Adds a port to the rule for peers, keeping one rule per peer set and ports unique and in order of declaration. */
function addRule(
  rules: Map<string, Rule>,
  key: string,
  peers: unknown[],
  port: { protocol: string; port: number },
): void {
  const rule = rules.get(key) ?? { peers, ports: [] };
  if (!rule.ports.some((p) => p.port === port.port && p.protocol === port.protocol)) rule.ports.push(port);
  rules.set(key, rule);
}

/** A resolved `uses` entry: `from` connects to `to` on `port`. */
interface Connection {
  from: string;
  to: string;
  port: { protocol: string; port: number };
}

/** Each component's connections, in and out, in the order of declaration across the architecture. */
const connectionsByArchitecture = new WeakMap<Architecture, Map<string, Connection[]>>();

/**
 * Resolves every `uses` entry once per architecture: each component's policy needs the connections
 * of every other component into it, and resolving them per component was quadratic in their number.
 * Assumes a spec is not changed after synthesis has started.
 */
function connectionsOf(arch: Architecture, component: string): Connection[] {
  let index = connectionsByArchitecture.get(arch);
  if (!index) {
    index = new Map();
    for (const [from, c] of Object.entries(arch.components)) {
      for (const entry of c.uses ?? []) {
        const t = resolveUses(arch, entry);
        if (typeof t === 'string') continue;
        const connection = { from, to: t.component, port: { protocol: t.port.protocol, port: t.port.containerPort } };
        for (const end of new Set([from, t.component])) {
          const list = index.get(end) ?? [];
          list.push(connection);
          index.set(end, list);
        }
      }
    }
    connectionsByArchitecture.set(arch, index);
  }
  return index.get(component) ?? [];
}

export function componentNetworkPolicy(ctx: ComponentContext): KubeObject | undefined {
  const ingress = new Map<string, Rule>();
  const egress = new Map<string, Rule>();
  for (const { from, to, port } of connectionsOf(ctx.arch, ctx.name)) {
    if (to === ctx.name) addRule(ingress, `component:${from}`, [componentPeer(ctx, from)], { ...port });
    if (from === ctx.name) addRule(egress, `component:${to}`, [componentPeer(ctx, to)], { ...port });
  }
  (ctx.component.external ?? []).forEach((e, i) => {
    const peer =
      'cidr' in e
        ? { ipBlock: { cidr: e.cidr, ...(e.except && { except: e.except }) } }
        : { ...namespaceSelector(e.namespace), podSelector: { matchLabels: { ...e.podSelector } } };
    for (const p of e.ports)
      addRule(egress, `external:${i}`, [peer], typeof p === 'number' ? { protocol: 'TCP', port: p } : p);
  });
  const containerPort = (p: { protocol: string; containerPort: number }) => ({
    protocol: p.protocol,
    port: p.containerPort,
  });
  if (isExposedOutside(ctx.component)) {
    // Every port of a NodePort or LoadBalancer Service is reachable on the nodes (and the balancer).
    const peers = sourceRangesOf(ctx.component).map((cidr) => ({ ipBlock: { cidr } }));
    for (const p of ctx.ports) addRule(ingress, 'outside', peers, containerPort(p));
  }
  (ctx.component.inbound ?? []).forEach((entry, i) => {
    const peer =
      'cidr' in entry
        ? { ipBlock: { cidr: entry.cidr, ...(entry.except && { except: entry.except }) } }
        : {
            ...namespaceSelector(entry.namespace),
            ...(entry.podSelector && { podSelector: { matchLabels: { ...entry.podSelector } } }),
          };
    for (const ref of entry.ports) {
      const target = findPort(ctx.ports, ref);
      if (target) addRule(ingress, `inbound:${i}`, [peer], containerPort(target));
    }
  });
  const ing = ctx.component.ingress;
  if (ing) {
    const target = findPort(ctx.ports, ing.port);
    const ns = ing.controllerNamespace ?? DEFAULT_INGRESS_CONTROLLER_NAMESPACE;
    const peer = ing.controllerPodSelector
      ? { ...namespaceSelector(ns), podSelector: { matchLabels: { ...ing.controllerPodSelector } } }
      : namespaceSelector(ns);
    const key = ing.controllerPodSelector ? `controller:${ns}` : `namespace:${ns}`;
    if (target) addRule(ingress, key, [peer], containerPort(target));
  }
  const m = ctx.component.metrics;
  if (m) {
    const ns = m.scrapeFrom ?? DEFAULT_SCRAPE_NAMESPACE;
    addRule(ingress, `namespace:${ns}`, [namespaceSelector(ns)], { protocol: 'TCP', port: m.port });
  }
  if (ingress.size === 0 && egress.size === 0) return undefined;
  const toRules = (rules: Map<string, Rule>, dir: 'from' | 'to') =>
    [...rules.values()].map((r) => ({ [dir]: r.peers, ports: r.ports }));
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: ctx.meta(ctx.name),
    spec: {
      podSelector: { matchLabels: { ...ctx.selector } },
      policyTypes: [...(ingress.size > 0 ? ['Ingress'] : []), ...(egress.size > 0 ? ['Egress'] : [])],
      ...(ingress.size > 0 && { ingress: toRules(ingress, 'from') }),
      ...(egress.size > 0 && { egress: toRules(egress, 'to') }),
    },
  };
}

/** In every namespace: `default-deny` (every pod, both directions) and `allow-dns` (egress to the cluster DNS in kube-system, port 53). */
export function namespacePolicies(ctx: ArchitectureContext): KubeObject[] {
  return namespacesOf(ctx.arch).flatMap((namespace) => [
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: ctx.metaIn(namespace, 'default-deny'),
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: ctx.metaIn(namespace, 'allow-dns'),
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ ...namespaceSelector('kube-system'), podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
            ports: [
              { protocol: 'UDP', port: 53 },
              { protocol: 'TCP', port: 53 },
            ],
          },
        ],
      },
    },
  ]);
}

export const networkPolicyFamily: GeneratorFamily = {
  name: 'network-policy',
  forComponent: (ctx) => {
    const np = componentNetworkPolicy(ctx);
    return np ? [np] : [];
  },
  forNamespace: namespacePolicies,
};
