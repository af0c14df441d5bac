// summarizeResources: exact integers, Kubernetes defaulting and the pod resource model.
import { describe, it, expect } from 'vitest';
import { graphOf } from '../graph/helpers.js';
import { summarizeResources } from '../../src/sim/resources.js';
import { workloadsOf } from '../../src/graph/workloads.js';
import { InputError } from '../../src/diagnostics/index.js';

const yaml = (...docs: object[]) => docs.map((d) => JSON.stringify(d)).join('\n---\n');

function deploy(
  name: string,
  containers: object[],
  extra: {
    replicas?: number;
    initContainers?: object[];
    volumes?: object[];
    annotations?: Record<string, string>;
    kind?: string;
  } = {},
) {
  return {
    apiVersion: 'apps/v1',
    kind: extra.kind ?? 'Deployment',
    metadata: { name, namespace: 'shop', ...(extra.annotations && { annotations: extra.annotations }) },
    spec: {
      ...(extra.replicas !== undefined && { replicas: extra.replicas }),
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers,
          ...(extra.initContainers && { initContainers: extra.initContainers }),
          ...(extra.volumes && { volumes: extra.volumes }),
        },
      },
    },
  };
}
const c = (name: string, requests?: object, limits?: object) => ({
  name,
  image: 'x',
  resources: { ...(requests && { requests }), ...(limits && { limits }) },
});

describe('summarizeResources', () => {
  it('multiplies per-replica requests and limits by spec.replicas, exactly', async () => {
    const g = await graphOf(
      yaml(
        deploy(
          'web',
          [
            c('a', { cpu: '100m', memory: '128Mi' }, { cpu: '0.5', memory: '512Mi' }),
            c('b', { cpu: '50m', memory: '1G' }),
          ],
          { replicas: 3 },
        ),
      ),
    );
    const s = summarizeResources(g);
    expect(s.components).toEqual([
      {
        id: 'shop/web[Deployment]',
        replicas: { min: 3, max: 3 },
        perReplica: {
          cpuRequestMillis: 150,
          cpuLimitMillis: 500,
          memoryRequestBytes: 134217728 + 1e9,
          memoryLimitBytes: 536870912,
        },
        atMin: {
          cpuRequestMillis: 450,
          cpuLimitMillis: 1500,
          memoryRequestBytes: 3 * (134217728 + 1e9),
          memoryLimitBytes: 3 * 536870912,
        },
        atMax: {
          cpuRequestMillis: 450,
          cpuLimitMillis: 1500,
          memoryRequestBytes: 3 * (134217728 + 1e9),
          memoryLimitBytes: 3 * 536870912,
        },
        storageBytes: 0,
      },
    ]);
    expect(s.totals.atMin).toEqual(s.components[0].atMin);
  });

  it('defaults spec.replicas to 1 and a missing request to the limit', async () => {
    const s = summarizeResources(await graphOf(yaml(deploy('w', [c('a', undefined, { cpu: '2', memory: '1Gi' })]))));
    expect(s.components[0].replicas).toEqual({ min: 1, max: 1 });
    expect(s.components[0].perReplica).toEqual({
      cpuRequestMillis: 2000,
      cpuLimitMillis: 2000,
      memoryRequestBytes: 2 ** 30,
      memoryLimitBytes: 2 ** 30,
    });
  });

  it('takes min and max replicas from the HPA that targets the workload', async () => {
    const hpa = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'h', namespace: 'shop' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'w' },
        minReplicas: 2,
        maxReplicas: 10,
      },
    };
    const s = summarizeResources(
      await graphOf(yaml(deploy('w', [c('a', { cpu: '250m', memory: '256Mi' })], { replicas: 5 }), hpa)),
    );
    expect(s.components[0].replicas).toEqual({ min: 2, max: 10 });
    expect(s.components[0].atMin.cpuRequestMillis).toBe(500);
    expect(s.components[0].atMax.cpuRequestMillis).toBe(2500);
    expect(s.totals.atMax.memoryRequestBytes).toBe(10 * 256 * 2 ** 20);
  });

  it('counts a DaemonSet on its declared node count (shipshape.dev/nodes), 1 when undeclared', async () => {
    const ds = deploy('dind', [c('d', { cpu: '2', memory: '4Gi' })], {
      kind: 'DaemonSet',
      annotations: { 'shipshape.dev/nodes': '3' },
    });
    const ds2 = { ...deploy('agent', [c('d', { cpu: '100m' })], { kind: 'DaemonSet' }) };
    const s = summarizeResources(await graphOf(yaml(ds, ds2)));
    expect(s.components.map((x) => [x.id, x.replicas.max, x.atMax.cpuRequestMillis])).toEqual([
      ['shop/agent[DaemonSet]', 1, 100],
      ['shop/dind[DaemonSet]', 3, 6000],
    ]);
  });

  it('applies the init and sidecar container rules of the Kubernetes pod resource model', async () => {
    // The sidecar (restartPolicy Always) runs beside the app and beside every init container after it.
    const w = deploy('w', [c('app', { cpu: '100m', memory: '100Mi' })], {
      initContainers: [
        { ...c('migrate', { cpu: '500m', memory: '50Mi' }) },
        { ...c('proxy', { cpu: '50m', memory: '10Mi' }), restartPolicy: 'Always' },
        { ...c('late-init', { cpu: '100m', memory: '300Mi' }) },
      ],
    });
    const s = summarizeResources(await graphOf(yaml(w)));
    // cpu: max(app+sidecar = 150, migrate 500, late-init+sidecar 150) = 500
    // memory: max(110Mi, 50Mi, 300Mi+10Mi = 310Mi) = 310Mi
    expect(s.components[0].perReplica.cpuRequestMillis).toBe(500);
    expect(s.components[0].perReplica.memoryRequestBytes).toBe(310 * 2 ** 20);
  });

  it('counts storage of mounted PVCs once and volumeClaimTemplates × max replicas', async () => {
    const pvc = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'shared', namespace: 'shop' },
      spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '10Gi' } } },
    };
    const vol = [{ name: 'data', persistentVolumeClaim: { claimName: 'shared' } }];
    const sts = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'shop' },
      spec: {
        replicas: 3,
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: { metadata: { labels: { app: 'db' } }, spec: { containers: [c('pg', { cpu: '1' })] } },
        volumeClaimTemplates: [
          {
            metadata: { name: 'pgdata' },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '100Gi' } } },
          },
        ],
      },
    };
    const s = summarizeResources(
      await graphOf(yaml(pvc, sts, deploy('a', [c('x')], { volumes: vol }), deploy('b', [c('x')], { volumes: vol }))),
    );
    const byId = Object.fromEntries(s.components.map((x) => [x.id, x.storageBytes]));
    expect(byId).toEqual({
      'shop/a[Deployment]': 10 * 2 ** 30,
      'shop/b[Deployment]': 0,
      'shop/db[StatefulSet]': 300 * 2 ** 30,
    });
    expect(s.totals.storageBytes).toBe(310 * 2 ** 30);
  });

  it('reports a Job as its parallelism capped by completions, and a CronJob by its job template', async () => {
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'j', namespace: 'shop' },
      spec: {
        parallelism: 4,
        completions: 2,
        template: { spec: { restartPolicy: 'Never', containers: [c('x', { cpu: '1' })] } },
      },
    };
    const cron = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'cj', namespace: 'shop' },
      spec: {
        schedule: '0 * * * *',
        jobTemplate: {
          spec: { template: { spec: { restartPolicy: 'Never', containers: [c('x', { cpu: '200m' })] } } },
        },
      },
    };
    const s = summarizeResources(await graphOf(yaml(job, cron)));
    expect(s.components.map((x) => [x.id, x.replicas.max, x.atMax.cpuRequestMillis])).toEqual([
      ['shop/cj[CronJob]', 1, 200],
      ['shop/j[Job]', 2, 2000],
    ]);
  });

  it('totals are the sums of the components', async () => {
    const s = summarizeResources(
      await graphOf(
        yaml(
          deploy('a', [c('x', { cpu: '333m', memory: '1Mi' })], { replicas: 3 }),
          deploy('b', [c('x', { cpu: '1', memory: '1Gi' }, { cpu: '1.5' })], { replicas: 2 }),
        ),
      ),
    );
    for (const f of ['cpuRequestMillis', 'cpuLimitMillis', 'memoryRequestBytes', 'memoryLimitBytes'] as const) {
      expect(s.totals.atMax[f]).toBe(s.components.reduce((t, x) => t + x.atMax[f], 0));
    }
    expect(s.totals.atMax.cpuRequestMillis).toBe(999 + 2000);
  });

  it('names the object and field path of a malformed quantity (InputError)', async () => {
    const g = await graphOf(yaml(deploy('bad', [c('x', { cpu: 'lots' })])));
    expect(() => summarizeResources(g)).toThrow(InputError);
    expect(() => summarizeResources(g)).toThrow(
      /shop\/bad\[Deployment\] spec\.template\.spec\.containers\[0\]\.resources\.requests\.cpu: "lots" is not a Kubernetes quantity/,
    );
  });

  it('names the pods of a kubectl pod list after their absent ReplicaSet, as graph and reach do, counting the distinct pods', async () => {
    const pod = (name: string, owner: string) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: 'shop',
        labels: { app: 'cart' },
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner, uid: `u-${owner}`, controller: true },
        ],
      },
      spec: { containers: [c('cart', { cpu: '200m', memory: '64Mi' })] },
    });
    const lone = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'debug', namespace: 'shop' },
      spec: { containers: [c('sh', { cpu: '10m' })] },
    };
    const g = await graphOf(
      yaml(
        pod('cart-7d9f-a', 'cart-7d9f'),
        pod('cart-7d9f-b', 'cart-7d9f'),
        pod('cart-7d9f-c', 'cart-7d9f'),
        pod('cart-55aa-x', 'cart-55aa'),
        lone,
      ),
    );
    const s = summarizeResources(g);
    expect(s.components.map((x) => [x.id, x.replicas])).toEqual([
      ['shop/cart-55aa[ReplicaSet]', { min: 1, max: 1 }],
      ['shop/cart-7d9f[ReplicaSet]', { min: 3, max: 3 }],
      ['shop/debug[Pod]', { min: 1, max: 1 }],
    ]);
    expect(s.components[1].atMax.cpuRequestMillis).toBe(600);
    expect(s.totals.atMax.cpuRequestMillis).toBe(200 + 600 + 10);
  });

  it('workloadsOf: controllers the input lacks name their objects, by the shared top-owner rule', async () => {
    const owned = (o: any, kind: string, name: string) => ({
      ...o,
      metadata: { ...o.metadata, ownerReferences: [{ apiVersion: 'apps/v1', kind, name, uid: 'u', controller: true }] },
    });
    const rs = owned({ ...deploy('web-5f', [c('x')]), kind: 'ReplicaSet' }, 'Deployment', 'web');
    const orphan = owned({ ...deploy('api-9c', [c('x')]), kind: 'ReplicaSet' }, 'Deployment', 'api');
    const selfOwned = owned(deploy('loop', [c('x')]), 'Deployment', 'loop'); // a broken reference must not hide the workload
    const g = await graphOf(yaml(deploy('web', [c('x')]), rs, orphan, selfOwned));
    expect(workloadsOf(g).map((x) => [x.id, x.node.id])).toEqual([
      ['shop/api[Deployment]', 'shop/api-9c[ReplicaSet]'],
      ['shop/loop[Deployment]', 'shop/loop[Deployment]'],
      ['shop/web[Deployment]', 'shop/web[Deployment]'],
    ]);
  });
});
