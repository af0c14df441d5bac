// RBAC as the API server's authorizer reads it (https://kubernetes.io/docs/reference/access-authn-authz/rbac/
// and k8s.io/kubernetes/pkg/apis/rbac/v1/evaluation_helpers.go): which rules a subject holds, where,
// and through which binding. A RoleBinding grants its role only in its own namespace, also when the
// role is a ClusterRole; a ClusterRoleBinding grants cluster-wide. A ClusterRole with an
// aggregationRule holds the rules of every ClusterRole its selectors match. A ServiceAccount is also
// the user system:serviceaccount:<ns>:<name> and a member of the groups system:serviceaccounts,
// system:serviceaccounts:<ns> and system:authenticated.
import type { Graph, GraphNode } from './model.js';
import { isRecord, list, nodeId, type KubeObject } from '../k8s/object.js';
import { DEFAULT_CLUSTER_ROLES } from './default-cluster-roles.js';
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
  /** False when the role is neither in the input nor one of Kubernetes' defaults shipped here (default-cluster-roles.ts). */
  roleKnown: boolean;
  /** True when the rules are Kubernetes' default role's, shipped here, because the input does not define it. */
  roleDefault: boolean;
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

const SHIPPED_CLUSTER_ROLES = new Set(DEFAULT_CLUSTER_ROLES.map((r) => r.metadata.name));

/** Whether every cluster has this role (bootstrap policy): a binding to one is not dangling. */
export function isDefaultRole(kind: string, name: string, namespace: string | undefined): boolean {
  if (kind === 'Role') return namespace !== undefined && (DEFAULT_ROLES[namespace] ?? []).includes(name);
  return SHIPPED_CLUSTER_ROLES.has(name) || name.startsWith('system:');
}

/** Whether an aggregated ClusterRole's clusterRoleSelectors match another ClusterRole. */
function aggregates(role: KubeObject, part: KubeObject): boolean {
  const aggregation = isRecord(role.aggregationRule) ? role.aggregationRule : undefined;
  const selectors = list(aggregation?.clusterRoleSelectors).filter(isRecord) as LabelSelector[];
  return part !== role && selectors.some((s) => matchesSelector(s, part.metadata?.labels ?? {}));
}

/** The ClusterRoles of the input an aggregated ClusterRole's clusterRoleSelectors match (itself excluded). */
export function aggregatedParts(graph: Graph, role: GraphNode): GraphNode[] {
  return graph.nodes.filter((n) => n.kind === 'ClusterRole' && aggregates(role.object, n.object));
}

const clusterRolesIndex = new WeakMap<Graph, Map<string, KubeObject>>();

/**
 * The ClusterRoles a cluster running this input has, by name: the input's, and Kubernetes' shipped
 * defaults (default-cluster-roles.ts) the input does not define.
 */
function clusterRolesOf(graph: Graph): Map<string, KubeObject> {
  let roles = clusterRolesIndex.get(graph);
  if (roles) return roles;
  roles = new Map(DEFAULT_CLUSTER_ROLES.map((r) => [r.metadata.name ?? '', r]));
  for (const n of graph.nodes) if (n.kind === 'ClusterRole') roles.set(n.name, n.object);
  clusterRolesIndex.set(graph, roles);
  return roles;
}

/**
 * The rules of a ClusterRole. An aggregated one holds the rules of every ClusterRole its selectors
 * match, aggregated ones among them in turn (the aggregation controller rewrites each until nothing
 * changes: admin holds edit, which holds view); its own `rules` are what the controller overwrites.
 */
function clusterRoleRules(
  roles: Map<string, KubeObject>,
  role: KubeObject,
  seen = new Set<KubeObject>(),
): PolicyRule[] {
  if (seen.has(role)) return [];
  seen.add(role);
  if (!isRecord(role.aggregationRule)) return rulesOf(role);
  return [...roles.values()]
    .filter((part) => aggregates(role, part))
    .flatMap((part) => clusterRoleRules(roles, part, seen));
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
    const role = ref.kind === 'ClusterRole' ? clusterRolesOf(graph).get(ref.name) : graph.byId.get(ref.id)?.object;
    const rules = !role
      ? []
      : ref.kind === 'ClusterRole'
        ? clusterRoleRules(clusterRolesOf(graph), role)
        : rulesOf(role);
    const grant: Grant = {
      binding,
      role: ref.id,
      ...(binding.kind === 'RoleBinding' ? { namespace: binding.namespace } : {}),
      rules,
      roleKnown: role !== undefined,
      roleDefault: role !== undefined && DEFAULT_CLUSTER_ROLES.includes(role),
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
