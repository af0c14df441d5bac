// Diagrams always render: generated clusters of 10 to 1000 workloads over many namespaces (two
// thirds as many namespaces as workloads, with policies, Ingresses and config), and random grouped
// graphs, rendered by Mermaid in headless chromium with its default limits (maxTextSize 50000,
// maxEdges 500): no error, and the large ones drawn per namespace with a note saying so.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { graphOf } from '../graph/helpers.js';
import { buildArchitectureDocument } from '../../src/docs/architecture.js';
import { diagramsOf } from '../../src/docs/document.js';
import { flowchartModel, DEFAULT_NODE_LIMIT, type FlowNode, type FlowLink } from '../../src/docs/flow.js';
import { renderMermaid } from '../../src/docs/render-mermaid.js';
import { namespaceGroup, tierGroup, TIERS } from '../../src/docs/topology.js';
import { openBrowser, type Browser } from './browser.js';
import { generatedCluster } from './generated-cluster.js';

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await openBrowser();
  page = await browser.context.newPage();
  await page.goto(browser.serve('<!DOCTYPE html><html><body></body></html>'));
  const script = readFileSync(createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js'), 'utf8');
  await page.addScriptTag({ content: script });
  // Mermaid's defaults, as GitHub renders the Markdown.
  await page.evaluate(() => (window as any).mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }));
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** Mermaid's error message for a diagram text, or '' when it renders. */
async function renderError(text: string): Promise<string> {
  return page.evaluate(async (source) => {
    try {
      await (window as any).mermaid.render(`d${Math.random().toString(36).slice(2)}`, source);
      return '';
    } catch (err) {
      return String((err as Error)?.message ?? err);
    }
  }, text);
}

describe('every diagram renders in chromium with Mermaid default limits', () => {
  for (const workloads of [10, 30, 60, 63, 100, 300, 1000]) {
    it(`${workloads} workloads in ${Math.round((workloads * 2) / 3)} namespaces`, async () => {
      const graph = await graphOf(generatedCluster(workloads));
      const doc = buildArchitectureDocument(graph, { source: 'generated' });
      // Pod diagrams are one per workload and all alike: the first two stand for the rest.
      const diagrams = diagramsOf(doc).filter(
        (d, i, all) => !d.name.startsWith('pod-') || all[i - 2]?.name.startsWith('pod-') !== true,
      );
      const errors: string[] = [];
      for (const d of diagrams) {
        expect(d.text.length, d.name).toBeLessThanOrEqual(50_000);
        const error = await renderError(d.text);
        if (error) errors.push(`${d.name}: ${error}`);
      }
      expect(errors).toEqual([]);
      const overview = diagramsOf(doc).find((d) => d.name === 'cluster-overview')!.text;
      if (workloads >= 63) expect(overview).toMatch(/nodes drawn as \d+ group node\(s\)/);
      if (workloads <= 10) expect(overview).not.toContain('group node(s)');
    }, 180_000);
  }

  it(`random grouped graphs of up to ${DEFAULT_NODE_LIMIT * 2} nodes (namespaces and tiers, links across them)`, async () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * n);
    };
    const errors: string[] = [];
    for (let round = 0; round < 25; round++) {
      const count = 10 + random(DEFAULT_NODE_LIMIT * 2 - 10);
      const namespaces = 1 + random(40);
      const nodes: FlowNode[] = [];
      for (let i = 0; i < count; i++) {
        const ns = `ns${random(namespaces)}`;
        const depth = random(10);
        const groups =
          depth === 0
            ? []
            : depth === 1
              ? [namespaceGroup(ns)]
              : [namespaceGroup(ns), tierGroup(ns, TIERS[random(6)].tier)];
        nodes.push({ key: `k${i}`, lines: [`node ${i}`], groups, summaryAs: 'Deployment' });
      }
      const links: FlowLink[] = Array.from({ length: Math.round(count * 1.2) }, () => ({
        from: `k${random(count)}`,
        to: `k${random(count)}`,
      }));
      const text = renderMermaid(flowchartModel(nodes, links, { direction: 'TB' }));
      const error = await renderError(text);
      if (error) errors.push(`round ${round} (${count} nodes, ${namespaces} namespaces): ${error}`);
    }
    expect(errors).toEqual([]);
  }, 300_000);
});
