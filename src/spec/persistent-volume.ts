// A pre-provisioned volume for a component's claim (`storage.volume`): shipshape writes the
// PersistentVolume and the claim binds to it by `volumeName`, instead of asking a StorageClass to
// provision one. The volume is one of a CSI driver's (EFS, EBS, …), NFS, or a node's hostPath
// (flagged by `check`: it ties the data to one node).
import * as z from 'zod';
import { isQuantity } from '../vocabulary/quantity.js';
import { isDnsSubdomain, isLabelKey } from './names.js';

const absolutePath = z.string().regex(/^\/[^:]*$/, 'expected an absolute path without ":"');

/** What Kubernetes does with a manually created PersistentVolume when its claim is deleted. */
export const PERSISTENT_VOLUME_DEFAULT_RECLAIM = 'Retain';

export const persistentVolumeField = z
  .strictObject({
    name: z.string().refine(isDnsSubdomain, 'expected a DNS subdomain name'),
    capacity: z
      .union([z.string(), z.number()])
      .refine(isQuantity, 'expected a Kubernetes quantity such as 500Gi')
      .describe('Default: the claim size (`storage.size`).')
      .optional(),
    csi: z
      .strictObject({
        driver: z.string().refine(isLabelKey, 'expected a CSI driver name such as efs.csi.aws.com'),
        volumeHandle: z.string().min(1).describe('The volume in the driver, e.g. an EFS file-system id.'),
        fsType: z.string().optional(),
        volumeAttributes: z.record(z.string(), z.string()).optional(),
        readOnly: z.boolean().optional(),
      })
      .optional(),
    nfs: z.strictObject({ server: z.string().min(1), path: absolutePath, readOnly: z.boolean().optional() }).optional(),
    hostPath: z
      .strictObject({
        path: absolutePath,
        type: z
          .enum(['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'])
          .optional(),
      })
      .describe("A node's directory: the data stays on that node (flagged by check host-path-persistent-volume).")
      .optional(),
    reclaimPolicy: z
      .enum(['Retain', 'Delete'])
      .describe(
        `When the claim is deleted; default ${PERSISTENT_VOLUME_DEFAULT_RECLAIM} (Kubernetes' default for a volume created by hand).`,
      )
      .optional(),
    storageClassName: z
      .string()
      .refine(isDnsSubdomain, 'expected a DNS subdomain name')
      .describe(
        'Class of the volume and its claim; default `storage.class`, else none ("", so no default class applies).',
      )
      .optional(),
    mountOptions: z.array(z.string().min(1)).optional(),
  })
  .refine(
    (v) => [v.csi, v.nfs, v.hostPath].filter((x) => x !== undefined).length === 1,
    'expected exactly one of csi, nfs, hostPath',
  )
  .describe('A pre-provisioned PersistentVolume the claim binds to by name.');
