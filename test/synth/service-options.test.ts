import { describe, expect, it } from 'vitest';
import { validateObject } from '../../src/k8s/validate.js';
import { architectureSchema } from '../../src/spec/schema.js';
import { checkSemantics } from '../../src/spec/semantics.js';
import { arch, find, objects } from './helpers.js';

const CDC = { type: 'worker' as const, image: 'c:1', ports: { metrics: 8080, health: 8081 } };

describe('service options', () => {
  it('NodePort with a fixed node port on one named port', () => {
    const svc = find(
      objects(arch({ dev: { ...CDC, service: { type: 'NodePort', nodePorts: { metrics: 30080 } } } })),
      'Service',
      'dev',
    );
    expect(svc.spec.type).toBe('NodePort');
    expect(svc.spec.ports).toEqual([
      { name: 'metrics', port: 8080, targetPort: 'metrics', protocol: 'TCP', nodePort: 30080 },
      { name: 'health', port: 8081, targetPort: 'health', protocol: 'TCP' },
    ]);
    expect(validateObject(svc)).toEqual([]);
  });

  it('a headless Service for a Deployment, both publishing not-ready pods', () => {
    const list = objects(arch({ cdc: { ...CDC, service: { headless: true, publishNotReadyAddresses: true } } }));
    const headless = find(list, 'Service', 'cdc-headless');
    expect(headless.spec).toMatchObject({
      clusterIP: 'None',
      publishNotReadyAddresses: true,
      selector: find(list, 'Deployment', 'cdc').spec.selector.matchLabels,
    });
    expect(find(list, 'Service', 'cdc').spec).toMatchObject({ type: 'ClusterIP', publishNotReadyAddresses: true });
    expect(validateObject(headless)).toEqual([]);
  });

  it('by default: ClusterIP only, no headless Service for a Deployment', () => {
    const list = objects(arch({ cdc: CDC }));
    expect(find(list, 'Service', 'cdc').spec.publishNotReadyAddresses).toBeUndefined();
    expect(list.some((o) => o.metadata.name === 'cdc-headless')).toBe(false);
  });

  it('rejects node ports outside 30000-32767, on unknown ports, or on a ClusterIP Service', () => {
    expect(
      architectureSchema.safeParse({
        name: 's',
        namespace: 's',
        components: { dev: { ...CDC, service: { type: 'NodePort', nodePorts: { metrics: 8080 } } } },
      }).success,
    ).toBe(false);
    expect(
      checkSemantics(arch({ dev: { ...CDC, service: { type: 'NodePort', nodePorts: { http: 30080 } } } })).map(
        (i) => i.message,
      ),
    ).toEqual(['no port named "http" (expected one of: metrics, health)']);
    expect(
      checkSemantics(arch({ dev: { ...CDC, service: { nodePorts: { metrics: 30080 } } } })).map((i) =>
        i.path.join('.'),
      ),
    ).toEqual(['components.dev.service.nodePorts']);
  });
});

describe('service name and selector (blue-green, canary)', () => {
  const variant = (version: string, service?: Record<string, unknown>) => ({
    ...CDC,
    selectorLabels: { app: 'cdc', version },
    ...(service && { service }),
  });

  it('blue takes the stable Service name, pinned to version blue; connections name that Service', () => {
    const list = objects(
      arch({
        'cdc-blue': variant('blue', { name: 'cdc', selector: { app: 'cdc', version: 'blue' } }),
        'cdc-green': variant('green'),
        client: { type: 'worker', image: 'x:1', uses: ['cdc-blue:metrics'] },
      }),
    );
    expect(find(list, 'Service', 'cdc').spec.selector).toEqual({ app: 'cdc', version: 'blue' });
    expect(list.some((o) => o.kind === 'Service' && o.metadata.name === 'cdc-blue')).toBe(false);
    expect(find(list, 'Service', 'cdc-green').spec.selector).toMatchObject({ version: 'green' });
    expect(find(list, 'Deployment', 'client').metadata.annotations['shipshape.dev/connects']).toBe('cdc:8080');
  });

  it('a canary beside the main Deployment: one Service selects both', () => {
    const list = objects(arch({ main: variant('stable', { selector: { app: 'cdc' } }), canary: variant('canary') }));
    expect(find(list, 'Service', 'main').spec.selector).toEqual({ app: 'cdc' });
  });

  it("rejects a selector the component's own pods do not match", () => {
    expect(
      checkSemantics(arch({ main: variant('stable', { selector: { app: 'cdc', version: 'blue' } }) })).map((i) =>
        i.path.join('.'),
      ),
    ).toEqual(['components.main.service.selector.version']);
  });
});
