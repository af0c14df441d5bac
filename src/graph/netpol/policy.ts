// A NetworkPolicy (networking.k8s.io/v1) read into the exact semantics of
// https://kubernetes.io/docs/concepts/services-networking/network-policies/ and the API's field docs:
// - policyTypes default (API server defaulting): Ingress always, plus Egress when `egress` has at
//   least one rule. An explicit policyTypes list is taken as written.
// - A rule without `from`/`to` (or with an empty list) matches every peer, in and out of the cluster;
//   a rule without `ports` (or an empty list) matches every port of every protocol.
// - A peer with only podSelector means pods of the policy's own namespace; with only
//   namespaceSelector, every pod of the matching namespaces; with both, the matching pods of the
//   matching namespaces. An empty selector ({}) matches all; ipBlock stands alone.
// - NetworkPolicyPort: protocol defaults to TCP; `port` is a number or a named container port;
//   `endPort` (only with a numeric port) makes it the range port..endPort.
// What the API server would reject is reported as a problem and the policy is left out, since it
// could never exist in a cluster.
import { isRecord } from '../../k8s/object.js';
import type { GraphNode } from '../model.js';
import type { LabelSelector } from '../../k8s/selector.js';
import { PROTOCOLS, MIN_PORT, MAX_PORT, type Protocol } from './ports.js';
import { parseCidr, contains, type Ipv4Range } from './ipv4.js';

export interface PortSpec {
  protocol: Protocol;
  /** A numeric port (with `endPort`, the first of a range); absent with `name` absent: every port. */
  port?: number;
  endPort?: number;
  /** A named container port, resolved against the destination pod. */
  name?: string;
}

export type Peer =
  | { kind: 'ipBlock'; cidr: Ipv4Range | 'ipv6'; except: Array<Ipv4Range | 'ipv6'> }
  /** `namespaceSelector` undefined: the policy's own namespace only. */
  | { kind: 'pods'; namespaceSelector?: LabelSelector; podSelector: LabelSelector; key: string };

export interface Rule {
  /** 'any': every source/destination, including outside the cluster. */
  peers: Peer[] | 'any';
  /** 'all': every port of every protocol. */
  ports: PortSpec[] | 'all';
  /** e.g. `spec.ingress[0]` */
  path: string;
  /** Unique across all rules of one computation (for caching port resolution). */
  index: number;
}

export interface Policy {
  id: string;
  namespace: string;
  name: string;
  node: GraphNode;
  /** An absent podSelector is the empty selector (the API stores `podSelector: {}`): every pod. */
  podSelector: LabelSelector;
  /** Present exactly when the policy applies to ingress (after defaulting). */
  ingress?: Rule[];
  /** Present exactly when the policy applies to egress (after defaulting). */
  egress?: Rule[];
}

export interface PolicyProblem {
  object: string;
  path: string;
  message: string;
}

const SVC_NAME = /^(?=.*[a-z])(?!-)(?!.*--)[a-z0-9-]{1,15}(?<!-)$/;
const OPERATORS = new Set<string>(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** Reads one NetworkPolicy node; returns the policy, or undefined with problems recorded. */
export function readPolicy(
  node: GraphNode,
  nextRuleIndex: () => number,
  problems: PolicyProblem[],
): Policy | undefined {
  const namespace = node.namespace ?? 'default';
  const before = problems.length;
  const problem = (path: string, message: string) => problems.push({ object: node.id, path, message });
  const spec = node.object.spec;
  if (!isRecord(spec)) {
    problem('spec', 'expected an object with podSelector');
    return undefined;
  }
  const podSelector = readSelector(spec.podSelector ?? {}, 'spec.podSelector', problem) ?? {};

  let types: string[];
  if (spec.policyTypes == null || (Array.isArray(spec.policyTypes) && spec.policyTypes.length === 0)) {
    types = ['Ingress'];
    if (Array.isArray(spec.egress) && spec.egress.length > 0) types.push('Egress');
  } else if (Array.isArray(spec.policyTypes)) {
    types = spec.policyTypes as string[];
    types.forEach((t: unknown, i) => {
      if (t !== 'Ingress' && t !== 'Egress')
        problem(`spec.policyTypes[${i}]`, `expected "Ingress" or "Egress", got ${JSON.stringify(t)}`);
    });
  } else {
    problem('spec.policyTypes', 'expected a list of "Ingress" and/or "Egress"');
    types = [];
  }

  const readRules = (field: 'ingress' | 'egress', peerField: 'from' | 'to'): Rule[] => {
    const list = spec[field];
    if (list == null) return [];
    if (!Array.isArray(list)) {
      problem(`spec.${field}`, 'expected a list of rules');
      return [];
    }
    return list.flatMap((raw, i) => {
      const path = `spec.${field}[${i}]`;
      if (raw == null) raw = {};
      if (!isRecord(raw)) {
        problem(path, 'expected a rule object');
        return [];
      }
      return [
        {
          peers: readPeers(raw[peerField], `${path}.${peerField}`, problem),
          ports: readPorts(raw.ports, `${path}.ports`, problem),
          path,
          index: nextRuleIndex(),
        },
      ];
    });
  };
  // Rules are read (and validated) even for a direction the policy does not apply to: the API
  // server validates them all, but only the listed policyTypes take effect.
  const ingress = readRules('ingress', 'from');
  const egress = readRules('egress', 'to');
  if (problems.length > before) return undefined;
  return {
    id: node.id,
    namespace,
    name: node.name,
    node,
    podSelector,
    ingress: types.includes('Ingress') ? ingress : undefined,
    egress: types.includes('Egress') ? egress : undefined,
  };
}

function readSelector(raw: unknown, path: string, problem: (p: string, m: string) => void): LabelSelector | undefined {
  if (!isRecord(raw)) {
    problem(path, 'expected a label selector (matchLabels / matchExpressions)');
    return undefined;
  }
  if (raw.matchLabels != null && !isRecord(raw.matchLabels))
    problem(`${path}.matchLabels`, 'expected a map of label values');
  const exprs = raw.matchExpressions;
  if (exprs != null && !Array.isArray(exprs)) problem(`${path}.matchExpressions`, 'expected a list');
  (Array.isArray(exprs) ? (exprs as unknown[]) : []).forEach((e, i) => {
    const p = `${path}.matchExpressions[${i}]`;
    if (!isRecord(e) || typeof e.key !== 'string') return problem(p, 'expected {key, operator, values?}');
    if (typeof e.operator !== 'string' || !OPERATORS.has(e.operator))
      return problem(`${p}.operator`, `expected In, NotIn, Exists or DoesNotExist, got ${JSON.stringify(e.operator)}`);
    const n = Array.isArray(e.values) ? e.values.length : 0;
    if ((e.operator === 'In' || e.operator === 'NotIn') && n === 0)
      problem(`${p}.values`, `${e.operator} needs at least one value`);
    if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && n > 0)
      problem(`${p}.values`, `${e.operator} takes no values`);
  });
  return raw;
}

function readPeers(raw: unknown, path: string, problem: (p: string, m: string) => void): Peer[] | 'any' {
  if (raw == null || (Array.isArray(raw) && raw.length === 0)) return 'any';
  if (!Array.isArray(raw)) {
    problem(path, 'expected a list of peers');
    return [];
  }
  return raw.flatMap((peer: unknown, i: number): Peer[] => {
    const p = `${path}[${i}]`;
    if (!isRecord(peer)) {
      problem(p, 'expected a peer with podSelector, namespaceSelector or ipBlock');
      return [];
    }
    const hasPod = peer.podSelector != null;
    const hasNs = peer.namespaceSelector != null;
    if (peer.ipBlock != null) {
      if (hasPod || hasNs) problem(p, 'ipBlock cannot be combined with podSelector or namespaceSelector');
      const block = readIpBlock(peer.ipBlock, `${p}.ipBlock`, problem);
      return block ? [block] : [];
    }
    if (!hasPod && !hasNs) {
      problem(p, 'expected at least one of podSelector, namespaceSelector or ipBlock');
      return [];
    }
    const podSelector = hasPod ? readSelector(peer.podSelector, `${p}.podSelector`, problem) : {};
    const namespaceSelector = hasNs
      ? readSelector(peer.namespaceSelector, `${p}.namespaceSelector`, problem)
      : undefined;
    if (!podSelector || (hasNs && !namespaceSelector)) return [];
    return [
      {
        kind: 'pods',
        podSelector,
        namespaceSelector,
        key: JSON.stringify([peer.podSelector ?? null, peer.namespaceSelector ?? null]),
      },
    ];
  });
}

function readIpBlock(raw: unknown, path: string, problem: (p: string, m: string) => void): Peer | undefined {
  if (!isRecord(raw) || typeof raw.cidr !== 'string') {
    problem(path, 'expected {cidr, except?}');
    return undefined;
  }
  const cidrText = raw.cidr;
  const cidr = parseCidr(cidrText);
  if (!cidr) {
    problem(`${path}.cidr`, `expected a CIDR such as 10.0.0.0/16, got ${JSON.stringify(raw.cidr)}`);
    return undefined;
  }
  const except: Array<Ipv4Range | 'ipv6'> = [];
  if (raw.except != null && !Array.isArray(raw.except)) problem(`${path}.except`, 'expected a list of CIDRs');
  (Array.isArray(raw.except) ? raw.except : []).forEach((e: unknown, i: number) => {
    const ex = typeof e === 'string' ? parseCidr(e) : undefined;
    if (!ex) return problem(`${path}.except[${i}]`, `expected a CIDR, got ${JSON.stringify(e)}`);
    const inside =
      cidr === 'ipv6'
        ? ex === 'ipv6'
        : ex !== 'ipv6' && contains(cidr, ex) && !(ex.start === cidr.start && ex.end === cidr.end);
    // The API server rejects except entries outside the cidr; for IPv6 shipshape does not check containment.
    if (!inside) return problem(`${path}.except[${i}]`, `${e as string} must lie strictly inside cidr ${cidrText}`);
    except.push(ex);
  });
  return { kind: 'ipBlock', cidr, except };
}

function readPorts(raw: unknown, path: string, problem: (p: string, m: string) => void): PortSpec[] | 'all' {
  if (raw == null || (Array.isArray(raw) && raw.length === 0)) return 'all';
  if (!Array.isArray(raw)) {
    problem(path, 'expected a list of {protocol?, port?, endPort?}');
    return [];
  }
  return raw.flatMap((p: unknown, i: number): PortSpec[] => {
    const at = `${path}[${i}]`;
    if (!isRecord(p)) {
      problem(at, 'expected {protocol?, port?, endPort?}');
      return [];
    }
    const protocol = (p.protocol ?? 'TCP') as Protocol;
    if (!PROTOCOLS.includes(protocol)) {
      problem(`${at}.protocol`, `expected TCP, UDP or SCTP, got ${JSON.stringify(p.protocol)}`);
      return [];
    }
    if (p.port == null) {
      if (p.endPort != null) problem(`${at}.endPort`, 'endPort needs a numeric port');
      return [{ protocol }];
    }
    if (typeof p.port === 'string') {
      if (!SVC_NAME.test(p.port)) {
        problem(
          `${at}.port`,
          `expected a port number or a port name (IANA_SVC_NAME: 1-15 lowercase letters, digits, '-'), got ${JSON.stringify(p.port)}`,
        );
        return [];
      }
      if (p.endPort != null) problem(`${at}.endPort`, 'endPort cannot be used with a named port');
      return [{ protocol, name: p.port }];
    }
    if (!validPort(p.port)) {
      problem(`${at}.port`, `expected a port number 1-65535, got ${JSON.stringify(p.port)}`);
      return [];
    }
    if (p.endPort == null) return [{ protocol, port: p.port }];
    if (!validPort(p.endPort) || p.endPort < p.port) {
      problem(`${at}.endPort`, `expected a port number from ${p.port} to 65535, got ${JSON.stringify(p.endPort)}`);
      return [];
    }
    return [{ protocol, port: p.port, endPort: p.endPort }];
  });
}

function validPort(v: unknown): v is number {
  return Number.isInteger(v) && (v as number) >= MIN_PORT && (v as number) <= MAX_PORT;
}
