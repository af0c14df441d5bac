import { describe, expect, it } from 'vitest';
import { validateCustomResource } from '../../src/checks/crd-schema.js';

const schema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['port'],
      properties: {
        port: { 'x-kubernetes-int-or-string': true },
        replicas: { type: 'integer' },
        ratio: { type: 'number' },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        config: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        template: {
          type: 'object',
          'x-kubernetes-embedded-resource': true,
          properties: { spec: { type: 'object', properties: { x: { type: 'string' } } } },
        },
        items: { type: 'array', items: { type: 'object', properties: { name: { type: 'string', enum: ['a', 'b'] } } } },
      },
    },
  },
};
const cr = (spec: unknown) => ({ apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 't' }, spec });

describe('validateCustomResource (structural schemas)', () => {
  it('accepts a conforming object: int-or-string, maps, preserved fields, embedded objects, numbers for integers', () => {
    expect(
      validateCustomResource(
        cr({
          port: 'http',
          replicas: 2,
          ratio: 1,
          labels: { a: 'b' },
          config: { anything: { deep: [1] } },
          template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { x: 'y' } },
          items: [{ name: 'a' }],
        }),
        schema,
      ),
    ).toEqual([]);
  });
  it('reports types, enums, required and unknown fields with their paths', () => {
    expect(
      validateCustomResource(
        cr({
          replicas: '2',
          ratio: 'x',
          labels: { a: 1 },
          template: { spec: { y: 1 } },
          items: [{ name: 'c' }],
          extra: true,
        }),
        schema,
      ),
    ).toEqual([
      { path: 'spec.port', message: 'missing required field "port"' },
      { path: 'spec.replicas', message: 'expected integer, got string' },
      { path: 'spec.ratio', message: 'expected number, got string' },
      { path: 'spec.labels.a', message: 'expected string, got integer' },
      { path: 'spec.template.spec.y', message: 'unknown field "y"' },
      { path: 'spec.items[0].name', message: 'expected one of "a", "b", got "c"' },
      { path: 'spec.extra', message: 'unknown field "extra"' },
    ]);
  });
  it('leaves nulls alone (the API server prunes them)', () => {
    expect(validateCustomResource(cr({ port: 80, replicas: null }), schema)).toEqual([]);
  });
});
