// Who can do what in the Kubernetes API (`shipshape access`): every subject the bindings name and
// every ServiceAccount a workload runs as, with the grants that reach it (graph/rbac.ts: exact
// rule semantics, RoleBinding scope, aggregation, a ServiceAccount's user name and groups, a
// user's membership of system:authenticated), the workloads running as it, and which subjects a
// request (`--can VERB RESOURCE`) is allowed for, and where.
import type { Graph } from './model.js';
import {
  grantsOf,
  ruleAllows,
  subjectCovers,
  type Grant,
  type PolicyRule,
  type Request,
  type Subject,
} from './rbac.js';
import { workloadsOf } from './workloads.js';

export interface SubjectAccess {
  /** `ns/name[ServiceAccount]`, `name[User]`, `name[Group]`. */
  id: string;
  subject: Subject;
  /** Workloads whose pods run as this ServiceAccount. */
  workloads: string[];
  grants: Array<{
    binding: string;
    role: string;
    /** The namespace the rules apply in; null: cluster-wide. */
    namespace: string | null;
    roleKnown: boolean;
    /** The role is Kubernetes' default (shipped data), which the input does not define. */
    roleDefault: boolean;
    rules: PolicyRule[];
  }>;
}

export function subjectId(s: Subject): string {
  return s.kind === 'ServiceAccount' ? `${s.namespace}/${s.name}[ServiceAccount]` : `${s.name}[${s.kind}]`;
}

/** Whether a binding naming `named` grants to `holder`. */
function reaches(named: Subject, holder: Subject): boolean {
  if (holder.kind === 'ServiceAccount')
    return subjectCovers(named, { namespace: holder.namespace!, name: holder.name });
  if (named.kind === holder.kind && named.name === holder.name) return true;
  // Every authenticated user is in system:authenticated.
  return holder.kind === 'User' && named.kind === 'Group' && named.name === 'system:authenticated';
}

export function accessOf(graph: Graph): SubjectAccess[] {
  const all = grantsOf(graph);
  const subjects = new Map<string, Subject>();
  for (const { subject } of all) subjects.set(subjectId(subject), subject);
  const runners = new Map<string, string[]>();
  for (const w of workloadsOf(graph)) {
    const { serviceAccountName, serviceAccount } = w.template.spec;
    const sa: Subject = {
      kind: 'ServiceAccount',
      namespace: w.namespace,
      name: serviceAccountName ?? serviceAccount ?? 'default',
    };
    const id = subjectId(sa);
    subjects.set(id, sa);
    runners.set(id, [...(runners.get(id) ?? []), w.id]);
  }
  return [...subjects]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, subject]) => ({
      id,
      subject,
      workloads: runners.get(id) ?? [],
      grants: all
        .filter(({ subject: named }) => reaches(named, subject))
        .map(({ grant }) => toJson(grant))
        .filter((g, i, list) => list.findIndex((x) => x.binding === g.binding && x.role === g.role) === i),
    }));
}

function toJson(grant: Grant): SubjectAccess['grants'][number] {
  return {
    binding: grant.binding.id,
    role: grant.role,
    namespace: grant.namespace ?? null,
    roleKnown: grant.roleKnown,
    roleDefault: grant.roleDefault,
    rules: grant.rules,
  };
}

/**
 * A request as `--can VERB RESOURCE` takes it, the resource as `kubectl auth can-i` names it:
 * `pods`, `pods/exec`, `deployments.apps`, `deployments.apps/scale`, or a non-resource URL
 * starting with `/`. A rule limited by resourceNames counts as allowing it for those names.
 */
export function parseCanRequest(verb: string, resource: string): Request {
  if (resource.startsWith('/')) return { verb, nonResourceURL: resource };
  const [kindPart, subresource] = resource.split('/', 2);
  const dot = kindPart.indexOf('.');
  const plural = dot < 0 ? kindPart : kindPart.slice(0, dot);
  const apiGroup = dot < 0 ? '' : kindPart.slice(dot + 1);
  return { verb, apiGroup, resource: plural, ...(subresource ? { subresource } : {}) };
}

/** Where a subject may make `request`: namespaces and/or cluster-wide, with the grant that allows it. */
export function whereAllowed(
  access: SubjectAccess,
  request: Request,
): Array<{ namespace: string | null; binding: string; role: string; resourceNames: string[] }> {
  return access.grants.flatMap((g) =>
    g.rules
      .filter((rule) =>
        ruleAllows(rule, rule.resourceNames.length ? { ...request, name: rule.resourceNames[0] } : request),
      )
      .map((rule) => ({ namespace: g.namespace, binding: g.binding, role: g.role, resourceNames: rule.resourceNames })),
  );
}
