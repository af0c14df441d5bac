// `shipshape access --json` on hand-built RBAC covering each rule of the authorizer, and on the
// RBAC objects of the corpus.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CORPUS } from '../shared-paths.js';

const BIN = new URL('../../bin/shipshape.js', import.meta.url).pathname;
const access = (args: string[], input?: string) =>
  spawnSync(process.execPath, [BIN, 'access', ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
const json = (args: string[], input?: string) => {
  const r = access([...args, '--json'], input);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as { subjects: any[] };
};

const RBAC = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      serviceAccountName: web
      containers: [{name: web, image: web:1}]
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: web, namespace: shop}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: secret-reader}
rules:
- {apiGroups: [""], resources: [secrets], verbs: [get, list]}
- {apiGroups: [""], resources: [configmaps], resourceNames: [settings], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: web-secrets, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}
subjects: [{kind: ServiceAccount, name: web, namespace: shop}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: debugger}
aggregationRule: {clusterRoleSelectors: [{matchLabels: {debug: "true"}}]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: exec-any, labels: {debug: "true"}}
rules: [{apiGroups: [""], resources: ["*/exec"], verbs: [create]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: all-sa-debug}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: debugger}
subjects: [{kind: Group, name: "system:serviceaccounts:shop"}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: metrics}
rules: [{nonResourceURLs: ["/metrics", "/debug/*"], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: everyone-metrics}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: metrics}
subjects: [{kind: Group, name: "system:authenticated"}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: alice-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: User, name: alice}]
`;

const where = (r: { subjects: any[] }) =>
  r.subjects.map(
    (s) =>
      `${s.id}: ${s.allowed.map((a: any) => `${a.namespace ?? 'cluster-wide'}${a.resourceNames.length ? ` [${a.resourceNames}]` : ''}`).join(', ')}`,
  );

describe('shipshape access', () => {
  it('lists every subject with its grants and the workloads running as it', () => {
    const out = json(['-'], RBAC);
    expect(out.subjects.map((s) => s.id)).toEqual([
      'alice[User]',
      'shop/web[ServiceAccount]',
      'system:authenticated[Group]',
      'system:serviceaccounts:shop[Group]',
    ]);
    const web = out.subjects.find((s) => s.id === 'shop/web[ServiceAccount]');
    expect(web.workloads).toEqual(['shop/web[Deployment]']);
    expect(web.grants.map((g: any) => `${g.binding} ${g.role} ${g.namespace}`)).toEqual([
      'shop/web-secrets[RoleBinding] secret-reader[ClusterRole] shop',
      'all-sa-debug[ClusterRoleBinding] debugger[ClusterRole] null',
      'everyone-metrics[ClusterRoleBinding] metrics[ClusterRole] null',
    ]);
  });

  it('a RoleBinding to a ClusterRole grants only in its namespace', () => {
    expect(where(json(['-', '--can', 'list', 'secrets'], RBAC))).toEqual([
      'alice[User]: cluster-wide',
      'shop/web[ServiceAccount]: shop',
    ]);
  });

  it('resourceNames: allowed only for the names listed', () => {
    expect(where(json(['-', '--can', 'get', 'configmaps'], RBAC))).toEqual([
      'alice[User]: cluster-wide',
      'shop/web[ServiceAccount]: shop [settings]',
    ]);
  });

  it('aggregation, */exec and the ServiceAccount groups: pods/exec reaches shop/web through system:serviceaccounts:shop', () => {
    expect(where(json(['-', '--can', 'create', 'pods/exec'], RBAC))).toEqual([
      'alice[User]: cluster-wide',
      'shop/web[ServiceAccount]: cluster-wide',
      'system:serviceaccounts:shop[Group]: cluster-wide',
    ]);
    // "pods" alone is no grant of pods/exec, and a verb not listed is not allowed.
    expect(where(json(['-', '--can', 'get', 'pods/exec'], RBAC))).toEqual(['alice[User]: cluster-wide']);
  });

  it('nonResourceURLs, exact and by prefix; system:authenticated holds every user and ServiceAccount', () => {
    // alice twice: through system:authenticated (metrics) and cluster-admin.
    expect(where(json(['-', '--can', 'get', '/debug/pprof'], RBAC))).toEqual([
      'alice[User]: cluster-wide, cluster-wide',
      'shop/web[ServiceAccount]: cluster-wide',
      'system:authenticated[Group]: cluster-wide',
    ]);
    expect(where(json(['-', '--can', 'get', '/healthz'], RBAC))).toEqual(['alice[User]: cluster-wide']);
  });

  it('--subject keeps one subject; bad usage exits 2', () => {
    expect(json(['-', '--subject', 'alice'], RBAC).subjects.flatMap((s) => s.grants.map((g: any) => g.role))).toEqual([
      'metrics[ClusterRole]',
      'cluster-admin[ClusterRole]',
    ]);
    const bad = access(['-', '--can', 'create'], RBAC);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--can: expected VERB RESOURCE');
    expect(access(['-', '--subject', 'nobody'], RBAC).status).toBe(2);
  });
});

describe("shipshape access with Kubernetes' default ClusterRoles", () => {
  const bindings = `
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: dev-edit, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: Group, name: developers}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: auditors-view}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: Group, name: auditors}]
`;
  it('a binding to edit or view, which the input does not define, grants their shipped rules', () => {
    const out = json(['-'], bindings);
    const edit = out.subjects.find((s) => s.id === 'developers[Group]').grants[0];
    expect(edit).toMatchObject({ role: 'edit[ClusterRole]', namespace: 'shop', roleKnown: true, roleDefault: true });
    expect(access(['-', '--subject', 'auditors'], bindings).stdout).toContain(
      "cluster-wide: view[ClusterRole] via auditors-view[ClusterRoleBinding] (Kubernetes' default role)",
    );
    expect(edit.rules.length).toBeGreaterThan(10);
    expect(where(json(['-', '--can', 'get', 'secrets'], bindings))).toEqual(['developers[Group]: shop']);
    expect(where(json(['-', '--can', 'list', 'deployments.apps'], bindings))).toEqual([
      'auditors[Group]: cluster-wide',
      'developers[Group]: shop',
    ]);
  });
});

describe('shipshape access on the corpus', () => {
  it('kube-prometheus: prometheus-operator creates StatefulSets cluster-wide', () => {
    const out = json([`${CORPUS}/kube-prometheus`, '--can', 'create', 'statefulsets.apps']);
    expect(where(out)).toContain('monitoring/prometheus-operator[ServiceAccount]: cluster-wide');
    expect(out.subjects.find((s) => s.id === 'monitoring/prometheus-operator[ServiceAccount]').workloads).toEqual([
      'monitoring/prometheus-operator[Deployment]',
    ]);
  });
  it('ingress-nginx: the controller reads Secrets in its namespace and lists them cluster-wide', () => {
    expect(where(json([`${CORPUS}/ingress-nginx`, '--can', 'list', 'secrets']))).toContain(
      'ingress-nginx/ingress-nginx[ServiceAccount]: ingress-nginx, cluster-wide',
    );
  });
  it('descheduler: evicts pods cluster-wide (pods/eviction)', () => {
    expect(where(json([`${CORPUS}/descheduler`, '--can', 'create', 'pods/eviction']))).toContain(
      'kube-system/descheduler-sa[ServiceAccount]: cluster-wide',
    );
  });
  it('argo-cd: the application controller holds "*" through its ClusterRole (read with -n argocd)', () => {
    expect(where(json([`${CORPUS}/argo-cd`, '-n', 'argocd', '--can', 'delete', 'deployments.apps']))).toContain(
      'argocd/argocd-application-controller[ServiceAccount]: cluster-wide',
    );
  });
});
