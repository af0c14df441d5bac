import { describe, expect, it } from 'vitest';
import { containersOf, podTemplateOf } from '../../src/k8s/podspec.js';
import { arch, find, objects } from './helpers.js';

const TYPES = [
  { type: 'web', ports: { http: 8080 } },
  { type: 'frontend', ports: { http: 8080 } },
  { type: 'worker' },
  { type: 'database', ports: { pg: 5432 } },
  { type: 'cache', ports: { redis: 6379 } },
  { type: 'broker', ports: { amqp: 5672 } },
  { type: 'job' },
  { type: 'cronjob', schedule: '@daily' },
  { type: 'daemon' },
] as const;

describe('pod template', () => {
  it('every component type gets the restricted security settings, its own ServiceAccount, requests and limits', () => {
    const components = Object.fromEntries(TYPES.map((t) => [`c-${t.type}`, { ...t, image: 'img:1' }]));
    const list = objects(arch(components as any));
    for (const name of Object.keys(components)) {
      const workload = list.find((o) => o.metadata.name === name && podTemplateOf(o))!;
      const pod = podTemplateOf(workload)!;
      expect(pod.spec.serviceAccountName).toBe(name);
      expect(pod.spec.automountServiceAccountToken).toBe(false);
      expect(pod.spec.securityContext).toEqual({
        runAsNonRoot: true,
        runAsUser: 1000,
        runAsGroup: 1000,
        fsGroup: 1000,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(pod.spec.volumes).toContainEqual({ name: 'tmp', emptyDir: {} });
      for (const { container } of containersOf(pod)) {
        expect(container.securityContext).toEqual({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          runAsNonRoot: true,
          capabilities: { drop: ['ALL'] },
        });
        expect(container.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
        expect(Object.keys(container.resources!.requests!)).toEqual(['cpu', 'memory']);
        expect(Object.keys(container.resources!.limits!)).toEqual(['cpu', 'memory']);
      }
      expect(find(list, 'ServiceAccount', name).automountServiceAccountToken).toBe(false);
    }
  });

  it('fills requests from limits and limits from requests, per resource; defaults otherwise', () => {
    const c = find(
      objects(
        arch({
          w: { type: 'worker', image: 'w:1', resources: { requests: { cpu: '200m' }, limits: { memory: '1Gi' } } },
        }),
      ),
      'Deployment',
      'w',
    ).spec.template.spec.containers[0];
    expect(c.resources).toEqual({ requests: { cpu: '200m', memory: '1Gi' }, limits: { cpu: '200m', memory: '1Gi' } });
    const d = find(objects(arch({ w: { type: 'worker', image: 'w:1' } })), 'Deployment', 'w').spec.template.spec
      .containers[0];
    expect(d.resources).toEqual({
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { cpu: '500m', memory: '256Mi' },
    });
  });

  it('probes: TCP on the first port by default for serving components, none for a worker without ports', () => {
    const list = objects(
      arch({ web: { type: 'web', image: 'n:1', ports: { http: 8080 } }, w: { type: 'worker', image: 'w:1' } }),
    );
    const web = find(list, 'Deployment', 'web').spec.template.spec.containers[0];
    expect(web.readinessProbe).toEqual({
      tcpSocket: { port: 'http' },
      periodSeconds: 10,
      timeoutSeconds: 1,
      failureThreshold: 3,
    });
    expect(web.livenessProbe).toEqual(web.readinessProbe);
    const w = find(list, 'Deployment', 'w').spec.template.spec.containers[0];
    expect(w.readinessProbe).toBeUndefined();
    expect(w.livenessProbe).toBeUndefined();
  });

  it('probes: a declared one serves for the other; false turns one off', () => {
    const list = objects(
      arch({
        a: {
          type: 'web',
          image: 'n:1',
          ports: { http: 8080 },
          probes: { readiness: { http: { path: '/ready' }, periodSeconds: 5 } },
        },
        b: {
          type: 'web',
          image: 'n:1',
          ports: { http: 8080 },
          probes: { readiness: { http: { path: '/ready' } }, liveness: false },
        },
      }),
    );
    const a = find(list, 'Deployment', 'a').spec.template.spec.containers[0];
    expect(a.readinessProbe).toEqual({
      httpGet: { path: '/ready', port: 'http' },
      periodSeconds: 5,
      timeoutSeconds: 1,
      failureThreshold: 3,
    });
    expect(a.livenessProbe).toEqual(a.readinessProbe);
    expect(find(list, 'Deployment', 'b').spec.template.spec.containers[0].livenessProbe).toBeUndefined();
  });

  it('env: literal, Secret key, ConfigMap key, pod field; own ConfigMap as envFrom or mounted', () => {
    const list = objects(
      arch(
        {
          w: {
            type: 'worker',
            image: 'w:1',
            env: {
              A: 'x',
              N: 3,
              S: { secret: 'creds', key: 'url' },
              C: { configMap: 'other', key: 'k' },
              ID: { field: 'metadata.name' },
            },
            config: { data: { LEVEL: 'info' } },
          },
          m: {
            type: 'worker',
            image: 'm:1',
            config: { name: 'm-conf', data: { 'app.conf': 'x=1' }, mountPath: '/etc/app' },
          },
        },
        { secrets: { creds: { keys: ['url'] } } },
      ),
    );
    const w = find(list, 'Deployment', 'w').spec.template.spec.containers[0];
    expect(w.env).toEqual([
      { name: 'A', value: 'x' },
      { name: 'N', value: '3' },
      { name: 'S', valueFrom: { secretKeyRef: { name: 'creds', key: 'url' } } },
      { name: 'C', valueFrom: { configMapKeyRef: { name: 'other', key: 'k' } } },
      { name: 'ID', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    ]);
    expect(w.envFrom).toEqual([{ configMapRef: { name: 'w-config' } }]);
    expect(find(list, 'ConfigMap', 'w-config').data).toEqual({ LEVEL: 'info' });
    const m = find(list, 'Deployment', 'm').spec.template.spec;
    expect(m.volumes).toContainEqual({ name: 'config', configMap: { name: 'm-conf' } });
    expect(m.containers[0].volumeMounts).toContainEqual({ name: 'config', mountPath: '/etc/app', readOnly: true });
    expect(m.containers[0].envFrom).toBeUndefined();
  });

  it('explicit relaxations: privileged (with escalation allowed, as the API requires) and root', () => {
    const d = find(
      objects(
        arch({
          dind: {
            type: 'daemon',
            image: 'docker:27-dind',
            security: { privileged: true, runAsUser: 0, readOnlyRootFilesystem: false },
          },
        }),
      ),
      'DaemonSet',
      'dind',
    );
    expect(d.spec.template.spec.securityContext).toMatchObject({ runAsNonRoot: false, runAsUser: 0 });
    expect(d.spec.template.spec.containers[0].securityContext).toMatchObject({
      privileged: true,
      allowPrivilegeEscalation: true,
      readOnlyRootFilesystem: false,
    });
  });

  it('spreads replicated components over nodes by default', () => {
    const list = objects(
      arch({ web: { type: 'web', image: 'n:1', ports: { http: 80 } }, w: { type: 'worker', image: 'w:1' } }),
    );
    expect(
      find(list, 'Deployment', 'web').spec.template.spec.affinity.podAntiAffinity
        .preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey,
    ).toBe('kubernetes.io/hostname');
    expect(find(list, 'Deployment', 'w').spec.template.spec.affinity).toBeUndefined();
  });
});
