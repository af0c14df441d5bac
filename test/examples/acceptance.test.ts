// The examples as acceptance tests (DESIGN.md): every example, with every profile, builds into
// objects that validate against the Kubernetes schemas and passes the check catalogue without an
// error. The only errors allowed are listed here with the reason they are the document's own.
import { describe, it, expect } from 'vitest';
import { EXAMPLES, built } from './built.js';
import { validateObject } from '../../src/k8s/validate.js';
import { buildGraph } from '../../src/graph/index.js';
import { runChecks } from '../../src/checks/index.js';

const PROFILES: Record<string, Array<string | undefined>> = {
  sagaz: [undefined, 'dev', 'prod'],
  openrsvp: [undefined, 'scheduler-deployment'],
  vibebox: [undefined],
  'cartridge-warp': [undefined],
};

/**
 * Errors the documents ask for: VibeBox's Docker-in-Docker daemon needs a privileged container
 * running as root (dockerd manages cgroups, mounts and iptables). The spec has no way yet to
 * acknowledge a finding on the object (see the report of issue 8), so they are expected here.
 */
const EXPECTED_ERRORS: Record<string, string[]> = {
  vibebox: ['privileged-container vibebox/docker[DaemonSet]', 'run-as-root vibebox/docker[DaemonSet]'],
};

describe('examples: build, validate and check', () => {
  for (const [example, profiles] of Object.entries(PROFILES)) {
    for (const profile of profiles) {
      const label = `${example}${profile ? ` --profile ${profile}` : ''}`;
      it(`${label}: every object validates`, async () => {
        const b = await built(example, profile);
        expect(b.objects.length).toBeGreaterThan(0);
        const issues = b.objects.flatMap((o) => validateObject(o).map((i) => `${o.kind} ${o.metadata.name}: ${JSON.stringify(i)}`));
        expect(issues).toEqual([]);
      });

      it(`${label}: check finds no errors`, async () => {
        const b = await built(example, profile);
        const graph = buildGraph(b.objects.map((object) => ({ object, source: { file: `${EXAMPLES}${example}` } })));
        const errors = runChecks(graph).filter((f) => f.severity === 'error').map((f) => `${f.check} ${f.object}`);
        expect(errors).toEqual(EXPECTED_ERRORS[example] ?? []);
      });
    }
  }
});
