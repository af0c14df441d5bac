// Twin groups (graph/netpol/twins.ts): workloads connected exactly alike share one group, and the
// groups `reach` yields expand to exactly the pairs `allowed` answers one by one.
import { describe, it, expect } from 'vitest';
import { computeReachability, type ConnectionGroup } from '../../src/graph/reach.js';
import { connectionLines } from '../../src/graph/reach-lines.js';
import { formatRange, parseRange, type Ipv4Range } from '../../src/graph/netpol/ipv4.js';
import { graphOf, pod, policy } from './fixtures.js';
import { randomCluster } from './random-cluster.js';
import type { KubeObject } from '../../src/k8s/object.js';

/**
 * Every pair of the lines (a ≠ b), failing on a pair listed twice. A range (merged per workload and
 * direction) stands for the pieces of `cut` it covers, and must be exactly a run of them.
 */
function expand(lines: Iterable<ConnectionGroup>, cut: Ipv4Range[] = []): Map<string, string> {
  const pieces = (id: string): string[] => {
    const range = parseRange(id);
    if (!range || cut.length === 0) return [id];
    const inside = cut.filter((p) => range.start <= p.start && p.end <= range.end);
    expect(inside[0]?.start, `${id} starts on a piece`).toBe(range.start);
    expect(inside[inside.length - 1]?.end, `${id} ends on a piece`).toBe(range.end);
    return inside.map(formatRange);
  };
  const out = new Map<string, string>();
  for (const { from, to, ports } of lines)
    for (const a of from.flatMap(pieces))
      for (const b of to.flatMap(pieces)) {
        if (a === b) continue;
        expect(out.has(`${a} > ${b}`), `${a} > ${b} twice`).toBe(false);
        out.set(`${a} > ${b}`, ports.toString());
      }
  return out;
}

describe('twin groups', () => {
  it('expand to exactly the pairs allowed() answers, on 200 random clusters', () => {
    let merged = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const reach = computeReachability(graphOf(randomCluster(seed)));
      const ids = reach.workloads.map((w) => w.id);
      // Pairs one by one, outside ranges as the pieces of the full cut they cover.
      const yielded = expand(
        [...reach.pairs()].map(({ from, to, ports }) => ({ from: [from], to: [to], ports })),
        reach.externals,
      );
      const expected = new Map<string, string>();
      for (const a of ids)
        for (const b of ids) {
          if (a === b) continue;
          const ports = reach.allowed(a, b);
          if (!ports.isEmpty()) expected.set(`${a} > ${b}`, ports.toString());
        }
      // Outside ranges: every piece of the full cut and workload, both ways.
      for (const range of reach.externals.map(formatRange))
        for (const w of ids) {
          const out = reach.allowed(w, range);
          if (!out.isEmpty()) expected.set(`${w} > ${range}`, out.toString());
          const into = reach.allowed(range, w);
          if (!into.isEmpty()) expected.set(`${range} > ${w}`, into.toString());
        }
      expect(yielded, `seed ${seed}`).toEqual(expected);
      // The printed lines hold the same pairs, each once, with the same ports.
      expect(expand(connectionLines(reach), reach.externals), `seed ${seed}`).toEqual(expected);
      const groups = new Set(ids.map((id) => reach.twinsOf(id)!));
      merged += ids.length - groups.size;
    }
    // The property must be exercised where twins merge classes, not only on singletons.
    expect(merged).toBeGreaterThan(200);
  });

  it('a namespace without policy is one group, whatever its labels and named ports', () => {
    const reach = computeReachability(
      graphOf([
        pod('open', 'jaeger', { app: 'jaeger' }, [{ name: 'http', containerPort: 16686 }]),
        pod('open', 'kiali', { app: 'kiali' }, [{ name: 'http', containerPort: 20001 }]),
        pod('open', 'loki', { app: 'loki' }),
      ]),
    );
    const inCluster = [...reach.groups()].filter((g) => g.from.length > 1 && g.to.length > 1);
    expect(inCluster.map((g) => [g.from, g.to, g.ports.toString()])).toEqual([
      [
        ['open/jaeger[Pod]', 'open/kiali[Pod]', 'open/loki[Pod]'],
        ['open/jaeger[Pod]', 'open/kiali[Pod]', 'open/loki[Pod]'],
        'All',
      ],
    ]);
    expect([...reach.groups()]).toHaveLength(3); // plus to and from the one external range
  });

  it('keeps apart workloads that a rule tells apart: a named port, or a same-namespace rule in each namespace', () => {
    const sameNamespace = {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: {} }] }],
    };
    const reach = computeReachability(
      graphOf([
        pod('a', 'a1', { app: 'one' }),
        pod('a', 'a2', { app: 'two' }),
        pod('b', 'b1', { app: 'one' }),
        policy('a', 'same', sameNamespace),
        policy('b', 'same', sameNamespace),
        pod('c', 'web', { app: 'web' }, [{ name: 'web', containerPort: 80 }]),
        pod('c', 'api', { app: 'api' }, [{ name: 'web', containerPort: 8080 }]),
        pod('c', 'client', { app: 'x' }),
        policy('c', 'out', {
          podSelector: { matchLabels: { app: 'x' } },
          policyTypes: ['Egress'],
          egress: [{ ports: [{ port: 'web' }] }],
        }),
      ]),
    );
    // a1 and a2 differ in labels but every rule treats them alike; b1 is only reachable from b.
    expect(reach.twinsOf('a/a1[Pod]')).toEqual(['a/a1[Pod]', 'a/a2[Pod]']);
    expect(reach.twinsOf('b/b1[Pod]')).toEqual(['b/b1[Pod]']);
    // The client's egress rule to port `web` resolves to TCP 80 on one and TCP 8080 on the other.
    expect(reach.allowed('c/client[Pod]', 'c/web[Pod]').toString()).toBe('TCP 80');
    expect(reach.allowed('c/client[Pod]', 'c/api[Pod]').toString()).toBe('TCP 8080');
    expect(reach.twinsOf('c/web[Pod]')).toEqual(['c/web[Pod]']);
    expect(reach.twinsOf('nowhere/x[Pod]')).toBeUndefined();
  });
});

describe('connection lines', () => {
  it('merge the sources that reach the same destinations on the same ports, across namespaces', () => {
    // Each namespace's `api` reaches only its own `db`, so no two are twins; every `api` reaches the shared `log`.
    const objects: KubeObject[] = [pod('shared', 'log', { app: 'log' })];
    for (const ns of ['n1', 'n2', 'n3']) {
      objects.push(pod(ns, 'api', { app: 'api' }), pod(ns, 'db', { app: 'db' }));
      objects.push(
        policy(ns, 'api-out', {
          podSelector: { matchLabels: { app: 'api' } },
          policyTypes: ['Egress'],
          egress: [
            { to: [{ podSelector: { matchLabels: { app: 'db' } } }], ports: [{ port: 5432 }] },
            { to: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'log' } } }], ports: [{ port: 514 }] },
          ],
        }),
      );
    }
    const reach = computeReachability(graphOf(objects));
    const lines = connectionLines(reach);
    expect(lines.length).toBeLessThan([...reach.groups()].length);
    expect(lines.map((l) => [l.from, l.to, l.ports.toString()])).toContainEqual([
      ['n1/api[Pod]', 'n2/api[Pod]', 'n3/api[Pod]'],
      ['shared/log[Pod]'],
      'TCP 514',
    ]);
    expect(expand(lines)).toEqual(expand([...reach.groups()]));
  });
});
