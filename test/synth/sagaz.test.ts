// Golden test of examples/sagaz (the core families; monitoring objects have their own tests), and
// determinism of the whole build. Regenerate the golden files after an intended change with
// `UPDATE_GOLDEN=1 npx vitest run test/synth/sagaz.test.ts` and review the diff.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { objectsToYaml } from '../../src/k8s/write.js';
import { loadArchitecture } from '../../src/spec/load.js';
import { synthesize } from '../../src/synth/index.js';
import { FAMILIES } from '../../src/synth/registry.js';
import { buildSpec } from '../../src/pipeline/spec.js';

const SPEC = resolve('examples/sagaz/architecture.ts');
const GOLDEN = resolve('test/synth/golden/sagaz');
const CORE = FAMILIES.filter((f) => f.name !== 'monitoring');

describe('examples/sagaz', () => {
  it('synthesizes the golden manifests (core families)', async () => {
    const files = synthesize(await loadArchitecture(SPEC), CORE).files.map((f) => ({
      file: f.file,
      text: objectsToYaml(f.objects),
    }));
    if (process.env.UPDATE_GOLDEN) {
      mkdirSync(GOLDEN, { recursive: true });
      for (const f of files) writeFileSync(join(GOLDEN, f.file), f.text);
    }
    expect(files.map((f) => f.file).sort()).toEqual(readdirSync(GOLDEN).sort());
    for (const f of files) expect(f.text, f.file).toBe(readFileSync(join(GOLDEN, f.file), 'utf8'));
  });

  it("lays out one file per component holding its objects, like the seed's manifest table", async () => {
    const built = await buildSpec(SPEC);
    const kinds = (file: string) => built.files.find((f) => f.path === file)!.objects.map((o) => o.kind);
    expect(built.files.slice(0, 6).map((f) => f.path)).toEqual([
      '00-namespace.yaml',
      'postgresql.yaml',
      'rabbitmq.yaml',
      'migration.yaml',
      'outbox-worker.yaml',
      'benchmark.yaml',
    ]);
    expect(kinds('outbox-worker.yaml')).toEqual(
      expect.arrayContaining([
        'Deployment',
        'Service',
        'ServiceAccount',
        'PodDisruptionBudget',
        'HorizontalPodAutoscaler',
        'NetworkPolicy',
        'ConfigMap',
      ]),
    );
    expect(kinds('rabbitmq.yaml')).toEqual(expect.arrayContaining(['ConfigMap', 'Deployment', 'Service']));
    expect(kinds('postgresql.yaml')).toEqual(expect.arrayContaining(['StatefulSet', 'Service']));
    expect(kinds('migration.yaml')).toContain('Job');
    expect(kinds('benchmark.yaml')).toContain('Job');
  });

  it('is deterministic: two builds (each loading the spec afresh) give byte-identical files, per profile', async () => {
    for (const profile of [undefined, 'dev', 'prod']) {
      const a = await buildSpec(SPEC, { profile });
      const b = await buildSpec(SPEC, { profile });
      expect(b.files.map((f) => [f.path, f.content])).toEqual(a.files.map((f) => [f.path, f.content]));
    }
  });

  it('profiles change exactly the sizing the seed gives for development', async () => {
    const base = await buildSpec(SPEC);
    const dev = await buildSpec(SPEC, { profile: 'dev' });
    const changed = dev.files.filter((f, i) => f.content !== base.files[i].content).map((f) => f.path);
    expect(changed).toEqual(['postgresql.yaml', 'outbox-worker.yaml']);
    expect(dev.files.find((f) => f.path === 'outbox-worker.yaml')!.content).toContain(
      'cpu: 200m\n              memory: 256Mi',
    );
  });
});
