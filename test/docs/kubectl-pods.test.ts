// Docs over a `kubectl get pods` dump draw each workload as `graph --json` names it: the Pods of a
// ReplicaSet the input lacks are one component, named after that ReplicaSet (graph/owner.ts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KUBECTL_POD_LIST, graphOf } from '../checks/fixtures.js';
import { topology } from '../../src/docs/topology.js';

const BIN = new URL('../../bin/shipshape.js', import.meta.url).pathname;
const shipshape = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], {
    input: KUBECTL_POD_LIST,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });

describe('docs on a kubectl pod list', () => {
  it('has one component per workload, with the id graph --json gives its edges', async () => {
    const topo = topology(await graphOf(KUBECTL_POD_LIST));
    expect(
      topo.components.map((c) => [c.id, c.kind, c.name, c.namespace, c.node.name, c.services.map((s) => s.id)]),
    ).toEqual([
      ['shop/cart-7d9f[ReplicaSet]', 'ReplicaSet', 'cart-7d9f', 'shop', 'cart-7d9f-a', ['shop/cart[Service]']],
      ['shop/debug[Pod]', 'Pod', 'debug', 'shop', 'debug', []],
    ]);
    const graph = JSON.parse(shipshape('graph', '--json', '-').stdout);
    const selected = graph.edges
      .filter((e: { type: string; from: string }) => e.type === 'selects' && e.from === 'shop/cart[Service]')
      .map((e: { to: string }) => e.to);
    expect(selected).toEqual([topo.components[0].id]);
    expect(topo.componentOf('shop/cart-7d9f-b[Pod]')).toBe('shop/cart-7d9f[ReplicaSet]');
  });

  it('draws the ReplicaSet, never its Pods one by one', () => {
    const out = mkdtempSync(join(tmpdir(), 'shipshape-kubectl-docs-'));
    const r = shipshape('docs', '-', '--out', out);
    expect(r.status).toBe(0);
    const architecture = readFileSync(join(out, 'ARCHITECTURE.md'), 'utf8');
    expect(architecture).toContain('### ReplicaSet cart-7d9f\n');
    expect(architecture).toContain('Pod of cart-7d9f<br/>ReplicaSet, 2 replicas');
    expect(architecture).toContain('### Pod debug\n');
    const diagrams = readdirSync(out).filter((f) => f.endsWith('.mmd'));
    expect(diagrams).toContain('pod-shop-cart-7d9f-replicaset.mmd');
    for (const f of diagrams) expect(readFileSync(join(out, f), 'utf8')).not.toMatch(/cart-7d9f-[ab]/);
    expect(readFileSync(join(out, 'cluster-overview.mmd'), 'utf8')).toContain('["cart-7d9f<br/>ReplicaSet"]');
  });
});
