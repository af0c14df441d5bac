// Kubernetes' default user-facing ClusterRoles — cluster-admin, admin, edit, view — and the
// system:aggregate-to-* parts that admin, edit and view aggregate, as every cluster creates them
// (the RBAC bootstrap policy, https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles).
// A binding that names one of them grants these rules when the input does not define the role.
//
// Data, copied rule for rule from kubernetes/kubernetes
// plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/cluster-roles.yaml at commit
// 025f2834a128798cef30018a5e6a6ae82b5ad885, read 2026-12-06 (the file names no Kubernetes release,
// and which release first ships exactly these rules is not determined). Only the annotations, creationTimestamp and the empty `rules` of the
// aggregated roles are left out.
import type { KubeObject } from '../k8s/object.js';

/** Where the data below comes from; the README names it too. */
export const DEFAULT_CLUSTER_ROLES_SOURCE =
  'kubernetes/kubernetes@025f2834a128798cef30018a5e6a6ae82b5ad885 plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/cluster-roles.yaml';

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const READ_WRITE = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const AGGREGATE_TO = (role: 'admin' | 'edit' | 'view') => `rbac.authorization.k8s.io/aggregate-to-${role}`;

const rule = (apiGroups: string[], resources: string[], verbs: string[]) => ({ apiGroups, resources, verbs });

function clusterRole(
  name: string,
  body: { labels?: Record<string, string>; aggregates?: 'admin' | 'edit' | 'view'; rules?: unknown[] },
): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name, labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults', ...body.labels } },
    ...(body.aggregates
      ? { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [AGGREGATE_TO(body.aggregates)]: 'true' } }] } }
      : {}),
    ...(body.rules ? { rules: body.rules } : {}),
  };
}

export const DEFAULT_CLUSTER_ROLES: readonly KubeObject[] = [
  clusterRole('admin', { aggregates: 'admin' }),
  clusterRole('cluster-admin', {
    rules: [rule(['*'], ['*'], ['*']), { nonResourceURLs: ['*'], verbs: ['*'] }],
  }),
  clusterRole('edit', { labels: { [AGGREGATE_TO('admin')]: 'true' }, aggregates: 'edit' }),
  clusterRole('system:aggregate-to-admin', {
    labels: { [AGGREGATE_TO('admin')]: 'true' },
    rules: [
      rule(['authorization.k8s.io'], ['localsubjectaccessreviews'], ['create']),
      rule(['rbac.authorization.k8s.io'], ['rolebindings', 'roles'], READ_WRITE),
    ],
  }),
  clusterRole('system:aggregate-to-edit', {
    labels: { [AGGREGATE_TO('edit')]: 'true' },
    rules: [
      rule([''], ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy'], READ),
      rule([''], ['serviceaccounts'], ['impersonate']),
      rule([''], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'], WRITE),
      rule([''], ['pods/eviction'], ['create']),
      rule(
        [''],
        [
          'configmaps',
          'events',
          'persistentvolumeclaims',
          'replicationcontrollers',
          'replicationcontrollers/scale',
          'secrets',
          'serviceaccounts',
          'services',
          'services/proxy',
        ],
        WRITE,
      ),
      rule([''], ['serviceaccounts/token'], ['create']),
      rule(
        ['apps'],
        [
          'daemonsets',
          'deployments',
          'deployments/rollback',
          'deployments/scale',
          'replicasets',
          'replicasets/scale',
          'statefulsets',
          'statefulsets/scale',
        ],
        WRITE,
      ),
      rule(['autoscaling'], ['horizontalpodautoscalers'], WRITE),
      rule(['batch'], ['cronjobs', 'jobs'], WRITE),
      rule(
        ['extensions'],
        [
          'daemonsets',
          'deployments',
          'deployments/rollback',
          'deployments/scale',
          'ingresses',
          'networkpolicies',
          'replicasets',
          'replicasets/scale',
          'replicationcontrollers/scale',
        ],
        WRITE,
      ),
      rule(['policy'], ['poddisruptionbudgets'], WRITE),
      rule(['networking.k8s.io'], ['ingresses', 'networkpolicies'], WRITE),
      rule(['coordination.k8s.io'], ['leases'], READ_WRITE),
    ],
  }),
  clusterRole('system:aggregate-to-view', {
    labels: { [AGGREGATE_TO('view')]: 'true' },
    rules: [
      rule(
        [''],
        [
          'configmaps',
          'endpoints',
          'persistentvolumeclaims',
          'persistentvolumeclaims/status',
          'pods',
          'replicationcontrollers',
          'replicationcontrollers/scale',
          'serviceaccounts',
          'services',
          'services/status',
        ],
        READ,
      ),
      rule(
        [''],
        [
          'bindings',
          'events',
          'limitranges',
          'namespaces/status',
          'pods/log',
          'pods/status',
          'replicationcontrollers/status',
          'resourcequotas',
          'resourcequotas/status',
        ],
        READ,
      ),
      rule([''], ['namespaces'], READ),
      rule(['discovery.k8s.io'], ['endpointslices'], READ),
      rule(
        ['apps'],
        [
          'controllerrevisions',
          'daemonsets',
          'daemonsets/status',
          'deployments',
          'deployments/scale',
          'deployments/status',
          'replicasets',
          'replicasets/scale',
          'replicasets/status',
          'statefulsets',
          'statefulsets/scale',
          'statefulsets/status',
        ],
        READ,
      ),
      rule(['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status'], READ),
      rule(['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status'], READ),
      rule(
        ['extensions'],
        [
          'daemonsets',
          'daemonsets/status',
          'deployments',
          'deployments/scale',
          'deployments/status',
          'ingresses',
          'ingresses/status',
          'networkpolicies',
          'replicasets',
          'replicasets/scale',
          'replicasets/status',
          'replicationcontrollers/scale',
        ],
        READ,
      ),
      rule(['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status'], READ),
      rule(['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies'], READ),
    ],
  }),
  clusterRole('view', { labels: { [AGGREGATE_TO('edit')]: 'true' }, aggregates: 'view' }),
];
