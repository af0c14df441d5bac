// The architecture's StorageClasses (storage.k8s.io/v1), in the namespace-wide file. Kubernetes'
// defaults are written out where the spec gives none, so the manifest says what the cluster does.
import { ANNOTATIONS } from '../../k8s/annotations.js';
import type { KubeObject } from '../../k8s/object.js';
import type { GeneratorFamily } from '../family.js';

/** What the API server fills in when a StorageClass leaves them out. */
export const STORAGE_CLASS_DEFAULTS = { reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' } as const;

export const storageClassFamily: GeneratorFamily = {
  name: 'storage-class',
  forNamespace: (ctx) =>
    Object.entries(ctx.arch.storageClasses ?? {}).map(([name, sc]): KubeObject => ({
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      // Cluster-scoped: no namespace.
      metadata: {
        name,
        labels: { ...ctx.labels },
        ...(sc.description && { annotations: { [ANNOTATIONS.description]: sc.description } }),
      },
      provisioner: sc.provisioner,
      ...(sc.parameters && {
        parameters: Object.fromEntries(Object.entries(sc.parameters).map(([k, v]) => [k, String(v)])),
      }),
      reclaimPolicy: sc.reclaimPolicy ?? STORAGE_CLASS_DEFAULTS.reclaimPolicy,
      volumeBindingMode: sc.volumeBindingMode ?? STORAGE_CLASS_DEFAULTS.volumeBindingMode,
      ...(sc.allowVolumeExpansion !== undefined && { allowVolumeExpansion: sc.allowVolumeExpansion }),
      ...(sc.mountOptions && { mountOptions: sc.mountOptions }),
    })),
};
