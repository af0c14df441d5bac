// InputError's structured fields: filled where the thrower knows them, read instead of the message.
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/checks/index.js';
import { InputError } from '../../src/diagnostics/index.js';
import { loadArchitecture } from '../../src/spec/load.js';
import { summarizeResources } from '../../src/sim/resources.js';
import { graphOf } from '../graph/helpers.js';

const badQuantity = JSON.stringify({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'bad', namespace: 'shop' },
  spec: {
    selector: { matchLabels: { app: 'bad' } },
    template: {
      metadata: { labels: { app: 'bad' } },
      spec: { containers: [{ name: 'x', image: 'x', resources: { requests: { cpu: 'lots' } } }] },
    },
  },
});

function thrown(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('InputError', () => {
  it('has no location unless given one', () => {
    const err = new InputError('bad');
    expect([err.details, err.file, err.line, err.column, err.objectId, err.fieldPath]).toEqual([
      [],
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('carries the object id and field path of a malformed quantity', async () => {
    const graph = await graphOf(badQuantity);
    const err = thrown(() => summarizeResources(graph));
    expect(err).toMatchObject({
      objectId: 'shop/bad[Deployment]',
      fieldPath: 'spec.template.spec.containers[0].resources.requests.cpu',
    });
  });

  it('lets the capacity check name the object from the error, not from its message', async () => {
    const findings = runChecks(await graphOf(badQuantity)).filter((f) => f.check === 'capacity-totals');
    expect(findings.map((f) => f.object)).toEqual(['shop/bad[Deployment]']);
  });

  it('names the spec file that does not exist', async () => {
    await expect(loadArchitecture('/nonexistent/architecture.yaml')).rejects.toMatchObject({
      file: '/nonexistent/architecture.yaml',
    });
  });
});
