// `shipshape graph` as a user runs it (against the build: `npm test` compiles first).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/shipshape.js', import.meta.url).pathname;
const EXAMPLES = new URL('../../examples/', import.meta.url).pathname;
import { CORPUS } from '../shared-paths.js';
const shipshape = (args: string[], input?: string) =>
  spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('shipshape graph', () => {
  it('--json prints the documented {nodes, edges, messages} for a manifest folder', () => {
    const r = shipshape(['graph', `${CORPUS}/online-boutique`, '--json']);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['nodes', 'edges', 'messages']);
    expect(json.nodes).toHaveLength(53);
    expect(json.nodes.find((n: { id: string }) => n.id === 'default/frontend[Deployment]')).toEqual({
      id: 'default/frontend[Deployment]',
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      namespace: 'default',
      name: 'frontend',
      file: `${CORPUS}/online-boutique/kubernetes-manifests.yaml`,
      line: 21,
    });
    for (const n of json.nodes) expect(Object.keys(n)).not.toContain('object');
    expect(json.edges).toContainEqual({
      type: 'connects',
      from: 'default/cartservice[Deployment]',
      to: 'default/redis-cart[Service]',
      port: 6379,
      evidence: 'spec.template.spec.containers[0].env[0].value',
      declared: false,
    });
    expect(json.messages).toEqual([]);
  });

  it('reads kubectl output from stdin with - and --namespace for objects without one', () => {
    const input = readFileSync(`${CORPUS}/bank-of-anthos/kubernetes-manifests/accounts-db.yaml`, 'utf8');
    const r = shipshape(['graph', '-', '--json', '--namespace', 'bank'], input);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.nodes.map((n: { id: string }) => n.id)).toEqual([
      'bank/accounts-db-config[ConfigMap]',
      'bank/accounts-db[Service]',
      'bank/accounts-db[StatefulSet]',
    ]);
    expect(json.nodes[0].file).toBe('<stdin>');
  });

  it('graphs a spec folder the same way', () => {
    const r = shipshape(['graph', `${EXAMPLES}sagaz`, '--json']);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.nodes.map((n: { id: string }) => n.id)).toContain('sagaz/outbox-worker[Deployment]');
    expect(json.edges).toContainEqual(
      expect.objectContaining({
        type: 'connects',
        from: 'sagaz/outbox-worker[Deployment]',
        to: 'sagaz/postgresql[Service]',
        declared: true,
      }),
    );
  });

  it('prints a readable summary: components, edges, dangling references, messages', () => {
    const r = shipshape(['graph', `${CORPUS}/sock-shop/autoscaling`]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\d+ objects, \d+ edges/);
    expect(r.stdout).toContain('Dangling references');
    expect(r.stdout).toContain('sock-shop/cart[HorizontalPodAutoscaler] selects → sock-shop/cart[Deployment]');
  });

  it('bad documents are reported and the rest is graphed (exit 0); a missing input or bad option is exit 2', () => {
    const bad = shipshape(
      ['graph', '-', '--json'],
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\n{{ .Values.x }}\n',
    );
    expect(bad.status).toBe(0);
    const json = JSON.parse(bad.stdout);
    expect(json.nodes).toHaveLength(1);
    expect(json.messages).toEqual([
      {
        severity: 'error',
        file: '<stdin>',
        document: 1,
        line: 5,
        message: expect.stringContaining('unrendered Helm template'),
      },
    ]);

    const missing = shipshape(['graph', '/no/such/dir']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('/no/such/dir: no such file or folder');
    expect(shipshape(['graph', `${CORPUS}/online-boutique`, '--format', 'xml']).status).toBe(2);
  });
});
