// Property: whatever is done to real manifests — keys deleted, values of the wrong type, huge
// strings, truncated or garbled text — reading and graphing them never throws; problems become
// messages. Seeded, so a failure reproduces.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsyaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { buildGraph, graphToJson, summarizeGraph } from '../../src/graph/index.js';
import { readManifests } from '../../src/k8s/read.js';

import { CORPUS } from '../shared-paths.js';
import { seededRandom } from '../seeded-random.js';
const FILES = [
  'online-boutique/kubernetes-manifests.yaml',
  'online-boutique/network-policies/network-policy-frontend.yaml',
  'bank-of-anthos/kubernetes-manifests/frontend.yaml',
  'bank-of-anthos/extras/tls-ip-selfsigned/frontend-ingress.yaml',
  'k8s-docs-examples/application/zookeeper/zookeeper.yaml',
  'k8s-docs-examples/service/networking/ingress-resource-backend.yaml',
  'k8s-examples/databases/cassandra/cassandra-statefulset.yaml',
  'descheduler/kubernetes/cronjob/cronjob.yaml',
  'ingress-nginx/deploy-cloud.yaml',
  'gke-samples/databases/gke-stateful-mysql/kubernetes/c1-mysql.yaml',
  'bookinfo/platform-kube/bookinfo-mysql.yaml',
  'kube-prometheus/manifests/prometheus-roleSpecificNamespaces.yaml',
];

const WRONG_VALUES: unknown[] = [
  null,
  0,
  -1,
  1.5,
  true,
  '',
  'x'.repeat(200_000),
  [],
  {},
  [null],
  { a: [1, { b: null }] },
  '{{ .Values.x }}',
  '$(UNSET)',
  'postgres://u:p@db:99999',
];

function mutateObject(value: unknown, random: () => number): unknown {
  const nodes: Array<{ parent: any; key: string | number }> = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v))
      v.forEach((x, i) => {
        nodes.push({ parent: v, key: i });
        walk(x);
      });
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        nodes.push({ parent: v, key: k });
        walk(x);
      }
  };
  walk(value);
  if (nodes.length === 0) return WRONG_VALUES[Math.floor(random() * WRONG_VALUES.length)];
  for (let i = 0; i < 1 + Math.floor(random() * 4); i++) {
    const { parent, key } = nodes[Math.floor(random() * nodes.length)];
    if (random() < 0.4 && !Array.isArray(parent)) delete parent[key];
    else parent[key] = WRONG_VALUES[Math.floor(random() * WRONG_VALUES.length)];
  }
  return value;
}

function mutateText(text: string, random: () => number): string {
  const at = Math.floor(random() * text.length);
  switch (Math.floor(random() * 5)) {
    case 0:
      return text.slice(0, at); // truncated
    case 1:
      return `${text.slice(0, at)}${['{', '[', ': :', '\t', '*nope', '&a &b', '"', '---', '\u0000'][Math.floor(random() * 9)]}${text.slice(at)}`;
    case 2: {
      const lines = text.split('\n');
      lines.splice(Math.floor(random() * lines.length), 1);
      return lines.join('\n');
    }
    case 3: {
      const lines = text.split('\n');
      const i = Math.floor(random() * lines.length);
      lines.splice(i, 0, lines[i] ?? '');
      return lines.join('\n');
    } // duplicate key
    default:
      return `${text.slice(0, at)}\n${' '.repeat(Math.floor(random() * 7))}k: v\n${text.slice(at)}`;
  }
}

async function graphDoesNotThrow(text: string): Promise<number> {
  const r = await readManifests(['-'], { stdinText: text });
  const g = buildGraph(r.objects, r.messages);
  JSON.stringify(graphToJson(g));
  summarizeGraph(g);
  return g.messages.length;
}

describe('fuzz', () => {
  const originals = FILES.map((f) => readFileSync(join(CORPUS, f), 'utf8'));

  it('mutated objects (deleted keys, wrong types, huge strings) are read and graphed without throwing', async () => {
    const random = seededRandom(20261123);
    let runs = 0;
    for (let round = 0; round < 25; round++) {
      for (const text of originals) {
        const docs = jsyaml.loadAll(text).filter((d) => d != null);
        const mutated = docs.map((d) => mutateObject(d, random));
        await graphDoesNotThrow(mutated.map((d) => JSON.stringify(d)).join('\n---\n'));
        runs++;
      }
    }
    expect(runs).toBe(25 * FILES.length);
  });

  it('garbled and truncated texts produce messages, never exceptions', async () => {
    const random = seededRandom(42);
    let withMessages = 0;
    for (let round = 0; round < 25; round++) {
      for (const text of originals) {
        if ((await graphDoesNotThrow(mutateText(text, random))) > 0) withMessages++;
      }
    }
    expect(withMessages).toBeGreaterThan(0); // the mutations do reach the error paths
  });
});
