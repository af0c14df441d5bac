// Who and where a pod runs as: the namespace `default` (shared with everything applied without
// one), the ServiceAccount `default` (shared by every pod of the namespace that names none, so any
// permission granted to it is granted to all of them), and the deprecated `serviceAccount` alias.
import type { Check, RawFinding } from './types.js';
import { isClusterScoped } from '../k8s/object.js';
import { nodeNamed } from './workloads.js';
import { workloadsOf } from '../graph/workloads.js';

const defaultNamespace: Check = {
  id: 'default-namespace',
  family: 'security',
  severity: 'info',
  rationale:
    'The default namespace is where everything applied without a namespace lands: policies, quotas and RBAC scoped to it cover unrelated objects too.',
  hint: 'Give the application its own namespace (metadata.namespace, or `kubectl apply -n`).',
  run: (ctx) =>
    ctx.graph.nodes
      .filter((n) => n.namespace === 'default' && !isClusterScoped(n.kind))
      .map((n): RawFinding => ({
        object: n.id,
        path: 'metadata.namespace',
        message: `${n.kind} ${n.name} is in the default namespace`,
      })),
};

const defaultServiceAccount: Check = {
  id: 'default-service-account',
  family: 'security',
  severity: 'warning',
  rationale:
    "Pods that name no ServiceAccount run as the namespace's `default` one, shared by every such pod: a permission granted to one is granted to all (pods that mount no token are left alone).",
  hint: 'Create a ServiceAccount for the workload and set serviceAccountName to it.',
  run: (ctx) =>
    workloadsOf(ctx.graph).flatMap((w): RawFinding[] => {
      const { serviceAccountName, serviceAccount } = w.template.spec;
      const name = serviceAccountName ?? serviceAccount ?? 'default';
      // Without a token the identity is never presented to the API server (the pod's field wins over the ServiceAccount's).
      const sa = nodeNamed(ctx.graph, 'ServiceAccount', 'default', w.namespace);
      const automount =
        w.template.spec.automountServiceAccountToken ??
        (sa?.object as { automountServiceAccountToken?: boolean } | undefined)?.automountServiceAccountToken;
      return name === 'default' && automount !== false
        ? [
            {
              object: w.id,
              path: `${w.template.path}.serviceAccountName`,
              message: `pods run as the default ServiceAccount of namespace ${w.namespace}`,
            },
          ]
        : [];
    }),
};

const serviceAccountFieldDeprecated: Check = {
  id: 'service-account-field-deprecated',
  family: 'references',
  severity: 'info',
  rationale:
    'spec.serviceAccount is a deprecated alias of serviceAccountName (Pod API reference); tools that read only serviceAccountName miss it.',
  hint: 'Rename serviceAccount to serviceAccountName.',
  run: (ctx) =>
    workloadsOf(ctx.graph).flatMap((w): RawFinding[] => {
      const { serviceAccount, serviceAccountName } = w.template.spec;
      // Both set and different is service-account-mismatch's error.
      if (
        typeof serviceAccount !== 'string' ||
        (serviceAccountName !== undefined && serviceAccountName !== serviceAccount)
      )
        return [];
      return [
        {
          object: w.id,
          path: `${w.template.path}.serviceAccount`,
          message: `uses the deprecated field serviceAccount ("${serviceAccount}")`,
        },
      ];
    }),
};

export const identityChecks: Check[] = [defaultNamespace, defaultServiceAccount, serviceAccountFieldDeprecated];
