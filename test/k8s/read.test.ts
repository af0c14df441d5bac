import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readManifests, STDIN_FILE } from '../../src/k8s/read.js';
import { splitDocuments } from '../../src/k8s/read-documents.js';

import { CORPUS } from '../shared-paths.js';
import { InputError } from '../../src/diagnostics/index.js';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-read-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const stdin = (text: string, namespace?: string) => readManifests(['-'], { stdinText: text, namespace });
const ids = (r: Awaited<ReturnType<typeof readManifests>>) =>
  r.objects.map((o) => `${o.object.metadata.namespace ?? ''}/${o.object.kind}/${o.object.metadata.name}`);

describe('splitDocuments', () => {
  it('splits at --- and ... at column 0 only, counting empty documents between markers', () => {
    const text = '# head comment\n---\na: 1\n---\n# only a comment\n---\nb: |\n  x\n   ---\n...\n--- {c: 3}\n';
    const docs = splitDocuments(text);
    expect(docs.map((d) => [d.index, d.line])).toEqual([
      [0, 2],
      [1, 4],
      [2, 6],
      [3, 11],
    ]);
    expect(docs[2].text).toContain('   ---'); // indented: content of the block scalar
    expect(docs[3].text).toContain('{c: 3}');
  });

  it('treats text without markers as one document and a leading comment as no document', () => {
    expect(splitDocuments('a: 1\n').length).toBe(1);
    expect(splitDocuments('# nothing\n---\na: 1\n').map((d) => d.line)).toEqual([2]);
  });
});

describe('readManifests', () => {
  it('reads multi-document YAML with file, 1-based line of the first content line and document index', async () => {
    const dir = folder({
      'app.yaml':
        '---\n# c\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: b\n',
    });
    const r = await readManifests([dir]);
    expect(r.messages).toEqual([]);
    expect(r.objects.map((o) => o.source)).toEqual([
      { file: join(dir, 'app.yaml'), line: 3, document: 0 },
      { file: join(dir, 'app.yaml'), line: 8, document: 2 },
    ]);
  });

  it('walks folders recursively in name order, reading .yaml/.yml/.json and skipping other files and dot folders', async () => {
    const cm = (n: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${n}}\n`;
    const dir = folder({
      'b/z.yml': cm('z'),
      'a.yaml': cm('a'),
      'c.json': '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"}}',
      'README.md': '# not yaml: [',
      '.git/x.yaml': cm('hidden'),
      'b/notes.txt': 'kind: nope',
    });
    const r = await readManifests([dir]);
    expect(ids(r)).toEqual(['default/ConfigMap/a', 'default/ConfigMap/z', 'default/ConfigMap/c']);
  });

  it('skips well-known non-manifests found in a folder with a note, other YAML without apiVersion and kind is an error, and reports them when named', async () => {
    const dir = folder({
      'values.yaml': 'replicas: 3\nimage: {tag: x}\n',
      'rules.yaml': 'groups: []\n---\ngroups: []\n',
      'rules.test.yaml': 'rule_files: [rules.yaml]\ntests: []\n',
      'adapter.yaml': 'rules: []\nexternalRules: []\n',
      'dash.json': '{"schemaVersion": 39, "panels": []}',
      'settings.yaml': 'replicas: 3\nimage: {tag: x}\n',
      'not-a-dashboard.json': '{"panels": []}',
      'app.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\nstray: data\n',
    });
    const r = await readManifests([dir]);
    expect(ids(r)).toEqual(['default/ConfigMap/a']);
    expect(
      r.messages.map((m) => `${m.severity} ${m.file?.slice(dir.length + 1)}: ${m.message.slice(dir.length + 1)}`),
    ).toEqual([
      'info adapter.yaml: adapter.yaml: skipped, prometheus-adapter rules, not a manifest',
      'error app.yaml: app.yaml:5 document 1: not a Kubernetes object: apiVersion and kind missing or not a string',
      'info dash.json: dash.json: skipped, a Grafana dashboard, not a manifest',
      'error not-a-dashboard.json: not-a-dashboard.json:1 document 0: not a Kubernetes object: apiVersion and kind missing or not a string',
      'info rules.test.yaml: rules.test.yaml: skipped, a Prometheus rule test file, not a manifest',
      'info rules.yaml: rules.yaml: skipped, a Prometheus rule file, not a manifest',
      'error settings.yaml: settings.yaml:1 document 0: not a Kubernetes object: apiVersion and kind missing or not a string',
      'info values.yaml: values.yaml: skipped, Helm values, not a manifest',
    ]);
    const named = await readManifests([join(dir, 'values.yaml')]);
    expect(named.messages.map((m) => m.severity)).toEqual(['error']);
  });

  it('expands List and typed *List kinds, giving items of typed lists their kind', async () => {
    const r = await stdin(`apiVersion: v1
kind: List
items:
- {apiVersion: v1, kind: Service, metadata: {name: s, namespace: x}}
- {apiVersion: apps/v1, kind: Deployment, metadata: {name: d, namespace: x}}
---
apiVersion: v1
kind: ConfigMapList
items:
- metadata: {name: from-typed-list}
`);
    expect(ids(r)).toEqual(['x/Service/s', 'x/Deployment/d', 'default/ConfigMap/from-typed-list']);
    expect(r.objects[2].object.apiVersion).toBe('v1');
  });

  it('gives each item of a block-style List its own line, as kubectl get -o yaml lays it out', async () => {
    const r = await stdin(`apiVersion: v1
items:
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: a
  data:
    script: |
      - not an item
# a comment
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: b}
kind: List
metadata:
  resourceVersion: ""
---
apiVersion: v1
kind: List
items: [{apiVersion: v1, kind: ConfigMap, metadata: {name: c}}]
`);
    expect(r.objects.map((o) => [o.object.metadata.name, o.source.line, o.source.document])).toEqual([
      ['a', 3, 0],
      ['b', 11, 0],
      ['c', 18, 1],
    ]);
  });

  it('resolves anchors and aliases, flow style with trailing commas, and JSON from stdin', async () => {
    const yamlText = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: &l {app: web}}
spec:
  selector: {matchLabels: *l}
  template: {metadata: {labels: *l}, spec: {containers: [{name: c, image: i,}],}}
`;
    const r = await stdin(yamlText);
    const spec = r.objects[0].object.spec as any;
    expect(spec.selector.matchLabels).toEqual({ app: 'web' });
    expect(spec.template.metadata.labels).toEqual({ app: 'web' });
    expect(spec.template.spec.containers[0].image).toBe('i');

    const json = await stdin(
      JSON.stringify(
        { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } }] },
        null,
        2,
      ),
    );
    expect(ids(json)).toEqual(['default/Secret/s']);
    expect(json.objects[0].source.file).toBe(STDIN_FILE);
  });

  it('resolves plain scalars as Kubernetes does (YAML 1.1: octal modes, yes/on booleans; no timestamps)', async () => {
    const r = await stdin(
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\nx: {mode: 0755, hex: 0x1F, big: 1_000, t: yes, o: on, f: Off, q: "yes", day: 2024-01-01, time: 12:30, e: 1e3, eight: 08}\n',
    );
    expect((r.objects[0].object as any).x).toEqual({
      mode: 493,
      hex: 31,
      big: 1000,
      t: true,
      o: true,
      f: false,
      q: 'yes',
      day: '2024-01-01',
      time: '12:30',
      e: 1000,
      eight: 8,
    });
  });

  it('strips kubectl noise (status, managedFields, resourceVersion, uid, last-applied) and keeps the rest', async () => {
    const r = await stdin(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: prod
  uid: 123
  resourceVersion: "9"
  creationTimestamp: "2024-01-01T00:00:00Z"
  generation: 3
  managedFields: [{manager: kubectl}]
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"big": "json"}'
    team: core
spec: {replicas: 2}
status: {replicas: 2}
`);
    const o = r.objects[0].object;
    expect(o.metadata).toEqual({ name: 'web', namespace: 'prod', annotations: { team: 'core' } });
    expect(o.status).toBeUndefined();
    expect(o.spec).toEqual({ replicas: 2 });
  });

  it('fills missing namespaces from the option, else default, and never on cluster-scoped kinds', async () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, namespace: own}\n---\napiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: fast}\n';
    expect(ids(await stdin(text))).toEqual(['default/ConfigMap/a', 'own/ConfigMap/b', '/StorageClass/fast']);
    expect(ids(await stdin(text, 'team'))).toEqual(['team/ConfigMap/a', 'own/ConfigMap/b', '/StorageClass/fast']);
  });

  it('keeps deprecated apiVersions and unknown kinds (custom resources) as they are', async () => {
    const r = await stdin(`apiVersion: extensions/v1beta1
kind: Ingress
metadata: {name: old}
---
apiVersion: policy/v1beta1
kind: PodDisruptionBudget
metadata: {name: pdb}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
`);
    expect(r.objects.map((o) => `${o.object.apiVersion} ${o.object.kind}`)).toEqual([
      'extensions/v1beta1 Ingress',
      'policy/v1beta1 PodDisruptionBudget',
      'example.com/v1 Widget',
    ]);
  });

  it('reports bad documents with file, document index and line, and still reads the others', async () => {
    const dir = folder({
      'mixed.yaml': `apiVersion: v1
kind: ConfigMap
metadata: {name: good1}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: broken
  data: x: y
---
just a string
---
metadata: {name: nokind}
---
apiVersion: v1
kind: ConfigMap
metadata: {}
---
- a list
---
apiVersion: v1
kind: ConfigMap
metadata: {name: good2}
`,
    });
    const r = await readManifests([dir]);
    expect(ids(r)).toEqual(['default/ConfigMap/good1', 'default/ConfigMap/good2']);
    const file = join(dir, 'mixed.yaml');
    expect(r.messages.map((m) => [m.severity, m.file, m.document])).toEqual([
      ['error', file, 1],
      ['error', file, 2],
      ['error', file, 3],
      ['error', file, 4],
      ['error', file, 5],
    ]);
    expect(r.messages[0].message).toMatch(/mixed\.yaml:\d+ document 1: not valid YAML/);
    expect(r.messages[0].line).toBeGreaterThanOrEqual(5);
    expect(r.messages[1].message).toContain('not a Kubernetes object');
    expect(r.messages[2].message).toContain('apiVersion and kind missing');
    expect(r.messages[3].message).toContain('no metadata.name');
    expect(r.messages[4].message).toContain('got a list');
  });

  it('detects unrendered Helm templates, whether or not they parse, but not alert or legend templates', async () => {
    const r = await stdin(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      {{- if .Values.istio.enabled }}
      annotations: {}
      {{- end }}
---
apiVersion: v1
kind: Service
metadata:
  name: "{{ .Release.Name }}-svc"
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: {name: rules}
spec:
  groups:
  - name: g
    rules:
    - alert: Down
      annotations:
        description: '{{ $labels.instance }} is down {{ with query "up" }}{{ . | first | value }}{{ end }}'
---
apiVersion: v1
kind: ConfigMap
metadata: {name: dash}
data: {d.json: '{"legendFormat": "{{instance}}"}'}
`);
    expect(ids(r)).toEqual(['default/PrometheusRule/rules', 'default/ConfigMap/dash']);
    expect(r.messages.map((m) => m.document)).toEqual([0, 1]);
    for (const m of r.messages) expect(m.message).toContain('unrendered Helm template');
    expect(r.messages[1].message).toContain('metadata.name');
  });

  it('reports duplicates (same kind, namespace and name) with both places and keeps the first', async () => {
    const r = await stdin(
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, annotations: {v: "1"}}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: default, annotations: {v: "2"}}\n',
    );
    expect(r.objects).toHaveLength(1);
    expect(r.objects[0].object.metadata.annotations).toEqual({ v: '1' });
    expect(r.messages).toHaveLength(1);
    expect(r.messages[0]).toMatchObject({ severity: 'warning', document: 1 });
    expect(r.messages[0].message).toContain(
      'duplicate object default/a[ConfigMap], first defined at <stdin>:1 document 0',
    );
  });

  it('throws an InputError naming a path that does not exist', async () => {
    await expect(readManifests(['/no/such/place'])).rejects.toThrow(InputError);
    await expect(readManifests(['/no/such/place'])).rejects.toThrow('/no/such/place: no such file or folder');
  });

  it('reads a named pipe or device as a file (process substitution: graph <(kubectl get … -o yaml))', async () => {
    const dir = folder({});
    const fifo = join(dir, 'manifests');
    execFileSync('mkfifo', [fifo]);
    const writer = new Promise<void>((resolve, reject) =>
      writeFile(fifo, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: piped}\n').then(resolve, reject),
    );
    const read = await readManifests([fifo]);
    await writer;
    expect(ids(read)).toEqual(['default/ConfigMap/piped']);
    expect((await readManifests(['/dev/null'])).objects).toEqual([]);
  });

  it('reads the corpus oddities: empty documents, flow style, JSON, Lists, anchors', async () => {
    const r = await readManifests([
      `${CORPUS}/bookinfo/networking/destination-rule-all.yaml`,
      `${CORPUS}/k8s-docs-examples/service/networking/simple-fanout-example.yaml`,
      `${CORPUS}/k8s-examples/meteor`,
      `${CORPUS}/kube-prometheus/manifests/prometheus-roleSpecificNamespaces.yaml`,
      `${CORPUS}/gke-samples/databases/elasticsearch/manifests/05-rag/chatbot.yaml`,
    ]);
    expect(r.messages).toEqual([]);
    const kinds = r.objects.map((o) => o.object.kind);
    expect(kinds.filter((k) => k === 'DestinationRule')).toHaveLength(4);
    expect(kinds).toContain('Ingress');
    expect(kinds).toContain('ReplicationController');
    expect(r.objects.filter((o) => o.object.kind === 'Role').map((o) => o.object.metadata.namespace)).toEqual([
      'default',
      'kube-system',
      'monitoring',
    ]);
  });
});
