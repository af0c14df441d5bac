// `shipshape reach` as a user runs it (against the build: `npm test` compiles first).
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { CORPUS } from './fixtures.js';

const BIN = new URL('../../bin/shipshape.js', import.meta.url).pathname;
const shipshape = (args: string[], input?: string) =>
  spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, NO_COLOR: '1' },
  });

describe('shipshape reach', () => {
  it('--json prints {"connections": [{from, to, ports}]}', () => {
    const r = shipshape(['reach', `${CORPUS}/online-boutique`, '--json']);
    expect(r.status).toBe(0);
    const { connections } = JSON.parse(r.stdout);
    expect(connections.length).toBe(39);
    expect(connections).toContainEqual({
      from: 'default/frontend[Deployment]',
      to: 'default/cartservice[Deployment]',
      ports: [{ protocol: 'TCP', port: 7070 }],
    });
    expect(connections).toContainEqual({
      from: '0.0.0.0-255.255.255.255',
      to: 'default/frontend[Deployment]',
      ports: 'All',
    });
    for (const c of connections) expect(Object.keys(c)).toEqual(['from', 'to', 'ports']);
  });

  it('--pairs prints a table for people, one line per pair', () => {
    const r = shipshape(['reach', `${CORPUS}/online-boutique`, '--pairs']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^FROM\s+TO\s+PORTS$/);
    expect(lines).toContainEqual(
      expect.stringMatching(/^default\/cartservice\[Deployment\]\s+default\/redis-cart\[Deployment\]\s+TCP 6379$/),
    );
    expect(lines.at(-1)).toBe(
      '39 allowed connection(s) between 12 workload(s) and 1 external range(s), under 13 NetworkPolicy object(s)',
    );
  });

  it('prints one line per group of workloads no policy tells apart; --from/--to filter; --json adds groups', () => {
    const pod = (name: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: a, image: a}]}\n`;
    const db =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: db, namespace: shop}\nspec:\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec: {containers: [{name: a, image: a}]}\n';
    const policy =
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: db, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: db}}\n  policyTypes: [Ingress, Egress]\n  ingress:\n  - from: [{podSelector: {matchLabels: {app: web}}}]\n    ports: [{port: 5432}]\n';
    const input = [pod('web-a'), pod('web-b'), pod('web-c'), db, policy].join('---\n');
    const text = shipshape(['reach', '-', '--to', 'db'], input);
    expect(text.status).toBe(0);
    expect(text.stdout.split('\n')[0]).toBe(
      '3 workloads (shop/web-a[Deployment], shop/web-b[Deployment], shop/web-c[Deployment]) → shop/db[Deployment] : TCP 5432',
    );
    expect(text.stdout).toContain('1 group(s) of allowed connections');
    const one = shipshape(['reach', '-', '--from', 'shop/web-b[Deployment]', '--to', 'shop', '--pairs'], input);
    expect(one.stdout).toMatch(/^shop\/web-b\[Deployment\]\s+shop\/db\[Deployment\]\s+TCP 5432$/m);
    expect(one.stdout).toMatch(/^shop\/web-b\[Deployment\]\s+shop\/web-a\[Deployment\]\s+All$/m);
    expect(one.stdout).not.toMatch(/^shop\/web-a/m);
    const json = JSON.parse(shipshape(['reach', '-', '--json', '--to', 'db'], input).stdout);
    expect(json.groups).toEqual([
      {
        from: ['shop/web-a[Deployment]', 'shop/web-b[Deployment]', 'shop/web-c[Deployment]'],
        to: ['shop/db[Deployment]'],
        ports: [{ protocol: 'TCP', port: 5432 }],
      },
    ]);
    expect(json.connections).toHaveLength(3);
  });

  it('prints a namespace without policy as one line, however many workloads it has (istio-addons)', () => {
    const r = shipshape(['reach', `${CORPUS}/istio-addons`]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    const all =
      '4 workloads (istio-system/jaeger[Deployment], istio-system/kiali[Deployment], istio-system/loki[StatefulSet], …)';
    expect(lines).toEqual([
      `${all} → ${all} : All`,
      `${all} → 0.0.0.0-255.255.255.255 : All`,
      `0.0.0.0-255.255.255.255 → ${all} : All`,
      expect.stringMatching(/^3 group\(s\) of allowed connections between 4 workload\(s\)/),
    ]);
    // --pairs still lists each of the 4 × 3 pairs.
    expect(shipshape(['reach', `${CORPUS}/istio-addons`, '--pairs']).stdout).toContain('\n20 allowed connection(s)');
  });

  it('--pairs prints a quarter of a million pairs (500 alike workloads, no policy) without overflowing the stack', () => {
    const input = Array.from(
      { length: 500 },
      (_, i) =>
        `apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}, namespace: big, labels: {app: same}}\nspec: {containers: [{name: a, image: a}]}\n`,
    ).join('---\n');
    const r = shipshape(['reach', '-', '--pairs'], input);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1 + 500 * 499 + 500 * 2 + 1);
  }, 60_000);

  it('a policy the API server would reject is bad input (exit 2) naming file, line and field', () => {
    const bad =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: a, image: a}]}\n---\n' +
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: bad}\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock: {cidr: 10.0.0.0/40}\n';
    const r = shipshape(['reach', '-', '--json'], bad);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      '<stdin>:6 default/bad[NetworkPolicy] spec.ingress[0].from[0].ipBlock.cidr: expected a CIDR such as 10.0.0.0/16, got "10.0.0.0/40"',
    );
  });

  it('rejects an unknown --format', () => {
    expect(shipshape(['reach', `${CORPUS}/online-boutique`, '--format', 'xml']).status).toBe(2);
  });
});
