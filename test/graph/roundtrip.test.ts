// DESIGN.md's round trip: for every example, the graph of the spec equals the graph of the
// manifests `build` writes for it, read back (graph(spec) == graph(read(build(spec)))).
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadGraph } from '../../src/pipeline/input.js';
import { graphToJson, type Graph } from '../../src/graph/index.js';
import { findSpec } from '../../src/spec/load.js';
import { buildSpec } from '../../src/pipeline/spec.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const examples = readdirSync(EXAMPLES)
  .filter((d) => findSpec(join(EXAMPLES, d)))
  .sort();

/**
 * The graph as sets (a folder is read in file-name order, a spec in component order), each node's
 * place as a file relative to the output folder plus document index.
 */
function comparable(g: Graph, root?: string) {
  const json = graphToJson(g);
  const byKey =
    <T>(key: (x: T) => string) =>
    (a: T, b: T) =>
      key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
  return {
    nodes: g.nodes
      .map((n, i) => ({
        ...json.nodes[i],
        file: root ? relative(root, n.source.file ?? '') : n.source.file,
        line: undefined,
        document: n.source.document,
      }))
      .sort(byKey((n) => n.id)),
    edges: [...json.edges].sort(byKey((e) => JSON.stringify([e.type, e.from, e.to, e.port, e.evidence]))),
  };
}

describe('round trip', () => {
  it('has examples to check', () => {
    expect(examples).toContain('sagaz');
  });

  for (const example of examples) {
    it(`graph(spec) equals graph(read(build(spec))) for ${example}`, async () => {
      const dir = join(EXAMPLES, example);
      const fromSpec = await loadGraph(dir);
      expect(fromSpec.specFile).toBe(findSpec(dir));
      // Nothing is noted: an extra object of a kind no schema checks (kitchen-sink's
      // VerticalPodAutoscaler) is an object like any other, which `check` reports.
      expect(fromSpec.graph.messages).toEqual([]);

      const out = mkdtempSync(join(tmpdir(), `shipshape-roundtrip-${example}-`));
      for (const f of (await buildSpec(findSpec(dir)!)).files) {
        mkdirSync(dirname(join(out, f.path)), { recursive: true });
        writeFileSync(join(out, f.path), f.content);
      }
      const fromManifests = await loadGraph(out);
      expect(fromManifests.specFile).toBeUndefined();
      // Only the non-manifest files build writes next to them (rules, dashboards) are noted.
      expect(fromManifests.graph.messages.filter((m) => m.severity !== 'info')).toEqual([]);

      expect(fromSpec.graph.nodes.length).toBeGreaterThan(5);
      expect(comparable(fromManifests.graph, out)).toEqual(comparable(fromSpec.graph));
    });
  }
});
