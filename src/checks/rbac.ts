// What a workload's identity may do in the Kubernetes API (graph/rbac.ts evaluates the bindings as
// the authorizer does): read Secrets, create pods (and so run as any ServiceAccount of the
// namespace), exec into pods, escalate, reach the kubelet through nodes/proxy; and bindings that
// name a role or ServiceAccount that does not exist.
import type { Graph, GraphNode } from '../graph/model.js';
import {
  allowingRules,
  isDefaultRole,
  roleRefId,
  serviceAccountGrants,
  subjectsOf,
  type Grant,
  type PolicyRule,
} from '../graph/rbac.js';
import { RBAC_CAPABILITIES, type SensitiveRequest } from '../graph/rbac-capabilities.js';
import { workloadsOf, type Workload } from '../graph/workloads.js';
import type { Check, RawFinding } from './types.js';
import { nodesOfKind } from './workloads.js';

/** The ServiceAccount a workload's pods run as (serviceAccountName, its deprecated alias, else default). */
export function serviceAccountOf(w: Workload): { namespace: string; name: string } {
  const { serviceAccountName, serviceAccount } = w.template.spec;
  return { namespace: w.namespace, name: serviceAccountName ?? serviceAccount ?? 'default' };
}

/** Grants per workload, computed once per graph. */
const grantsIndex = new WeakMap<Graph, Map<string, Grant[]>>();
export function workloadGrants(graph: Graph, w: Workload): Grant[] {
  let index = grantsIndex.get(graph);
  if (!index) grantsIndex.set(graph, (index = new Map<string, Grant[]>()));
  let grants = index.get(w.id);
  if (!grants) index.set(w.id, (grants = serviceAccountGrants(graph, serviceAccountOf(w))));
  return grants;
}

export function scopeOf(grant: Grant): string {
  return grant.namespace ? `in namespace ${grant.namespace}` : 'cluster-wide';
}

function names(rule: PolicyRule): string {
  return rule.resourceNames.length ? ` (only ${rule.resourceNames.join(', ')})` : '';
}

/** One finding per workload whose identity some request of `requests` is allowed, naming what and where. */
function permissionCheck(requests: SensitiveRequest[]) {
  return (graph: Graph): RawFinding[] =>
    workloadsOf(graph).flatMap((w): RawFinding[] => {
      const grants = workloadGrants(graph, w);
      if (grants.length === 0) return [];
      const sa = serviceAccountOf(w);
      // Verbs grouped per resource and grant: "get, list secrets in namespace shop (binding → role)".
      const verbs = new Map<string, string[]>();
      for (const { verb, what, request } of requests)
        for (const { grant, rule } of allowingRules(grants, request)) {
          const key = `${what}${names(rule)} ${scopeOf(grant)} (${grant.binding.id} → ${grant.role})`;
          const list = verbs.get(key) ?? [];
          if (!list.includes(verb)) list.push(verb);
          verbs.set(key, list);
        }
      const found = [...verbs].map(([key, v]) => `${v.join(', ')} ${key}`);
      return found.length
        ? [
            {
              object: w.id,
              message: `runs as ServiceAccount ${sa.namespace}/${sa.name}, which can ${found.join('; ')}`,
            },
          ]
        : [];
    });
}

const rbacSecretsRead: Check = {
  id: 'rbac-secrets-read',
  family: 'security',
  severity: 'warning',
  rationale:
    'An identity that can get, list or watch Secrets reads every credential in its scope: an intruder in the pod gets them all.',
  hint: 'Grant get on the named Secrets the workload needs (resourceNames), in its own namespace only; mount Secrets instead of reading them through the API.',
  run: (ctx) => permissionCheck(RBAC_CAPABILITIES.secretsRead.requests)(ctx.graph),
};

const rbacWorkloadCreate: Check = {
  id: 'rbac-workload-create',
  family: 'security',
  severity: 'warning',
  rationale:
    'Who can create pods, or controllers that create them, can run a pod as any ServiceAccount of the namespace and so take its permissions and mounted Secrets.',
  hint: 'Remove create on pods and pod-creating controllers unless the workload is an operator that must; keep it to one namespace.',
  run: (ctx) => permissionCheck(RBAC_CAPABILITIES.workloadCreate.requests)(ctx.graph),
};

const rbacExec: Check = {
  id: 'rbac-exec',
  family: 'security',
  severity: 'warning',
  rationale: 'create on pods/exec or pods/attach runs commands inside other pods, with their identity and Secrets.',
  hint: 'Remove pods/exec and pods/attach from the role.',
  run: (ctx) => permissionCheck(RBAC_CAPABILITIES.exec.requests)(ctx.graph),
};

const rbacEscalate: Check = {
  id: 'rbac-escalate',
  family: 'security',
  severity: 'warning',
  rationale:
    'escalate and bind lift the rule that a role may grant only what its writer holds; impersonate acts as any user; writing roles and bindings changes who may do what.',
  hint: 'Remove escalate, bind and impersonate, and write access to roles and bindings, from workload identities.',
  run: (ctx) => permissionCheck(RBAC_CAPABILITIES.escalate.requests)(ctx.graph),
};

const rbacNodeProxy: Check = {
  id: 'rbac-node-proxy',
  family: 'security',
  severity: 'warning',
  rationale:
    "nodes/proxy reaches the kubelet's API, which runs commands in any pod on the node, around the API server's audit and admission.",
  hint: 'Remove nodes/proxy; read metrics through the metrics API or nodes/metrics instead.',
  run: (ctx) => permissionCheck(RBAC_CAPABILITIES.nodeProxy.requests)(ctx.graph),
};

const rbacDanglingBinding: Check = {
  id: 'rbac-dangling-binding',
  family: 'security',
  severity: 'warning',
  rationale:
    'A binding whose role does not exist grants nothing (the pods fail their API calls); one to a ServiceAccount that does not exist grants to whoever creates it later.',
  hint: 'Create the Role/ClusterRole or ServiceAccount the binding names, or fix the name.',
  run: (ctx) =>
    nodesOfKind(ctx.graph, 'RoleBinding', 'ClusterRoleBinding').flatMap((b: GraphNode): RawFinding[] => {
      const out: RawFinding[] = [];
      const ref = roleRefId(b);
      if (ref && !ctx.graph.byId.has(ref.id) && !isDefaultRole(ref.kind, ref.name, b.namespace))
        out.push({ object: b.id, path: 'roleRef', message: `roleRef names ${ref.id}, which is not defined` });
      subjectsOf(b).forEach((s, i) => {
        if (s.kind !== 'ServiceAccount' || s.name === 'default') return;
        const id = `${s.namespace}/${s.name}[ServiceAccount]`;
        if (!ctx.graph.byId.has(id))
          out.push({ object: b.id, path: `subjects[${i}]`, message: `subject ${id} is not defined` });
      });
      return out;
    }),
};

export const rbacChecks: Check[] = [
  rbacSecretsRead,
  rbacWorkloadCreate,
  rbacExec,
  rbacEscalate,
  rbacNodeProxy,
  rbacDanglingBinding,
];
