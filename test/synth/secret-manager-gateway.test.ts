// Issue 15, items 5 and 7: ExternalSecrets for Secrets a secret manager holds, and HTTPRoutes
// through a Gateway instead of Ingresses; both validated against their models.
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/index.js';
import type { KubeObject } from '../../src/k8s/object.js';
import { validateObject } from '../../src/k8s/validate.js';
import { architectureSchema } from '../../src/spec/schema.js';
import { formatIssues } from '../../src/spec/errors.js';
import { arch, find, objects } from './helpers.js';

const WEB = { type: 'web' as const, image: 'w:1.0', ports: { http: { port: 80, containerPort: 8080 } } };

function valid(list: KubeObject[]): KubeObject[] {
  for (const o of list) expect(validateObject(o), `${o.kind}/${o.metadata.name}`).toEqual([]);
  return list;
}

const problems = (input: object) => {
  const r = architectureSchema.safeParse({ name: 'shop', namespace: 'shop', components: { w: WEB }, ...input });
  return r.success ? [] : formatIssues(r.error.issues, () => '');
};

describe('secrets.<name>.from → ExternalSecret', () => {
  it('one remote entry: each declared key is the property of its name, in every namespace of the Secret', () => {
    const list = valid(
      objects(
        arch(
          { w: WEB },
          {
            secrets: {
              db: {
                keys: ['url', 'password'],
                namespaces: ['shop', 'jobs'],
                from: { store: 'vault', kind: 'ClusterSecretStore', remoteRef: { key: 'shop/db' } },
              },
            },
          },
        ),
      ),
    );
    const es = list.filter((o) => o.kind === 'ExternalSecret');
    expect(es.map((o) => o.metadata.namespace)).toEqual(['shop', 'jobs']);
    expect(es[0].spec).toEqual({
      refreshInterval: '1h',
      secretStoreRef: { name: 'vault', kind: 'ClusterSecretStore' },
      target: { name: 'db', creationPolicy: 'Owner' },
      data: [
        { secretKey: 'url', remoteRef: { key: 'shop/db', property: 'url' } },
        { secretKey: 'password', remoteRef: { key: 'shop/db', property: 'password' } },
      ],
    });
  });

  it('per-key entries and a refresh interval; no ExternalSecret without `from`', () => {
    const list = valid(
      objects(
        arch(
          { w: WEB },
          {
            secrets: {
              db: {
                keys: ['connection-string'],
                from: {
                  store: 'vault-backend',
                  remoteRef: { 'connection-string': { key: 'sagaz/postgres/connection' } },
                  refreshInterval: '15m',
                },
              },
              plain: { keys: ['a'] },
            },
          },
        ),
      ),
    );
    const es = find(list, 'ExternalSecret', 'db');
    expect(es.spec).toMatchObject({
      refreshInterval: '15m',
      secretStoreRef: { name: 'vault-backend', kind: 'SecretStore' },
      data: [{ secretKey: 'connection-string', remoteRef: { key: 'sagaz/postgres/connection' } }],
    });
    expect(list.filter((o) => o.kind === 'ExternalSecret')).toHaveLength(1);
  });

  it('rejects a key that is not declared, a declared key without entry, a property for many keys, a bad interval', () => {
    const secret = (from: object) => ({ secrets: { db: { keys: ['url', 'password'], from } } });
    expect(problems(secret({ store: 'v', remoteRef: { url: { key: 'a' }, user: { key: 'b' } } }))).toEqual([
      ' secrets.db.from.remoteRef.user: not a declared key (declared keys: url, password)',
      ' secrets.db.from.remoteRef: expected an entry for every declared key; missing: password',
    ]);
    expect(problems(secret({ store: 'v', remoteRef: { key: 'a', property: 'p' } }))).toEqual([
      ' secrets.db.from.remoteRef.property: only for a Secret of one key (this one declares 2): map each key to its {key, property} instead',
    ]);
    expect(problems(secret({ store: 'v', remoteRef: { key: 'a' }, refreshInterval: 'hourly' }))).toEqual([
      ' secrets.db.from.refreshInterval: expected a duration such as 1h, 15m or 0 (no refresh)',
    ]);
  });
});

describe('ingress.gateway → HTTPRoute', () => {
  const gatewayArch = (gateway: object, ingress: object = {}) =>
    arch({ w: { ...WEB, ingress: { host: 'shop.example.com', path: '/api', ...ingress, gateway: gateway as never } } });

  it('writes an HTTPRoute attached to the Gateway instead of an Ingress; the graph routes it to the Service', () => {
    const list = valid(objects(gatewayArch({ name: 'public', namespace: 'gateways', sectionName: 'https' })));
    expect(list.some((o) => o.kind === 'Ingress')).toBe(false);
    const route = find(list, 'HTTPRoute', 'w');
    expect(route.spec).toEqual({
      parentRefs: [
        {
          group: 'gateway.networking.k8s.io',
          kind: 'Gateway',
          name: 'public',
          namespace: 'gateways',
          sectionName: 'https',
        },
      ],
      hostnames: ['shop.example.com'],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: [{ name: 'w', port: 80 }] }],
    });
    const graph = buildGraph(list.map((object) => ({ object, source: { file: 'x' } })));
    expect(graph.edges.filter((e) => e.type === 'routes' && e.from === 'shop/w[HTTPRoute]').map((e) => e.to)).toEqual([
      'shop/w[Service]',
    ]);
  });

  it("the NetworkPolicy admits the Gateway's namespace, or only its pods when their labels are given", () => {
    const from = (gateway: object) =>
      find(objects(gatewayArch(gateway)), 'NetworkPolicy', 'w').spec.ingress.map((r: any) => r.from[0]);
    expect(from({ name: 'public', namespace: 'gateways' })).toContainEqual({
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'gateways' } },
    });
    expect(
      from({
        name: 'public',
        namespace: 'gateways',
        podLabels: { 'gateway.networking.k8s.io/gateway-name': 'public' },
      }),
    ).toContainEqual({
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'gateways' } },
      podSelector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'public' } },
    });
    // Default namespace: the component's own.
    expect(from({ name: 'public' })).toContainEqual({
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } },
    });
  });

  it("the HTTPRoute names the Gateway's pods it admits (ingress-controller annotations), so checks on the manifests judge the same callers", () => {
    const annotations = (gateway: object) => find(objects(gatewayArch(gateway)), 'HTTPRoute', 'w').metadata.annotations;
    expect(
      annotations({ name: 'public', namespace: 'gateways', podLabels: { app: 'envoy', tier: 'edge' } }),
    ).toMatchObject({
      'shipshape.dev/ingress-controller-namespace': 'gateways',
      'shipshape.dev/ingress-controller-pods': 'app=envoy,tier=edge',
    });
    const byNamespace = annotations({ name: 'public' });
    expect(byNamespace['shipshape.dev/ingress-controller-namespace']).toBe('shop');
    expect(byNamespace['shipshape.dev/ingress-controller-pods']).toBeUndefined();
  });

  it('rejects Ingress-only settings and ImplementationSpecific paths with a gateway', () => {
    const r = architectureSchema.safeParse({
      name: 'shop',
      namespace: 'shop',
      components: {
        w: {
          ...WEB,
          ingress: {
            host: 'a.example.com',
            className: 'nginx',
            tls: true,
            pathType: 'ImplementationSpecific',
            gateway: { name: 'g' },
          },
        },
      },
    });
    expect(r.success ? [] : formatIssues(r.error.issues, () => '')).toEqual([
      ' components.w.ingress.className: only for an Ingress: with a gateway, the Gateway and its listeners decide this',
      ' components.w.ingress.tls: only for an Ingress: with a gateway, the Gateway and its listeners decide this',
      ' components.w.ingress.pathType: expected Prefix or Exact for an HTTPRoute',
    ]);
    const withControllerPods = architectureSchema.safeParse({
      name: 'shop',
      namespace: 'shop',
      components: {
        w: {
          ...WEB,
          ingress: { host: 'a.example.com', controllerPodSelector: { app: 'nginx' }, gateway: { name: 'g' } },
        },
      },
    });
    expect(withControllerPods.success ? [] : formatIssues(withControllerPods.error.issues, () => '')).toEqual([
      ' components.w.ingress.controllerPodSelector: only for an Ingress: with a gateway, the Gateway and its listeners decide this',
    ]);
  });
});
