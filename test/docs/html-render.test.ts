// The --html page renders every diagram with no Mermaid error in real headless chromium; a
// screenshot of each page goes to test-artifacts/.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadGraph } from '../../src/pipeline/input.js';
import { buildArchitectureDocument } from '../../src/docs/architecture.js';
import { diagramsOf } from '../../src/docs/document.js';
import { renderHtml } from '../../src/docs/html.js';
import { generateDocs } from '../../src/pipeline/docs.js';
import { graphOf } from '../graph/helpers.js';
import { openBrowser, type Browser } from './browser.js';

import { CORPUS } from '../shared-paths.js';
const ARTIFACTS = 'test-artifacts/docs';
// Every corpus folder's diagrams parse in test/docs/corpus.test.ts; the browser renders a set that
// covers every diagram kind (policies, HPAs, storage, CronJobs, many namespaces, the largest input).
const folders = ['argo-cd', 'gke-samples', 'k8s-examples', 'online-boutique', 'sock-shop'];
const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const examples = readdirSync(EXAMPLES)
  .filter((name) => existsSync(join(EXAMPLES, name, 'architecture.ts')))
  .sort();

let browser: Browser;
beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await openBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Loads the page, waits for the render script to finish, and returns what it recorded. */
async function render(html: string, screenshot: string, fullPage = false) {
  const page = await browser.context.newPage();
  let dialogs = 0;
  page.on('dialog', async (d) => {
    dialogs++;
    await d.dismiss();
  });
  try {
    await page.goto(browser.serve(html));
    await page.waitForFunction(() => document.documentElement.dataset.diagrams !== 'pending', undefined, {
      timeout: 60_000,
    });
    const state = await page.evaluate(() => ({
      status: document.documentElement.dataset.diagrams,
      errors: (window as any).shipshapeDiagramErrors as Array<{ name: string; message: string }>,
      svgs: document.querySelectorAll('figure.diagram svg').length,
      figures: document.querySelectorAll('figure.diagram').length,
    }));
    await page.screenshot({ path: join(ARTIFACTS, screenshot), fullPage });
    return { ...state, dialogs };
  } finally {
    await page.close();
  }
}

describe('docs --html in headless chromium', () => {
  for (const folder of folders) {
    it(`${folder}: every diagram renders`, async () => {
      const { graph } = await loadGraph(join(CORPUS, folder));
      const doc = buildArchitectureDocument(graph, { source: folder });
      const state = await render(await renderHtml(doc), `${folder}.png`);
      expect(state.errors).toEqual([]);
      expect(state.status).toBe('rendered');
      expect(state.svgs).toBe(diagramsOf(doc).length);
      expect(state.figures).toBe(diagramsOf(doc).length);
    });
  }

  for (const name of examples) {
    it(`examples/${name}: docs --html renders every diagram`, async () => {
      const { files } = await generateDocs(join(EXAMPLES, name), { html: true });
      const html = files.find((f) => f.path === 'index.html')!.content;
      const diagrams = files.filter((f) => f.path.endsWith('.mmd')).length;
      const state = await render(html, `example-${name}.png`);
      expect(state.errors).toEqual([]);
      expect(state.status).toBe('rendered');
      expect(state.svgs).toBe(diagrams);
    });
  }

  it('nasty names: renders names and commands full of Mermaid and HTML syntax (quotes, brackets, pipes, <script>)', async () => {
    const nasty = 'sh -c "pg_isready -U $USER || exit 1; echo [ok] {done} <script>alert(1)</script> #tag `x`"';
    const pod = {
      containers: [
        {
          name: 'main',
          image: 'registry.example.com:5000/team/app[1]:v1.2-rc.3',
          ports: [{ name: 'h-t.t/p', containerPort: 8080 }],
          livenessProbe: { exec: { command: ['sh', '-c', nasty] } },
          env: [{ name: 'A_B.C-D', value: '"quoted"' }],
          volumeMounts: [{ name: 'v', mountPath: '/var/run/"x"|y' }],
        },
      ],
      volumes: [{ name: 'v', emptyDir: {} }],
    };
    const graph = await graphOf(
      [
        JSON.stringify({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web.v1-beta', namespace: 'a.b-c' },
          spec: {
            selector: { matchLabels: { app: 'w' } },
            template: { metadata: { labels: { app: 'w' } }, spec: pod },
          },
        }),
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'web-v1', namespace: 'a.b-c' },
          spec: {
            type: 'NodePort',
            selector: { app: 'w' },
            ports: [{ name: 'h-t.t/p', port: 80, targetPort: 'h-t.t/p' }],
          },
        }),
      ].join('\n---\n'),
    );
    const doc = buildArchitectureDocument(graph, { source: 'a "quoted" <source>', title: 'Nasty <names> & "quotes"' });
    const state = await render(await renderHtml(doc), 'nasty-names.png', true);
    expect(state.errors).toEqual([]);
    expect(state.svgs).toBe(diagramsOf(doc).length);
    expect(state.dialogs).toBe(0); // the <script> in a label stayed text
  });

  it('reports a broken diagram as failed (the check can fail)', async () => {
    const doc = {
      title: 't',
      source: 's',
      sections: [
        {
          title: 'x',
          level: 2 as const,
          blocks: [{ kind: 'diagram' as const, diagram: { name: 'broken', text: 'flowchart TB\n  a[x"y] -->\n' } }],
        },
      ],
    };
    const state = await render(await renderHtml(doc), 'broken.png');
    expect(state.status).toBe('failed');
    expect(state.errors.map((e) => e.name)).toEqual(['broken']);
  });
});
