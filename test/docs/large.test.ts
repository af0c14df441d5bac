// Large inputs: above the size threshold the flowcharts summarise each namespace/tier group into
// one node with counts, so 300 workloads do not become 300 boxes; small inputs are drawn in full.
import { describe, it, expect } from 'vitest';
import { graphOf } from '../graph/helpers.js';
import { buildArchitectureDocument } from '../../src/docs/architecture.js';
import { diagramsOf } from '../../src/docs/document.js';
import { DEFAULT_NODE_LIMIT } from '../../src/docs/flow.js';
import { parseMermaid } from './mermaid-parser.js';

function manifests(count: number, denyAll = false): string {
  const docs: object[] = [];
  if (denyAll)
    for (let n = 0; n < 3; n++)
      docs.push({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'deny', namespace: `team-${n}` },
        spec: { podSelector: {}, policyTypes: ['Ingress'] },
      });
  for (let i = 0; i < count; i++) {
    const ns = `team-${i % 3}`;
    const name = `svc-${i}`;
    const next = `svc-${(i + 3) % count}`;
    docs.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: ns },
      spec: {
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: {
            containers: [
              {
                name: 'main',
                image: 'img',
                ports: [{ containerPort: 8080 }],
                env: [
                  { name: 'NEXT_ADDR', value: `${next}:80` },
                  { name: 'CFG', valueFrom: { configMapKeyRef: { name: `cfg-${i}`, key: 'k' } } },
                ],
              },
            ],
          },
        },
      },
    });
    docs.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: ns },
      spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] },
    });
    docs.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cfg-${i}`, namespace: ns }, data: { k: 'v' } });
  }
  return docs.map((d) => JSON.stringify(d)).join('\n---\n');
}

/** Node definitions in flowchart text (ids start with n_; subgraphs with g_). */
function nodeCount(text: string): number {
  return text.split('\n').filter((l) => /^\s+n_\w+[[({]/.test(l)).length;
}

describe('large inputs', () => {
  it('300 workloads: overview, dependencies and network flow are summarised below the threshold and parse', async () => {
    const graph = await graphOf(manifests(300));
    const doc = buildArchitectureDocument(graph, { source: 'large' });
    const byName = new Map(diagramsOf(doc).map((d) => [d.name, d.text]));
    const summaries = {
      'cluster-overview': 'Web / app: 100',
      'resource-dependencies': 'Workloads: 100',
      'network-flow': 'Web / app: 100',
    };
    for (const [name, summary] of Object.entries(summaries)) {
      const text = byName.get(name)!;
      expect(nodeCount(text), name).toBeLessThanOrEqual(DEFAULT_NODE_LIMIT);
      expect(text).toContain(summary);
      await expect(parseMermaid(text)).resolves.toBe('flowchart-v2');
    }
    expect(byName.get('resource-dependencies')).toMatch(/ConfigMaps: 100<br\/>ConfigMap 100/);
    // pod internals: one table row per component instead of 300 diagrams
    expect([...byName.keys()].filter((n) => n.startsWith('pod-'))).toEqual([]);
    const pods = doc.sections.find((s) => s.title === 'Pod internals')!;
    const table = pods.blocks.find((b) => b.kind === 'table');
    expect(table && table.kind === 'table' && table.rows.length).toBe(300);
  });

  it('policy-isolated workloads beyond the pair-check limit: a note instead of unintended paths', async () => {
    const graph = await graphOf(manifests(300, true));
    const network = diagramsOf(buildArchitectureDocument(graph, { source: 'large' })).find(
      (d) => d.name === 'network-flow',
    )!.text;
    expect(network).toContain(
      '300 workloads: open paths nobody intended are not drawn here<br/>shipshape reach lists every allowed pair',
    );
    await expect(parseMermaid(network)).resolves.toBe('flowchart-v2');
  });

  it('a small input is drawn node by node', async () => {
    const graph = await graphOf(manifests(9));
    const doc = buildArchitectureDocument(graph, { source: 'small' });
    const overview = diagramsOf(doc).find((d) => d.name === 'cluster-overview')!.text;
    expect(overview).not.toMatch(/Web \/ app: \d/);
    expect(overview).toContain('svc-8<br/>Deployment');
  });
});
