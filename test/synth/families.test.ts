import { describe, expect, it } from 'vitest';
import { ANNOTATIONS } from '../../src/k8s/annotations.js';
import { validateObject } from '../../src/k8s/validate.js';
import { synthesize } from '../../src/synth/index.js';
import { arch, find, objects } from './helpers.js';
import { InputError } from '../../src/diagnostics/index.js';

describe('service family', () => {
  it('a Service per component with ports, a metrics Service, a headless Service for StatefulSets', () => {
    const list = objects(
      arch({
        mq: { type: 'broker', image: 'rabbitmq:3.13', ports: { amqp: 5672, management: 15672 } },
        w: { type: 'worker', image: 'w:1', metrics: { port: 8000 } },
        db: { type: 'database', image: 'postgres:16.4', ports: { pg: { port: 5432, containerPort: 15432 } } },
      }),
    );
    expect(find(list, 'Service', 'mq').spec.ports).toEqual([
      { name: 'amqp', port: 5672, targetPort: 'amqp', protocol: 'TCP' },
      { name: 'management', port: 15672, targetPort: 'management', protocol: 'TCP' },
    ]);
    expect(list.some((o) => o.kind === 'Service' && o.metadata.name === 'w')).toBe(false);
    expect(find(list, 'Service', 'w-metrics').spec.ports).toEqual([
      { name: 'metrics', port: 8000, targetPort: 'metrics', protocol: 'TCP' },
    ]);
    expect(find(list, 'Deployment', 'w').spec.template.spec.containers[0].ports).toEqual([
      { name: 'metrics', containerPort: 8000, protocol: 'TCP' },
    ]);
    expect(find(list, 'StatefulSet', 'db').spec.template.spec.containers[0].ports).toEqual([
      { name: 'pg', containerPort: 15432, protocol: 'TCP' },
    ]);
    expect(find(list, 'Service', 'db-headless').spec).toMatchObject({
      clusterIP: 'None',
      ports: [{ name: 'pg', port: 5432, targetPort: 'pg' }],
    });
  });
});

describe('autoscaler and disruption budget families', () => {
  it('HPA v2 with resource and per-pod metrics and behaviour; CPU 80% when none is declared', () => {
    const list = objects(
      arch({
        w: {
          type: 'worker',
          image: 'w:1',
          replicas: { min: 3, max: 10 },
          autoscaling: {
            cpu: 70,
            metrics: [{ name: 'pending_total', averageValue: 1000 }],
            behavior: { scaleDown: { policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }] } },
          },
        },
        web: { type: 'web', image: 'n:1', ports: { http: 80 }, replicas: { min: 2, max: 4 } },
      }),
    );
    expect(find(list, 'HorizontalPodAutoscaler', 'w').spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'w' },
      minReplicas: 3,
      maxReplicas: 10,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
        {
          type: 'Pods',
          pods: { metric: { name: 'pending_total' }, target: { type: 'AverageValue', averageValue: '1000' } },
        },
      ],
      behavior: { scaleDown: { policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }] } },
    });
    expect(find(list, 'HorizontalPodAutoscaler', 'web').spec.metrics).toEqual([
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
    ]);
  });

  it('PDB (maxUnavailable 1) when at least 2 replicas always run; declared or disabled budgets win', () => {
    const list = objects(
      arch({
        a: { type: 'worker', image: 'a:1', replicas: 3 },
        b: { type: 'worker', image: 'b:1' },
        c: { type: 'worker', image: 'c:1', replicas: { min: 1, max: 4 } },
        d: { type: 'worker', image: 'd:1', replicas: 3, disruptionBudget: false },
        e: { type: 'worker', image: 'e:1', replicas: 3, disruptionBudget: { minAvailable: '50%' } },
        j: { type: 'job', image: 'j:1' },
      }),
    );
    const pdbs = list.filter((o) => o.kind === 'PodDisruptionBudget');
    expect(pdbs.map((o) => o.metadata.name)).toEqual(['a', 'e']);
    expect(find(list, 'PodDisruptionBudget', 'a').spec).toEqual({
      maxUnavailable: 1,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'a', 'app.kubernetes.io/instance': 'shop' } },
    });
    expect(find(list, 'PodDisruptionBudget', 'e').spec.minAvailable).toBe('50%');
  });
});

describe('network policy family', () => {
  const list = objects(
    arch({
      db: { type: 'database', image: 'postgres:16.4', ports: { pg: 5432 } },
      mq: { type: 'broker', image: 'rabbitmq:3.13', ports: { amqp: 5672, management: 15672 } },
      w: { type: 'worker', image: 'w:1', uses: ['db', 'mq:5672'], metrics: { port: 8000 } },
      web: {
        type: 'web',
        image: 'n:1',
        ports: { http: 8080 },
        uses: ['db'],
        ingress: { host: 'shop.example.com', tls: true },
      },
    }),
  );
  const sel = (name: string) => ({
    podSelector: { matchLabels: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': 'shop' } },
  });

  it('denies everything by default and allows DNS', () => {
    expect(find(list, 'NetworkPolicy', 'default-deny').spec).toEqual({
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
    });
    expect(find(list, 'NetworkPolicy', 'allow-dns').spec.egress[0].ports).toEqual([
      { protocol: 'UDP', port: 53 },
      { protocol: 'TCP', port: 53 },
    ]);
  });

  it('opens exactly the declared paths: egress from the user, ingress to the used component on the used port', () => {
    expect(find(list, 'NetworkPolicy', 'w').spec).toEqual({
      ...sel('w'),
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        {
          from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
          ports: [{ protocol: 'TCP', port: 8000 }],
        },
      ],
      egress: [
        { to: [sel('db')], ports: [{ protocol: 'TCP', port: 5432 }] },
        { to: [sel('mq')], ports: [{ protocol: 'TCP', port: 5672 }] },
      ],
    });
    expect(find(list, 'NetworkPolicy', 'db').spec).toEqual({
      ...sel('db'),
      policyTypes: ['Ingress'],
      ingress: [
        { from: [sel('w')], ports: [{ protocol: 'TCP', port: 5432 }] },
        { from: [sel('web')], ports: [{ protocol: 'TCP', port: 5432 }] },
      ],
    });
    // The management port is not used by anyone: not opened.
    expect(find(list, 'NetworkPolicy', 'mq').spec.ingress).toEqual([
      { from: [sel('w')], ports: [{ protocol: 'TCP', port: 5672 }] },
    ]);
  });

  it('lets the ingress controller reach an exposed component, and routes the Ingress to its port', () => {
    expect(find(list, 'NetworkPolicy', 'web').spec.ingress).toEqual([
      {
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }],
        ports: [{ protocol: 'TCP', port: 8080 }],
      },
    ]);
    expect(find(list, 'Ingress', 'web').spec).toEqual({
      tls: [{ hosts: ['shop.example.com'], secretName: 'web-tls' }],
      rules: [
        {
          host: 'shop.example.com',
          http: {
            paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } }],
          },
        },
      ],
    });
  });

  it('opens ingress from each user in declaration order, one rule per user with its ports, and egress in its own order', () => {
    const list = objects(
      arch({
        db: { type: 'database', image: 'postgres:16.4', ports: { pg: 5432, admin: 5433 } },
        a: { type: 'worker', image: 'a:1', uses: ['db:admin', 'db'] },
        b: { type: 'worker', image: 'b:1', uses: ['db'] },
        c: { type: 'web', image: 'c:1', ports: { http: 8080 }, uses: ['db', 'b:9'] },
      }),
    );
    expect(find(list, 'NetworkPolicy', 'db').spec.ingress).toEqual([
      {
        from: [sel('a')],
        ports: [
          { protocol: 'TCP', port: 5433 },
          { protocol: 'TCP', port: 5432 },
        ],
      },
      { from: [sel('b')], ports: [{ protocol: 'TCP', port: 5432 }] },
      { from: [sel('c')], ports: [{ protocol: 'TCP', port: 5432 }] },
    ]);
    expect(find(list, 'NetworkPolicy', 'a').spec.egress).toEqual([
      {
        to: [sel('db')],
        ports: [
          { protocol: 'TCP', port: 5433 },
          { protocol: 'TCP', port: 5432 },
        ],
      },
    ]);
  });

  it('reads the connections of the architecture being synthesized, not of one synthesized before', () => {
    const first = arch({
      db: { type: 'database', image: 'postgres:16.4', ports: { pg: 5432 } },
      a: { type: 'worker', image: 'a:1', uses: ['db'] },
    });
    const second = arch({
      db: { type: 'database', image: 'postgres:16.4', ports: { pg: 5432 } },
      b: { type: 'worker', image: 'b:1', uses: ['db'] },
    });
    expect(find(objects(first), 'NetworkPolicy', 'db').spec.ingress).toEqual([
      { from: [sel('a')], ports: [{ protocol: 'TCP', port: 5432 }] },
    ]);
    expect(find(objects(second), 'NetworkPolicy', 'db').spec.ingress).toEqual([
      { from: [sel('b')], ports: [{ protocol: 'TCP', port: 5432 }] },
    ]);
  });
});

describe('namespace family', () => {
  it('claims isolation, carries the node pool, enforces the strictest Pod Security level the components meet', () => {
    const ns = find(
      objects(arch({ w: { type: 'worker', image: 'w:1' } }, { nodePool: '3x4cpu16Gi' })),
      'Namespace',
      'shop',
    );
    expect(ns.metadata.annotations).toMatchObject({
      [ANNOTATIONS.isolated]: 'true',
      [ANNOTATIONS.nodePool]: '3x4cpu16Gi',
    });
    expect(ns.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    const withSecrets = find(
      objects(
        arch(
          { w: { type: 'worker', image: 'w:1' } },
          { secrets: { db: { keys: ['url', 'password'] }, mq: { keys: ['url'] } } },
        ),
      ),
      'Namespace',
      'shop',
    );
    expect(withSecrets.metadata.annotations[ANNOTATIONS.externalSecrets]).toBe('db:url|password,mq:url');
    const relaxed = find(
      objects(arch({ d: { type: 'daemon', image: 'docker:27-dind', security: { privileged: true, runAsUser: 0 } } })),
      'Namespace',
      'shop',
    );
    expect(relaxed.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('privileged');
  });
});

describe('synthesize', () => {
  it('one file per component named after it, the namespace file first, in declaration order', () => {
    const r = synthesize(arch({ zeta: { type: 'worker', image: 'z:1' }, alpha: { type: 'job', image: 'a:1' } }));
    expect(r.files.map((f) => f.file)).toEqual(['00-namespace.yaml', 'zeta.yaml', 'alpha.yaml']);
    expect(r.files[0].objects.map((o) => o.kind)).toEqual(['Namespace', 'NetworkPolicy', 'NetworkPolicy']);
  });

  it('rejects two objects of one kind and name', () => {
    const a = arch({
      w: { type: 'worker', image: 'w:1', metrics: { port: 8000 } },
      'w-metrics': { type: 'web', image: 'n:1', ports: { http: 80 } },
    });
    expect(() => synthesize(a)).toThrow(InputError);
    expect(() => synthesize(a)).toThrow(
      /two objects named Service\/w-metrics: one from w\.yaml, one from w-metrics\.yaml/,
    );
  });

  it('every object of every component type validates against the Kubernetes 1.33 schema', () => {
    const list = objects(
      arch(
        {
          web: {
            type: 'web',
            image: 'n:1',
            ports: { http: 8080 },
            replicas: { min: 2, max: 6 },
            ingress: { host: 'a.example.com', className: 'nginx' },
            uses: ['db', 'cache'],
            scheduling: {
              nodeSelector: { pool: 'web' },
              tolerations: [{ key: 'x', operator: 'Exists', effect: 'NoSchedule' }],
              antiAffinity: 'required',
            },
          },
          fe: {
            type: 'frontend',
            image: 'fe:1',
            ports: { http: 8080 },
            probes: { readiness: { http: { path: '/' } }, startup: { tcp: 'http', failureThreshold: 30 } },
          },
          w: {
            type: 'worker',
            image: 'w:1',
            metrics: { port: 9100 },
            storage: { size: '1Gi', mountPath: '/data' },
            env: { ID: { field: 'metadata.name' }, MEM: { resource: 'limits.memory' } },
          },
          db: {
            type: 'database',
            image: 'postgres:16.4',
            ports: { pg: 5432 },
            storage: { size: '10Gi', mountPath: '/var/lib/postgresql/data' },
            replicas: 3,
          },
          cache: { type: 'cache', image: 'redis:7.2', ports: { redis: 6379 } },
          mq: {
            type: 'broker',
            image: 'nats:2.10',
            ports: { client: 4222 },
            storage: { size: '5Gi', mountPath: '/data' },
          },
          m: {
            type: 'job',
            image: 'm:1',
            after: ['db'],
            uses: ['db'],
            job: { activeDeadlineSeconds: 600, completions: 1, parallelism: 1 },
          },
          c: { type: 'cronjob', image: 'c:1', schedule: '0 */12 * * *', timeZone: 'Europe/Berlin', uses: ['db'] },
          d: { type: 'daemon', image: 'd:1', nodes: 3, security: { addCapabilities: ['NET_ADMIN'] } },
        },
        { nodePool: '3x4cpu16Gi' },
      ),
    );
    const problems = list.flatMap((o) =>
      validateObject(o).map((i) => `${o.kind}/${o.metadata.name} ${i.path}: ${i.message}`),
    );
    expect(problems).toEqual([]);
  });
});

describe('external connections', () => {
  it('open egress to the declared address blocks and ports only', () => {
    const list = objects(
      arch({
        cdc: {
          type: 'worker',
          image: 'c:1',
          external: [{ cidr: '0.0.0.0/0', except: ['10.0.0.0/8'], ports: [27017, { port: 3306, protocol: 'TCP' }] }],
        },
      }),
    );
    expect(find(list, 'NetworkPolicy', 'cdc').spec).toMatchObject({
      policyTypes: ['Egress'],
      egress: [
        {
          to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }],
          ports: [
            { protocol: 'TCP', port: 27017 },
            { protocol: 'TCP', port: 3306 },
          ],
        },
      ],
    });
  });
});
