// Monitors select through a per-namespace label index (monitoring.ts): the same Services and pods
// as matching every one of them, whatever the selector's shape, in input order.
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build.js';
import { allChecks, runChecks } from '../../src/checks/index.js';
import type { KubeObject } from '../../src/k8s/object.js';

const service = (namespace: string, name: string, labels: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace, labels },
  spec: { selector: { app: name }, ports: [{ name: 'http', port: 80 }] },
});
const monitor = (selector: object, namespaceSelector: object): KubeObject => ({
  apiVersion: 'monitoring.coreos.com/v1',
  kind: 'ServiceMonitor',
  metadata: { name: 'm', namespace: 'mon' },
  spec: { selector, namespaceSelector, endpoints: [{ port: 'metrics' }] },
});

function messages(objects: KubeObject[]): string[] {
  const graph = buildGraph(objects.map((object) => ({ object, source: {} })));
  return runChecks(graph, { checks: allChecks.filter((c) => c.id === 'servicemonitor-no-target') }).map(
    (f) => f.message,
  );
}

const services = [
  service('b', 'b1', { team: 'x', tier: 'metrics' }),
  service('a', 'a1', { team: 'x', tier: 'metrics' }),
  service('a', 'a2', { team: 'x' }),
  service('c', 'c1', { team: 'x', tier: 'metrics' }),
  service('b', 'b2', { team: 'y', tier: 'metrics' }),
];

describe('servicemonitor-no-target selection', () => {
  it('matches matchLabels and matchExpressions together across matchNames, listing Services in input order', () => {
    const selector = {
      matchLabels: { team: 'x' },
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['metrics'] }],
    };
    expect(messages([...services, monitor(selector, { matchNames: ['a', 'b'] })])).toEqual([
      'names port metrics, which no selected Service (b/b1[Service], a/a1[Service]) declares',
    ]);
  });
  it('an expressions-only selector and namespaceSelector.any look at every Service', () => {
    const selector = { matchExpressions: [{ key: 'tier', operator: 'Exists' }] };
    expect(messages([...services, monitor(selector, { any: true })])).toEqual([
      'names port metrics, which no selected Service (b/b1[Service], a/a1[Service], c/c1[Service], b/b2[Service]) declares',
    ]);
  });
  it('a label the selector needs that no Service carries selects none', () => {
    expect(messages([...services, monitor({ matchLabels: { team: 'z' } }, { matchNames: ['a'] })])).toEqual([
      'selects no Service in a',
    ]);
  });
});
