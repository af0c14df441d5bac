// A component's pre-provisioned PersistentVolume (`storage.volume`), in the component's file. The
// claim (storage.ts) binds to it by `volumeName`; both carry the same class, "" when none is given,
// so the cluster's default class is not put on the claim (a claim binds only to a volume of its class).
import type { KubeObject } from '../../k8s/object.js';
import type { Component } from '../../spec/schema.js';
import { PERSISTENT_VOLUME_DEFAULT_RECLAIM } from '../../spec/persistent-volume.js';
import type { GeneratorFamily } from '../family.js';

/** The class a pre-provisioned volume and its claim share: `storage.volume.storageClassName`, else `storage.class`, else "". */
export function preProvisionedClass(storage: NonNullable<Component['storage']>): string {
  return storage.volume?.storageClassName ?? storage.class ?? '';
}

export const persistentVolumeFamily: GeneratorFamily = {
  name: 'persistent-volume',
  forComponent: (ctx) => {
    const s = ctx.component.storage;
    const v = s?.volume;
    if (!s || !v) return [];
    const source = v.csi
      ? { csi: v.csi }
      : v.nfs
        ? { nfs: v.nfs }
        : { hostPath: { path: v.hostPath!.path, ...(v.hostPath!.type !== undefined && { type: v.hostPath!.type }) } };
    const pv: KubeObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      // Cluster-scoped: no namespace.
      metadata: { name: v.name, labels: { ...ctx.labels } },
      spec: {
        capacity: { storage: String(v.capacity ?? s.size) },
        accessModes: [s.accessMode ?? 'ReadWriteOnce'],
        persistentVolumeReclaimPolicy: v.reclaimPolicy ?? PERSISTENT_VOLUME_DEFAULT_RECLAIM,
        storageClassName: preProvisionedClass(s),
        ...(v.mountOptions && { mountOptions: v.mountOptions }),
        ...source,
      },
    };
    return [pv];
  },
};
