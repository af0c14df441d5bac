// The plan on real manifests from ../shared/corpus: every folder plans without a crash, every
// object is placed exactly once, and every dependency outside a reported cycle is respected.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readManifests } from '../../src/k8s/read.js';
import { buildGraph } from '../../src/graph/index.js';
import { computePlan, controllerOwned, planDependencies, kindStageOf, KIND_STAGES } from '../../src/plan/index.js';

import { CORPUS } from '../shared-paths.js';
const folders = readdirSync(CORPUS, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'LICENSES')
  .map((d) => d.name);

describe('plan over the corpus', () => {
  it.each(folders)('%s', async (folder) => {
    const { objects, messages } = await readManifests([join(CORPUS, folder)]);
    const graph = buildGraph(objects, messages);
    const plan = computePlan(graph);
    const owned = controllerOwned(graph);
    const phaseOf = new Map<string, number>();
    for (const p of plan.phases)
      for (const id of p.objects) {
        expect(phaseOf.has(id), `${id} placed twice`).toBe(false);
        phaseOf.set(id, p.index);
      }
    expect([...phaseOf.keys()].sort()).toEqual(
      graph.nodes
        .map((n) => n.id)
        .filter((id) => !owned.has(id))
        .sort(),
    );
    const inCycle = new Map(plan.cycles.flatMap((c, i) => c.map((id) => [id, i] as const)));
    const rank = (id: string) => KIND_STAGES[kindStageOf(graph.byId.get(id)!.kind)].rank;
    for (const [id, deps] of planDependencies(graph)) {
      for (const d of deps) {
        if (!phaseOf.has(id) || !phaseOf.has(d.on) || rank(d.on) > rank(id)) continue;
        if (inCycle.has(id) && inCycle.get(id) === inCycle.get(d.on)) continue;
        expect(phaseOf.get(d.on)!, `${id} depends on ${d.on}: ${d.because}`).toBeLessThan(phaseOf.get(id)!);
      }
    }
    // Phases are contiguous and none is empty.
    plan.phases.forEach((p, i) => {
      expect(p.index).toBe(i);
      expect(p.objects.length).toBeGreaterThan(0);
    });
  });
});
