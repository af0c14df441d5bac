// Custom resources shipshape has models of are validated like built-ins (issue 15, items 5, 7, 9).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitFlux } from '../../src/plan/emit/flux.js';
import { hasSchema, validateObject } from '../../src/k8s/validate.js';
import type { KubeObject } from '../../src/k8s/object.js';
import { parseAllDocuments, stringify } from 'yaml';

const EXTERNAL_SECRET = {
  apiVersion: 'external-secrets.io/v1beta1',
  kind: 'ExternalSecret',
  metadata: { name: 'db', namespace: 'shop' },
  spec: {
    secretStoreRef: { name: 'vault', kind: 'SecretStore' },
    target: { name: 'db' },
    data: [{ secretKey: 'url', remoteRef: { key: 'shop/db' } }],
  },
};
const HTTP_ROUTE = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] },
};
const KUSTOMIZATION = {
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  kind: 'Kustomization',
  metadata: { name: 'shop', namespace: 'flux-system' },
  spec: { interval: '10m', path: './shop', prune: true, sourceRef: { kind: 'GitRepository', name: 'flux-system' } },
};
const APPLICATION = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'shop', namespace: 'argocd' },
  spec: {
    project: 'default',
    source: { repoURL: 'https://example.com/shop.git', path: 'deploy', targetRevision: 'main' },
    destination: { server: 'https://kubernetes.default.svc', namespace: 'shop' },
  },
};

const edit = (o: object, spec: object): KubeObject => ({ ...(o as KubeObject), spec: { ...(o as any).spec, ...spec } });

describe('custom resources with a model', () => {
  it.each([
    ['ExternalSecret', EXTERNAL_SECRET, { data: 'url' }, 'spec.data'],
    [
      'HTTPRoute',
      HTTP_ROUTE,
      { rules: [{ backendRefs: [{ name: 'web', port: 'http' }] }] },
      'spec.rules[0].backendRefs[0].port',
    ],
    ['Flux Kustomization', KUSTOMIZATION, { prune: 'yes' }, 'spec.prune'],
    ['Argo CD Application', APPLICATION, { destination: 3 }, 'spec.destination'],
  ])('%s: valid passes, a wrong type and an unknown field are reported', (_, valid, bad, path) => {
    expect(validateObject(valid as KubeObject)).toEqual([]);
    expect(validateObject(edit(valid, bad)).map((i) => i.path)).toEqual([path]);
    expect(validateObject(edit(valid, { bogus: 1 }))).toEqual([
      { path: 'spec.bogus', message: 'unknown field "bogus"' },
    ]);
  });

  it('other custom resources have no schema to check', () => {
    expect(hasSchema('external-secrets.io/v1beta1', 'ExternalSecret')).toBe(true);
    expect(hasSchema('apps/v1', 'Deployment')).toBe(true);
    expect(hasSchema('cert-manager.io/v1', 'Certificate')).toBe(false);
    expect(validateObject({ ...(KUSTOMIZATION as KubeObject), apiVersion: 'example.com/v1', kind: 'Thing' })).toEqual(
      [],
    );
  });

  it('the Flux Kustomizations plan delivery writes validate against the Flux model', () => {
    const files = emitFlux({
      name: 'shop',
      profile: 'base',
      plan: { phases: [{ index: 0 }, { index: 1 }] } as never,
      source: 'base',
      repositoryPath: 'deploy',
    });
    const kustomizations = parseAllDocuments(files.find((f) => f.path.endsWith('kustomizations.yaml'))!.content).map(
      (d) => d.toJS() as KubeObject,
    );
    expect(kustomizations.map((k) => k.kind)).toEqual(['Kustomization', 'Kustomization']);
    for (const k of kustomizations) expect(validateObject(k)).toEqual([]);
  });

  // The CLI validates with the models bundles, which scripts/bundle.mjs builds with plugins (formats
  // required on first use, Gateway API's ajv without its optimization pass): the same results.
  it('the CLI’s models bundles report what the packages report', () => {
    const invalid: KubeObject[] = [
      edit(HTTP_ROUTE, {
        parentRefs: [{ name: 'gw', port: 99999 }],
        hostnames: ['Bad_Host'],
        rules: [
          {
            matches: [{ path: { type: 'Regexy', value: 5 } }],
            backendRefs: [{ name: 'web', port: '80', weight: -1 }],
            bogus: true,
          },
        ],
      }),
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        metadata: { name: 'gw', namespace: 'shop' },
        spec: {
          gatewayClassName: '',
          listeners: [{ name: 'http', port: 0, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Nowhere' } } }],
        },
      } as KubeObject,
      edit(EXTERNAL_SECRET, { refreshInterval: 5, target: { name: 'db', creationPolicy: 'Sometimes' } }),
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'api', namespace: 'shop' },
        spec: {
          replicas: -1,
          selector: {},
          template: { spec: { containers: [{ name: 'api', image: 'x', ports: [{ containerPort: 'http' }] }] } },
        },
      } as KubeObject,
    ];
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-crd-models-'));
    try {
      const file = join(dir, 'objects.yaml');
      writeFileSync(file, invalid.map((o) => stringify(o)).join('---\n'));
      const bin = new URL('../../bin/shipshape.js', import.meta.url).pathname;
      const r = spawnSync(process.execPath, [bin, 'check', file, '--format', 'json'], { encoding: 'utf8' });
      const findings = (
        JSON.parse(r.stdout) as { findings: Array<{ check: string; object: string; path: string; message: string }> }
      ).findings
        .filter((f) => f.check === 'schema-invalid')
        .map((f) => `${f.object} ${f.path}: ${f.message}`);
      const fromPackages = invalid.flatMap((o) =>
        validateObject(o).map((i) => `${o.metadata.namespace}/${o.metadata.name}[${o.kind}] ${i.path}: ${i.message}`),
      );
      expect(fromPackages.length).toBeGreaterThan(10);
      expect(findings.sort()).toEqual(fromPackages.sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
