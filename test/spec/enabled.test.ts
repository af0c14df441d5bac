import { describe, expect, it } from 'vitest';
import { loadArchitecture } from '../../src/spec/load.js';
import { synthesize } from '../../src/synth/index.js';
import { architectureSchema } from '../../src/spec/schema.js';
import { specFile, yamlSpec } from './helpers.js';
import { InputError } from '../../src/diagnostics/index.js';

const DB = `  postgresql:\n    type: database\n    image: postgres:16.4\n    ports:\n      pg: 5432\n`;
const WEB = (uses: string) => `  web:\n    type: web\n    image: app:1\n    ports:\n      http: 8000\n${uses}`;

describe('enabled: false', () => {
  it('a disabled component is not loaded; a profile turns it on', async () => {
    const managed = `profiles:\n  in-cluster:\n    components:\n      postgresql:\n        enabled: true\n      web:\n        uses: [postgresql]\n`;
    const file = specFile('architecture.yaml', yamlSpec(`${DB}    enabled: false\n${WEB('')}`, managed));
    expect(Object.keys((await loadArchitecture(file)).components)).toEqual(['web']);
    const inCluster = await loadArchitecture(file, { profile: 'in-cluster' });
    expect(Object.keys(inCluster.components)).toEqual(['postgresql', 'web']);
    expect(inCluster.components.web.uses).toEqual(['postgresql']);
  });

  it('a reference to a disabled component is an error naming the line and the reason', async () => {
    const file = specFile(
      'architecture.yaml',
      yamlSpec(`${DB}    enabled: false\n${WEB('    uses: [postgresql]\n    after: [postgresql]\n')}`),
    );
    let err: InputError | undefined;
    try {
      await loadArchitecture(file);
    } catch (e) {
      err = e as InputError;
    }
    expect(err).toBeInstanceOf(InputError);
    expect(err!.details).toEqual([
      `${file}:15 components.web.uses[0]: component "postgresql" is disabled (enabled: false): remove this reference where it is turned off`,
      `${file}:16 components.web.after[0]: component "postgresql" is disabled (enabled: false): remove this reference where it is turned off`,
    ]);
  });

  it('synthesis makes no object for a disabled component', () => {
    const arch = architectureSchema.parse({
      name: 's',
      namespace: 's',
      components: {
        old: { type: 'worker', image: 'w:1', enabled: false },
        web: { type: 'web', image: 'a:1', ports: { http: 80 } },
      },
    });
    const objects = synthesize(arch).files.flatMap((f) => f.objects);
    expect(objects.filter((o) => o.metadata.name === 'old' || o.metadata.name?.startsWith('old-'))).toEqual([]);
    expect(objects.some((o) => o.kind === 'Deployment' && o.metadata.name === 'web')).toBe(true);
  });
});
