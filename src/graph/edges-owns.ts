// `owns` edges: controller ownerReferences between objects that are both in the input
// (CronJob → Job → Pod, Deployment → ReplicaSet → Pod in `kubectl get -o yaml` output).
// An owner that is not in the input is simply not drawn: manifests rarely hold both ends.
import type { BuildContext } from './context.js';
import { controllerOf } from './owner.js';

export function addOwnsEdges(ctx: BuildContext): void {
  for (const node of ctx.nodes) {
    const owner = controllerOf(node.object, node.namespace);
    if (owner && ctx.byId.has(owner))
      ctx.add({ type: 'owns', from: owner, to: node.id, evidence: 'metadata.ownerReferences' });
  }
}
