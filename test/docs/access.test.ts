// The docs' Access section: only with RBAC in the input; per subject its workloads, grants and what
// the RBAC checks would flag, with the scope each holds in.
import { describe, expect, it } from 'vitest';
import { buildArchitectureDocument } from '../../src/docs/architecture.js';
import { graphOf } from '../checks/fixtures.js';

const WEB = `
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
`;

const RBAC = `${WEB}---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: web-edit, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: ServiceAccount, name: web, namespace: shop}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: tls-reader, namespace: shop}
rules: [{apiGroups: [""], resources: [secrets], resourceNames: [tls], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: tls-reader, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: tls-reader}
subjects: [{kind: Group, name: readers}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: everything}
rules: [{apiGroups: ["*"], resources: ["*"], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ops}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: User, name: alice}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: lister}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: everything}
subjects: [{kind: Group, name: auditors}]
`;

const accessSection = async (yaml: string) =>
  buildArchitectureDocument(await graphOf(yaml), { source: 'fixture' }).sections.find((s) => s.title === 'Access');

describe('docs: Access', () => {
  it('is left out when the input has no RBAC objects', async () => {
    expect(await accessSection(WEB)).toBeUndefined();
  });

  it('one row per subject with a grant: workloads, grants, and what the RBAC checks flag, with where', async () => {
    const section = await accessSection(RBAC);
    const table = section!.blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.rows).toEqual([
      [
        'User alice',
        '—',
        'ClusterRole cluster-admin via ClusterRoleBinding ops, cluster-wide',
        'read Secrets (cluster-wide); create pods or pod controllers (cluster-wide); exec or attach into pods (cluster-wide); escalate (escalate, bind, impersonate, write roles or bindings) (cluster-wide); reach the kubelet (nodes/proxy) (cluster-wide); "*" in a rule (cluster-wide); cluster-admin (cluster-wide)',
      ],
      [
        'Group auditors',
        '—',
        'ClusterRole everything via ClusterRoleBinding lister, cluster-wide',
        'read Secrets (cluster-wide); reach the kubelet (nodes/proxy) (cluster-wide); "*" in a rule (cluster-wide)',
      ],
      [
        'Group readers',
        '—',
        'Role tls-reader via RoleBinding tls-reader, namespace shop',
        'read Secrets (namespace shop; only tls)',
      ],
      [
        'ServiceAccount web',
        'Deployment web',
        'ClusterRole edit via RoleBinding web-edit, namespace shop',
        'read Secrets (namespace shop); create pods or pod controllers (namespace shop); exec or attach into pods (namespace shop); escalate (escalate, bind, impersonate, write roles or bindings) (namespace shop)',
      ],
    ]);
  });
});
