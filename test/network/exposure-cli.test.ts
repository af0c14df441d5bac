// Issue 12's done-when, through the CLI as users run it: a spec with a LoadBalancer, a NodePort,
// an `inbound` namespace and an `inbound` CIDR builds, and `reach --json` shows exactly those
// paths; the same Services under a hand-written default-deny, read as plain manifests, get
// network-exposed-unreachable.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/shipshape.js', import.meta.url).pathname;
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

const SPEC = `name: shop
namespace: shop
components:
  lb:
    type: web
    image: lb:1
    ports: {http: 8080}
    service: {type: LoadBalancer, sourceRanges: [203.0.113.0/24]}
  np:
    type: worker
    image: np:1
    ports: {status: 9000}
    service: {type: NodePort}
  api:
    type: web
    image: api:1
    ports: {http: {port: 80, containerPort: 8080}}
    inbound:
      - {namespace: agents, podSelector: {app: agent}, ports: [http]}
      - {cidr: 192.0.2.0/24, ports: [80]}
`;

/** A pod of the agents namespace, allowed to reach any pod and nothing else, so reach shows only what the spec admits. */
const AGENT = [
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'agent', namespace: 'agents', labels: { app: 'agent' } },
    spec: { containers: [{ name: 'agent', image: 'agent:1' }] },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'to-pods-only', namespace: 'agents' },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'], egress: [{ to: [{ namespaceSelector: {} }] }] },
  },
];

let dir: string;
let out: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shipshape-exposure-cli-'));
  writeFileSync(join(dir, 'architecture.yaml'), SPEC);
  out = join(dir, 'out');
  const r = run('build', dir, '--out', out);
  expect(r.status, r.stderr).toBe(0);
});

describe('exposure end to end', () => {
  it('reach --json shows exactly the exposed paths: the balancer from its range, the node port from everywhere, inbound from the namespace and the CIDR', () => {
    writeFileSync(join(out, 'agents.yaml'), AGENT.map((o) => `---\n${stringify(o)}`).join(''));
    const r = run('reach', out, '--json');
    expect(r.status, r.stderr).toBe(0);
    const connections = (JSON.parse(r.stdout) as { connections: Array<{ from: string; to: string; ports: unknown }> })
      .connections;
    const text = connections.map((c) => `${c.from} -> ${c.to} ${JSON.stringify(c.ports)}`);
    const tcp = (port: number) => JSON.stringify([{ protocol: 'TCP', port }]);
    expect(text.sort()).toEqual(
      [
        `agents/agent[Pod] -> shop/api[Deployment] ${tcp(8080)}`,
        `192.0.2.0-192.0.2.255 -> shop/api[Deployment] ${tcp(8080)}`,
        `203.0.113.0-203.0.113.255 -> shop/lb[Deployment] ${tcp(8080)}`,
        // The node port admits every address alike: one range, not the space cut at the other policies' blocks.
        `0.0.0.0-255.255.255.255 -> shop/np[Deployment] ${tcp(9000)}`,
      ].sort(),
    );
  });

  it('the same Services under a hand-written default-deny, as plain manifests, get network-exposed-unreachable', () => {
    const plain = join(dir, 'plain');
    mkdirSync(plain);
    const objects = readdirSync(out)
      .filter((f) => f.endsWith('.yaml') && f !== 'agents.yaml')
      .flatMap((f) => parseAllDocuments(readFileSync(join(out, f), 'utf8')).map((d) => d.toJS() as { kind: string }))
      .filter((o) => o && o.kind !== 'NetworkPolicy' && o.kind !== 'Ingress');
    const denyAll = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'deny-all', namespace: 'shop' },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    };
    writeFileSync(join(plain, 'all.yaml'), [...objects, denyAll].map((o) => `---\n${stringify(o)}`).join(''));
    const r = run('check', plain, '--json');
    const findings = (
      JSON.parse(r.stdout) as { findings: Array<{ check: string; object: string; message: string }> }
    ).findings.filter((f) => f.check === 'network-exposed-unreachable');
    expect(findings.map((f) => `${f.object}: ${f.message}`)).toEqual([
      'shop/lb[Service]: LoadBalancer port 8080 forwards to shop/lb[Deployment] TCP 8080, which its NetworkPolicies do not admit from outside the cluster (203.0.113.0/24)',
      'shop/np[Service]: NodePort port 9000 forwards to shop/np[Deployment] TCP 9000, which its NetworkPolicies do not admit from outside the cluster (0.0.0.0/0)',
    ]);
    expect(r.status).toBe(1);
  });
});
