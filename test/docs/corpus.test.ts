// `docs` on every corpus folder: no error, every section present in order, every diagram parses
// with the real Mermaid parser, and the output is the same on a second run.
import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadGraph } from '../../src/pipeline/input.js';
import { buildArchitectureDocument, docsFiles } from '../../src/docs/architecture.js';
import { diagramsOf, imagesOf } from '../../src/docs/document.js';
import { parseMermaid } from './mermaid-parser.js';

import { CORPUS } from '../shared-paths.js';
const folders = readdirSync(CORPUS, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'LICENSES')
  .map((d) => d.name)
  .sort();

export const SECTION_ORDER = [
  'Cluster overview',
  'Resource dependencies',
  'Network flow',
  'Deployment sequence',
  'Pod internals',
  'Autoscaling',
  'Storage',
  'Tables',
  'Manifest files',
  'Resource requirements',
  'Probes',
  'CronJob schedules',
];

async function generate(folder: string) {
  const dir = join(CORPUS, folder);
  const { graph } = await loadGraph(dir);
  const doc = buildArchitectureDocument(graph, { source: `corpus/${folder}`, fileName: (f) => relative(dir, f) });
  return { graph, doc, files: await docsFiles(doc, false) };
}

describe('docs over the corpus', () => {
  it('finds the corpus folders', () => {
    expect(folders.length).toBeGreaterThanOrEqual(15);
  });

  for (const folder of folders) {
    it(`${folder}: sections in order, every diagram parses, output deterministic`, async () => {
      const { graph, doc, files } = await generate(folder);
      const level2 = doc.sections
        .filter(
          (s) =>
            s.level === 2 ||
            ['Manifest files', 'Resource requirements', 'Probes', 'CronJob schedules'].includes(s.title),
        )
        .map((s) => s.title);
      // Access only for inputs with RBAC objects, right after the network flow.
      const rbac = graph.nodes.some((n) =>
        ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'].includes(n.kind),
      );
      expect(level2).toEqual(SECTION_ORDER.flatMap((t) => (t === 'Network flow' && rbac ? [t, 'Access'] : [t])));
      const diagrams = diagramsOf(doc);
      // the deployment sequence always; the others only when there is something to draw
      expect(diagrams.map((d) => d.name)).toContain('deployment-sequence');
      for (const d of diagrams) {
        expect(d.text.trim().split('\n').length, `${folder}/${d.name}.mmd is empty`).toBeGreaterThan(1);
        await expect(
          parseMermaid(d.text).catch((e) => {
            throw new Error(`${folder}/${d.name}.mmd: ${e.message}`);
          }),
        ).resolves.toMatch(/flowchart|sequence/);
      }
      // one .mmd per diagram, names unique
      expect(files.filter((f) => f.path.endsWith('.mmd')).map((f) => f.path)).toEqual(
        diagrams.map((d) => `${d.name}.mmd`),
      );
      expect(new Set(diagrams.map((d) => d.name)).size).toBe(diagrams.length);
      // a pod diagram per component
      const pods = diagrams.filter((d) => d.name.startsWith('pod-'));
      const hpaSections = doc.sections.filter((s) => s.level === 3 && s.title.startsWith('HPA '));
      expect(pods.length).toBe(doc.sections.filter((s) => s.level === 3).length - 4 - hpaSections.length);
      // a simulation per HPA, with its chart written next to the document
      expect(hpaSections.length).toBe(graph.nodes.filter((n) => n.kind === 'HorizontalPodAutoscaler').length);
      expect(files.filter((f) => f.path.endsWith('.svg')).length).toBe(imagesOf(doc).length);
      // the manifest table names files relative to the folder, never the absolute path
      const md = files.find((f) => f.path === 'ARCHITECTURE.md')!.content;
      expect(md).not.toContain(CORPUS);
      expect(graph.nodes.length).toBeGreaterThan(0);
      const again = await generate(folder);
      expect(again.files).toEqual(files);
    });
  }
});
