// One ServiceAccount per component, so permissions can be granted per component; its API token is
// not mounted unless the spec asks (`serviceAccount.automountToken`).
import type { GeneratorFamily } from '../registry.js';

export const serviceAccountFamily: GeneratorFamily = {
  name: 'service-account',
  forComponent: (ctx) => [{
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: ctx.meta(ctx.name),
    automountServiceAccountToken: ctx.component.serviceAccount?.automountToken ?? false,
  }],
};
