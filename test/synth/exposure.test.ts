// Inbound exposure in the spec: NodePort/LoadBalancer source ranges, `inbound` peers and the ingress
// controller's pods become Service fields and NetworkPolicy ingress rules; bad entries are spec
// errors with file, line and path, and nothing is written.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateObject } from '../../src/k8s/validate.js';
import { checkSemantics } from '../../src/spec/semantics.js';
import { specJsonSchema } from '../../src/spec/json-schema.js';
import { arch, find, objects } from './helpers.js';

const API = { type: 'web' as const, image: 'api:1', ports: { http: { port: 80, containerPort: 8080 }, admin: 9000 } };
const rules = (list: ReturnType<typeof objects>, name: string) => find(list, 'NetworkPolicy', name).spec.ingress;

describe('NodePort and LoadBalancer exposure', () => {
  it('a NodePort admits everything (0.0.0.0/0) on every exposed container port, and keeps externalTrafficPolicy', () => {
    const list = objects(arch({ api: { ...API, service: { type: 'NodePort' } } }));
    expect(rules(list, 'api')).toEqual([
      {
        from: [{ ipBlock: { cidr: '0.0.0.0/0' } }],
        ports: [
          { protocol: 'TCP', port: 8080 },
          { protocol: 'TCP', port: 9000 },
        ],
      },
    ]);
    const svc = find(list, 'Service', 'api');
    expect(svc.spec.externalTrafficPolicy).toBeUndefined();
    expect(svc.spec.loadBalancerSourceRanges).toBeUndefined();
  });

  it('a LoadBalancer with narrower sourceRanges: loadBalancerSourceRanges, externalTrafficPolicy Local, one ipBlock per range', () => {
    const ranges = ['203.0.113.0/24', '198.51.100.7/32'];
    const list = objects(arch({ api: { ...API, service: { type: 'LoadBalancer', sourceRanges: ranges } } }));
    const svc = find(list, 'Service', 'api');
    expect(svc.spec).toMatchObject({ loadBalancerSourceRanges: ranges, externalTrafficPolicy: 'Local' });
    expect(validateObject(svc)).toEqual([]);
    expect(rules(list, 'api')[0].from).toEqual(ranges.map((cidr) => ({ ipBlock: { cidr } })));
  });

  it('a NodePort with sourceRanges gets externalTrafficPolicy Local but no loadBalancerSourceRanges', () => {
    const svc = find(
      objects(arch({ api: { ...API, service: { type: 'NodePort', sourceRanges: ['10.0.0.0/8'] } } })),
      'Service',
      'api',
    );
    expect(svc.spec.externalTrafficPolicy).toBe('Local');
    expect(svc.spec.loadBalancerSourceRanges).toBeUndefined();
  });

  it('a ClusterIP Service opens nothing from outside', () => {
    expect(objects(arch({ api: API })).some((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'api')).toBe(
      false,
    );
  });
});

describe('inbound peers', () => {
  it('a CIDR with except and a namespace with a pod selector, on the named ports resolved to container ports', () => {
    const list = objects(
      arch({
        api: {
          ...API,
          inbound: [
            { cidr: '192.0.2.0/24', except: ['192.0.2.128/25'], ports: ['http'] },
            { namespace: 'agents', podSelector: { app: 'agent' }, ports: [80, 'admin'] },
            { namespace: 'gateway', ports: [80] },
          ],
        },
      }),
    );
    const np = find(list, 'NetworkPolicy', 'api');
    expect(np.spec.ingress).toEqual([
      {
        from: [{ ipBlock: { cidr: '192.0.2.0/24', except: ['192.0.2.128/25'] } }],
        ports: [{ protocol: 'TCP', port: 8080 }],
      },
      {
        from: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'agents' } },
            podSelector: { matchLabels: { app: 'agent' } },
          },
        ],
        ports: [
          { protocol: 'TCP', port: 8080 },
          { protocol: 'TCP', port: 9000 },
        ],
      },
      {
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'gateway' } } }],
        ports: [{ protocol: 'TCP', port: 8080 }],
      },
    ]);
    expect(validateObject(np)).toEqual([]);
  });

  it('an ingress controller pod selector narrows the controller peer, and the Ingress says which controller it assumes', () => {
    const list = objects(
      arch({
        api: {
          ...API,
          ingress: {
            host: 'api.example.com',
            controllerNamespace: 'edge',
            controllerPodSelector: { 'app.kubernetes.io/name': 'traefik' },
          },
        },
      }),
    );
    expect(rules(list, 'api')).toEqual([
      {
        from: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'edge' } },
            podSelector: { matchLabels: { 'app.kubernetes.io/name': 'traefik' } },
          },
        ],
        ports: [{ protocol: 'TCP', port: 8080 }],
      },
    ]);
    expect(find(list, 'Ingress', 'api').metadata.annotations).toMatchObject({
      'shipshape.dev/ingress-controller-namespace': 'edge',
      'shipshape.dev/ingress-controller-pods': 'app.kubernetes.io/name=traefik',
    });
  });

  it('an inbound port the component does not declare, and sourceRanges on a ClusterIP Service, are spec errors', () => {
    const issues = checkSemantics(
      arch({
        api: {
          ...API,
          inbound: [{ namespace: 'agents', ports: ['http', 5432] }],
          service: { sourceRanges: ['10.0.0.0/8'] },
        },
      }),
    );
    expect(issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'components.api.inbound.0.ports.1: no port 5432 (expected one of: http=80, admin=9000)',
      'components.api.service.sourceRanges: only for type NodePort or LoadBalancer',
    ]);
  });
});

describe('the authoring JSON Schema', () => {
  it('describes service.sourceRanges, inbound (both forms) and ingress.controllerPodSelector', () => {
    const component = (specJsonSchema() as any).properties.components.additionalProperties.properties;
    expect(component.service.properties.sourceRanges.items.type).toBe('string');
    expect(component.inbound.items.anyOf.map((v: any) => Object.keys(v.properties).sort())).toEqual([
      ['cidr', 'except', 'ports'],
      ['namespace', 'podSelector', 'ports'],
    ]);
    expect(component.ingress.properties.controllerPodSelector.type).toBe('object');
  });
});

describe('bad exposure input through the CLI', () => {
  const BIN = new URL('../../bin/shipshape.js', import.meta.url).pathname;
  const cases: Array<[string, string, string]> = [
    [
      'an invalid source range',
      '    service:\n      type: LoadBalancer\n      sourceRanges: [10.0.0.0/33]\n',
      ':10 components.api.service.sourceRanges[0]: expected a CIDR such as 203.0.113.0/24 or 0.0.0.0/0, received "10.0.0.0/33"',
    ],
    [
      'an invalid inbound CIDR',
      '    inbound:\n      - cidr: 300.1.2.0/24\n        ports: [http]\n',
      ':9 components.api.inbound[0].cidr: expected a CIDR such as 203.0.113.0/24 or 0.0.0.0/0, received "300.1.2.0/24"',
    ],
    [
      'an undeclared inbound port',
      '    inbound:\n      - namespace: agents\n        ports: [grpc]\n',
      ':10 components.api.inbound[0].ports[0]: no port grpc (expected one of: http=8080)',
    ],
    [
      'an inbound namespace that is not a DNS label',
      '    inbound:\n      - namespace: Agents_NS\n        ports: [http]\n',
      ':9 components.api.inbound[0].namespace: expected a DNS label (lowercase letters, digits and "-", at most 63 characters), received "Agents_NS"',
    ],
  ];
  for (const [what, yaml, expected] of cases) {
    it(`${what}: exit 2, file:line path, nothing written`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'shipshape-exposure-'));
      const file = join(dir, 'architecture.yaml');
      writeFileSync(
        file,
        `name: a\nnamespace: a\ncomponents:\n  api:\n    type: web\n    image: api:1\n    ports: {http: 8080}\n${yaml}`,
      );
      const out = join(dir, 'out');
      const r = spawnSync(process.execPath, [BIN, 'build', dir, '--out', out], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain(`${file}${expected}`);
      expect(existsSync(out)).toBe(false);
    });
  }
});
