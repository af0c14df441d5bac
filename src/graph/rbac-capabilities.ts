// What an identity's RBAC grants may allow that matters for security: the requests the rbac-*
// checks look for, and "*" in a rule. One list, read by the checks (checks/rbac.ts, the wildcard
// check) and by the docs' Access section, so both say the same.
import type { PolicyRule, Request } from './rbac.js';

/** One request a capability is made of, with how a reader names it (`apps/deployments`, `pods/exec`). */
export interface SensitiveRequest {
  verb: string;
  what: string;
  request: Request;
}

export interface Capability {
  /** The check that reports it. */
  check: string;
  /** What it lets the identity do, for people: "read Secrets". */
  does: string;
  requests: SensitiveRequest[];
}

function resourceRequests(
  verbs: string[],
  targets: Array<[group: string, resource: string, subresource?: string]>,
): SensitiveRequest[] {
  return verbs.flatMap((verb) =>
    targets.map(([apiGroup, resource, subresource]) => ({
      verb,
      what: `${apiGroup ? `${apiGroup}/` : ''}${resource}${subresource ? `/${subresource}` : ''}`,
      request: { verb, apiGroup, resource, ...(subresource ? { subresource } : {}) },
    })),
  );
}

const RBAC_GROUP = 'rbac.authorization.k8s.io';

export const RBAC_CAPABILITIES = {
  secretsRead: {
    check: 'rbac-secrets-read',
    does: 'read Secrets',
    requests: resourceRequests(['get', 'list', 'watch'], [['', 'secrets']]),
  },
  workloadCreate: {
    check: 'rbac-workload-create',
    does: 'create pods or pod controllers',
    requests: resourceRequests(
      ['create'],
      [
        ['', 'pods'],
        ['', 'replicationcontrollers'],
        ['apps', 'deployments'],
        ['apps', 'statefulsets'],
        ['apps', 'daemonsets'],
        ['apps', 'replicasets'],
        ['batch', 'jobs'],
        ['batch', 'cronjobs'],
      ],
    ),
  },
  exec: {
    check: 'rbac-exec',
    does: 'exec or attach into pods',
    requests: resourceRequests(
      ['create'],
      [
        ['', 'pods', 'exec'],
        ['', 'pods', 'attach'],
      ],
    ),
  },
  escalate: {
    check: 'rbac-escalate',
    does: 'escalate (escalate, bind, impersonate, write roles or bindings)',
    requests: [
      ...resourceRequests(
        ['escalate', 'bind'],
        [
          [RBAC_GROUP, 'roles'],
          [RBAC_GROUP, 'clusterroles'],
        ],
      ),
      ...resourceRequests(
        ['impersonate'],
        [
          ['', 'users'],
          ['', 'groups'],
          ['', 'serviceaccounts'],
        ],
      ),
      ...resourceRequests(
        ['create', 'update', 'patch'],
        [
          [RBAC_GROUP, 'roles'],
          [RBAC_GROUP, 'clusterroles'],
          [RBAC_GROUP, 'rolebindings'],
          [RBAC_GROUP, 'clusterrolebindings'],
        ],
      ),
    ],
  },
  nodeProxy: {
    check: 'rbac-node-proxy',
    does: 'reach the kubelet (nodes/proxy)',
    requests: resourceRequests(['get', 'create'], [['', 'nodes', 'proxy']]),
  },
} satisfies Record<string, Capability>;

/** A "*" in verbs, resources or apiGroups: everything, including what later versions add. */
export function wildcardFields(rule: { verbs?: unknown; resources?: unknown; apiGroups?: unknown }): string[] {
  return (['verbs', 'resources', 'apiGroups'] as const).filter((f) => {
    const values = rule[f];
    return Array.isArray(values) && values.includes('*');
  });
}

export function hasWildcard(rule: PolicyRule): boolean {
  return wildcardFields(rule).length > 0;
}

export const CLUSTER_ADMIN = 'cluster-admin[ClusterRole]';
