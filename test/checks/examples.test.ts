// Shipshape's own output must be the cleanest thing it checks: each example's manifests, built
// from its spec, get no error and no security warning (issue 5, "Done when").
import { describe, expect, it } from 'vitest';
import { allChecks, runChecks } from '../../src/checks/index.js';
import { loadGraph } from '../../src/cli/input.js';

const EXAMPLES = ['sagaz', 'openrsvp', 'vibebox', 'cartridge-warp'];
const family = new Map(allChecks.map((c) => [c.id, c.family]));

describe.each(EXAMPLES)('examples/%s', (name) => {
  it('has no error and no security warning', async () => {
    const { graph } = await loadGraph(new URL(`../../examples/${name}/architecture.ts`, import.meta.url).pathname);
    const findings = runChecks(graph);
    const bad = findings
      .filter((f) => f.severity === 'error' || (f.severity === 'warning' && family.get(f.check) === 'security'))
      .map((f) => `${f.severity} ${f.check} ${f.object} ${f.path ?? ''}: ${f.message}`);
    expect(bad).toEqual([]);
  });
});
