import { describe, expect, it } from 'vitest';
import { validateObject } from '../../src/k8s/validate.js';
import { architectureSchema } from '../../src/spec/schema.js';
import { arch, find, objects } from './helpers.js';

const DB = {
  db: {
    type: 'database' as const,
    image: 'postgres:16',
    ports: { pg: 5432 },
    storage: { size: '10Gi', mountPath: '/data', class: 'fast-ssd' },
  },
};

describe('storageClasses', () => {
  it('become cluster-scoped storage.k8s.io/v1 StorageClasses exactly as declared', () => {
    const list = objects(
      arch(DB, {
        storageClasses: {
          'fast-ssd': {
            provisioner: 'kubernetes.io/aws-ebs',
            parameters: { type: 'gp3', fsType: 'ext4', encrypted: true, iops: 3000 },
            allowVolumeExpansion: true,
            reclaimPolicy: 'Retain',
            volumeBindingMode: 'WaitForFirstConsumer',
          },
        },
      }),
    );
    const sc = find(list, 'StorageClass', 'fast-ssd');
    expect(sc.apiVersion).toBe('storage.k8s.io/v1');
    expect(sc.metadata.namespace).toBeUndefined();
    expect(sc).toMatchObject({
      provisioner: 'kubernetes.io/aws-ebs',
      parameters: { type: 'gp3', fsType: 'ext4', encrypted: 'true', iops: '3000' },
      allowVolumeExpansion: true,
      reclaimPolicy: 'Retain',
      volumeBindingMode: 'WaitForFirstConsumer',
    });
    expect(validateObject(sc)).toEqual([]);
  });

  it("writes Kubernetes' defaults (Delete, Immediate) where none are given", () => {
    const sc = find(
      objects(arch(DB, { storageClasses: { 'fast-ssd': { provisioner: 'ebs.csi.aws.com' } } })),
      'StorageClass',
      'fast-ssd',
    );
    expect(sc).toMatchObject({ reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
    expect(sc.parameters).toBeUndefined();
  });

  it('none unless declared; a bad provisioner or policy is a spec error', () => {
    expect(objects(arch(DB)).some((o) => o.kind === 'StorageClass')).toBe(false);
    const bad = architectureSchema.safeParse({
      name: 's',
      namespace: 's',
      storageClasses: { ssd: { provisioner: 'not a name', reclaimPolicy: 'Recycle' } },
      components: {},
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.'))).toEqual([
      'storageClasses.ssd.provisioner',
      'storageClasses.ssd.reclaimPolicy',
    ]);
  });
});
