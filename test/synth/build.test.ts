import { describe, expect, it } from 'vitest';
import { SynthesisBug, validateSynthesized } from '../../src/synth/build.js';
import { deploymentWithReplicas } from '../k8s/deployment.js';

describe('validation of synthesized objects', () => {
  it('fails naming file, object and field when an object does not fit the Kubernetes schema', () => {
    const result = {
      files: [
        {
          file: 'w.yaml',
          objects: [
            { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'ok', namespace: 'a' } },
            deploymentWithReplicas('two'),
          ],
        },
      ],
    };
    let err: unknown;
    try {
      validateSynthesized(result);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SynthesisBug);
    expect((err as SynthesisBug).details).toEqual([
      expect.stringMatching(/^w\.yaml: Deployment\/w spec\.replicas: .*integer/),
    ]);
  });

  it('accepts valid objects', () => {
    expect(() =>
      validateSynthesized({
        files: [
          {
            file: 'a.yaml',
            objects: [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'ok', namespace: 'a' } }],
          },
        ],
      }),
    ).not.toThrow();
  });
});
