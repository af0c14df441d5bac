import { describe, expect, it } from 'vitest';
import { validateObject } from '../../src/k8s/validate.js';
import { architectureSchema } from '../../src/spec/schema.js';
import { checkSemantics } from '../../src/spec/semantics.js';
import { arch, find, objects } from './helpers.js';

describe('storage claim names, shared daemon volumes, emptyDir size limits', () => {
  it('a StatefulSet names its volumeClaimTemplate (and the mounted volume) after claimName', () => {
    const sts = find(
      objects(
        arch({
          postgresql: {
            type: 'database',
            image: 'postgres:16',
            ports: { pg: 5432 },
            storage: { size: '100Gi', mountPath: '/var/lib/postgresql/data', claimName: 'postgres-data' },
          },
        }),
      ),
      'StatefulSet',
      'postgresql',
    );
    expect(sts.spec.volumeClaimTemplates.map((t: any) => t.metadata.name)).toEqual(['postgres-data']);
    expect(sts.spec.template.spec.containers[0].volumeMounts).toContainEqual({
      name: 'postgres-data',
      mountPath: '/var/lib/postgresql/data',
    });
    expect(validateObject(sts)).toEqual([]);
  });

  it('a Deployment mounts the PVC of that name; the default stays <component>-data', () => {
    const list = objects(
      arch({
        cdc: {
          type: 'worker',
          image: 'c:1',
          storage: { size: '10Gi', mountPath: '/var/log/cdc', claimName: 'cartridge-warp-logs' },
        },
        plain: { type: 'worker', image: 'p:1', storage: { size: '1Gi', mountPath: '/data' } },
      }),
    );
    expect(find(list, 'PersistentVolumeClaim', 'cartridge-warp-logs').spec.resources.requests.storage).toBe('10Gi');
    expect(find(list, 'Deployment', 'cdc').spec.template.spec.volumes).toContainEqual({
      name: 'data',
      persistentVolumeClaim: { claimName: 'cartridge-warp-logs' },
    });
    expect(find(list, 'PersistentVolumeClaim', 'plain-data')).toBeTruthy();
  });

  it('a daemon shares one ReadWriteMany claim across its pods; ReadWriteOnce is a spec error', () => {
    const dind = (accessMode: 'ReadWriteMany' | 'ReadWriteOnce') => ({
      docker: {
        type: 'daemon' as const,
        image: 'docker:27-dind',
        storage: { size: '500Gi', mountPath: '/var/lib/docker', accessMode, claimName: 'docker-volumes' },
      },
    });
    const list = objects(arch(dind('ReadWriteMany')));
    expect(find(list, 'PersistentVolumeClaim', 'docker-volumes').spec.accessModes).toEqual(['ReadWriteMany']);
    const ds = find(list, 'DaemonSet', 'docker');
    expect(ds.spec.template.spec.volumes).toContainEqual({
      name: 'data',
      persistentVolumeClaim: { claimName: 'docker-volumes' },
    });
    expect(validateObject(ds)).toEqual([]);
    expect(checkSemantics(arch(dind('ReadWriteOnce')))).toEqual([
      {
        path: ['components', 'docker', 'storage', 'accessMode'],
        message: expect.stringContaining('expected ReadWriteMany or ReadOnlyMany'),
      },
    ]);
  });

  it('a writable path with a sizeLimit becomes a capped emptyDir', () => {
    const d = find(
      objects(
        arch({
          w: { type: 'worker', image: 'w:1', writablePaths: [{ path: '/tmp/cdc', sizeLimit: '1Gi' }, '/var/run'] },
        }),
      ),
      'Deployment',
      'w',
    );
    expect(d.spec.template.spec.volumes).toEqual(
      expect.arrayContaining([
        { name: 'writable-1', emptyDir: { sizeLimit: '1Gi' } },
        { name: 'writable-2', emptyDir: {} },
      ]),
    );
    expect(d.spec.template.spec.containers[0].volumeMounts).toContainEqual({
      name: 'writable-1',
      mountPath: '/tmp/cdc',
    });
    expect(
      architectureSchema.safeParse({
        name: 's',
        namespace: 's',
        components: { w: { type: 'worker', image: 'w:1', writablePaths: [{ path: '/x', sizeLimit: 'lots' }] } },
      }).success,
    ).toBe(false);
  });
});
