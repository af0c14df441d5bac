// A PersistentVolumeClaim (`storage.claimName`, default `<component>-data`) for components with
// storage that are not StatefulSets (those claim theirs through volumeClaimTemplates, see
// workload.ts). A daemon's pods all share it, so it must be ReadWriteMany or ReadOnlyMany (semantics.ts).
import { claimName } from '../pod.js';
import { preProvisionedClass } from './persistent-volume.js';
import { COMPONENT_TYPE_TRAITS } from '../../vocabulary/components.js';
import type { GeneratorFamily } from '../family.js';

export const storageFamily: GeneratorFamily = {
  name: 'storage',
  forComponent: (ctx) => {
    const s = ctx.component.storage;
    if (!s || COMPONENT_TYPE_TRAITS[ctx.type].workload(ctx.component) === 'StatefulSet') return [];
    return [
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: ctx.meta(claimName(ctx)),
        spec: {
          // Default: ReadWriteOnce.
          accessModes: [s.accessMode ?? 'ReadWriteOnce'],
          // A pre-provisioned volume: bind to it by name, in its class ("" for none).
          ...(s.volume
            ? { storageClassName: preProvisionedClass(s), volumeName: s.volume.name }
            : s.class && { storageClassName: s.class }),
          resources: { requests: { storage: String(s.size) } },
        },
      },
    ];
  },
};
