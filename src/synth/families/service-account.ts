// One ServiceAccount per component, so permissions can be granted per component — or one shared
// by the components naming it in `serviceAccount.name`, made once per namespace (a pod can only run
// as a ServiceAccount of its own namespace), in the file of the first of them there. Its API token is not mounted unless the spec asks
// (`serviceAccount.automountToken`) or grants the ServiceAccount permissions (`rbac`, see spec/rbac.ts).
import { mountsApiToken } from '../../spec/rbac.js';
import { namespaceOf } from '../../spec/semantics.js';
import type { ComponentContext } from '../context.js';
import type { GeneratorFamily } from '../family.js';

/** The ServiceAccount the component's pods run as: `serviceAccount.name`, default the component's name. */
export function serviceAccountName(ctx: ComponentContext): string {
  return ctx.component.serviceAccount?.name ?? ctx.name;
}

/** Whether this component makes its ServiceAccount (and the RBAC objects granting to it): always for its own, for a shared one only the first naming it in its namespace. */
export function makesServiceAccount(ctx: ComponentContext): boolean {
  const shared = ctx.component.serviceAccount?.name;
  if (shared === undefined) return true;
  const first = Object.entries(ctx.arch.components).find(
    ([name, c]) => c.serviceAccount?.name === shared && namespaceOf(ctx.arch, name) === ctx.namespace,
  )?.[0];
  return first === ctx.name;
}

export const serviceAccountFamily: GeneratorFamily = {
  name: 'service-account',
  forComponent: (ctx) =>
    makesServiceAccount(ctx)
      ? [
          {
            apiVersion: 'v1',
            kind: 'ServiceAccount',
            metadata: ctx.meta(serviceAccountName(ctx)),
            automountServiceAccountToken: mountsApiToken(ctx.component),
          },
        ]
      : [],
};
