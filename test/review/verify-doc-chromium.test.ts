// verify-doc reads Mermaid with Mermaid's own parser, run in Node with the DOMPurify shims of
// STACK.md. Here the same blocks go through real Mermaid in headless Chromium: every block of the
// five seeds and of a hand-made document parses (or fails) there exactly as verify-doc says, with
// the same nodes and links; and the block that fails is reported with its document line while
// the blocks after it are still checked.
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMarkdown } from '../../src/review/markdown-read.js';
import { parseFlowchart } from '../../src/review/mermaid-parse.js';
import { verifyDocument } from '../../src/review/verify-doc.js';
import { openBrowser, type Browser } from '../docs/browser.js';
import { graphOf, deployment, service, docs } from '../graph/helpers.js';

const SEEDS = '/work/shared/seeds';
const MERMAID = readFileSync(createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js'), 'utf8');

interface BrowserReading {
  error?: string;
  type?: string;
  nodes?: string[];
  links?: string[];
}

let browser: Browser;
let page: Awaited<ReturnType<Browser['context']['newPage']>>;
beforeAll(async () => {
  browser = await openBrowser();
  page = await browser.context.newPage();
  await page.goto(
    browser.serve(`<!doctype html><html><body>
<script>${MERMAID.replace(/<\/script/gi, '<\\/script')}</script>
<script>mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }); window.ready = true;</script>
</body></html>`),
  );
  await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** Mermaid in the page: its verdict on the text and, for a flowchart, the vertex ids and links its database holds. */
async function readInChromium(text: string): Promise<BrowserReading> {
  return page.evaluate(async (source) => {
    interface FlowDb {
      getVertices(): Map<string, { id: string }>;
      getEdges(): Array<{ start: string; end: string; text?: string }>;
    }
    const m = (
      window as unknown as {
        mermaid: {
          parse(t: string): Promise<unknown>;
          mermaidAPI: { getDiagramFromText(t: string): Promise<{ type: string; db: unknown }> };
        };
      }
    ).mermaid;
    // The browser's DOMPurify sanitises link texts (`<` as `&lt;`, `<br/>` as `<br>`); as text they are the same.
    const plain = (html: string) =>
      new DOMParser().parseFromString(html.replace(/<br\s*\/?>/gi, '\n'), 'text/html').documentElement.textContent ??
      '';
    try {
      await m.parse(source);
      const diagram = await m.mermaidAPI.getDiagramFromText(source);
      if (!diagram.type.startsWith('flowchart')) return { type: diagram.type };
      const db = diagram.db as FlowDb;
      return {
        type: diagram.type,
        nodes: [...db.getVertices().values()].map((v) => v.id).sort(),
        links: db
          .getEdges()
          .map((e) => `${e.start} -> ${e.end} ${plain(e.text ?? '')}`)
          .sort(),
      };
    } catch (err) {
      return { error: String((err as Error)?.message ?? err) };
    }
  }, text);
}

/** verify-doc's Node reading of the same text, in the same terms. */
async function readInNode(text: string): Promise<BrowserReading> {
  try {
    const flow = await parseFlowchart(text);
    if (!flow) return { type: 'other' };
    return {
      type: 'flowchart',
      nodes: flow.nodes.map((n) => n.id).sort(),
      links: flow.links.map((l) => `${l.from} -> ${l.to} ${l.text.replace(/<br\s*\/?>/gi, '\n')}`).sort(),
    };
  } catch (err) {
    return { error: String((err as Error).message) };
  }
}

describe('verify-doc’s Mermaid reading agrees with Mermaid in Chromium', () => {
  // Seed 001 has no Mermaid block.
  const seeds = readdirSync(SEEDS)
    .filter((f) => f.endsWith('.txt') && readMarkdown(readFileSync(join(SEEDS, f), 'utf8')).mermaid.length > 0)
    .sort();
  it('four seeds draw Mermaid', () => expect(seeds).toHaveLength(4));
  for (const seed of seeds)
    it(`every Mermaid block of ${seed}`, async () => {
      const blocks = readMarkdown(readFileSync(join(SEEDS, seed), 'utf8')).mermaid;
      for (const block of blocks) {
        const [chromium, node] = [await readInChromium(block.text), await readInNode(block.text)];
        const where = `${seed}:${block.line}`;
        expect(chromium.error === undefined, `${where}: ${chromium.error ?? 'parses in Chromium'}`).toBe(
          node.error === undefined,
        );
        if (chromium.error !== undefined) continue;
        if (!chromium.type?.startsWith('flowchart')) {
          expect(node.type, where).toBe('other');
          continue;
        }
        expect(node.nodes, where).toEqual(chromium.nodes);
        expect(node.links, where).toEqual(chromium.links);
      }
    }, 60_000);

  it('a block that does not parse is reported with its line, and the blocks after it are still checked', async () => {
    const doc = [
      '# Shop', // 1
      '', // 2
      '```mermaid', // 3
      'flowchart LR', // 4
      '  A[api] --> D[db]', // 5
      '```', // 6
      '', // 7
      '```mermaid', // 8
      'flowchart TB', // 9
      '  subgraph Volumes', // 10
      '    TMP[/tmp emptyDir]', // 11: a parallelogram opened with / and never closed
      '  end', // 12
      '```', // 13
      '', // 14
      '```mermaid', // 15
      'flowchart LR', // 16
      '  D[db] --> X[mystery box]', // 17
      '```', // 18
    ].join('\n');
    const blocks = readMarkdown(doc).mermaid;
    const verdicts = await Promise.all(blocks.map(async (b) => (await readInChromium(b.text)).error === undefined));
    expect(verdicts).toEqual([true, false, true]);

    const graph = await graphOf(
      docs(
        deployment('api', { app: 'api' }, {}, { annotations: { 'shipshape.dev/connects': 'db:5432' } }),
        deployment('db', { app: 'db' }),
        service('db', { app: 'db' }, [5432]),
      ),
    );
    const r = await verifyDocument(doc, 'doc.md', graph);
    expect(r.diagrams).toBe(2);
    expect(r.items.map((i) => `${i.line} ${i.kind}`)).toEqual(['9 mermaid-unparsable', '17 node-unmatched']);
  }, 60_000);
});
