// `shipshape reach` as a user runs it (against the build: `npm test` compiles first).
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { CORPUS } from './fixtures.js';

const BIN = new URL('../../bin/shipshape.js', import.meta.url).pathname;
const shipshape = (args: string[], input?: string) =>
  spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

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

  it('prints a table for people', () => {
    const r = shipshape(['reach', `${CORPUS}/online-boutique`]);
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
