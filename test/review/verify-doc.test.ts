// verify-doc on the five seed documents against their examples (what each finds, with its line),
// and on hand-made documents covering each kind of item.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGraph } from '../../src/pipeline/input.js';
import { verifyDocument, type VerifyItem } from '../../src/review/verify-doc.js';
import { InputError } from '../../src/diagnostics/index.js';
import { graphOf, deployment, service, docs } from '../graph/helpers.js';

const SEEDS = '/work/shared/seeds';
const EXAMPLES = new URL('../../examples/', import.meta.url).pathname;
const BIN = new URL('../../bin/shipshape.js', import.meta.url).pathname;

async function verifySeed(seed: string, example: string) {
  const file = join(SEEDS, seed);
  const { graph } = await loadGraph(join(EXAMPLES, example));
  return verifyDocument(readFileSync(file, 'utf8'), file, graph);
}
const of = (items: VerifyItem[], kind: VerifyItem['kind']) => items.filter((i) => i.kind === kind);

describe('verify-doc on the seeds', () => {
  it('000 (sagaz topology): the Mermaid block Mermaid rejects, with its line; the rest still checked', async () => {
    const r = await verifySeed('000_2ba6bc68f5da35f6.txt', 'sagaz');
    // `TMP[/tmp emptyDir]` opens a parallelogram that never closes.
    expect(of(r.items, 'mermaid-unparsable').map((i) => i.line)).toEqual([129]);
    expect(r.diagrams).toBe(4);
    expect(of(r.items, 'connection-not-drawn').map((i) => i.message)).toContain(
      'sagaz/outbox-worker[Deployment] connects to sagaz/postgresql[Service]:5432 (sagaz/postgresql[StatefulSet]); no diagram draws it',
    );
    expect(of(r.items, 'edge-not-in-architecture')).toEqual([]);
    // The spec's comment: seed 000 draws CPU thresholds, the HPA (seed 001) scales on pending events.
    expect(of(r.items, 'autoscaling-mismatch').map((i) => `${i.line} ${i.message}`)).toEqual([
      '173 "CPU > 70%": sagaz/outbox-worker[HorizontalPodAutoscaler] does not scale on CPU (it scales on outbox_pending_events_total average 1000)',
      '176 "CPU < 50%": sagaz/outbox-worker[HorizontalPodAutoscaler] does not scale on CPU (it scales on outbox_pending_events_total average 1000)',
    ]);
    // The ConfigMaps drawn into the worker and the broker (lines 82-83) are the ones they use;
    // the Secrets are drawn as sage-…, the input's are sagaz-….
    expect(r.items.filter((i) => i.line >= 80 && i.line <= 84)).toEqual([]);
    expect(of(r.items, 'node-unmatched').filter((i) => i.line === 61 || i.line === 62)).toHaveLength(2);
  }, 60_000);

  it('001 (sagaz README): no diagram and no table is bad input', async () => {
    await expect(verifySeed('001_bb724a6d752bf26a.txt', 'sagaz')).rejects.toThrow(InputError);
    const r = spawnSync(
      process.execPath,
      [BIN, 'verify-doc', join(SEEDS, '001_bb724a6d752bf26a.txt'), join(EXAMPLES, 'sagaz')],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no Mermaid diagram and no Markdown table to check');
  });

  it('002 (OpenRSVP): SQLite listed as ambiguous; the web pods matched by partial name, so web → PostgreSQL is drawn', async () => {
    const r = await verifySeed('002_f3d81b985c375216.txt', 'openrsvp');
    expect(of(r.items, 'node-ambiguous').map((i) => i.line)).toEqual([29]);
    // `Web Pod 1` is openrsvp-web (its name past the system's prefix), drawn to PostgreSQL on line 92.
    expect(r.items.filter((i) => i.line >= 88 && i.line <= 94)).toEqual([]);
    expect(of(r.items, 'connection-not-drawn')).toEqual([]);
    // The spec's comment: the HPA diagram feeds "CPU/Memory", the configuration targets CPU 70% only.
    expect(of(r.items, 'autoscaling-mismatch').map((i) => `${i.line} ${i.message}`)).toEqual([
      '194 "Memory": openrsvp/openrsvp-web[HorizontalPodAutoscaler] does not scale on memory (it scales on cpu 70% average utilization)',
    ]);
  }, 60_000);

  it('003 (VibeBox): the resource summary totals do not add up from its own rows (the spec comment says so)', async () => {
    const r = await verifySeed('003_41fabebff57dbb83.txt', 'vibebox');
    const totals = of(r.items, 'total-mismatch');
    expect(totals.map((i) => i.line)).toEqual([605, 605, 605, 605]);
    expect(totals.map((i) => i.message.split(' total ')[0])).toEqual([
      'Min CPU',
      'Max CPU',
      'Min Memory',
      'Max Memory',
    ]);
    // 100m + 500m + 1000m + 100m + 2000m: the 6.8 CPU of the document is not that.
    expect(totals[0].message).toContain('(3700m)');
    // Storage (610Gi) does add up.
    expect(totals.some((i) => i.message.startsWith('Storage'))).toBe(false);
    // The autoscaling diagram (Min 3, Max 10, CPU and memory > 70%) agrees with the backend's HPA.
    expect(of(r.items, 'autoscaling-mismatch')).toEqual([]);
  }, 60_000);

  it('004 (cartridge-warp): YAML blocks against the built objects; the Secret shipshape does not create', async () => {
    const r = await verifySeed('004_72c22560aa0b362b.txt', 'cartridge-warp');
    expect(of(r.items, 'yaml-no-object').map((i) => `${i.line} ${i.message}`)).toContain(
      '572 Secret cartridge-warp-secrets: no built object of that kind and name',
    );
    const fields = of(r.items, 'yaml-field').map((i) => i.message);
    // The document's StorageClass says apiVersion v1; StorageClass is storage.k8s.io/v1.
    expect(fields).toContain(
      'fast-ssd[StorageClass] apiVersion: the document says "v1", the built object "storage.k8s.io/v1"',
    );
    expect(r.items.every((i) => i.line > 0)).toBe(true);
    // config.yaml (line 475) differs from the built one only in quotes and comments: no item.
    expect(fields.filter((m) => m.includes('config.yaml'))).toEqual([]);
    // The spec's comment: diagram 2 draws a 5Gi temp-storage PVC; the manifest mounts an emptyDir.
    expect(of(r.items, 'node-unmatched').find((i) => i.line === 203)?.message).toContain(
      'is drawn as the PersistentVolumeClaim temp-storage; the input has no PersistentVolumeClaim of that name',
    );
    // `Ecommerce CDC` is cartridge-warp-ecommerce: the system's prefix taken off its name.
    expect(r.items.filter((i) => i.line === 27)).toEqual([]);
  }, 60_000);
});

describe('verify-doc on hand-made documents', () => {
  const api = deployment(
    'api',
    { app: 'api' },
    {
      containers: [
        {
          name: 'main',
          image: 'shop/api:1',
          ports: [{ containerPort: 8080 }],
          resources: { requests: { cpu: '250m' } },
        },
      ],
    },
    { annotations: { 'shipshape.dev/connects': 'db:5432' } },
  );
  const db = deployment(
    'db',
    { app: 'db' },
    { containers: [{ name: 'main', image: 'postgres:16', ports: [{ containerPort: 5432 }] }] },
  );
  const cache = deployment('cache', { app: 'cache' }, { containers: [{ name: 'main', image: 'redis:7' }] });
  const denyDb = JSON.stringify({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'db' },
    spec: { podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Ingress'] },
  });
  const denyCache = denyDb.replace('"name":"db"', '"name":"cache"').replace('"app":"db"', '"app":"cache"');
  const secret = JSON.stringify({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'db' },
    stringData: { password: 'real-one' },
  });
  const input = docs(api, db, cache, service('db', { app: 'db' }, [5432]), denyDb, denyCache, secret);

  it('edges, contradictions, tables and YAML, each on its line', async () => {
    const doc = [
      '# Shop', // 1
      '', // 2
      '```mermaid', // 3
      'flowchart LR', // 4
      '  A[api] -->|5432| D[(PostgreSQL db)]', // 5
      '  A --> C[redis cache]', // 6
      '  C -.->|denied| A', // 7
      '  X[mystery box] --> A', // 8
      '```', // 9
      '', // 10
      '| component | replicas | CPU request | ports |', // 11
      '| --- | --- | --- | --- |', // 12
      '| api | 2 | 500m | 8080 |', // 13
      '| db | 1 | - | 5433 |', // 14
      '| **Total** | | 600m | |', // 15
      '', // 16
      '```yaml', // 17
      'apiVersion: v1', // 18
      'kind: Secret', // 19
      'metadata:', // 20
      '  name: db', // 21
      'stringData:', // 22
      '  password: from-the-doc', // 23
      '```', // 24
    ].join('\n');
    const r = await verifyDocument(doc, 'doc.md', await graphOf(input));
    const lines = r.items.map((i) => `${i.line} ${i.kind}`);
    expect(lines).toEqual([
      '5 drawn-allowed-but-denied',
      '6 edge-not-in-architecture',
      '7 drawn-denied-but-allowed',
      '8 node-unmatched',
      '13 table-number',
      '13 table-number',
      '14 table-number',
      '15 total-mismatch',
      '23 yaml-field',
    ]);
    // Line 5: api connects to db, whose policy admits nothing; 6: nothing connects api to the
    // isolated cache; 7: the cache's egress is not isolated and the api's ingress neither.
    expect(r.items.find((i) => i.line === 14)?.message).toContain('ports');
    const yaml = r.items.find((i) => i.kind === 'yaml-field')!;
    expect(yaml.message).not.toContain('from-the-doc');
    expect(yaml.message).not.toContain('real-one');
  });

  it('a link drawn as denied that the policies allow', async () => {
    const doc = '```mermaid\nflowchart LR\n  C[cache] -->|blocked| A[api]\n```\n';
    const r = await verifyDocument(doc, 'doc.md', await graphOf(input));
    expect(r.items.map((i) => `${i.line} ${i.kind}`)).toEqual(['3 drawn-denied-but-allowed']);
  });
});
