// Components in namespaces of their own: every object of a component lives in its namespace, each
// namespace used gets its Namespace and default policies, and paths across namespaces are opened
// (and read back by the graph) with the peer's namespace.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANNOTATIONS } from '../../src/k8s/annotations.js';
import type { KubeObject } from '../../src/k8s/object.js';
import { buildGraph } from '../../src/graph/index.js';
import { computeReachability } from '../../src/graph/reach.js';
import { planDependencies } from '../../src/plan/dependencies.js';
import { synthesize, NAMESPACE_FILE } from '../../src/synth/index.js';
import { arch, objects } from './helpers.js';

/** The object of this kind and name in this namespace. */
function get(list: KubeObject[], kind: string, name: string, namespace: string): any {
  const o = list.find((x) => x.kind === kind && x.metadata.name === name && x.metadata.namespace === namespace);
  if (!o)
    throw new Error(
      `no ${namespace}/${kind}/${name} in ${list.map((x) => `${x.metadata.namespace}/${x.kind}/${x.metadata.name}`).join(', ')}`,
    );
  return o;
}

const shop = () =>
  arch(
    {
      web: {
        type: 'web',
        namespace: 'front',
        image: 'web:1',
        ports: { http: 8080 },
        replicas: { min: 2, max: 4 },
        autoscaling: { cpu: 70 },
        config: { data: { 'app.yaml': 'a: 1' }, mountPath: '/etc/web' },
        env: { DB_PASSWORD: { secret: 'db-credentials', key: 'password' } },
        ingress: { host: 'shop.example.com', tls: { secretName: 'shop-tls' } },
        metrics: { port: 9090 },
        uses: ['db', 'cache'],
        after: ['db'],
      },
      cache: { type: 'cache', namespace: 'front', image: 'redis:7.2', ports: { redis: 6379 } },
      db: {
        type: 'database',
        image: 'postgres:16.4',
        ports: { pg: 5432 },
        env: { POSTGRES_PASSWORD: { secret: 'db-credentials', key: 'password' } },
      },
    },
    {
      secrets: {
        'db-credentials': { keys: ['password'], namespaces: ['shop', 'front'] },
        'shop-tls': { keys: ['tls.crt', 'tls.key'], namespaces: ['front'] },
      },
    },
  );

describe('a component in its own namespace', () => {
  it('puts every object of the component there: ServiceAccount, ConfigMap, workload, Services, HPA, PDB, Ingress, NetworkPolicy, ServiceMonitor', () => {
    const list = objects(shop());
    for (const [kind, name] of [
      ['ServiceAccount', 'web'],
      ['ConfigMap', 'web-config'],
      ['Deployment', 'web'],
      ['Service', 'web'],
      ['Service', 'web-metrics'],
      ['HorizontalPodAutoscaler', 'web'],
      ['PodDisruptionBudget', 'web'],
      ['Ingress', 'web'],
      ['NetworkPolicy', 'web'],
      ['ServiceMonitor', 'web'],
    ]) {
      expect(get(list, kind, name, 'front').metadata.namespace).toBe('front');
    }
    expect(get(list, 'StatefulSet', 'db', 'shop')).toBeDefined();
    // The Ingress routes to the Service beside it (an Ingress cannot name a Service of another namespace).
    expect(get(list, 'Ingress', 'web', 'front').spec.rules[0].http.paths[0].backend.service.name).toBe('web');
  });

  it('makes a Namespace, default-deny and allow-dns for every namespace used, each with its own Pod Security level and Secrets', () => {
    const a = shop();
    a.components.cache.security = { privileged: true };
    const result = synthesize(a);
    const wide = result.files.find((f) => f.file === NAMESPACE_FILE)!.objects;
    const namespaces = wide.filter((o) => o.kind === 'Namespace');
    expect(namespaces.map((n) => n.metadata.name)).toEqual(['shop', 'front']);
    expect(namespaces.map((n) => n.metadata.labels!['pod-security.kubernetes.io/enforce'])).toEqual([
      'restricted',
      'privileged',
    ]);
    expect(namespaces.map((n) => n.metadata.annotations![ANNOTATIONS.isolated])).toEqual(['true', 'true']);
    expect(namespaces.map((n) => n.metadata.annotations![ANNOTATIONS.externalSecrets])).toEqual([
      'db-credentials:password',
      'db-credentials:password,shop-tls:tls.crt|tls.key',
    ]);
    for (const ns of ['shop', 'front']) {
      expect(get(wide, 'NetworkPolicy', 'default-deny', ns).spec).toEqual({
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
      });
      expect(get(wide, 'NetworkPolicy', 'allow-dns', ns).spec.policyTypes).toEqual(['Egress']);
    }
    // Every component's file holds only that component's objects.
    expect(result.files.map((f) => f.file)).toEqual([NAMESPACE_FILE, 'web.yaml', 'cache.yaml', 'db.yaml']);
  });

  it("leaves out the architecture's namespace when nothing is placed in it", () => {
    const list = objects(arch({ w: { type: 'worker', namespace: 'jobs', image: 'w:1' } }));
    expect(list.filter((o) => o.kind === 'Namespace').map((n) => n.metadata.name)).toEqual(['jobs']);
    expect(list.filter((o) => o.metadata.name === 'default-deny').map((o) => o.metadata.namespace)).toEqual(['jobs']);
  });

  it("opens a path across namespaces with the peer's namespace and pods, and one within a namespace with the pods alone", () => {
    const list = objects(shop());
    const webPolicy = get(list, 'NetworkPolicy', 'web', 'front');
    expect(webPolicy.spec.egress).toEqual([
      {
        to: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } },
            podSelector: { matchLabels: { 'app.kubernetes.io/name': 'db', 'app.kubernetes.io/instance': 'shop' } },
          },
        ],
        ports: [{ protocol: 'TCP', port: 5432 }],
      },
      {
        to: [
          { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'cache', 'app.kubernetes.io/instance': 'shop' } } },
        ],
        ports: [{ protocol: 'TCP', port: 6379 }],
      },
    ]);
    expect(get(list, 'NetworkPolicy', 'db', 'shop').spec.ingress).toEqual([
      {
        from: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'front' } },
            podSelector: { matchLabels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'shop' } },
          },
        ],
        ports: [{ protocol: 'TCP', port: 5432 }],
      },
    ]);
  });

  it('names a Service and a run-order dependency of another namespace as name.namespace', () => {
    const web = get(objects(shop()), 'Deployment', 'web', 'front');
    expect(web.metadata.annotations[ANNOTATIONS.connects]).toBe('db.shop:5432,cache:6379');
    expect(web.metadata.annotations[ANNOTATIONS.after]).toBe('db.shop');
  });

  it('is read back by the graph: the connection, the run order and the allowed path cross namespaces, and nothing else reaches the database', () => {
    const stranger: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'stranger', namespace: 'front', labels: { app: 'stranger' } },
      spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] },
    };
    const graph = buildGraph([...objects(shop()), stranger].map((object) => ({ object, source: {} })));
    expect(
      graph.edges.some(
        (e) => e.type === 'connects' && e.from === 'front/web[Deployment]' && e.to === 'shop/db[Service]' && !e.missing,
      ),
    ).toBe(true);
    expect(
      planDependencies(graph)
        .get('front/web[Deployment]')
        ?.map((d) => d.on),
    ).toContain('shop/db[StatefulSet]');
    const reach = computeReachability(graph);
    expect(reach.allowed('front/web[Deployment]', 'shop/db[StatefulSet]').has('TCP', 5432)).toBe(true);
    expect(reach.allowed('front/stranger[Pod]', 'shop/db[StatefulSet]').has('TCP', 5432)).toBe(false);
    expect(reach.allowed('front/cache[StatefulSet]', 'shop/db[StatefulSet]').has('TCP', 5432)).toBe(false);
  });

  it('makes a shared ServiceAccount once in each namespace that uses it', () => {
    const list = objects(
      arch({
        a: { type: 'worker', image: 'w:1', serviceAccount: { name: 'runner' } },
        b: { type: 'worker', namespace: 'other', image: 'w:1', serviceAccount: { name: 'runner' } },
        c: { type: 'worker', namespace: 'other', image: 'w:1', serviceAccount: { name: 'runner' } },
      }),
    );
    expect(list.filter((o) => o.kind === 'ServiceAccount').map((o) => o.metadata.namespace)).toEqual(['shop', 'other']);
  });

  it('writes a local Secret into each namespace it is declared in', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-ns-'));
    const file = join(dir, 'secrets.yaml');
    writeFileSync(file, 'db-credentials:\n  password: "local"\nshop-tls:\n  tls.crt: "c"\n  tls.key: "k"\n');
    const a = shop();
    a.localSecrets = file;
    const secrets = synthesize(a)
      .files.flatMap((f) => f.objects)
      .filter((o) => o.kind === 'Secret');
    expect(secrets.map((s) => `${s.metadata.namespace}/${s.metadata.name}`)).toEqual([
      'shop/db-credentials',
      'front/db-credentials',
      'front/shop-tls',
    ]);
  });

  it("scopes the generated alerts and dashboards to the component's namespace", () => {
    const list = objects(
      arch({
        w: {
          type: 'worker',
          namespace: 'jobs',
          image: 'w:1',
          metrics: { port: 8000 },
          alerts: [{ name: 'WDown', severity: 'critical', summary: 'w is down', absent: { metric: 'up' } }],
        },
      }),
    );
    const rule = list.find((o) => o.kind === 'PrometheusRule')!;
    expect(rule.metadata.namespace).toBe('jobs');
    const exprs = (rule as any).spec.groups.flatMap((g: any) => g.rules.map((r: any) => r.expr)).join('\n');
    expect(exprs).toContain('namespace="jobs"');
    expect(exprs).not.toContain('namespace="shop"');
  });
});
