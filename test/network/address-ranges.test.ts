// Outside address ranges as reach prints them: per workload and direction, cut only by the
// ipBlocks of the rules facing that direction, and adjacent pieces allowed the same ports joined.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { computeReachability } from '../../src/graph/reach.js';
import { cutSpace, parseCidr, parseRange, runsOf, type Ipv4Range } from '../../src/graph/netpol/ipv4.js';
import { graphOf, pod, policy, readObjects, CORPUS } from './fixtures.js';
import { connectionLines } from '../../src/graph/reach-lines.js';
import type { KubeObject } from '../../src/k8s/object.js';

const db = pod('default', 'db', { role: 'db' }, [{ containerPort: 6379 }]);
const web = pod('default', 'web', { app: 'web' });
const DB = 'default/db[Pod]';
const WEB = 'default/web[Pod]';
const docsPolicy = readObjects(`${CORPUS}/k8s-docs-examples/service/networking/networkpolicy.yaml`);

/** Every connection to or from outside the cluster, as `from > to ports`. */
function outsideLines(objects: KubeObject[]): string[] {
  const r = computeReachability(graphOf(objects));
  expect(r.problems).toEqual([]);
  return r
    .connections()
    .filter((c) => parseRange(c.from) || parseRange(c.to))
    .map((c) => `${c.from} > ${c.to} ${c.ports.toString()}`);
}

const ingressFrom = (name: string, blocks: Array<{ cidr: string; except?: string[] }>, port: number) =>
  policy('default', name, {
    podSelector: { matchLabels: { role: 'db' } },
    policyTypes: ['Ingress'],
    ingress: [{ from: blocks.map((ipBlock) => ({ ipBlock })), ports: [{ port }] }],
  });

describe('address ranges per direction', () => {
  it('an egress ipBlock splits no ingress source, and a workload open both ways has one range each way', () => {
    // The Kubernetes docs policy: ingress from 172.17.0.0/16 except 172.17.1.0/24, egress to 10.0.0.0/24.
    expect(outsideLines([db, web, ...docsPolicy])).toEqual([
      `${DB} > 10.0.0.0-10.0.0.255 TCP 5978`,
      `${WEB} > 0.0.0.0-255.255.255.255 All`,
      `0.0.0.0-255.255.255.255 > ${WEB} All`,
      `172.17.0.0-172.17.0.255 > ${DB} TCP 6379`,
      `172.17.2.0-172.17.255.255 > ${DB} TCP 6379`,
    ]);
  });

  it('adjacent blocks allowed the same ports print as one range; a block allowed other ports stays apart', () => {
    const lines = outsideLines([
      db,
      ingressFrom('low', [{ cidr: '10.0.0.0/25' }], 80),
      ingressFrom('high', [{ cidr: '10.0.0.128/25' }], 80),
      ingressFrom('next', [{ cidr: '10.0.1.0/24' }], 443),
    ]);
    expect(lines).toEqual([
      `${DB} > 0.0.0.0-255.255.255.255 All`,
      `10.0.0.0-10.0.0.255 > ${DB} TCP 80`,
      `10.0.1.0-10.0.1.255 > ${DB} TCP 443`,
    ]);
  });

  it('an except hole filled by another rule on the same port, and a block inside a larger one, merge', () => {
    const lines = outsideLines([
      db,
      ingressFrom('wide', [{ cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] }], 6379),
      ingressFrom('hole', [{ cidr: '172.17.1.0/24' }], 6379),
      ingressFrom('inner', [{ cidr: '172.17.9.0/24' }], 6379),
    ]);
    expect(lines).toEqual([`${DB} > 0.0.0.0-255.255.255.255 All`, `172.17.0.0-172.17.255.255 > ${DB} TCP 6379`]);
  });

  it('IPv6 blocks cut nothing: the reported space is IPv4', () => {
    expect(outsideLines([db, ingressFrom('v6', [{ cidr: '2001:db8::/32' }], 80)])).toEqual([
      `${DB} > 0.0.0.0-255.255.255.255 All`,
    ]);
  });

  it('allowed() on a printed range is its ports; on a range across differently allowed pieces, what every address gets', () => {
    const r = computeReachability(
      graphOf([db, ingressFrom('a', [{ cidr: '10.0.0.0/24' }], 80), ingressFrom('b', [{ cidr: '10.0.0.0/25' }], 443)]),
    );
    for (const c of r.connections()) expect(r.allowed(c.from, c.to).toString()).toBe(c.ports.toString());
    expect(r.allowed('10.0.0.0-10.0.0.127', DB).toString()).toBe('TCP 80, TCP 443');
    expect(r.allowed('10.0.0.0-10.0.0.255', DB).toString()).toBe('TCP 80');
    expect(r.allowed('10.0.0.0-10.0.1.0', DB).toString()).toBe('');
    // The full cut (for queries) is still cut at every block of every policy.
    expect(r.externals.length).toBe(4);
  });
});

describe('ipv4 ranges', () => {
  const range = (cidr: string) => parseCidr(cidr) as Ipv4Range;

  it('parseRange reads what formatRange writes and nothing else', () => {
    expect(parseRange('10.0.0.0-10.0.0.255')).toEqual(range('10.0.0.0/24'));
    expect(parseRange('0.0.0.0-255.255.255.255')).toEqual({ start: 0, end: 0xffffffff });
    expect(parseRange('10.0.0.9-10.0.0.1')).toBeUndefined();
    expect(parseRange('10.0.0.0/24')).toBeUndefined();
    expect(parseRange('default/db[Pod]')).toBeUndefined();
    expect(parseRange('10.0.0.0-10.0.0.256')).toBeUndefined();
  });

  it('runsOf joins consecutive pieces with equal values only', () => {
    const cut = cutSpace([range('10.0.0.0/24'), range('10.0.1.0/24'), range('10.0.3.0/24')]);
    const inside = (r: Ipv4Range) => r.start >= range('10.0.0.0/8').start && r.end <= range('10.0.0.0/8').end;
    expect(runsOf(cut, inside, (a, b) => a === b).map(({ range: r, value }) => [r, value])).toEqual([
      [{ start: 0, end: range('10.0.0.0/24').start - 1 }, false],
      [{ start: range('10.0.0.0/24').start, end: range('10.0.3.0/24').end }, true],
      [{ start: range('10.0.3.0/24').end + 1, end: 0xffffffff }, false],
    ]);
  });
});

describe('merged lines', () => {
  it('never put a merged range on one side with workloads allowed the same ports', () => {
    // web reaches db and two adjacent /24s (one range, 10.0.20.0-10.0.21.255, which is no piece of
    // the full cut) on TCP 5432: two lines, not one mixing db and the range.
    const egress = policy('default', 'web', {
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Egress'],
      egress: [
        {
          to: [
            { podSelector: { matchLabels: { role: 'db' } } },
            { ipBlock: { cidr: '10.0.20.0/24' } },
            { ipBlock: { cidr: '10.0.21.0/24' } },
          ],
          ports: [{ port: 5432 }],
        },
      ],
    });
    const ingress = policy('default', 'db', {
      podSelector: { matchLabels: { role: 'db' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 5432 }] }],
    });
    const lines = connectionLines(computeReachability(graphOf([db, web, egress, ingress])))
      .filter((l) => l.from.includes(WEB))
      .map((l) => `${l.from.join(',')} > ${l.to.join(',')} ${l.ports.toString()}`);
    expect(lines).toEqual([`${WEB} > ${DB} TCP 5432`, `${WEB} > 10.0.20.0-10.0.21.255 TCP 5432`]);
  });
});

describe('reach text', () => {
  it('prints one range each way for the open pod, ranges alike on one line, and counts the ranges it printed', () => {
    const BIN = new URL('../../bin/shipshape.js', import.meta.url).pathname;
    const pods = [db, web].map((o) => `---\n${JSON.stringify(o)}\n`).join('');
    const input = `${pods}---\n${readFileSync(`${CORPUS}/k8s-docs-examples/service/networking/networkpolicy.yaml`, 'utf8')}`;
    const r = spawnSync(process.execPath, [BIN, 'reach', '-'], {
      input,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      `${DB} → 10.0.0.0-10.0.0.255 : TCP 5978`,
      // The two ranges around the except (not adjacent: not one range) reach db alike: one line.
      `2 address ranges (172.17.0.0-172.17.0.255, 172.17.2.0-172.17.255.255) → ${DB} : TCP 6379`,
      `${WEB} → 0.0.0.0-255.255.255.255 : All`,
      `0.0.0.0-255.255.255.255 → ${WEB} : All`,
      '4 group(s) of allowed connections between 2 workload(s) and 4 external range(s), under 1 NetworkPolicy object(s); --pairs lists every pair',
    ]);
  });
});
