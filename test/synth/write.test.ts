import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { dump, load } from 'js-yaml';
import { dataToYaml, objectToYaml, objectsToYaml } from '../../src/k8s/write.js';
import { loadArchitecture } from '../../src/spec/load.js';
import { synthesize } from '../../src/synth/index.js';

/** Scalars that each library writes in its own way: the direct writer must ask it about them. */
const strings = [
  'yes',
  'No',
  'ON',
  'off',
  'y',
  'N',
  'true',
  'False',
  'null',
  'NULL',
  '~',
  '',
  ' ',
  '0755',
  '12:30',
  '1e3',
  '.inf',
  '.nan',
  '-1',
  '+1',
  '0x1F',
  '0b101',
  '1_000',
  '2001-12-14',
  '<<',
  'a: b',
  'a #b',
  'a#b',
  'trailing ',
  'colon:',
  '/path',
  '-',
  '?',
  '- x',
  '%x',
  '---',
  '--- x',
  '...',
  '@x',
  '`x',
  '"q"',
  "'q'",
  'it\'s "x"',
  '{x}',
  '[x]',
  'a,b',
  '*x',
  '&x',
  '!x',
  '|x',
  '>x',
  'tab\there',
  'bell\u0007',
  'ünïcode',
  'emoji 🚀',
  'x'.repeat(1500),
  'multi\nline',
  'multi\nline\n',
  'keep\n\n',
  '\n\nleading newlines',
  '  leading spaces\nx',
  'trailing spaces  \nx',
  'a\n\n\nb',
  '---\n...',
  'x\n---\ny',
  'a\r\nb',
  'ctl\u0001\nx',
];
const numbers = [0, -0, 1, -5, 0.5, 1e21, 2 ** 60, Number.MAX_SAFE_INTEGER, 1.5e-7, NaN, Infinity, -Infinity];

describe('objects to YAML', () => {
  it('quotes what YAML 1.1 would read as booleans or sexagesimal numbers', () => {
    const text = objectToYaml({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
      data: { a: 'yes', b: 'on', c: 'y', d: 'NO', e: '12:30', f: '0755', g: 'plain' },
    });
    expect(text).toContain('a: "yes"');
    expect(text).toContain('b: "on"');
    expect(text).toContain('c: "y"');
    expect(text).toContain('d: "NO"');
    expect(text).toContain('e: "12:30"');
    expect(text).toContain('f: "0755"');
    expect(text).toContain('g: plain');
  });

  it('puts apiVersion, kind, metadata first and name, namespace before labels', () => {
    const text = objectToYaml({
      spec: { x: 1 },
      metadata: { labels: { a: 'b' }, name: 'svc', namespace: 'ns' },
      kind: 'Service',
      apiVersion: 'v1',
    } as any);
    expect(text.split('\n').slice(0, 6)).toEqual([
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: svc',
      '  namespace: ns',
      '  labels:',
    ]);
  });

  it('writes one document per object that reads back equal', () => {
    const objs = [
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'a' } },
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'b' },
        data: { long: 'x'.repeat(200), multi: 'a\nb\n' },
      },
    ];
    const docs = parseAllDocuments(objectsToYaml(objs), { version: '1.1' });
    expect(Array.isArray(docs) && docs.map((d) => d.toJS())).toEqual(objs);
  });
});

describe('objects to YAML: the direct writer', () => {
  const OPTIONS = { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false } as const;
  /** What `yaml` itself writes for the document the text denotes: the writer must match it byte for byte. */
  const byYaml = (text: string) => stringify(parse(text, { version: '1.1' }), OPTIONS);
  const examples = readdirSync('examples').filter((d) => existsSync(join('examples', d, 'architecture.ts')));

  it.each(examples)('writes every object of examples/%s as yaml would', async (example) => {
    const list = synthesize(await loadArchitecture(join('examples', example, 'architecture.ts'))).files.flatMap(
      (f) => f.objects,
    );
    expect(list.length).toBeGreaterThan(0);
    for (const o of list) {
      const text = objectToYaml(o);
      expect(text).toBe(byYaml(text));
      expect(parse(text, { version: '1.1' })).toEqual(JSON.parse(JSON.stringify(o)));
    }
  });

  it('writes awkward scalars, keys and nesting as yaml would', () => {
    // One object per scalar, so that a scalar left to yaml does not hide the others.
    for (const v of [...strings, ...numbers, true, false, null]) {
      const asValue = {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'c', annotations: { a: v } },
        list: [v, [v]],
        deep: { a: [{ b: v, c: [v] }] },
      };
      const asKey = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { [String(v)]: 1 } };
      for (const o of [asValue, asKey]) expect(objectToYaml(o as any), JSON.stringify(v)).toBe(stringify(o, OPTIONS));
    }
    const nesting = {
      apiVersion: 'v1',
      kind: 'List',
      metadata: { name: 'n' },
      nested: [
        [],
        {},
        [[1, [2, 'yes']], { a: [] }],
        { a: { b: {} }, c: [{ d: 'multi\nline', e: [] }] },
        [{ a: 1, b: [{}] }],
        { x: undefined, y: 1 },
        { only: undefined },
      ],
    };
    expect(objectToYaml(nesting as any)).toBe(stringify(nesting, OPTIONS));
  });

  it('leaves to yaml what it does not write itself: undefined in a sequence, a Date', () => {
    const o = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, list: [1, undefined], at: new Date(0) };
    expect(objectToYaml(o as any)).toBe(stringify(o, OPTIONS));
  });
});

describe('plain data to YAML as js-yaml writes it (the monitoring files)', () => {
  const OPTIONS = { lineWidth: -1, noRefs: true } as const;
  const examples = readdirSync('examples').filter((d) => existsSync(join('examples', d, 'architecture.ts')));

  it.each(examples)('writes every YAML file beside the manifests of examples/%s as js-yaml would', async (example) => {
    const extra = synthesize(await loadArchitecture(join('examples', example, 'architecture.ts'))).extraFiles ?? [];
    const files = extra.filter((f) => f.file.endsWith('.yaml'));
    for (const f of files) {
      const data = f.content.replace(/^(#.*\n)*/, ''); // a rules test file starts with comments
      expect(data, f.file).toBe(dump(load(data), OPTIONS));
    }
  });

  it('writes awkward scalars, keys and nesting as js-yaml would', () => {
    for (const v of [...strings, ...numbers, true, false, null]) {
      const asValue = { a: v, list: [v, [v]], deep: { a: [{ b: v, c: [v] }] } };
      const asKey = { data: { [String(v)]: 1 } };
      for (const o of [asValue, asKey]) expect(dataToYaml(o), JSON.stringify(v)).toBe(dump(o, OPTIONS));
    }
    const nesting = {
      nested: [
        [],
        {},
        [[1, [2, 'yes']], { a: [] }],
        { a: { b: {} }, c: [{ d: 'multi\nline', e: [] }] },
        [{ a: 1, b: [{}] }],
      ],
    };
    expect(dataToYaml(nesting)).toBe(dump(nesting, OPTIONS));
  });

  it('leaves to js-yaml what it does not write itself: undefined in a sequence, a Date', () => {
    for (const o of [
      { list: [1, undefined], b: undefined },
      { at: new Date(0), list: [1] },
    ])
      expect(dataToYaml(o)).toBe(dump(o, OPTIONS));
  });
});
