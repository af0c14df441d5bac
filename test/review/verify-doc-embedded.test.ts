// verify-doc on a ConfigMap whose value is itself a config file: compared parsed, so quotes,
// comments and indentation are no difference, and a changed setting is named by its path inside
// the file, on its own line.
import { describe, expect, it } from 'vitest';
import { verifyDocument } from '../../src/review/verify-doc.js';
import { graphOf } from '../graph/helpers.js';

const configMap = (data: Record<string, string>) =>
  JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config' }, data });

const BUILT = configMap({
  'config.yaml':
    'mode: single\nperformance:\n  read_timeout: 60\n  connection_timeout: 30\ndestination:\n  connection_timeout: 30\n',
  'settings.json': '{"retries": 3, "hosts": ["a", "b"]}',
  LOG_LEVEL: 'info',
  // No file suffix, but a mapping: read as one.
  limits: 'rps: 100\nburst: 20\n',
});

/** A document whose one YAML block is the ConfigMap with the given lines under `data:`. */
const doc = (dataLines: string[]) =>
  [
    '| component | replicas |', // 1
    '| --- | --- |', // 2
    '', // 3
    '```yaml', // 4
    'apiVersion: v1', // 5
    'kind: ConfigMap', // 6
    'metadata:', // 7
    '  name: app-config', // 8
    'data:', // 9
    ...dataLines, // 10…
    '```',
  ].join('\n');

describe('verify-doc: config files inside ConfigMaps', () => {
  it('quotes, comments, indentation and JSON spacing are no difference', async () => {
    const text = doc([
      '  config.yaml: |', // 10
      '    mode: "single"', // 11
      '    # Performance', // 12
      '    performance:', // 13
      '      read_timeout: 60', // 14
      '      connection_timeout: 30', // 15
      '    destination: {connection_timeout: 30}', // 16
      '  settings.json: |', // 17
      '    { "retries": 3,', // 18
      '      "hosts": [ "a", "b" ] }', // 19
      '  LOG_LEVEL: info', // 20
      '  limits: "{rps: 100, burst: 20}"', // 21
    ]);
    const r = await verifyDocument(text, 'doc.md', await graphOf(BUILT));
    expect(r.items).toEqual([]);
  });

  it('a changed setting is an item naming its path inside the file, on its line', async () => {
    const text = doc([
      '  config.yaml: |', // 10
      '    mode: "single"', // 11
      '    performance:', // 12
      '      read_timeout: 60', // 13
      '      connection_timeout: 30', // 14
      '    destination:', // 15
      '      connection_timeout: 45', // 16
      '  settings.json: |', // 17
      '    {"retries": 5, "hosts": ["a", "b"]}', // 18
    ]);
    const r = await verifyDocument(text, 'doc.md', await graphOf(BUILT));
    expect(r.items.map((i) => `${i.line} ${i.kind} ${i.message}`)).toEqual([
      '16 yaml-field default/app-config[ConfigMap] data."config.yaml" destination.connection_timeout: the document says 45, the built object 30',
      '17 yaml-field default/app-config[ConfigMap] data."settings.json" retries: the document says 5, the built object 3',
    ]);
  });

  it('a value that is not a config file is still compared as text', async () => {
    const r = await verifyDocument(doc(['  LOG_LEVEL: "debug"']), 'doc.md', await graphOf(BUILT));
    expect(r.items.map((i) => `${i.line} ${i.message}`)).toEqual([
      '10 default/app-config[ConfigMap] data.LOG_LEVEL: the document says "debug", the built object "info"',
    ]);
  });
});
