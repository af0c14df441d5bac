// RBAC for a component's ServiceAccount (spec `rbac`, spec/rbac.ts): its namespaced rules as a Role
// and a RoleBinding named after the ServiceAccount, in its namespace; its `clusterWide` rules as a
// ClusterRole and ClusterRoleBinding named `<namespace>-<serviceaccount>` (cluster-scoped names are
// unique in the whole cluster, and a ServiceAccount name only in its namespace). Made by the
// component that makes the ServiceAccount, so a shared one gets its objects once.
import type { KubeObject } from '../../k8s/object.js';
import type { RbacRule } from '../../spec/rbac.js';
import type { ComponentContext } from '../context.js';
import type { GeneratorFamily } from '../family.js';
import { makesServiceAccount, serviceAccountName } from './service-account.js';

const RBAC_API = 'rbac.authorization.k8s.io';

/** A policy rule as the API writes it; resourceNames only when given. */
function policyRule(rule: RbacRule): Record<string, string[]> {
  return {
    apiGroups: rule.apiGroups,
    resources: rule.resources,
    ...(rule.resourceNames ? { resourceNames: rule.resourceNames } : {}),
    verbs: rule.verbs,
  };
}

function rolePair(
  ctx: ComponentContext,
  kind: 'Role' | 'ClusterRole',
  name: string,
  rules: RbacRule[],
  serviceAccount: string,
): KubeObject[] {
  // Cluster-scoped objects carry no namespace.
  const { namespace: _namespace, ...clusterMeta } = ctx.meta(name);
  const metadata = kind === 'Role' ? ctx.meta(name) : clusterMeta;
  return [
    { apiVersion: `${RBAC_API}/v1`, kind, metadata, rules: rules.map(policyRule) },
    {
      apiVersion: `${RBAC_API}/v1`,
      kind: kind === 'Role' ? 'RoleBinding' : 'ClusterRoleBinding',
      metadata: { ...metadata },
      roleRef: { apiGroup: RBAC_API, kind, name },
      subjects: [{ kind: 'ServiceAccount', name: serviceAccount, namespace: ctx.namespace }],
    },
  ];
}

export const rbacFamily: GeneratorFamily = {
  name: 'rbac',
  forComponent: (ctx) => {
    const rules = ctx.component.rbac;
    if (!rules || !makesServiceAccount(ctx)) return [];
    const sa = serviceAccountName(ctx);
    const namespaced = rules.filter((r) => !r.clusterWide);
    const clusterWide = rules.filter((r) => r.clusterWide);
    return [
      ...(namespaced.length ? rolePair(ctx, 'Role', sa, namespaced, sa) : []),
      ...(clusterWide.length ? rolePair(ctx, 'ClusterRole', `${ctx.namespace}-${sa}`, clusterWide, sa) : []),
    ];
  },
};
