// Issue 15, part A: what each new component field turns into, validated against Kubernetes 1.33.
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/checks/index.js';
import { buildGraph } from '../../src/graph/index.js';
import type { KubeObject } from '../../src/k8s/object.js';
import { validateObject } from '../../src/k8s/validate.js';
import { applyProfile } from '../../src/spec/profile.js';
import { architectureSchema } from '../../src/spec/schema.js';
import { arch, find, objects } from './helpers.js';

const WEB = { type: 'web' as const, image: 'w:1.0', ports: { http: 8080 } };

function valid(list: KubeObject[]): KubeObject[] {
  for (const o of list) expect(validateObject(o), `${o.kind}/${o.metadata.name}`).toEqual([]);
  return list;
}

const podOf = (list: KubeObject[], kind = 'Deployment', name = 'w'): any => find(list, kind, name).spec.template.spec;

describe('initContainers and sidecars', () => {
  const list = valid(
    objects(
      arch({
        w: {
          ...WEB,
          initContainers: [
            { name: 'migrate', image: 'm:1.0', command: ['migrate', 'up'], env: { MODE: 'up' } },
            {
              name: 'proxy',
              image: 'p:1.0',
              restartPolicy: 'Always',
              ports: { proxy: { port: 9000, containerPort: 9001 } },
              probes: { readiness: { http: { path: '/ready' } } },
              resources: { requests: { cpu: '50m' }, limits: { memory: '64Mi' } },
              security: { runAsUser: 2000 },
              mounts: [{ volume: 'tmp', mountPath: '/cache', subPath: 'proxy' }],
            },
          ],
        },
      }),
    ),
  );
  const pod = podOf(list);

  it('run in declared order with the restricted defaults, requests, limits and the writable /tmp', () => {
    expect(pod.initContainers.map((c: any) => c.name)).toEqual(['migrate', 'proxy']);
    const [migrate, proxy] = pod.initContainers;
    expect(migrate.restartPolicy).toBeUndefined();
    expect(migrate).toMatchObject({
      command: ['migrate', 'up'],
      env: [{ name: 'MODE', value: 'up' }],
      securityContext: {
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        capabilities: { drop: ['ALL'] },
      },
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
      volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
    });
    expect(proxy).toMatchObject({
      restartPolicy: 'Always',
      securityContext: { runAsUser: 2000, runAsNonRoot: true },
      resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '50m', memory: '64Mi' } },
      volumeMounts: [
        { name: 'tmp', mountPath: '/tmp' },
        { name: 'tmp', mountPath: '/cache', subPath: 'proxy' },
      ],
    });
  });

  it("a sidecar's ports join the component's Service, and its probes default to its own first port", () => {
    const [, proxy] = pod.initContainers;
    expect(proxy.ports).toEqual([{ name: 'proxy', containerPort: 9001, protocol: 'TCP' }]);
    expect(proxy.readinessProbe.httpGet).toEqual({ path: '/ready', port: 'proxy' });
    expect(proxy.livenessProbe).toBeUndefined();
    expect(pod.containers[0].ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    expect(find(list, 'Service', 'w').spec.ports.map((p: any) => [p.name, p.port, p.targetPort])).toEqual([
      ['http', 8080, 'http'],
      ['proxy', 9000, 'proxy'],
    ]);
  });
});

describe('volumes and mounts', () => {
  const list = valid(
    objects(
      arch(
        {
          w: {
            ...WEB,
            config: { data: { a: 'b' }, mountPath: '/etc/app', volumeName: 'config-volume' },
            writablePaths: [{ path: '/var/cache', sizeLimit: '1Gi', volumeName: 'cache' }],
            storage: { size: '1Gi', mountPath: '/data', volumeName: 'data-volume' },
            volumes: {
              scratch: { emptyDir: { sizeLimit: '2Gi', medium: 'Memory' } },
              settings: { configMap: 'shared', items: [{ key: 'a.yaml', path: 'a.yaml' }], optional: true },
              certs: { secret: 'certs', items: [{ key: 'tls.crt', path: 'tls.crt', mode: 0o400 }] },
              bundle: {
                projected: [{ secret: 'certs' }, { serviceAccountToken: { path: 'token', audience: 'vault' } }],
              },
              shared: { claim: 'shared-data', readOnly: true },
            },
            mounts: [
              { volume: 'scratch', mountPath: '/scratch' },
              { volume: 'settings', mountPath: '/etc/shared/a.yaml', subPath: 'a.yaml', readOnly: true },
              { volume: 'certs', mountPath: '/certs', readOnly: true },
              { volume: 'bundle', mountPath: '/bundle' },
              { volume: 'shared', mountPath: '/shared' },
            ],
          },
        },
        { secrets: { certs: { keys: ['tls.crt', 'tls.key'] } } },
      ),
    ),
  );
  const pod = podOf(list);

  it('generated volumes keep the names users choose', () => {
    const byPath = Object.fromEntries(pod.containers[0].volumeMounts.map((m: any) => [m.mountPath, m.name]));
    expect(byPath).toMatchObject({ '/etc/app': 'config-volume', '/var/cache': 'cache', '/data': 'data-volume' });
    expect(pod.volumes.find((v: any) => v.name === 'data-volume').persistentVolumeClaim).toEqual({
      claimName: 'w-data',
    });
  });

  it('declared volumes become the pod volumes of their source, mounted where the mounts say', () => {
    const v = Object.fromEntries(pod.volumes.map((x: any) => [x.name, x]));
    expect(v.scratch.emptyDir).toEqual({ medium: 'Memory', sizeLimit: '2Gi' });
    expect(v.settings.configMap).toEqual({
      name: 'shared',
      items: [{ key: 'a.yaml', path: 'a.yaml' }],
      optional: true,
    });
    expect(v.certs.secret).toEqual({ secretName: 'certs', items: [{ key: 'tls.crt', path: 'tls.crt', mode: 0o400 }] });
    expect(v.bundle.projected.sources).toEqual([
      { secret: { name: 'certs' } },
      { serviceAccountToken: { path: 'token', audience: 'vault' } },
    ]);
    expect(v.shared.persistentVolumeClaim).toEqual({ claimName: 'shared-data', readOnly: true });
    expect(pod.containers[0].volumeMounts).toEqual(
      expect.arrayContaining([
        { name: 'settings', mountPath: '/etc/shared/a.yaml', subPath: 'a.yaml', readOnly: true },
        { name: 'shared', mountPath: '/shared' },
      ]),
    );
  });

  it('the graph sees declared volumes as uses edges', () => {
    const graph = buildGraph(list.map((object) => ({ object, source: { file: 'x' } })));
    const uses = graph.edges.filter((e) => e.type === 'uses' && e.from === 'shop/w[Deployment]').map((e) => e.to);
    expect(uses).toEqual(
      expect.arrayContaining([
        'shop/shared[ConfigMap]',
        'shop/certs[Secret]',
        'shop/shared-data[PersistentVolumeClaim]',
      ]),
    );
  });
});

describe('pod settings', () => {
  const list = valid(
    objects(
      arch(
        {
          w: {
            ...WEB,
            terminationGracePeriodSeconds: 45,
            lifecycle: { preStop: { sleep: 5 } },
            imagePullSecrets: ['registry'],
            hostAliases: [{ ip: '10.1.2.3', hostnames: ['legacy.internal'] }],
            dnsConfig: { options: [{ name: 'ndots', value: '2' }] },
            shareProcessNamespace: true,
            scheduling: {
              topologySpread: [
                { over: 'zone', whenUnsatisfiable: 'DoNotSchedule' },
                { over: 'hostname', maxSkew: 2 },
              ],
            },
            service: { sessionAffinity: 'ClientIP', sessionAffinityTimeoutSeconds: 600 },
          },
        },
        { secrets: { registry: { keys: ['.dockerconfigjson'] } } },
      ),
    ),
  );
  const pod = podOf(list);

  it('are written on the pod, the main container and the Service', () => {
    expect(pod).toMatchObject({
      terminationGracePeriodSeconds: 45,
      imagePullSecrets: [{ name: 'registry' }],
      hostAliases: [{ ip: '10.1.2.3', hostnames: ['legacy.internal'] }],
      dnsConfig: { options: [{ name: 'ndots', value: '2' }] },
      shareProcessNamespace: true,
    });
    expect(pod.containers[0].lifecycle).toEqual({ preStop: { sleep: { seconds: 5 } } });
    expect(find(list, 'Service', 'w').spec).toMatchObject({
      sessionAffinity: 'ClientIP',
      sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } },
    });
  });

  it('topologySpread spreads the pods over zone and hostname with the defaults maxSkew 1, ScheduleAnyway', () => {
    const selector = { matchLabels: { 'app.kubernetes.io/name': 'w', 'app.kubernetes.io/instance': 'shop' } };
    expect(pod.topologySpreadConstraints).toEqual([
      {
        topologyKey: 'topology.kubernetes.io/zone',
        maxSkew: 1,
        whenUnsatisfiable: 'DoNotSchedule',
        labelSelector: selector,
      },
      {
        topologyKey: 'kubernetes.io/hostname',
        maxSkew: 2,
        whenUnsatisfiable: 'ScheduleAnyway',
        labelSelector: selector,
      },
    ]);
  });

  it("none of them is written when not given (Kubernetes' defaults apply)", () => {
    const plain = podOf(objects(arch({ w: WEB })));
    for (const field of [
      'terminationGracePeriodSeconds',
      'imagePullSecrets',
      'hostAliases',
      'dnsConfig',
      'shareProcessNamespace',
      'topologySpreadConstraints',
      'initContainers',
    ])
      expect(plain[field], field).toBeUndefined();
    expect(plain.containers[0].lifecycle).toBeUndefined();
  });
});

describe('limits.cpu: none', () => {
  it('leaves the CPU limit out on purpose and keeps memory limited', () => {
    const r = (resources: object) => podOf(objects(arch({ w: { ...WEB, resources } }))).containers[0].resources;
    expect(r({ requests: { cpu: '250m' }, limits: { cpu: 'none' } })).toEqual({
      requests: { cpu: '250m', memory: '128Mi' },
      limits: { memory: '256Mi' },
    });
    expect(r({ limits: { cpu: 'none', memory: '1Gi' } })).toEqual({
      requests: { cpu: '100m', memory: '1Gi' },
      limits: { memory: '1Gi' },
    });
    expect(r({ requests: { cpu: '250m' } }).limits.cpu).toBe('250m');
  });
});

describe('storage.volume: a pre-provisioned PersistentVolume', () => {
  const build = (volume: object, storage: object = {}) =>
    valid(
      objects(
        arch({
          w: {
            type: 'worker',
            image: 'w:1.0',
            storage: {
              size: '10Gi',
              mountPath: '/data',
              accessMode: 'ReadWriteMany',
              ...storage,
              volume: { name: 'w-pv', ...volume } as never,
            },
          },
        }),
      ),
    );

  it('is written cluster-scoped; the claim binds to it by volumeName in the same class ("" when none)', () => {
    const list = build({ csi: { driver: 'efs.csi.aws.com', volumeHandle: 'fs-1' } });
    const pv = find(list, 'PersistentVolume', 'w-pv');
    expect(pv.metadata.namespace).toBeUndefined();
    expect(pv.spec).toEqual({
      capacity: { storage: '10Gi' },
      accessModes: ['ReadWriteMany'],
      persistentVolumeReclaimPolicy: 'Retain',
      storageClassName: '',
      csi: { driver: 'efs.csi.aws.com', volumeHandle: 'fs-1' },
    });
    expect(find(list, 'PersistentVolumeClaim', 'w-data').spec).toMatchObject({
      volumeName: 'w-pv',
      storageClassName: '',
    });
  });

  it('takes capacity, reclaimPolicy, class, mountOptions and an nfs or hostPath source', () => {
    const list = build(
      {
        nfs: { server: 'nfs.example.com', path: '/exports' },
        capacity: '20Gi',
        reclaimPolicy: 'Delete',
        mountOptions: ['nfsvers=4.1'],
      },
      { class: 'nfs' },
    );
    expect(find(list, 'PersistentVolume', 'w-pv').spec).toMatchObject({
      capacity: { storage: '20Gi' },
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'nfs',
      mountOptions: ['nfsvers=4.1'],
      nfs: { server: 'nfs.example.com', path: '/exports' },
    });
    expect(find(list, 'PersistentVolumeClaim', 'w-data').spec.storageClassName).toBe('nfs');
    expect(
      find(build({ hostPath: { path: '/mnt/w', type: 'DirectoryOrCreate' } }), 'PersistentVolume', 'w-pv').spec
        .hostPath,
    ).toEqual({
      path: '/mnt/w',
      type: 'DirectoryOrCreate',
    });
  });

  it('the graph has the PersistentVolume and the claims edge PVC → PV; check flags a hostPath volume only', () => {
    const findings = (list: KubeObject[]) => {
      const graph = buildGraph(list.map((object) => ({ object, source: { file: 'x' } })));
      expect(graph.byId.has('w-pv[PersistentVolume]')).toBe(true);
      expect(graph.edges.filter((e) => e.type === 'claims').map((e) => `${e.from} → ${e.to}`)).toContain(
        'shop/w-data[PersistentVolumeClaim] → w-pv[PersistentVolume]',
      );
      return runChecks(graph).filter((f) => f.check === 'host-path-persistent-volume');
    };
    expect(findings(build({ hostPath: { path: '/mnt/w' } }))).toEqual([
      expect.objectContaining({ object: 'w-pv[PersistentVolume]', path: 'spec.hostPath' }),
    ]);
    expect(findings(build({ nfs: { server: 'n', path: '/x' } }))).toEqual([]);
  });
});

describe('profiles merge the new fields', () => {
  it('a profile adds volumes and mounts and overrides pod settings field by field', () => {
    const raw = {
      name: 'shop',
      namespace: 'shop',
      kubernetesVersion: '1.33',
      components: { w: { ...WEB, terminationGracePeriodSeconds: 30, volumes: { a: { emptyDir: {} } } } },
      profiles: {
        prod: {
          kubernetesVersion: '1.31',
          components: {
            w: {
              terminationGracePeriodSeconds: 60,
              volumes: { b: { emptyDir: {} } },
              mounts: [{ volume: 'b', mountPath: '/b' }],
            },
          },
        },
      },
    };
    const merged = architectureSchema.parse(applyProfile(raw, 'prod', 'x.yaml'));
    expect(merged.kubernetesVersion).toBe('1.31');
    const w = merged.components.w;
    expect(w.terminationGracePeriodSeconds).toBe(60);
    expect(Object.keys(w.volumes ?? {})).toEqual(['a', 'b']);
    expect(podOf(objects(merged)).containers[0].volumeMounts).toContainEqual({ name: 'b', mountPath: '/b' });
  });
});
