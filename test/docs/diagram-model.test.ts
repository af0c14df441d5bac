// The diagram model: `docs --format json` writes one model per diagram, and the one Mermaid
// renderer turns each back into exactly the `.mmd` file the Markdown format writes. Every edge says
// what it was drawn from; secret values never reach the JSON.
import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDocs } from '../../src/pipeline/docs.js';
import { buildArchitectureDocument, docsFiles } from '../../src/docs/architecture.js';
import { renderMermaid } from '../../src/docs/render-mermaid.js';
import type { DiagramEdge, DiagramModel, FlowItem } from '../../src/docs/diagram.js';
import type { DiagramsJson } from '../../src/docs/diagrams-json.js';
import { graphOf } from '../graph/helpers.js';
import { CORPUS } from '../shared-paths.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const examples = readdirSync(join(ROOT, 'examples'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(ROOT, 'examples', d.name, 'architecture.ts')))
  .map((d) => d.name)
  .sort();

beforeAll(() => {
  process.chdir(ROOT);
});

function edgesOf(items: FlowItem[]): DiagramEdge[] {
  return items.flatMap((i) => (i.kind === 'edge' ? [i] : i.kind === 'group' ? edgesOf(i.items) : []));
}

function flowEdges(model: DiagramModel): DiagramEdge[] {
  return model.type === 'flowchart' ? edgesOf(model.items) : [];
}

async function jsonOf(input: string): Promise<DiagramsJson> {
  const { files } = await generateDocs(input, { format: 'json' });
  expect(files.map((f) => f.path)).toEqual(['diagrams.json']);
  return JSON.parse(files[0].content) as DiagramsJson;
}

describe('docs --format json', () => {
  for (const name of examples) {
    it(`examples/${name}: one entry per .mmd file, rendering back to it byte for byte`, async () => {
      const markdown = (await generateDocs(`examples/${name}`)).files.filter((f) => f.path.endsWith('.mmd'));
      const json = await jsonOf(`examples/${name}`);
      expect(json.diagrams.map((d) => `${d.name}.mmd`)).toEqual(markdown.map((f) => f.path));
      for (const [i, d] of json.diagrams.entries()) expect(renderMermaid(d.model), d.name).toBe(markdown[i].content);
      // the committed .mmd files, too
      for (const d of json.diagrams)
        expect(renderMermaid(d.model)).toBe(
          readFileSync(join(ROOT, 'examples', name, 'docs', `${d.name}.mmd`), 'utf8'),
        );
    });
  }

  it('gives every flowchart edge its evidence, also when large inputs merge edges', async () => {
    for (const input of [
      ...examples.map((e) => `examples/${e}`),
      join(CORPUS, 'online-boutique'),
      join(CORPUS, 'kube-prometheus'),
    ]) {
      const json = await jsonOf(input);
      const edges = json.diagrams.flatMap((d) => flowEdges(d.model));
      expect(edges.length, input).toBeGreaterThan(0);
      for (const e of edges) expect(e.evidence.length, `${input}: ${e.from} -> ${e.to}`).toBeGreaterThan(0);
    }
  });

  it('writes diagrams.json from the CLI and refuses an unknown format (exit 2)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'shipshape-docs-json-')), 'out');
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [join(ROOT, 'bin/shipshape.js'), 'docs', 'examples/sagaz', '--out', out, ...args], {
        encoding: 'utf8',
      });
    const ok = run('--format', 'json');
    expect(ok.status, ok.stderr).toBe(0);
    expect(readdirSync(out).filter((f) => !f.startsWith('.'))).toEqual(['diagrams.json']);
    expect((JSON.parse(readFileSync(join(out, 'diagrams.json'), 'utf8')) as DiagramsJson).version).toBe(1);
    const bad = run('--format', 'svg');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--format: expected markdown or json, got "svg"');
  });
});

describe('edge evidence', () => {
  const yaml = (...docs: object[]) => docs.map((d) => JSON.stringify(d)).join('\n---\n');
  const workload = (name: string, extra: object = {}) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'app' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: `${name}:1`, ...extra }] } },
    },
  });
  const objects = [
    workload('api', { env: [{ name: 'DB', value: 'postgres://db:5432/x' }] }),
    workload('db', { ports: [{ containerPort: 5432 }] }),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'db', namespace: 'app' },
      spec: { selector: { app: 'db' }, ports: [{ port: 5432 }] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny', namespace: 'app' },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    },
  ];

  it('names the connects edge, its field path and the denying policies of a denied connection', async () => {
    const doc = buildArchitectureDocument(await graphOf(yaml(...objects)), { source: 'fixture' });
    const network = doc.sections
      .flatMap((s) => s.blocks)
      .flatMap((b) => (b.kind === 'diagram' && b.diagram.name === 'network-flow' ? [b.diagram.model] : []))[0];
    const denied = flowEdges(network).find((e) => e.style === 'denied')!;
    expect(denied.line).toBe('dashed');
    expect(denied.evidence).toEqual([
      {
        kind: 'graph-edge',
        type: 'connects',
        from: 'app/api[Deployment]',
        to: 'app/db[Service]',
        port: 5432,
        field: 'spec.template.spec.containers[0].env[0].value',
      },
      {
        kind: 'reach',
        from: 'app/api[Deployment]',
        to: 'app/db[Deployment]',
        allowed: false,
        ports: 'TCP 5432',
        policies: ['app/default-deny[NetworkPolicy]'],
      },
    ]);
  });

  it('keeps secret values out of the JSON: names and keys only', async () => {
    const secret = 'hunter2-JSON-4f1d';
    const withSecret = [
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'db-credentials', namespace: 'app' },
        stringData: { password: secret },
        data: { token: Buffer.from(secret).toString('base64') },
      },
      workload('api', {
        env: [
          { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } },
          { name: 'URL', value: `postgresql://app:${secret}@db:5432/x` },
        ],
      }),
    ];
    const doc = buildArchitectureDocument(await graphOf(yaml(...withSecret)), { source: 'fixture' });
    const [file] = await docsFiles(doc, false, 'json');
    expect(file.content).toContain('db-credentials');
    expect(file.content).not.toContain(secret);
    expect(file.content).not.toContain(Buffer.from(secret).toString('base64'));
  });
});
