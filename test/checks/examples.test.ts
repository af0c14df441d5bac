// Shipshape's own output must be the cleanest thing it checks: each example's manifests, built
// from its spec with every profile, get no error and no security warning (issue 5, "Done when").
import { describe, expect, it } from 'vitest';
import { allChecks, runChecks } from '../../src/checks/index.js';
import { loadGraph } from '../../src/cli/input.js';

const PROFILES: Record<string, Array<string | undefined>> = {
  sagaz: [undefined, 'dev', 'prod'],
  openrsvp: [undefined, 'scheduler-deployment'],
  vibebox: [undefined],
  'cartridge-warp': [undefined],
};

/**
 * The only exceptions, all on VibeBox's Docker-in-Docker daemon, which the seed asks for
 * privileged and as root: the spec cannot yet give the reason that would become the
 * `ignore-check.shipshape.dev/<id>` annotations (test/examples/acceptance.test.ts lists the same
 * gap). When it can, this list must become empty.
 */
const KNOWN: Record<string, string[]> = {
  vibebox: [
    'error privileged-container vibebox/docker[DaemonSet]',
    'error run-as-root vibebox/docker[DaemonSet]',
    'warning privilege-escalation vibebox/docker[DaemonSet]',
    'warning writable-root-filesystem vibebox/docker[DaemonSet]',
  ],
};

const family = new Map(allChecks.map((c) => [c.id, c.family]));

for (const [name, profiles] of Object.entries(PROFILES)) {
  describe.each(profiles)(`examples/${name} --profile %s`, (profile) => {
    it('has no error and no security warning', async () => {
      const { graph } = await loadGraph(new URL(`../../examples/${name}/architecture.ts`, import.meta.url).pathname, { profile });
      const bad = runChecks(graph)
        .filter((f) => f.severity === 'error' || (f.severity === 'warning' && family.get(f.check) === 'security'))
        .map((f) => `${f.severity} ${f.check} ${f.object}`);
      expect(bad).toEqual(KNOWN[name] ?? []);
    });
  });
}
