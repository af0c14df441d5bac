import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { objectToYaml, objectsToYaml } from '../../src/k8s/write.js';

describe('objects to YAML', () => {
  it('quotes what YAML 1.1 would read as booleans or sexagesimal numbers', () => {
    const text = objectToYaml({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'yes', b: 'on', c: 'y', d: 'NO', e: '12:30', f: '0755', g: 'plain' } });
    expect(text).toContain('a: "yes"');
    expect(text).toContain('b: "on"');
    expect(text).toContain('c: "y"');
    expect(text).toContain('d: "NO"');
    expect(text).toContain('e: "12:30"');
    expect(text).toContain('f: "0755"');
    expect(text).toContain('g: plain');
  });

  it('puts apiVersion, kind, metadata first and name, namespace before labels', () => {
    const text = objectToYaml({ spec: { x: 1 }, metadata: { labels: { a: 'b' }, name: 'svc', namespace: 'ns' }, kind: 'Service', apiVersion: 'v1' } as any);
    expect(text.split('\n').slice(0, 6)).toEqual(['apiVersion: v1', 'kind: Service', 'metadata:', '  name: svc', '  namespace: ns', '  labels:']);
  });

  it('writes one document per object that reads back equal', () => {
    const objs = [
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'a' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' }, data: { 'long': 'x'.repeat(200), multi: 'a\nb\n' } },
    ];
    const docs = parseAllDocuments(objectsToYaml(objs), { version: '1.1' });
    expect(Array.isArray(docs) && docs.map((d) => d.toJS())).toEqual(objs);
  });
});
