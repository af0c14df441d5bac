// Reachability over real manifests, read and built by the real reader and graph builder.
import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { readManifests } from '../../src/k8s/read.js';
import { buildGraph } from '../../src/graph/build.js';
import { computeReachability, intendedConnections } from '../../src/graph/reach.js';
import { networkChecks } from '../../src/checks/network.js';
import { CORPUS } from './fixtures.js';

async function graphOf(path: string) {
  const r = await readManifests([path]);
  return buildGraph(r.objects, r.messages);
}

describe('Online Boutique with its network-policies folder', () => {
  it("allows exactly each service's declared callers on its port", async () => {
    const graph = await graphOf(`${CORPUS}/online-boutique`);
    const reach = computeReachability(graph);
    expect(reach.problems).toEqual([]);
    const json = JSON.parse(JSON.stringify({ connections: reach.connections() })).connections as Array<{
      from: string;
      to: string;
      ports: unknown;
    }>;
    const to = (target: string) =>
      json.filter((c) => c.to === `default/${target}[Deployment]`).map((c) => [c.from, c.ports]);
    expect(to('cartservice')).toEqual([
      ['default/checkoutservice[Deployment]', [{ protocol: 'TCP', port: 7070 }]],
      ['default/frontend[Deployment]', [{ protocol: 'TCP', port: 7070 }]],
    ]);
    expect(to('redis-cart')).toEqual([['default/cartservice[Deployment]', [{ protocol: 'TCP', port: 6379 }]]]);
    // frontend accepts everything (ingress: [{}]), from outside the cluster too; nothing else does.
    expect(json.filter((c) => c.from === '0.0.0.0-255.255.255.255')).toEqual([
      { from: '0.0.0.0-255.255.255.255', to: 'default/frontend[Deployment]', ports: 'All' },
    ]);
    expect(reach.allowed('default/frontend[Deployment]', 'default/redis-cart[Deployment]').isEmpty()).toBe(true);
  });

  it('allows every connection its env vars imply', async () => {
    const graph = await graphOf(`${CORPUS}/online-boutique`);
    const intended = intendedConnections(graph, computeReachability(graph));
    expect(intended.filter((c) => c.status === 'allowed').length).toBe(16);
    // The frontend names a shopping-assistant Service that the release manifests do not define.
    expect(intended.filter((c) => c.status !== 'allowed').map((c) => `${c.service} ${c.status}`)).toEqual([
      'default/shoppingassistantservice[Service] unresolved',
    ]);
    const findings = networkChecks.flatMap((c) =>
      c.run({ graph, options: {} }).map((f) => ({ ...f, severity: f.severity ?? c.severity })),
    );
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('every corpus folder', () => {
  it.each(readdirSync(CORPUS).filter((d) => d !== 'LICENSES' && !d.endsWith('.md')))(
    '%s: reachability and network checks run',
    async (dir) => {
      const graph = await graphOf(`${CORPUS}/${dir}`);
      const reach = computeReachability(graph);
      expect(reach.problems).toEqual([]);
      expect(() => reach.connections()).not.toThrow();
      for (const check of networkChecks) expect(() => check.run({ graph, options: {} })).not.toThrow();
    },
  );

  it('finds the sock-shop policy defects: a selector typo (name=cart for carts) and the ignored legacy annotation', async () => {
    const graph = await graphOf(`${CORPUS}/sock-shop/manifests-policy`);
    const demo = await graphOf(`${CORPUS}/sock-shop/complete-demo.yaml`);
    const both = buildGraph([...demo.nodes, ...graph.nodes].map((n) => ({ object: n.object, source: n.source })));
    const ids = (id: string, g = both) =>
      networkChecks
        .find((c) => c.id === id)!
        .run({ graph: g, options: {} })
        .map((f) => f.object);
    expect(ids('network-policy-selects-nothing')).toEqual(['sock-shop/cart-access[NetworkPolicy]']);
    expect(ids('network-peer-selects-nothing')).toContain('sock-shop/carts-db-access[NetworkPolicy]');
    expect(ids('network-legacy-isolation-annotation', graph)).toEqual(['sock-shop[Namespace]']);
  });
});
