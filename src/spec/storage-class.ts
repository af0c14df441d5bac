// StorageClasses the architecture defines (cluster-scoped: they serve every namespace, so name them
// for what they are, e.g. `fast-ssd`). Components ask for one by name in `storage.class`.
import * as z from 'zod';
import { isDnsSubdomain, isLabelKey } from './names.js';

export const storageClassesField = z
  .record(
    z.string().refine(isDnsSubdomain, 'expected a DNS subdomain name'),
    z.strictObject({
      // The API validates the provisioner as a qualified name (e.g. ebs.csi.aws.com, kubernetes.io/aws-ebs).
      provisioner: z
        .string()
        .refine(isLabelKey, 'expected a provisioner name such as ebs.csi.aws.com or kubernetes.io/aws-ebs'),
      /** Provisioner-specific; the API takes strings only, so numbers and booleans are written as strings. */
      parameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
      reclaimPolicy: z.enum(['Retain', 'Delete']).describe("Default: Delete (Kubernetes' default).").optional(),
      volumeBindingMode: z
        .enum(['Immediate', 'WaitForFirstConsumer'])
        .describe("Default: Immediate (Kubernetes' default).")
        .optional(),
      allowVolumeExpansion: z.boolean().optional(),
      mountOptions: z.array(z.string().min(1)).optional(),
      description: z.string().optional(),
    }),
  )
  .describe(
    'StorageClasses to create: `{name: {provisioner, parameters, reclaimPolicy, volumeBindingMode, allowVolumeExpansion}}`.',
  );
