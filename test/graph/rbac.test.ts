// RBAC as the authorizer evaluates it (graph/rbac.ts) and the RBAC edges of the graph.
import { describe, expect, it } from 'vitest';
import { ruleAllows, serviceAccountGrants, subjectCovers, type PolicyRule } from '../../src/graph/rbac.js';
import { graphOf } from '../checks/fixtures.js';

const rule = (r: Partial<PolicyRule>): PolicyRule => ({
  verbs: [],
  apiGroups: [],
  resources: [],
  resourceNames: [],
  nonResourceURLs: [],
  ...r,
});

describe('ruleAllows', () => {
  it('"*" matches any verb, group and resource; a subresource needs its own entry or */sub', () => {
    const all = rule({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] });
    expect(ruleAllows(all, { verb: 'delete', apiGroup: 'apps', resource: 'deployments' })).toBe(true);
    expect(ruleAllows(all, { verb: 'create', apiGroup: '', resource: 'pods', subresource: 'exec' })).toBe(true);
    const pods = rule({ verbs: ['create'], apiGroups: [''], resources: ['pods'] });
    expect(ruleAllows(pods, { verb: 'create', apiGroup: '', resource: 'pods', subresource: 'exec' })).toBe(false);
    const anyExec = rule({ verbs: ['create'], apiGroups: [''], resources: ['*/exec'] });
    expect(ruleAllows(anyExec, { verb: 'create', apiGroup: '', resource: 'pods', subresource: 'exec' })).toBe(true);
    expect(ruleAllows(anyExec, { verb: 'create', apiGroup: 'apps', resource: 'pods', subresource: 'exec' })).toBe(
      false,
    );
  });

  it('resourceNames restrict to those names: a request without a name (list) does not match', () => {
    const one = rule({ verbs: ['get', 'list'], apiGroups: [''], resources: ['secrets'], resourceNames: ['tls'] });
    expect(ruleAllows(one, { verb: 'get', apiGroup: '', resource: 'secrets', name: 'tls' })).toBe(true);
    expect(ruleAllows(one, { verb: 'get', apiGroup: '', resource: 'secrets', name: 'db' })).toBe(false);
    expect(ruleAllows(one, { verb: 'list', apiGroup: '', resource: 'secrets' })).toBe(false);
  });

  it('nonResourceURLs match exactly, by "*", or by a prefix ending in *', () => {
    const metrics = rule({ verbs: ['get'], nonResourceURLs: ['/metrics', '/healthz/*'] });
    expect(ruleAllows(metrics, { verb: 'get', nonResourceURL: '/metrics' })).toBe(true);
    expect(ruleAllows(metrics, { verb: 'get', nonResourceURL: '/healthz/ping' })).toBe(true);
    expect(ruleAllows(metrics, { verb: 'get', nonResourceURL: '/api' })).toBe(false);
    expect(ruleAllows(metrics, { verb: 'get', apiGroup: '', resource: 'metrics' })).toBe(false);
  });
});

describe('subjects', () => {
  it('a ServiceAccount is its user name and the groups system:serviceaccounts[:ns] and system:authenticated', () => {
    const sa = { namespace: 'shop', name: 'web' };
    expect(subjectCovers({ kind: 'User', name: 'system:serviceaccount:shop:web' }, sa)).toBe(true);
    expect(subjectCovers({ kind: 'Group', name: 'system:serviceaccounts' }, sa)).toBe(true);
    expect(subjectCovers({ kind: 'Group', name: 'system:serviceaccounts:shop' }, sa)).toBe(true);
    expect(subjectCovers({ kind: 'Group', name: 'system:serviceaccounts:other' }, sa)).toBe(false);
    expect(subjectCovers({ kind: 'Group', name: 'system:authenticated' }, sa)).toBe(true);
    expect(subjectCovers({ kind: 'ServiceAccount', name: 'web', namespace: 'other' }, sa)).toBe(false);
  });
});

const RBAC = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: monitoring}
aggregationRule: {clusterRoleSelectors: [{matchLabels: {agg: monitoring}}]}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: pod-reader, labels: {agg: monitoring}}
rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: read, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: monitoring}
subjects:
- {kind: ServiceAccount, name: web, namespace: shop}
- {kind: User, name: alice}
- {kind: Group, name: ops}
`;

describe('grants and edges', () => {
  it('a RoleBinding to an aggregated ClusterRole grants its parts, only in its namespace', async () => {
    const graph = await graphOf(RBAC);
    const grants = serviceAccountGrants(graph, { namespace: 'shop', name: 'web' });
    expect(grants.map((g) => ({ role: g.role, namespace: g.namespace, rules: g.rules.length }))).toEqual([
      { role: 'monitoring[ClusterRole]', namespace: 'shop', rules: 1 },
    ]);
  });

  it('binds edges to the role and every subject, aggregates edges to the parts; users and groups are not dangling', async () => {
    const graph = await graphOf(RBAC);
    const rbacEdges = graph.edges
      .filter((e) => e.type === 'binds' || e.type === 'aggregates')
      .map((e) => `${e.type} ${e.from} -> ${e.to} ${e.evidence}${e.missing ? ' missing' : ''}`);
    expect(rbacEdges).toEqual([
      'aggregates monitoring[ClusterRole] -> pod-reader[ClusterRole] aggregationRule.clusterRoleSelectors',
      'binds shop/read[RoleBinding] -> monitoring[ClusterRole] roleRef',
      'binds shop/read[RoleBinding] -> shop/web[ServiceAccount] subjects[0] missing',
      'binds shop/read[RoleBinding] -> alice[User] subjects[1]',
      'binds shop/read[RoleBinding] -> ops[Group] subjects[2]',
    ]);
  });
});
