import { describe, expect, it } from 'vitest';
import { ANNOTATIONS } from '../../src/k8s/annotations.js';
import { arch, find, objects } from './helpers.js';

describe('workload family', () => {
  it('web: Deployment with 2 replicas and a surge-only rolling update', () => {
    const d = find(
      objects(arch({ web: { type: 'web', image: 'nginx:1.27', ports: { http: 8080 } } })),
      'Deployment',
      'web',
    );
    expect(d.spec.replicas).toBe(2);
    expect(d.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } });
    expect(d.spec.selector.matchLabels).toEqual({
      'app.kubernetes.io/name': 'web',
      'app.kubernetes.io/instance': 'shop',
    });
    expect(d.spec.template.metadata.labels).toMatchObject(d.spec.selector.matchLabels);
  });

  it('autoscaled: no fixed replicas on the target', () => {
    const d = find(
      objects(arch({ w: { type: 'worker', image: 'w:1', replicas: { min: 2, max: 5 } } })),
      'Deployment',
      'w',
    );
    expect(d.spec).not.toHaveProperty('replicas');
  });

  it('database: StatefulSet with a volumeClaimTemplate and the headless Service as serviceName', () => {
    const list = objects(
      arch({
        db: {
          type: 'database',
          image: 'postgres:16.4',
          ports: { pg: 5432 },
          storage: { size: '10Gi', mountPath: '/data', class: 'fast' },
        },
      }),
    );
    const s = find(list, 'StatefulSet', 'db');
    expect(s.spec.serviceName).toBe('db-headless');
    expect(s.spec.volumeClaimTemplates).toEqual([
      {
        metadata: { name: 'data', labels: { 'app.kubernetes.io/name': 'db', 'app.kubernetes.io/instance': 'shop' } },
        spec: {
          accessModes: ['ReadWriteOnce'],
          storageClassName: 'fast',
          resources: { requests: { storage: '10Gi' } },
        },
      },
    ]);
    expect(s.spec.template.spec.containers[0].volumeMounts).toContainEqual({ name: 'data', mountPath: '/data' });
    expect(find(list, 'Service', 'db-headless').spec.clusterIP).toBe('None');
    expect(list.some((o) => o.kind === 'PersistentVolumeClaim')).toBe(false);
  });

  it('cache/broker: StatefulSet only with storage; a Deployment with storage gets a PVC and Recreate', () => {
    expect(objects(arch({ c: { type: 'cache', image: 'redis:7.2' } })).some((o) => o.kind === 'Deployment')).toBe(true);
    expect(
      objects(arch({ c: { type: 'cache', image: 'redis:7.2', storage: { size: '1Gi', mountPath: '/data' } } })).some(
        (o) => o.kind === 'StatefulSet',
      ),
    ).toBe(true);
    const list = objects(arch({ w: { type: 'worker', image: 'w:1', storage: { size: '1Gi', mountPath: '/data' } } }));
    expect(find(list, 'PersistentVolumeClaim', 'w-data').spec.resources.requests.storage).toBe('1Gi');
    expect(find(list, 'Deployment', 'w').spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('job: backoffLimit, ttlSecondsAfterFinished and restartPolicy Never by default', () => {
    const j = find(objects(arch({ m: { type: 'job', image: 'm:1' } })), 'Job', 'm');
    expect(j.spec.backoffLimit).toBe(3);
    expect(j.spec.ttlSecondsAfterFinished).toBe(86400);
    expect(j.spec.template.spec.restartPolicy).toBe('Never');
    const custom = find(
      objects(arch({ m: { type: 'job', image: 'm:1', job: { backoffLimit: 0, restartPolicy: 'OnFailure' } } })),
      'Job',
      'm',
    );
    expect(custom.spec.backoffLimit).toBe(0);
    expect(custom.spec.template.spec.restartPolicy).toBe('OnFailure');
  });

  it('cronjob: schedule, concurrencyPolicy Forbid, history limits, a job template with backoff and ttl', () => {
    const c = find(
      objects(arch({ decay: { type: 'cronjob', image: 'd:1', schedule: '0 * * * *', timeZone: 'Etc/UTC' } })),
      'CronJob',
      'decay',
    );
    expect(c.spec).toMatchObject({
      schedule: '0 * * * *',
      timeZone: 'Etc/UTC',
      concurrencyPolicy: 'Forbid',
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      startingDeadlineSeconds: 300,
    });
    expect(c.spec.jobTemplate.spec).toMatchObject({ backoffLimit: 3, ttlSecondsAfterFinished: 86400 });
  });

  it('daemon: DaemonSet with the expected node count annotation', () => {
    const d = find(objects(arch({ agent: { type: 'daemon', image: 'a:1', nodes: 3 } })), 'DaemonSet', 'agent');
    expect(d.metadata.annotations[ANNOTATIONS.nodes]).toBe('3');
    expect(d.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } });
  });

  it('intent annotations: type, tier, description, connects (service:port), after, exported metrics', () => {
    const list = objects(
      arch({
        db: { type: 'database', image: 'postgres:16.4', ports: { pg: 5432 } },
        mq: { type: 'broker', image: 'rabbitmq:3.13', ports: { amqp: 5672, management: 15672 } },
        w: {
          type: 'worker',
          image: 'w:1',
          description: 'does work',
          uses: ['db', 'mq:management'],
          after: ['db'],
          exports: [{ name: 'jobs_total', type: 'counter', help: 'jobs' }],
        },
      }),
    );
    const a = find(list, 'Deployment', 'w').metadata.annotations;
    expect(a).toMatchObject({
      [ANNOTATIONS.componentType]: 'worker',
      [ANNOTATIONS.tier]: 'worker',
      [ANNOTATIONS.description]: 'does work',
      [ANNOTATIONS.connects]: 'db:5432,mq:15672',
      [ANNOTATIONS.after]: 'db',
      [ANNOTATIONS.exportsMetrics]: 'jobs_total',
    });
    expect(find(list, 'StatefulSet', 'db').metadata.annotations[ANNOTATIONS.tier]).toBe('data');
    for (const o of list) expect(o.metadata.annotations?.[ANNOTATIONS.generatedBy]).toBe('shop');
  });
});

describe('rollout settings', () => {
  it('keeps the API valid: no surge means one may be unavailable; DaemonSets and StatefulSets map Recreate to OnDelete', () => {
    const list = objects(
      arch({
        a: { type: 'worker', image: 'a:1', rollout: { maxSurge: 0 } },
        b: { type: 'worker', image: 'b:1', rollout: { maxSurge: 2, maxUnavailable: '10%', minReadySeconds: 5 } },
        d: { type: 'daemon', image: 'd:1', rollout: { maxSurge: 1 } },
        e: { type: 'daemon', image: 'e:1', rollout: { strategy: 'Recreate' } },
        s: { type: 'database', image: 's:1', rollout: { strategy: 'Recreate' } },
      }),
    );
    expect(find(list, 'Deployment', 'a').spec.strategy.rollingUpdate).toEqual({ maxSurge: 0, maxUnavailable: 1 });
    expect(find(list, 'Deployment', 'b').spec).toMatchObject({
      minReadySeconds: 5,
      strategy: { rollingUpdate: { maxSurge: 2, maxUnavailable: '10%' } },
    });
    expect(find(list, 'DaemonSet', 'd').spec.updateStrategy.rollingUpdate).toEqual({ maxSurge: 1, maxUnavailable: 0 });
    expect(find(list, 'DaemonSet', 'e').spec.updateStrategy).toEqual({ type: 'OnDelete' });
    expect(find(list, 'StatefulSet', 's').spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });
});
