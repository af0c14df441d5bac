// RBAC edges: a RoleBinding or ClusterRoleBinding `binds` its role (evidence roleRef) and its
// subjects (subjects[i]): ServiceAccounts as nodes, users and groups as `name[User]` and
// `name[Group]`, which are identities and never objects; an aggregated ClusterRole `aggregates`
// the ClusterRoles its clusterRoleSelectors match. Workload → ServiceAccount is a `uses` edge.
import type { Graph } from './model.js';
import type { BuildContext } from './context.js';
import { nodeId } from '../k8s/object.js';
import { aggregatedParts, roleRefId, subjectsOf } from './rbac.js';

export function addRbacEdges(ctx: BuildContext): void {
  const graph: Graph = { nodes: ctx.nodes, edges: [], messages: [], byId: ctx.byId };
  for (const node of ctx.nodes) {
    if (node.kind === 'RoleBinding' || node.kind === 'ClusterRoleBinding') {
      const ref = roleRefId(node);
      if (ref) ctx.add({ type: 'binds', from: node.id, to: ref.id, evidence: 'roleRef' });
      subjectsOf(node).forEach((s, i) =>
        ctx.add({
          type: 'binds',
          from: node.id,
          to: s.kind === 'ServiceAccount' ? nodeId('ServiceAccount', s.name, s.namespace) : `${s.name}[${s.kind}]`,
          evidence: `subjects[${i}]`,
        }),
      );
    }
    if (node.kind === 'ClusterRole')
      for (const part of aggregatedParts(graph, node))
        ctx.add({ type: 'aggregates', from: node.id, to: part.id, evidence: 'aggregationRule.clusterRoleSelectors' });
  }
}
