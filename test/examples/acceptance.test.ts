// The examples as acceptance tests (DESIGN.md): every example, with every profile, builds into
// objects that validate against the Kubernetes schemas and passes the check catalogue without an
// error. Exceptions a document asks for (VibeBox's privileged Docker daemon) are acknowledged in
// the spec itself, with their reasons.
import { describe, it, expect } from 'vitest';
import { EXAMPLES, built } from './built.js';
import { validateObject } from '../../src/k8s/validate.js';
import { buildGraph } from '../../src/graph/index.js';
import { runChecks } from '../../src/checks/index.js';

const PROFILES: Record<string, Array<string | undefined>> = {
  sagaz: [undefined, 'dev', 'prod'],
  openrsvp: [undefined, 'scheduler-deployment', 'managed-database'],
  vibebox: [undefined],
  'cartridge-warp': [undefined, 'blue-green', 'canary'],
  'kitchen-sink': [undefined, 'single-zone'],
};

describe('examples: build, validate and check', () => {
  for (const [example, profiles] of Object.entries(PROFILES)) {
    for (const profile of profiles) {
      const label = `${example}${profile ? ` --profile ${profile}` : ''}`;
      it(`${label}: every object validates`, async () => {
        const b = await built(example, profile);
        expect(b.objects.length).toBeGreaterThan(0);
        const issues = b.objects.flatMap((o) =>
          validateObject(o).map((i) => `${o.kind} ${o.metadata.name}: ${JSON.stringify(i)}`),
        );
        expect(issues).toEqual([]);
      });

      it(`${label}: check finds no errors`, async () => {
        const b = await built(example, profile);
        const graph = buildGraph(b.objects.map((object) => ({ object, source: { file: `${EXAMPLES}${example}` } })));
        const errors = runChecks(graph)
          .filter((f) => f.severity === 'error')
          .map((f) => `${f.check} ${f.object}`);
        expect(errors).toEqual([]);
      });

      it(`${label}: every referenced Secret, ConfigMap and key is defined or declared (TLS Secrets included)`, async () => {
        const b = await built(example, profile);
        const graph = buildGraph(b.objects.map((object) => ({ object, source: { file: `${EXAMPLES}${example}` } })));
        const missing = runChecks(graph)
          .filter((f) => f.check === 'missing-reference' || f.check === 'missing-key')
          .map((f) => `${f.check} ${f.object}: ${f.message}`);
        expect(missing).toEqual([]);
      });
    }
  }
});
