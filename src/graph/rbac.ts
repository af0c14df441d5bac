// RBAC as the API server's authorizer reads it (https://kubernetes.io/docs/reference/access-authn-authz/rbac/
// and k8s.io/kubernetes/pkg/apis/rbac/v1/evaluation_helpers.go): which rules a subject holds, where,
// and through which binding. A RoleBinding grants its role only in its own namespace, also when the
// role is a ClusterRole; a ClusterRoleBinding grants cluster-wide. A ClusterRole with an
// aggregationRule holds the rules of every ClusterRole its selectors match. A ServiceAccount is also
// the user system:serviceaccount:<ns>:<name> and a member of the groups system:serviceaccounts,
// system:serviceaccounts:<ns> and system:authenticated.
import type { Graph, GraphNode } from './model.js';
import { isRecord, list, nodeId } from '../k8s/object.js';
import { matchesSelector, type LabelSelector } from '../k8s/selector.js';

export interface PolicyRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

/** A subject as bindings name it. */
export interface Subject {
  kind: 'ServiceAccount' | 'User' | 'Group';
  name: string;
  /** ServiceAccounts only. */
  namespace?: string;
}

/** One binding's grant to a subject: the role's rules, where they apply, and the evidence. */
export interface Grant {
  binding: GraphNode;
  /** Node id of the role the binding names (whether or not the input has it). */
  role: string;
  /** The namespace the rules apply in; undefined: cluster-wide. */
  namespace?: string;
  rules: PolicyRule[];
  /** False when the role is neither in the input nor one of Kubernetes' defaults shipped here. */
  roleKnown: boolean;
}

/** The request an authorizer decides: a verb on a resource (group, resource, subresource, name) or a URL. */
export interface Request {
  verb: string;
  apiGroup?: string;
  resource?: string;
  subresource?: string;
  name?: string;
  nonResourceURL?: string;
}

function strings(v: unknown): string[] {
  return list(v).filter((x): x is string => typeof x === 'string');
}

export function rulesOf(object: unknown): PolicyRule[] {
  const rules = isRecord(object) ? object.rules : undefined;
  return list(rules).flatMap((r) =>
    isRecord(r)
      ? [
          {
            verbs: strings(r.verbs),
            apiGroups: strings(r.apiGroups),
            resources: strings(r.resources),
            resourceNames: strings(r.resourceNames),
            nonResourceURLs: strings(r.nonResourceURLs),
          },
        ]
      : [],
  );
}

/**
 * Kubernetes' own cluster-admin (bootstrap policy, unchanged since RBAC v1): everything, resources
 * and non-resource URLs. The other defaults (admin, edit, view, system:*) are not shipped yet:
 * a binding to one of them counts as unknown, not as dangling.
 */
const DEFAULT_CLUSTER_ROLES: Record<string, PolicyRule[]> = {
  'cluster-admin': [
    { verbs: ['*'], apiGroups: ['*'], resources: ['*'], resourceNames: [], nonResourceURLs: [] },
    { verbs: ['*'], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: ['*'] },
  ],
};

/** Namespaced Roles the bootstrap policy creates (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/namespace_policy.go). */
const DEFAULT_ROLES: Record<string, string[]> = {
  'kube-system': [
    'extension-apiserver-authentication-reader',
    'system::leader-locking-kube-controller-manager',
    'system::leader-locking-kube-scheduler',
    'system:controller:bootstrap-signer',
    'system:controller:cloud-provider',
    'system:controller:token-cleaner',
  ],
  'kube-public': ['system:controller:bootstrap-signer'],
};

/** Whether every cluster has this role (bootstrap policy): a binding to one is not dangling. */
export function isDefaultRole(kind: string, name: string, namespace: string | undefined): boolean {
  if (kind === 'Role') return namespace !== undefined && (DEFAULT_ROLES[namespace] ?? []).includes(name);
  return name in DEFAULT_CLUSTER_ROLES || ['admin', 'edit', 'view'].includes(name) || name.startsWith('system:');
}

/** The rules of a ClusterRole, its aggregated parts' included (the aggregation controller replaces its own). */
export function clusterRoleRules(graph: Graph, role: GraphNode): PolicyRule[] {
  const aggregation = isRecord(role.object.aggregationRule) ? role.object.aggregationRule : undefined;
  if (!aggregation) return rulesOf(role.object);
  return aggregatedParts(graph, role).flatMap((part) => rulesOf(part.object));
}

/** The ClusterRoles an aggregated ClusterRole's clusterRoleSelectors match (itself excluded). */
export function aggregatedParts(graph: Graph, role: GraphNode): GraphNode[] {
  const aggregation = isRecord(role.object.aggregationRule) ? role.object.aggregationRule : undefined;
  const selectors = list(aggregation?.clusterRoleSelectors).filter(isRecord) as LabelSelector[];
  return graph.nodes.filter(
    (n) =>
      n.kind === 'ClusterRole' &&
      n !== role &&
      selectors.some((s) => matchesSelector(s, n.object.metadata?.labels ?? {})),
  );
}

export function subjectsOf(binding: GraphNode): Subject[] {
  return list(binding.object.subjects).flatMap((s): Subject[] => {
    if (!isRecord(s) || typeof s.name !== 'string') return [];
    if (s.kind === 'ServiceAccount')
      // The namespace is required for ServiceAccount subjects; older tools defaulted it to the binding's.
      return [
        {
          kind: 'ServiceAccount',
          name: s.name,
          namespace: typeof s.namespace === 'string' ? s.namespace : binding.namespace,
        },
      ];
    return s.kind === 'User' || s.kind === 'Group' ? [{ kind: s.kind, name: s.name }] : [];
  });
}

/** The role a binding names, as a node id; undefined when roleRef is malformed. */
export function roleRefId(binding: GraphNode): { id: string; kind: string; name: string } | undefined {
  const ref = binding.object.roleRef;
  if (!isRecord(ref) || typeof ref.name !== 'string' || (ref.kind !== 'Role' && ref.kind !== 'ClusterRole'))
    return undefined;
  // A RoleBinding's Role is in its own namespace; ClusterRoles are cluster-scoped.
  return {
    id: nodeId(ref.kind, ref.name, ref.kind === 'Role' ? binding.namespace : undefined),
    kind: ref.kind,
    name: ref.name,
  };
}

/** Whether a binding subject names this ServiceAccount, directly or through its user name or groups. */
export function subjectCovers(subject: Subject, sa: { namespace: string; name: string }): boolean {
  switch (subject.kind) {
    case 'ServiceAccount':
      return subject.name === sa.name && subject.namespace === sa.namespace;
    case 'User':
      return subject.name === `system:serviceaccount:${sa.namespace}:${sa.name}`;
    case 'Group':
      return ['system:serviceaccounts', `system:serviceaccounts:${sa.namespace}`, 'system:authenticated'].includes(
        subject.name,
      );
  }
}

const grantsIndex = new WeakMap<Graph, Array<{ subject: Subject; grant: Grant }>>();

/** Every grant of every binding in the graph, per subject it names (computed once per graph). */
export function grantsOf(graph: Graph): Array<{ subject: Subject; grant: Grant }> {
  const cached = grantsIndex.get(graph);
  if (cached) return cached;
  const out: Array<{ subject: Subject; grant: Grant }> = [];
  grantsIndex.set(graph, out);
  for (const binding of graph.nodes) {
    if (binding.kind !== 'RoleBinding' && binding.kind !== 'ClusterRoleBinding') continue;
    const ref = roleRefId(binding);
    if (!ref) continue;
    const node = graph.byId.get(ref.id);
    const rules = node
      ? ref.kind === 'ClusterRole'
        ? clusterRoleRules(graph, node)
        : rulesOf(node.object)
      : ref.kind === 'ClusterRole'
        ? (DEFAULT_CLUSTER_ROLES[ref.name] ?? [])
        : [];
    const grant: Grant = {
      binding,
      role: ref.id,
      ...(binding.kind === 'RoleBinding' ? { namespace: binding.namespace } : {}),
      rules,
      roleKnown: node !== undefined || (ref.kind === 'ClusterRole' && ref.name in DEFAULT_CLUSTER_ROLES),
    };
    for (const subject of subjectsOf(binding)) out.push({ subject, grant });
  }
  return out;
}

/** The grants that reach a ServiceAccount, by any of its names. */
export function serviceAccountGrants(graph: Graph, sa: { namespace: string; name: string }): Grant[] {
  return grantsOf(graph)
    .filter(({ subject }) => subjectCovers(subject, sa))
    .map(({ grant }) => grant);
}

const has = (values: string[], value: string) => values.includes('*') || values.includes(value);

/**
 * RuleAllows of the Kubernetes authorizer, for one rule (plugin/pkg/auth/authorizer/rbac/rbac.go
 * and VerbMatches, APIGroupMatches, ResourceMatches, ResourceNameMatches, NonResourceURLMatches of
 * pkg/apis/rbac/v1/evaluation_helpers.go).
 */
export function ruleAllows(rule: PolicyRule, request: Request): boolean {
  if (!has(rule.verbs, request.verb)) return false;
  if (request.nonResourceURL !== undefined) {
    const path = request.nonResourceURL;
    // A trailing run of "*" is a prefix match (strings.TrimRight, so "/logs**" is "/logs").
    return rule.nonResourceURLs.some(
      (url) => url === '*' || url === path || (url.endsWith('*') && path.startsWith(url.replace(/\*+$/, ''))),
    );
  }
  if (request.resource === undefined || !has(rule.apiGroups, request.apiGroup ?? '')) return false;
  const combined = request.subresource ? `${request.resource}/${request.subresource}` : request.resource;
  const resourceMatches = rule.resources.some(
    (r) => r === '*' || r === combined || (request.subresource !== undefined && r === `*/${request.subresource}`),
  );
  if (!resourceMatches) return false;
  // A request without a name has the name "" to the authorizer, which a resourceNames entry "" matches.
  return rule.resourceNames.length === 0 || rule.resourceNames.includes(request.name ?? '');
}

/**
 * The rules of `grants` allowing `request` in `namespace` (undefined: cluster-wide), and whether
 * any of them holds only for some names (resourceNames) — a request without a name then needs a
 * rule without resourceNames; `anyName` asks whether some name is allowed.
 */
export function allowingRules(
  grants: Grant[],
  request: Request,
  anyName = true,
): Array<{ grant: Grant; rule: PolicyRule }> {
  const out: Array<{ grant: Grant; rule: PolicyRule }> = [];
  for (const grant of grants)
    for (const rule of grant.rules) {
      const named = anyName && rule.resourceNames.length > 0 ? { ...request, name: rule.resourceNames[0] } : request;
      if (ruleAllows(rule, named)) out.push({ grant, rule });
    }
  return out;
}
