// Reading field positions from lines and indentation gives what composing the document with
// `yaml` gives, for every field path of every corpus document it reads, and it leaves to `yaml`
// what it cannot be sure of.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isSeq } from 'yaml';
import { blockFieldPosition, documentLines, UNSUPPORTED } from '../../src/pipeline/block-field-position.js';
import { compose, composedFieldPosition } from '../../src/pipeline/field-positions.js';
import { splitDocuments } from '../../src/k8s/read-documents.js';
import { CORPUS } from '../shared-paths.js';

type Path = Array<string | number>;

/** Every path of a composed node (each key and item), and a missing key under each mapping. */
function pathsOf(node: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (isMap(node)) {
    out.push([...prefix, 'not-a-field']);
    for (const pair of node.items) {
      const key = (pair.key as { value?: unknown } | null)?.value;
      if (typeof key !== 'string' && typeof key !== 'number') continue;
      out.push([...prefix, String(key)]);
      pathsOf(pair.value, [...prefix, String(key)], out);
    }
  } else if (isSeq(node)) {
    out.push([...prefix, node.items.length]);
    node.items.forEach((item, i) => {
      out.push([...prefix, i]);
      pathsOf(item, [...prefix, i], out);
    });
  }
  return out;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Both readers on one text: the block reader's answer, or UNSUPPORTED, and yaml's. */
function both(text: string, path: Path) {
  return { block: blockFieldPosition(documentLines(text), path), composed: composedFieldPosition(compose(text), path) };
}

const DEPLOYMENT = `# leading comment
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    note: |
      spec:
        looks: like a key
spec:
  template:
    spec:
      containers:
      - name: web
        args:
          - "--port=80"
          - plain
        env:

          - name: A  # trailing comment
            value: x
      volumes: []
`;

describe('block field positions', () => {
  it('keys, compact and indented sequences, quoted items, block scalars and comments as yaml composes them', () => {
    const paths: Path[] = [
      ['spec', 'template', 'spec', 'containers', 0, 'args', 0],
      ['spec', 'template', 'spec', 'containers', 0, 'args', 1],
      ['spec', 'template', 'spec', 'containers', 0, 'env', 0, 'value'],
      ['spec', 'template', 'spec', 'containers', 0, 'env', 0, 'value', 'deeper'],
      ['spec', 'template', 'spec', 'containers', 1, 'name'],
      ['spec', 'template', 'spec', 'containers', 'name'],
      ['metadata', 'annotations', 'note', 'spec'],
      ['spec', 'template', 'spec', 'volumes'],
      ['status'],
    ];
    for (const path of paths) {
      const { block, composed } = both(DEPLOYMENT, path);
      expect(block, path.join('.')).toEqual(composed);
    }
    expect(both(DEPLOYMENT, ['spec', 'template', 'spec', 'containers', 0, 'env', 0, 'value']).block).toEqual({
      line: 20,
      column: 13,
    });
  });

  it('leaves to yaml what it does not read: flow collections, anchors, quoted and numeric keys, Lists, CRLF', () => {
    const unsupported: Array<[string, Path]> = [
      ['spec: {a: 1}\n', ['spec', 'a']],
      ['spec: &x\n  a: 1\n', ['spec', 'a']],
      ['"spec":\n  a: 1\n', ['spec', 'a']],
      ['8080: x\nspec: 1\n', ['spec']],
      ['true: x\nspec: 1\n', ['spec']],
      ['apiVersion: v1\nkind: List\nitems:\n- kind: Pod\n', ['kind']],
      ['spec:\r\n  a: 1\r\n', ['spec', 'a']],
      ['spec:\n- - a\n', ['spec', 0]],
    ];
    for (const [text, path] of unsupported)
      expect(blockFieldPosition(documentLines(text), path), text).toBe(UNSUPPORTED);
    // A key it cannot read after the one asked for does not matter: the first match wins.
    expect(blockFieldPosition(documentLines('spec: 1\n"x": 2\n'), ['spec'])).toEqual({ line: 0, column: 1 });
  });

  it('agrees with yaml on every path of every corpus document it reads, and reads most of them', () => {
    let read = 0;
    let total = 0;
    for (const file of yamlFiles(CORPUS)) {
      for (const doc of splitDocuments(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''))) {
        const composed = compose(doc.text);
        const lines = documentLines(doc.text);
        for (const path of pathsOf(composed.root)) {
          total++;
          const block = blockFieldPosition(lines, path);
          if (block === UNSUPPORTED) continue;
          read++;
          const expected = composedFieldPosition(composed, path);
          if (JSON.stringify(block) !== JSON.stringify(expected))
            expect({ file, document: doc.index, path, block }).toEqual({
              file,
              document: doc.index,
              path,
              block: expected,
            });
        }
      }
    }
    expect(total).toBeGreaterThan(50_000);
    expect(read / total).toBeGreaterThan(0.9);
  });
});
