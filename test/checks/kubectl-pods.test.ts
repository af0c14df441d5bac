// Checks over a `kubectl get pods` dump name each workload as `graph --json` and `reach --json`
// do: the Pods of a ReplicaSet the input lacks are one workload, named after that ReplicaSet
// (graph/owner.ts), reported once, at the source of the Pod standing for it.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { KUBECTL_POD_LIST } from './fixtures.js';

const BIN = new URL('../../bin/shipshape.js', import.meta.url).pathname;
const shipshape = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args, '-'], {
    input: KUBECTL_POD_LIST,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return JSON.parse(r.stdout);
};

const CART = 'shop/cart-7d9f[ReplicaSet]';
const DEBUG = 'shop/debug[Pod]';

describe('check on a kubectl pod list', () => {
  const findings: Array<{ check: string; object: string; line?: number }> = shipshape(
    'check',
    '--format',
    'json',
  ).findings;

  it('names workload findings by the ids graph --json and reach --json use', () => {
    const graph = shipshape('graph', '--json');
    const graphIds = new Set<string>([
      ...graph.nodes.map((n: { id: string }) => n.id),
      ...graph.edges.flatMap((e: { from: string; to: string }) => [e.from, e.to]),
    ]);
    const reachIds = new Set<string>(
      shipshape('reach', '--json').connections.flatMap((c: { from: string; to: string }) => [c.from, c.to]),
    );
    const workloadObjects = [...new Set(findings.map((f) => f.object))].filter((id) => id !== 'shop[Namespace]').sort();
    expect(workloadObjects).toEqual([CART, DEBUG]);
    for (const id of workloadObjects) {
      expect(graphIds.has(id)).toBe(true);
      expect(reachIds.has(id)).toBe(true);
    }
  });

  it('reports a defect once per workload, at the source of the first Pod standing for it', () => {
    // 1-based lines where the List's items start: cart-7d9f-a, cart-7d9f-b, debug, the Service.
    const lines = KUBECTL_POD_LIST.split('\n');
    const itemLines = lines.flatMap((line, i) => (/^ {2}- apiVersion:/.test(line) ? [i + 1] : []));
    expect(itemLines).toHaveLength(4);
    // The bare Pod has the finding's field (read from stdin too); the ReplicaSet's pod-template path is no field of its Pod.
    const debugPrivileged = lines.findIndex((l, i) => i >= itemLines[2] && /privileged: true/.test(l)) + 1;
    expect(debugPrivileged).toBeGreaterThan(itemLines[2]);
    expect(findings.filter((f) => f.check === 'privileged-container').map((f) => [f.object, f.line])).toEqual([
      [CART, itemLines[0]],
      [DEBUG, debugPrivileged],
    ]);
  });

  it('sees the ReplicaSet as serving traffic through the Service that selects its pods', () => {
    expect(findings.filter((f) => f.check === 'missing-readiness-probe').map((f) => f.object)).toEqual([CART]);
  });

  it('takes ignore annotations from the Pod standing for the workload', () => {
    expect(findings.filter((f) => f.check === 'run-as-root').map((f) => f.object)).toEqual([DEBUG]);
  });
});
