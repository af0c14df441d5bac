// The pull-request comment's Mermaid diagram renders in real Mermaid in headless Chromium, with
// the added links green and the removed ones red, for every example profile pair that changes the graph.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGraph } from '../../src/pipeline/input.js';
import { diffArchitecture } from '../../src/review/diff.js';
import { diffToMarkdown } from '../../src/review/format.js';
import { openBrowser, type Browser } from '../docs/browser.js';

const EXAMPLES = new URL('../../examples/', import.meta.url).pathname;
const MERMAID = readFileSync(createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js'), 'utf8');

let browser: Browser;
beforeAll(async () => {
  browser = await openBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Renders one Mermaid text; returns Mermaid's error or the stroke colours of the drawn links. */
async function render(text: string): Promise<{ error?: string; strokes: string[]; nodes: number }> {
  const page = await browser.context.newPage();
  try {
    const html = `<!doctype html><html><body><div id="out"></div>
<script>${MERMAID.replace(/<\/script/gi, '<\\/script')}</script>
<script>
(async () => {
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
  try {
    const { svg } = await mermaid.render('diff', ${JSON.stringify(text).replace(/</g, '\\u003c')});
    document.getElementById('out').innerHTML = svg;
    window.result = { ok: true };
  } catch (err) { window.result = { ok: false, error: String(err && err.message || err) }; }
})();
</script></body></html>`;
    await page.goto(browser.serve(html));
    await page.waitForFunction(() => (window as unknown as { result?: unknown }).result !== undefined, undefined, {
      timeout: 60_000,
    });
    return await page.evaluate(() => {
      const result = (window as unknown as { result: { ok: boolean; error?: string } }).result;
      const strokes = [...document.querySelectorAll('svg .flowchart-link')].map((p) => getComputedStyle(p).stroke);
      const nodes = document.querySelectorAll('svg .node').length;
      return { ...(result.ok ? {} : { error: result.error }), strokes, nodes };
    });
  } finally {
    await page.close();
  }
}

const GREEN = 'rgb(26, 127, 55)';
const RED = 'rgb(207, 34, 46)';

describe('diff --markdown: the Mermaid diagram in Chromium', () => {
  const pairs: Array<[string, string | undefined, string]> = [
    ['openrsvp', undefined, 'scheduler-deployment'],
    ['openrsvp', undefined, 'managed-database'],
    ['cartridge-warp', 'blue-green', 'canary'],
  ];
  for (const [name, from, to] of pairs) {
    it(`${name} ${from ?? 'base'} → ${to}: renders, added links green, removed red`, async () => {
      const before = await loadGraph(join(EXAMPLES, name), { profile: from });
      const after = await loadGraph(join(EXAMPLES, name), { profile: to });
      const md = diffToMarkdown(diffArchitecture(before.graph, after.graph));
      const diagram = /```mermaid\n([\s\S]*?)```/.exec(md)?.[1];
      expect(diagram).toBeDefined();
      const state = await render(diagram!);
      expect(state.error).toBeUndefined();
      expect(state.nodes).toBeGreaterThan(0);
      expect(state.strokes).toContain(GREEN);
      expect(state.strokes).toContain(RED);
    }, 90_000);
  }
});
