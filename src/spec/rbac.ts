// `rbac`: what a component's ServiceAccount may do in the Kubernetes API, as RBAC policy rules
// (https://kubernetes.io/docs/reference/access-authn-authz/rbac/). Synthesis (synth/families/rbac.ts)
// writes them as a Role and RoleBinding in the component's namespace, the `clusterWide` ones as a
// ClusterRole and ClusterRoleBinding. A component that declares rbac mounts its API token by default:
// the rules are of no use to a pod that cannot present its identity.
import * as z from 'zod';

/** Verbs that cannot be limited by resourceNames: the name is not known when they are authorized. */
const UNNAMEABLE_VERBS = ['create', 'deletecollection', '*'];

const rbacRule = z
  .strictObject({
    apiGroups: z
      .array(z.string().regex(/^(\*|[a-z0-9]([-a-z0-9.]*[a-z0-9])?)?$/, 'expected an API group such as "", apps or *'))
      .min(1)
      .describe(
        'API groups: `""` is the core group (pods, secrets, configmaps); others by name, e.g. apps, batch, coordination.k8s.io (leases).',
      ),
    resources: z
      .array(
        z
          .string()
          .regex(
            /^(\*|[a-z][a-z0-9.-]*)(\/(\*|[a-z][a-z0-9-]*))?$/,
            'expected a plural resource such as pods, a subresource such as pods/log, or */scale',
          ),
      )
      .min(1)
      .describe('Plural resource names; a subresource as `pods/log` (`pods` does not grant it).'),
    verbs: z
      .array(z.string().regex(/^(\*|[a-z]+)$/, 'expected a verb such as get, list, watch, create, update, delete'))
      .min(1),
    resourceNames: z
      .array(z.string().min(1))
      .min(1)
      .describe('Only these objects (not for create or deletecollection, whose object has no name yet).')
      .optional(),
    clusterWide: z
      .boolean()
      .describe('In every namespace and on cluster-scoped resources (a ClusterRole); default false: a Role.')
      .optional(),
  })
  .superRefine((rule, ctx) => {
    if (!rule.resourceNames) return;
    const unnameable = rule.verbs.filter((v) => UNNAMEABLE_VERBS.includes(v));
    if (unnameable.length)
      ctx.addIssue({
        code: 'custom',
        path: ['verbs'],
        message: `${unnameable.join(', ')} cannot be limited by resourceNames (the object has no name when it is authorized): put ${unnameable.length > 1 ? 'them' : 'it'} in a rule of its own`,
      });
  });

export const rbacField = z
  .array(rbacRule)
  .min(1)
  .describe(
    "What the component's ServiceAccount may do in the Kubernetes API: `{apiGroups, resources, verbs, resourceNames, clusterWide}` rules, written as a Role and RoleBinding (`clusterWide`: a ClusterRole and ClusterRoleBinding). The API token is then mounted unless `serviceAccount.automountToken` is false.",
  );

export type RbacRule = z.output<typeof rbacRule>;

/** Whether the component's pods mount their API token: `serviceAccount.automountToken`, default true with rbac, else false. */
export function mountsApiToken(c: { serviceAccount?: { automountToken?: boolean }; rbac?: RbacRule[] }): boolean {
  return c.serviceAccount?.automountToken ?? c.rbac !== undefined;
}
