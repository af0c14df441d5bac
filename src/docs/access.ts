// The "Access" section: who can do what in the Kubernetes API, as `shipshape access` evaluates the
// bindings (graph/access.ts): each subject with a grant, the workloads running as it, its grants,
// and what they allow that the RBAC checks flag (graph/rbac-capabilities.ts). Only when the input
// has RBAC objects.
import { accessOf, whereAllowed, type SubjectAccess } from '../graph/access.js';
import type { Graph } from '../graph/model.js';
import { CLUSTER_ADMIN, hasWildcard, RBAC_CAPABILITIES } from '../graph/rbac-capabilities.js';
import type { Block } from './document.js';
import { shortName } from './topology.js';

const RBAC_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

export const ACCESS_INTRO =
  "Who can do what in the Kubernetes API (`shipshape access`): every subject a RoleBinding or ClusterRoleBinding grants to, the workloads running as it, and its grants (a RoleBinding's only in its namespace; Kubernetes' default roles as shipped). *What matters* is what the RBAC checks flag: reading Secrets, creating pods or their controllers, exec into pods, escalation, nodes/proxy, `*` in a rule, cluster-admin.";

function scope(namespace: string | null): string {
  return namespace === null ? 'cluster-wide' : `namespace ${namespace}`;
}

/** The capabilities that matter, each with where it holds: "read Secrets (shop; only tls)". */
function whatMatters(access: SubjectAccess): string[] {
  const found = Object.values(RBAC_CAPABILITIES).flatMap((capability) => {
    const allowed = capability.requests.flatMap(({ request }) => whereAllowed(access, request));
    if (allowed.length === 0) return [];
    const scopes = [...new Set(allowed.map((a) => scope(a.namespace)))];
    // Name-limited only when every allowing rule is.
    const names = allowed.every((a) => a.resourceNames.length)
      ? [...new Set(allowed.flatMap((a) => a.resourceNames))]
      : [];
    return [`${capability.does} (${scopes.join(', ')}${names.length ? `; only ${names.join(', ')}` : ''})`];
  });
  const wildcard = [...new Set(access.grants.filter((g) => g.rules.some(hasWildcard)).map((g) => scope(g.namespace)))];
  if (wildcard.length) found.push(`"*" in a rule (${wildcard.join(', ')})`);
  const admin = [...new Set(access.grants.filter((g) => g.role === CLUSTER_ADMIN).map((g) => scope(g.namespace)))];
  if (admin.length) found.push(`cluster-admin (${admin.join(', ')})`);
  return found;
}

/** The Access table; undefined when the input has no RBAC objects. */
export function accessTable(graph: Graph, singleNamespace: boolean): Block | undefined {
  if (!graph.nodes.some((n) => RBAC_KINDS.has(n.kind))) return undefined;
  // "Role x", "ClusterRole edit": a Role and its RoleBinding often share a name.
  const label = (id: string): string => {
    const node = graph.byId.get(id);
    if (node) return `${node.kind} ${shortName(node, singleNamespace)}`;
    const [, nameOrPath, kind] = /^(.*)\[(\w+)\]$/.exec(id) ?? [id, id, ''];
    return kind ? `${kind} ${nameOrPath}` : id;
  };
  const rows = accessOf(graph)
    .filter((s) => s.grants.length > 0)
    .map((s) => [
      label(s.id),
      s.workloads.map(label).join(', ') || '—',
      s.grants
        .map(
          (g) =>
            `${label(g.role)} via ${label(g.binding)}, ${scope(g.namespace)}${g.roleKnown ? '' : ' (rules unknown)'}`,
        )
        .join('; '),
      whatMatters(s).join('; ') || '—',
    ]);
  return {
    kind: 'table',
    header: ['Subject', 'Workloads running as it', 'Granted (role via binding, where)', 'What matters'],
    rows,
  };
}
