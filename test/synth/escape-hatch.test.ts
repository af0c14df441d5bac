import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/diagnostics/index.js';
import { buildSpec } from '../../src/pipeline/spec.js';
import { loadInput } from '../../src/pipeline/input.js';
import { deliver } from '../../src/pipeline/deliver.js';

const BASE = `name: a
namespace: a
components:
  api:
    type: web
    image: api:1
    ports: {http: 8080}
`;

function project(component: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-escape-'));
  writeFileSync(join(dir, 'architecture.yaml'), BASE + component);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return join(dir, 'architecture.yaml');
}

async function problems(spec: string): Promise<string> {
  const err = await buildSpec(spec).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(InputError);
  return [(err as InputError).message, ...(err as InputError).details].join('\n');
}

const CONFIG_MAP = `apiVersion: v1
kind: ConfigMap
metadata: {name: extra}
data: {a: b}
`;

describe('extraObjects', () => {
  it('writes inline and file objects to the component file, in its namespace, and the graph sees them', async () => {
    const spec = project(
      `    extraObjects:
      - apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: api-extra}
        spec: {maxUnavailable: 1, selector: {matchLabels: {app: api}}}
      - extra.yaml
`,
      { 'extra.yaml': CONFIG_MAP },
    );
    const built = await buildSpec(spec);
    const file = built.files.find((f) => f.path === 'api.yaml')!;
    expect(file.objects).toContainEqual({ kind: 'PodDisruptionBudget', name: 'api-extra' });
    expect(file.objects).toContainEqual({ kind: 'ConfigMap', name: 'extra' });
    expect(file.content).toMatch(/name: extra\n {2}namespace: a/);
    const { objects } = await loadInput(spec);
    expect(objects.some((o) => o.object.kind === 'ConfigMap' && o.object.metadata.name === 'extra')).toBe(true);
  });

  it('rejects an invalid object at its spec line, and a file that does not parse at its line', async () => {
    const text = await problems(
      project(
        `    extraObjects:
      - apiVersion: v1
        kind: ConfigMap
        metadata: {name: bad}
        data: {a: 1}
      - broken.yaml
`,
        { 'broken.yaml': `${CONFIG_MAP}---\nkind: a: b\n` },
      ),
    );
    expect(text).toMatch(/architecture\.yaml:9 components\.api\.extraObjects\[0\]: ConfigMap\/bad data\.a: /);
    expect(text).toMatch(/broken\.yaml:6 document 1: not valid YAML/);
  });

  it('reports a custom resource without a model as unchecked, and one with a model is validated', async () => {
    const spec = project(`    extraObjects:
      - apiVersion: example.com/v1
        kind: Widget
        metadata: {name: w}
        spec: {anything: true}
`);
    // `build` says so; the reporting commands see an object like any other (check: custom-resource-unchecked).
    const { messages } = await deliver(spec, { format: 'plain' });
    expect(messages).toContainEqual({
      severity: 'info',
      message: expect.stringMatching(/extraObjects\[0\]: Widget\/w \(example\.com\/v1\) not checked/),
    });
    expect((await loadInput(spec)).messages).toEqual([]);
    const text = await problems(
      project(`    extraObjects:
      - apiVersion: external-secrets.io/v1beta1
        kind: ExternalSecret
        metadata: {name: es}
        spec: {data: url}
`),
    );
    expect(text).toMatch(/extraObjects\[0\]: ExternalSecret\/es spec\.data/);
  });
});

describe('patches', () => {
  it('applies JSON patches and partial objects to the generated objects, last', async () => {
    const built = await buildSpec(
      project(`    patches:
      - kind: Deployment
        name: api
        json:
          - {op: add, path: /spec/revisionHistoryLimit, value: 3}
          - {op: add, path: /metadata/labels/team, value: payments}
      - kind: Deployment
        name: api
        merge:
          spec:
            template:
              spec:
                containers:
                  - name: api
                    env: [{name: MODE, value: patched}]
`),
    );
    const content = built.files.find((f) => f.path === 'api.yaml')!.content;
    expect(content).toContain('revisionHistoryLimit: 3');
    expect(content).toContain('team: payments');
    // Merged by name: the generated container keeps its image.
    expect(content).toMatch(/- name: api\n(?:.*\n)*? +image: api:1/);
    expect(content).toMatch(/name: MODE\n +value: patched/);
  });

  it('rejects a patch that no longer applies, naming the op and path at its spec line', async () => {
    const text = await problems(
      project(`    patches:
      - kind: Deployment
        name: api
        json:
          - {op: replace, path: /spec/nothing/here, value: 1}
      - kind: Service
        name: gone
        merge: {spec: {}}
`),
    );
    expect(text).toMatch(
      /architecture\.yaml:12 components\.api\.patches\[0\]\.json\[0\]: does not apply: replace \/spec\/nothing\/here: \/spec\/nothing does not exist/,
    );
    expect(text).toMatch(
      /architecture\.yaml:13 components\.api\.patches\[1\]: no generated Service\/gone in component api/,
    );
  });

  it('rejects a patch that makes an object invalid', async () => {
    const text = await problems(
      project(`    patches:
      - kind: Deployment
        name: api
        merge: {spec: {replicas: many}}
`),
    );
    expect(text).toMatch(/components\.api\.patches\[0\] \(after the patch\): Deployment\/api spec\.replicas: /);
  });

  it('rejects a patch with both json and merge in the schema', async () => {
    const text = await problems(
      project(`    patches:
      - {kind: Deployment, name: api, json: [{op: remove, path: /spec/replicas}], merge: {}}
`),
    );
    expect(text).toMatch(/patches\[0\]: expected exactly one of json or merge/);
  });
});
