// Every corpus file is read and graphed without a crash; object, message and edge counts are a
// snapshot, so a change in reading or inference shows up as a diff to review.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGraph, type EdgeType } from '../../src/graph/index.js';
import { readManifests } from '../../src/k8s/read.js';

import { CORPUS } from '../shared-paths.js';

function manifestFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return manifestFiles(path);
      return /\.(ya?ml|json)$/.test(name) ? [path] : [];
    });
}

describe('corpus', () => {
  it('reads every file without a crash, with stable object, message and edge counts', async () => {
    const counts: Record<string, string> = {};
    for (const file of manifestFiles(CORPUS)) {
      const r = await readManifests([file]);
      const g = buildGraph(r.objects, r.messages);
      const byType = new Map<EdgeType, number>();
      for (const e of g.edges) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
      const edges = [...byType]
        .sort()
        .map(([t, n]) => `${t} ${n}`)
        .join(', ');
      const missing = g.edges.filter((e) => e.missing).length;
      counts[relative(CORPUS, file)] =
        `${g.nodes.length} objects, ${g.messages.length} messages; ${edges || 'no edges'}${missing ? `; ${missing} missing` : ''}`;
    }
    expect(Object.keys(counts).length).toBeGreaterThan(300);
    expect(counts).toMatchSnapshot();
  });

  it('reads each system as a whole folder', async () => {
    const totals: Record<string, string> = {};
    for (const system of readdirSync(CORPUS)
      .filter((d) => statSync(join(CORPUS, d)).isDirectory() && d !== 'LICENSES')
      .sort()) {
      const r = await readManifests([join(CORPUS, system)]);
      const g = buildGraph(r.objects, r.messages);
      totals[system] = `${g.nodes.length} objects, ${g.edges.length} edges, ${g.messages.length} messages`;
    }
    expect(totals).toMatchSnapshot();
  });
});

describe('connects inference on real manifests', () => {
  async function connectsOf(path: string): Promise<string[]> {
    const r = await readManifests([join(CORPUS, path)]);
    return buildGraph(r.objects, r.messages)
      .edges.filter((e) => e.type === 'connects')
      .map((e) => `${e.from} -> ${e.to}:${e.port}`);
  }
  it('wordpress: MYSQL_DATABASE=wordpress names a database, not the wordpress Service', async () => {
    expect(await connectsOf('k8s-docs-examples/application/wordpress')).toEqual([
      'default/wordpress[Deployment] -> default/wordpress-mysql[Service]:3306',
    ]);
  });
  it("ingress-nginx: the admission certgen Job's --host= lists certificate names, not a connection", async () => {
    expect(await connectsOf('ingress-nginx/deploy-cloud.yaml')).toEqual([]);
  });
});

describe('Online Boutique', () => {
  it('has exactly the call graph its manifests state in their *_ADDR env values', async () => {
    const r = await readManifests([join(CORPUS, 'online-boutique')]);
    const g = buildGraph(r.objects, r.messages);
    const calls = g.edges
      .filter((e) => e.type === 'connects')
      .map(
        (e) =>
          `${e.from.replace(/^default\/|\[Deployment\]$/g, '')} -> ${e.to.replace(/^default\/|\[Service\]$/g, '')}:${e.port}${e.missing ? ' (missing)' : ''}`,
      )
      .sort();
    // Written from release/kubernetes-manifests.yaml: frontend's env (lines 75–90), cartservice
    // REDIS_ADDR, loadgenerator FRONTEND_ADDR (init and main container), recommendationservice and
    // checkoutservice env. shoppingassistantservice has no Service in these manifests.
    expect(calls).toEqual([
      'cartservice -> redis-cart:6379',
      'checkoutservice -> cartservice:7070',
      'checkoutservice -> currencyservice:7000',
      'checkoutservice -> emailservice:5000',
      'checkoutservice -> paymentservice:50051',
      'checkoutservice -> productcatalogservice:3550',
      'checkoutservice -> shippingservice:50051',
      'frontend -> adservice:9555',
      'frontend -> cartservice:7070',
      'frontend -> checkoutservice:5050',
      'frontend -> currencyservice:7000',
      'frontend -> productcatalogservice:3550',
      'frontend -> recommendationservice:8080',
      'frontend -> shippingservice:50051',
      'frontend -> shoppingassistantservice:80 (missing)',
      'loadgenerator -> frontend:80',
      'recommendationservice -> productcatalogservice:3550',
    ]);
    expect(
      g.edges
        .filter((e) => e.type === 'connects')
        .every((e) => e.declared === false && /\.env\[\d+\]\.value$/.test(e.evidence)),
    ).toBe(true);
    // Each Service selects its own Deployment; frontend-external selects frontend too.
    expect(g.edges.filter((e) => e.type === 'selects' && e.from.endsWith('[Service]')).length).toBe(12);
  });

  it('with the gke HPA testdata, every HPA finds its Deployment', async () => {
    const r = await readManifests([
      join(CORPUS, 'online-boutique/kubernetes-manifests.yaml'),
      join(CORPUS, 'gke-samples/cost-optimization/gke-shift-left-cost/api/testdata/hpa/hpa-v2beta2.yaml'),
    ]);
    const g = buildGraph(r.objects, r.messages);
    const hpa = g.edges.filter((e) => e.from.endsWith('[HorizontalPodAutoscaler]'));
    expect(hpa).toHaveLength(11);
    expect(hpa.filter((e) => e.missing)).toEqual([]);
  });
});
