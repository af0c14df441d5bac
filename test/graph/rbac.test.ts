// RBAC as the authorizer evaluates it (graph/rbac.ts) and the RBAC edges of the graph.
import { describe, expect, it } from 'vitest';
import {
  ruleAllows,
  serviceAccountGrants,
  subjectCovers,
  type PolicyRule,
  type Request,
} from '../../src/graph/rbac.js';
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

describe('ruleAllows, rule by rule as evaluation_helpers.go matches', () => {
  const request = (r: Partial<Request>): Request => ({ verb: 'get', apiGroup: '', resource: 'pods', ...r });

  it('VerbMatches: a verb matches only itself or "*"', () => {
    const get = rule({ verbs: ['get'], apiGroups: [''], resources: ['pods'] });
    expect(ruleAllows(get, request({ verb: 'get' }))).toBe(true);
    expect(ruleAllows(get, request({ verb: 'list' }))).toBe(false);
    expect(ruleAllows(get, request({ verb: 'GET' }))).toBe(false);
  });

  it('APIGroupMatches: "" is the core group only; "*" is every group', () => {
    const core = rule({ verbs: ['get'], apiGroups: [''], resources: ['deployments'] });
    expect(ruleAllows(core, request({ apiGroup: 'apps', resource: 'deployments' }))).toBe(false);
    const any = rule({ verbs: ['get'], apiGroups: ['*'], resources: ['deployments'] });
    expect(ruleAllows(any, request({ apiGroup: 'apps', resource: 'deployments' }))).toBe(true);
    expect(ruleAllows(any, request({ apiGroup: '', resource: 'deployments' }))).toBe(true);
  });

  it('ResourceMatches: "pods/*" is no wildcard; "*/exec" needs a subresource; "*" covers subresources', () => {
    const podsStar = rule({ verbs: ['create'], apiGroups: [''], resources: ['pods/*'] });
    expect(ruleAllows(podsStar, request({ verb: 'create', subresource: 'exec' }))).toBe(false);
    expect(ruleAllows(podsStar, request({ verb: 'create' }))).toBe(false);
    const anyExec = rule({ verbs: ['create'], apiGroups: [''], resources: ['*/exec'] });
    expect(ruleAllows(anyExec, request({ verb: 'create', resource: 'exec' }))).toBe(false);
    expect(ruleAllows(anyExec, request({ verb: 'create', resource: 'nodes', subresource: 'exec' }))).toBe(true);
    expect(ruleAllows(anyExec, request({ verb: 'create', subresource: 'attach' }))).toBe(false);
    const logs = rule({ verbs: ['get'], apiGroups: [''], resources: ['pods/log'] });
    expect(ruleAllows(logs, request({ subresource: 'log' }))).toBe(true);
    expect(ruleAllows(logs, request({}))).toBe(false);
  });

  it('ResourceNameMatches: a request without a name is the name "", which an entry "" matches', () => {
    const empty = rule({ verbs: ['list'], apiGroups: [''], resources: ['pods'], resourceNames: [''] });
    expect(ruleAllows(empty, request({ verb: 'list' }))).toBe(true);
    expect(ruleAllows(empty, request({ verb: 'list', name: 'web-0' }))).toBe(false);
  });

  it('NonResourceURLMatches: "*", a trailing run of "*" as a prefix (not a path segment), never a resource rule', () => {
    const all = rule({ verbs: ['get'], nonResourceURLs: ['*'] });
    expect(ruleAllows(all, { verb: 'get', nonResourceURL: '/anything/at/all' })).toBe(true);
    const api = rule({ verbs: ['get'], nonResourceURLs: ['/api*'] });
    expect(ruleAllows(api, { verb: 'get', nonResourceURL: '/apis/apps' })).toBe(true);
    expect(ruleAllows(api, { verb: 'post', nonResourceURL: '/api' })).toBe(false);
    const stars = rule({ verbs: ['get'], nonResourceURLs: ['/logs**'] });
    expect(ruleAllows(stars, { verb: 'get', nonResourceURL: '/logs/kubelet.log' })).toBe(true);
    const inner = rule({ verbs: ['get'], nonResourceURLs: ['/a*/b'] });
    expect(ruleAllows(inner, { verb: 'get', nonResourceURL: '/ax/b' })).toBe(false);
    const pods = rule({ verbs: ['get'], apiGroups: ['*'], resources: ['*'] });
    expect(ruleAllows(pods, { verb: 'get', nonResourceURL: '/healthz' })).toBe(false);
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

describe("Kubernetes' default ClusterRoles (default-cluster-roles.ts), when the input does not define them", () => {
  const binding = (role: string, extra = '') => `
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: web-${role}, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${role}}
subjects: [{kind: ServiceAccount, name: web, namespace: shop}]
${extra}`;
  const can = async (yaml: string, request: Request) => {
    const grants = serviceAccountGrants(await graphOf(yaml), { namespace: 'shop', name: 'web' });
    return grants.some((g) => g.rules.some((r) => ruleAllows(r, request)));
  };
  const pods = { verb: 'get', apiGroup: '', resource: 'pods' };
  const secrets = { verb: 'get', apiGroup: '', resource: 'secrets' };
  const exec = { verb: 'create', apiGroup: '', resource: 'pods', subresource: 'exec' };
  const roles = { verb: 'create', apiGroup: 'rbac.authorization.k8s.io', resource: 'rolebindings' };

  it('view reads pods but not Secrets; it is known, not an empty role', async () => {
    const [grant] = serviceAccountGrants(await graphOf(binding('view')), { namespace: 'shop', name: 'web' });
    expect(grant.roleKnown).toBe(true);
    expect(await can(binding('view'), pods)).toBe(true);
    expect(await can(binding('view'), secrets)).toBe(false);
    expect(await can(binding('view'), { verb: 'list', apiGroup: 'discovery.k8s.io', resource: 'endpointslices' })).toBe(
      true,
    );
  });

  it('edit holds view (aggregated) and adds Secrets, pods/exec and impersonating ServiceAccounts, not roles', async () => {
    expect(await can(binding('edit'), pods)).toBe(true);
    expect(await can(binding('edit'), secrets)).toBe(true);
    expect(await can(binding('edit'), exec)).toBe(true);
    expect(await can(binding('edit'), { verb: 'impersonate', apiGroup: '', resource: 'serviceaccounts' })).toBe(true);
    expect(await can(binding('edit'), roles)).toBe(false);
  });

  it('admin holds edit and view (aggregation is followed to its end) and writes roles and bindings', async () => {
    expect(await can(binding('admin'), roles)).toBe(true);
    expect(await can(binding('admin'), exec)).toBe(true);
    expect(await can(binding('admin'), pods)).toBe(true);
    expect(await can(binding('admin'), { verb: 'get', nonResourceURL: '/metrics' })).toBe(false);
  });

  it('cluster-admin is everything, non-resource URLs too', async () => {
    expect(await can(binding('cluster-admin'), { verb: 'get', nonResourceURL: '/metrics' })).toBe(true);
    expect(await can(binding('cluster-admin'), { verb: 'escalate', apiGroup: 'x.io', resource: 'y' })).toBe(true);
  });

  it('an input ClusterRole labelled aggregate-to-view joins the shipped view, edit and admin', async () => {
    const crd = `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: crontabs-view, labels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}}
rules: [{apiGroups: [stable.example.com], resources: [crontabs], verbs: [get]}]`;
    const crontabs = { verb: 'get', apiGroup: 'stable.example.com', resource: 'crontabs' };
    for (const role of ['view', 'edit', 'admin']) expect(await can(binding(role, crd), crontabs)).toBe(true);
    expect(await can(binding('view'), crontabs)).toBe(false);
  });

  it('a ClusterRole of the input with a default name replaces the shipped one', async () => {
    const own = `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: view}
rules: [{apiGroups: [""], resources: [configmaps], verbs: [get]}]`;
    expect(await can(binding('view', own), pods)).toBe(false);
    expect(await can(binding('view', own), { verb: 'get', apiGroup: '', resource: 'configmaps' })).toBe(true);
  });

  it('other system: roles still count as existing with rules unknown', async () => {
    const [grant] = serviceAccountGrants(await graphOf(binding('system:auth-delegator')), {
      namespace: 'shop',
      name: 'web',
    });
    expect(grant).toMatchObject({ roleKnown: false, rules: [] });
  });
});
