// verify-doc on resource figures in diagram labels ("2 CPU, 4Gi RAM", "CPU: 100m/500m",
// "Storage: 10Gi", a PVC's "Size: 5Gi"), held against per-pod requests and limits, claim sizes and
// a PVC's storage request, with Kubernetes quantity semantics.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGraph } from '../../src/pipeline/input.js';
import { verifyDocument } from '../../src/review/verify-doc.js';
import { resourceClaims } from '../../src/review/doc-resources.js';
import { deployment, docs, graphOf } from '../graph/helpers.js';

const SEEDS = '/work/shared/seeds';
const EXAMPLES = new URL('../../examples/', import.meta.url).pathname;

/** The seed's resource items, after replacing `edits` in its text (to show the figures are read at all). */
async function seedFigures(seed: string, example: string, edits: Array<[string, string]> = []) {
  const text = edits.reduce(
    (t, [from, to]) => {
      expect(t).toContain(from);
      return t.replace(from, to);
    },
    readFileSync(join(SEEDS, seed), 'utf8'),
  );
  const { graph } = await loadGraph(join(EXAMPLES, example));
  const r = await verifyDocument(text, seed, graph);
  return r.items.filter((i) => i.kind === 'diagram-resource').map((i) => `${i.line} ${i.message}`);
}

describe('resource figures of the seeds', () => {
  it('003 (VibeBox): the pod resource diagram agrees; a changed figure is found on its line', async () => {
    expect(await seedFigures('003_41fabebff57dbb83.txt', 'vibebox')).toEqual([]);
    expect(
      await seedFigures('003_41fabebff57dbb83.txt', 'vibebox', [
        ['CPU: 100m/500m', 'CPU: 500m/100m'],
        ['Storage: 100Gi', 'Storage: 50Gi'],
      ]),
    ).toEqual([
      '142 "CPU: 500m/100m": frontend/frontend[Deployment] requests 100m and limits 500m CPU per pod',
      '152 "Storage: 50Gi": database/postgresql[StatefulSet] claims 100Gi per pod',
    ]);
  }, 60_000);

  it('004 (cartridge-warp): "2 CPU, 4Gi RAM" is the limit (half of it requested), which is no item', async () => {
    // The example's comment: the overview's figure is the limit; the request is half of it.
    expect(await seedFigures('004_72c22560aa0b362b.txt', 'cartridge-warp')).toEqual([]);
    expect(
      await seedFigures('004_72c22560aa0b362b.txt', 'cartridge-warp', [
        ['Resource: 2 CPU, 4Gi RAM', 'Resource: 3 CPU, 2Gi RAM'],
        ['CPU: 2, Memory: 4Gi', 'CPU: 1500m, Memory: 4096Mi'],
      ]),
    ).toEqual([
      // 2Gi is the request and 4096Mi is 4Gi, the limit: both true.
      '27 "3 CPU": cartridge-warp/cartridge-warp-ecommerce[Deployment] requests 1 and limits 2 CPU per pod',
      '183 "CPU: 1500m": cartridge-warp/cartridge-warp-ecommerce[Deployment] requests 1 and limits 2 CPU per pod',
    ]);
  }, 60_000);
});

describe('resource figures in hand-made diagrams', () => {
  const api = deployment(
    'api',
    { app: 'api' },
    {
      containers: [
        {
          name: 'main',
          image: 'shop/api:1',
          resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
        },
      ],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'api-data' } }],
    },
  );
  const pvc = JSON.stringify({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'api-data' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } },
  });
  const input = docs(api, pvc);
  const diagram = (...lines: string[]) => ['```mermaid', 'flowchart LR', ...lines, '```'].join('\n');

  it('a figure equal to the request or the limit, in any spelling of the quantity, is no item', async () => {
    const doc = diagram(
      '  A[api<br/>CPU: 0.25<br/>Memory: 512Mi<br/>Storage: 5Gi]', // 3
      '  R[Resources:<br/>CPU: 250m/0.5<br/>Memory: 256Mi/0.5Gi] --- A', // 4
      '  P[PVC: api-data<br/>Size: 5120Mi] --> A', // 5
      '  B[api<br/>CPU: 45%<br/>2-4 CPU cores]', // 6
    );
    const r = await verifyDocument(doc, 'doc.md', await graphOf(input));
    expect(r.items.filter((i) => i.kind === 'diagram-resource')).toEqual([]);
  });

  it('a figure equal to neither is an item, on its node line, saying what the manifests have', async () => {
    const doc = diagram(
      '  A[api<br/>Resource: 1 CPU, 300Mi RAM<br/>Storage: 10Gi]', // 3
      '  R[Resources:<br/>CPU: 500m/250m] --- A', // 4
      '  P[PVC: api-data<br/>Size: 10Gi] --> A', // 5
    );
    const r = await verifyDocument(doc, 'doc.md', await graphOf(input));
    expect(r.items.filter((i) => i.kind === 'diagram-resource').map((i) => `${i.line} ${i.message}`)).toEqual([
      '3 "Storage: 10Gi": default/api[Deployment] claims 5Gi per pod',
      '3 "1 CPU": default/api[Deployment] requests 250m and limits 500m CPU per pod',
      '3 "300Mi RAM": default/api[Deployment] requests 256Mi and limits 512Mi memory per pod',
      '4 "CPU: 500m/250m": default/api[Deployment] requests 250m and limits 500m CPU per pod',
      '5 "Size: 10Gi": default/api-data[PersistentVolumeClaim] requests 5Gi',
    ]);
  });

  it('reads figures, not percentages, ranges or unitless memory', () => {
    const read = (text: string) => resourceClaims(text).map((c) => `${c.what} ${c.values.join('/')}`);
    expect(read('CPU: 45%<br/>Memory: 60%')).toEqual([]);
    expect(read('2-4 CPU cores, 4-8Gi RAM')).toEqual([]);
    expect(read('Memory: 512')).toEqual([]);
    expect(read('CPU: 2 cores<br/>Memory: 1Gi/2Gi')).toEqual(['cpu 2000', `memory ${2 ** 30}/${2 ** 31}`]);
    expect(read('4Gi RAM, 500m CPU, 10Gi storage')).toEqual([
      `memory ${4 * 2 ** 30}`,
      'cpu 500',
      `storage ${10 * 2 ** 30}`,
    ]);
  });
});
