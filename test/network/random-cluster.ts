// Random clusters for property tests of reachability: few labels so pod classes collide, named
// ports, pod, namespace and ipBlock peers, rules without peers or ports. Seeded, so a failure reproduces.
import type { KubeObject } from '../../src/k8s/object.js';
import { namespace, pod, policy } from './fixtures.js';
import { seededRandom } from '../seeded-random.js';

/** A random cluster: few labels so classes collide, named ports, pod/namespace/ipBlock peers, any-peer rules. */
export function randomCluster(seed: number): KubeObject[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const namespaces = ['a', 'b', 'c'];
  const labels = () =>
    random() < 0.2 ? {} : { app: pick(['x', 'y', 'z']), ...(random() < 0.3 ? { tier: 'db' } : {}) };
  const objects: KubeObject[] = namespaces.map((ns) =>
    namespace(ns, random() < 0.5 ? { team: pick(['t1', 't2']) } : {}),
  );
  for (let i = 0; i < 14; i++) {
    const ports = random() < 0.5 ? [{ name: 'web', containerPort: pick([80, 8080]) }] : [];
    objects.push(pod(pick(namespaces), `p${i}`, labels(), ports));
  }
  const peer = () =>
    pick([
      () => ({ podSelector: { matchLabels: { app: pick(['x', 'y', 'z']) } } }),
      () => ({ podSelector: {} }),
      () => ({ namespaceSelector: { matchLabels: { team: pick(['t1', 't2']) } } }),
      () => ({ namespaceSelector: {}, podSelector: { matchLabels: { tier: 'db' } } }),
      () => ({ ipBlock: { cidr: '10.0.0.0/8', ...(random() < 0.5 ? { except: ['10.1.0.0/16'] } : {}) } }),
      // Adjacent blocks, so ranges allowed alike are joined; an outside range that is not private.
      () => ({ ipBlock: { cidr: pick(['10.0.20.0/24', '10.0.21.0/24', '192.168.0.0/16']) } }),
    ])();
  const rule = (side: 'from' | 'to') => ({
    ...(random() < 0.8 ? { [side]: [peer()] } : {}),
    ...(random() < 0.7 ? { ports: [pick([{ port: 80 }, { port: 'web' }, { protocol: 'UDP', port: 53 }])] } : {}),
  });
  for (let i = 0; i < 5; i++) {
    const types = pick([['Ingress'], ['Egress'], ['Ingress', 'Egress']]);
    objects.push(
      policy(pick(namespaces), `np${i}`, {
        podSelector: random() < 0.4 ? {} : { matchLabels: { app: pick(['x', 'y', 'z']) } },
        policyTypes: types,
        ...(types.includes('Ingress')
          ? { ingress: Array.from({ length: Math.floor(random() * 3) }, () => rule('from')) }
          : {}),
        ...(types.includes('Egress')
          ? { egress: Array.from({ length: Math.floor(random() * 3) }, () => rule('to')) }
          : {}),
      }),
    );
  }
  return objects;
}
