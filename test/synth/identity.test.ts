import { describe, expect, it } from 'vitest';
import { checkSemantics } from '../../src/spec/semantics.js';
import { arch, find, objects } from './helpers.js';

const cdc = (schema: string, extra: Record<string, unknown> = {}) => ({
  type: 'worker' as const,
  image: 'cartridge/warp:v1.0.0',
  ports: { metrics: 8080 },
  replicas: 2,
  serviceAccount: { name: 'cartridge-warp' },
  containerName: 'cartridge-warp',
  selectorLabels: { app: 'cartridge-warp', schema },
  scheduling: { antiAffinityLabels: { app: 'cartridge-warp' } },
  ...extra,
});

describe('shared identity: ServiceAccount, container name, selector labels, anti-affinity', () => {
  const list = objects(arch({ 'cdc-ecommerce': cdc('ecommerce'), 'cdc-users': cdc('users') }));

  it('one shared ServiceAccount, made once, used by both', () => {
    expect(list.filter((o) => o.kind === 'ServiceAccount').map((o) => o.metadata.name)).toEqual(['cartridge-warp']);
    for (const d of ['cdc-ecommerce', 'cdc-users'])
      expect(find(list, 'Deployment', d).spec.template.spec.serviceAccountName).toBe('cartridge-warp');
  });

  it('the container is named as given', () => {
    expect(find(list, 'Deployment', 'cdc-users').spec.template.spec.containers[0].name).toBe('cartridge-warp');
  });

  it('selectors match the extra labels, and the pods carry them', () => {
    const d = find(list, 'Deployment', 'cdc-users');
    expect(d.spec.selector.matchLabels).toMatchObject({ app: 'cartridge-warp', schema: 'users' });
    expect(d.spec.template.metadata.labels).toMatchObject({ app: 'cartridge-warp', schema: 'users' });
    expect(find(list, 'Service', 'cdc-users').spec.selector).toEqual(d.spec.selector.matchLabels);
  });

  it('the anti-affinity term spans every pod with app=cartridge-warp', () => {
    const term = find(list, 'Deployment', 'cdc-ecommerce').spec.template.spec.affinity.podAntiAffinity
      .preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm;
    expect(term).toEqual({
      labelSelector: { matchLabels: { app: 'cartridge-warp' } },
      topologyKey: 'kubernetes.io/hostname',
    });
  });

  it("sharers must agree on the token; a component's own ServiceAccount cannot be borrowed", () => {
    expect(
      checkSemantics(
        arch({ a: cdc('a'), b: cdc('b', { serviceAccount: { name: 'cartridge-warp', automountToken: true } }) }),
      ).map((i) => i.path.join('.')),
    ).toEqual(['components.b.serviceAccount.automountToken']);
    expect(
      checkSemantics(
        arch({
          a: { type: 'worker', image: 'a:1' },
          b: { type: 'worker', image: 'b:1', serviceAccount: { name: 'a' } },
        }),
      ).map((i) => i.message),
    ).toEqual(['"a" is the own ServiceAccount of component a']);
  });
});
