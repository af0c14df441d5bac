// Secret values never appear in any docs output: not in the Markdown, the .mmd files or the HTML
// page — neither as written in stringData, nor base64 in data, nor decoded; literal env values are
// not shown either (they may carry credentials, as a connection URL does).
import { describe, it, expect } from 'vitest';
import { graphOf } from '../graph/helpers.js';
import { buildArchitectureDocument, docsFiles } from '../../src/docs/architecture.js';
import { graphToJson } from '../../src/graph/json.js';

const STRING_DATA_VALUE = 'hunter2-STRINGDATA-7f3a9c';
const DATA_VALUE = 'tok-DATA-91c2e4';
const LITERAL_PASSWORD = 'LITERALPASS-55b1';
const b64 = (s: string) => Buffer.from(s).toString('base64');

const manifests = [
  {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'db-credentials', namespace: 'app' },
    type: 'Opaque',
    stringData: { password: STRING_DATA_VALUE },
    data: { token: b64(DATA_VALUE) },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api', namespace: 'app' },
    spec: {
      selector: { matchLabels: { app: 'api' } },
      template: {
        metadata: { labels: { app: 'api' } },
        spec: {
          containers: [
            {
              name: 'api',
              image: 'api:1',
              env: [
                { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } },
                { name: 'DATABASE_URL', value: `postgresql://app:${LITERAL_PASSWORD}@postgres:5432/app` },
              ],
              envFrom: [{ secretRef: { name: 'db-credentials' } }],
              volumeMounts: [{ name: 'creds', mountPath: '/etc/creds', readOnly: true }],
            },
          ],
          volumes: [{ name: 'creds', secret: { secretName: 'db-credentials' } }],
        },
      },
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'postgres', namespace: 'app' },
    spec: { selector: { app: 'pg' }, ports: [{ port: 5432 }] },
  },
];

describe('secret values in docs', () => {
  it('never appear in ARCHITECTURE.md, the .mmd files or index.html; names and keys do', async () => {
    const graph = await graphOf(manifests.map((m) => JSON.stringify(m)).join('\n---\n'));
    const files = await docsFiles(buildArchitectureDocument(graph, { source: 'fixture' }), true);
    expect(files.map((f) => f.path)).toContain('index.html');
    for (const f of files) {
      for (const secret of [STRING_DATA_VALUE, DATA_VALUE, b64(DATA_VALUE), b64(STRING_DATA_VALUE), LITERAL_PASSWORD]) {
        expect(f.content.includes(secret), `${f.path} contains ${secret}`).toBe(false);
      }
    }
    const md = files.find((f) => f.path === 'ARCHITECTURE.md')!.content;
    expect(md).toContain('DB_PASSWORD ← Secret db-credentials key password');
    expect(md).toContain('DATABASE_URL (literal)');
    expect(md).toContain('all keys of Secret db-credentials');
  });

  it('never show a host or address read from a Secret, though the need it names is drawn', async () => {
    const HIDDEN_HOST = 'warehouse-7c1d.example.com';
    const HIDDEN_IP = '198.51.100.61';
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'outside', namespace: 'app' },
      data: {
        url: b64(`https://${HIDDEN_HOST}:8443/api`),
        db: b64(`postgres://u:${LITERAL_PASSWORD}@${HIDDEN_IP}:5432/x`),
      },
      stringData: { host: HIDDEN_HOST },
    };
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'export', namespace: 'app' },
      spec: {
        template: {
          spec: {
            restartPolicy: 'Never',
            containers: [
              {
                name: 'export',
                image: 'export:1',
                env: [
                  { name: 'UPSTREAM', valueFrom: { secretKeyRef: { name: 'outside', key: 'url' } } },
                  { name: 'DB', valueFrom: { secretKeyRef: { name: 'outside', key: 'db' } } },
                  { name: 'PGHOST', valueFrom: { secretKeyRef: { name: 'outside', key: 'host' } } },
                ],
                command: ['sh', '-c', 'pg_dump -h "$PGHOST" -p 6432 app | aws s3 cp - s3://bucket/app.sql'],
              },
            ],
          },
        },
      },
    };
    const graph = await graphOf([secret, job].map((m) => JSON.stringify(m)).join('\n---\n'));
    const needs = graph.edges.filter((e) => e.type === 'connects').map((e) => `${e.to}:${e.port}`);
    expect(needs.sort()).toEqual([
      'outside:internet:443',
      'outside:internet:5432',
      'outside:internet:6432',
      'outside:internet:8443',
    ]);
    // the aws command reads no Secret: its host is shown
    expect(graph.edges.some((e) => e.host === 's3.amazonaws.com')).toBe(true);
    const files = await docsFiles(buildArchitectureDocument(graph, { source: 'fixture' }), true);
    const outputs = [...files.map((f) => [f.path, f.content]), ['graph --json', JSON.stringify(graphToJson(graph))]];
    for (const [path, content] of outputs)
      for (const value of [HIDDEN_HOST, HIDDEN_IP, LITERAL_PASSWORD])
        expect(content.includes(value), `${path} contains ${value}`).toBe(false);
    expect(files.find((f) => f.path === 'network-flow.mmd')?.content).toContain('internet');
  });
});
