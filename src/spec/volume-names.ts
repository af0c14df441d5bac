// The names of the volumes shipshape generates for a component's pod (its writable /tmp, the
// writablePaths, its mounted config and its storage), where users may choose them. `mounts` name
// these or the component's own `volumes`; synthesis and the spec's checks read the one list here.
import { COMPONENT_TYPE_TRAITS } from '../vocabulary/components.js';
import type { Component } from './schema.js';

export const TMP_VOLUME = 'tmp';

export interface GeneratedVolume {
  name: string;
  /** Where the generated volume is mounted in the main container. */
  mountPath: string;
  /** Path of the spec field that makes it, for error messages. */
  field: Array<string | number>;
}

/** The storage volume: a StatefulSet's is named after its claim template (`claimName`, default `data`); others' `volumeName`, default `data`. */
export function storageVolumeName(c: Component): string | undefined {
  if (!c.storage) return undefined;
  if (COMPONENT_TYPE_TRAITS[c.type].workload(c) === 'StatefulSet') return c.storage.claimName ?? 'data';
  return c.storage.volumeName ?? 'data';
}

/** Generated volumes in pod order: `tmp`, writablePaths (`writable-<n>`), config (`config`), storage (`data`). */
export function generatedVolumes(c: Component): GeneratedVolume[] {
  const out: GeneratedVolume[] = [{ name: TMP_VOLUME, mountPath: '/tmp', field: [] }];
  (c.writablePaths ?? []).forEach((w, i) => {
    const path = typeof w === 'string' ? w : w.path;
    const name = (typeof w === 'object' && w.volumeName) || `writable-${i + 1}`;
    out.push({ name, mountPath: path, field: ['writablePaths', i] });
  });
  if (c.config?.mountPath)
    out.push({ name: c.config.volumeName ?? 'config', mountPath: c.config.mountPath, field: ['config', 'mountPath'] });
  const storage = storageVolumeName(c);
  if (storage && c.storage)
    out.push({ name: storage, mountPath: c.storage.mountPath, field: ['storage', 'mountPath'] });
  return out;
}
