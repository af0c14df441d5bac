// Malformed manifests (fields of the wrong type anywhere below the envelope) never crash the docs.
// Resource quantities are left alone here: one that is not a quantity is an InputError naming the
// object and field (test/docs/resources.test.ts), which would end each round before the rest is drawn.
import { describe, it, expect } from 'vitest';
import { readManifests } from '../../src/k8s/read.js';
import { buildGraph } from '../../src/graph/index.js';
import { buildArchitectureDocument } from '../../src/docs/architecture.js';
import type { SourcedObject } from '../../src/k8s/object.js';
import { CORPUS } from '../shared-paths.js';

const WEIRD: unknown[] = [null, 'x', 42, [], {}, [1, 'a'], true, -1, { a: 1 }];
const QUANTITY_KEYS = new Set(['resources', 'requests', 'limits', 'overhead', 'cpu', 'memory', 'storage']);

/** Deterministic linear congruential generator, so a failure reproduces. */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

function mutate(value: unknown, rnd: () => number, rate: number, depth = 0): unknown {
  if (Array.isArray(value)) return value.map((x) => mutate(x, rnd, rate, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        depth > 0 && !QUANTITY_KEYS.has(k) && rnd() < rate
          ? WEIRD[Math.floor(rnd() * WEIRD.length)]
          : mutate(v, rnd, rate, depth + 1),
      ]),
    );
  }
  return value;
}

describe('docs on mutated corpus manifests', () => {
  it('never throw', async () => {
    const { objects } = await readManifests([CORPUS]);
    expect(objects.length).toBeGreaterThan(500);
    let documents = 0;
    for (const [seed, rate] of [
      [1, 0.02],
      [2, 0.05],
      [3, 0.1],
      [4, 0.2],
      [5, 0.3],
    ] as const) {
      const rnd = random(seed);
      const mutated: SourcedObject[] = objects.map(({ object, source }) => ({
        object: {
          ...(mutate(object, rnd, rate) as object),
          apiVersion: object.apiVersion,
          kind: object.kind,
          metadata: object.metadata,
        },
        source,
      }));
      const doc = buildArchitectureDocument(buildGraph(mutated), { source: 'fuzz' });
      expect(doc.sections.length).toBeGreaterThan(8);
      documents++;
    }
    expect(documents).toBe(5);
  });
});
