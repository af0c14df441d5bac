import { describe, expect, it } from 'vitest';
import { specFile, yamlSpec } from './helpers.js';
import { InputError } from '../../src/diagnostics/index.js';
import { loadArchitecture } from '../../src/pipeline/spec.js';

async function errorOf(file: string): Promise<InputError> {
  try {
    await loadArchitecture(file);
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

const DIND = (acknowledge: string) =>
  `  docker:\n    type: daemon\n    image: docker:27-dind\n    acknowledge:\n${acknowledge}`;

describe('acknowledge', () => {
  it('accepts a known check id with a reason', async () => {
    const arch = await loadArchitecture(
      specFile(
        'architecture.yaml',
        yamlSpec(DIND(`      privileged-container: dockerd needs a privileged container\n`)),
      ),
    );
    expect(arch.components.docker.acknowledge).toEqual({
      'privileged-container': 'dockerd needs a privileged container',
    });
  });

  it('rejects an empty or blank reason with file and line', async () => {
    const file = specFile(
      'architecture.yaml',
      yamlSpec(DIND(`      privileged-container: ""\n      run-as-root: "  "\n`)),
    );
    const err = await errorOf(file);
    expect(err.details).toEqual(
      expect.arrayContaining([
        `${file}:8 components.docker.acknowledge.privileged-container: expected the reason the finding is accepted, not an empty text, received ""`,
        `${file}:9 components.docker.acknowledge.run-as-root: expected the reason the finding is accepted, not an empty text, received "  "`,
      ]),
    );
  });

  it('rejects a check id the catalogue does not have', async () => {
    const file = specFile('architecture.yaml', yamlSpec(DIND(`      privileged-containers: dockerd needs it\n`)));
    const err = await errorOf(file);
    expect(err.details.join('\n')).toContain(
      `${file}:8 components.docker.acknowledge.privileged-containers: no check "privileged-containers"`,
    );
  });
});
