import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import jsyaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import { findSpec, loadArchitecture } from '../../src/spec/load.js';
import { specFile, yamlSpec } from './helpers.js';
import { InputError } from '../../src/diagnostics/index.js';

const WEB = `  web:\n    type: web\n    image: nginx:1.27\n    ports:\n      http: 8080\n`;

async function errorOf(file: string, profile?: string): Promise<InputError> {
  try {
    await loadArchitecture(file, { profile });
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('findSpec', () => {
  it('finds the spec file itself, or inside a folder, and nothing else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-find-'));
    expect(findSpec(dir)).toBeUndefined();
    writeFileSync(join(dir, 'architecture.yaml'), 'x');
    writeFileSync(join(dir, 'deployment.yaml'), 'x');
    expect(findSpec(dir)).toBe(join(dir, 'architecture.yaml'));
    expect(findSpec(join(dir, 'architecture.yaml'))).toBe(join(dir, 'architecture.yaml'));
    expect(findSpec(join(dir, 'deployment.yaml'))).toBeUndefined();
    writeFileSync(join(dir, 'architecture.ts'), 'x');
    expect(findSpec(dir)).toBe(join(dir, 'architecture.ts'));
    expect(findSpec(join(dir, 'missing'))).toBeUndefined();
    mkdirSync(join(dir, 'empty'));
    expect(findSpec(join(dir, 'empty'))).toBeUndefined();
  });
});

describe('loadArchitecture: YAML', () => {
  it('loads a valid spec', async () => {
    const arch = await loadArchitecture(specFile('architecture.yaml', yamlSpec(WEB)));
    expect(arch.components.web.ports).toEqual({ http: 8080 });
  });

  it('names file, line and path of a wrong type', async () => {
    const file = specFile(
      'architecture.yaml',
      yamlSpec(
        `${WEB}  outbox-worker:\n    type: worker\n    image: w:1\n    replicas:\n      min: three\n      max: 10\n`,
      ),
    );
    const err = await errorOf(file);
    expect(err.details).toContain(
      `${file}:13 components.outbox-worker.replicas.min: expected number, received "three"`,
    );
  });

  it('reports unknown fields, missing fields and bad values together', async () => {
    const file = specFile(
      'architecture.yaml',
      yamlSpec(`  api:\n    type: web\n    imagee: api:1\n    ports:\n      http: 70000\n`),
    );
    const err = await errorOf(file);
    expect(err.details).toEqual(
      expect.arrayContaining([
        `${file}:6 components.api.imagee: unknown field; did you mean \`image\`?`,
        `${file}:5 components.api.image: expected string, but it is missing`,
        `${file}:8 components.api.ports.http: expected <= 65535, received 70000`,
      ]),
    );
  });

  it('names the nearest known field of an unknown one, only when it is close', async () => {
    const file = specFile(
      'architecture.yaml',
      yamlSpec(`  web:\n    type: web\n    image: nginx:1.27\n    port: 8080\n    replicsa: 2\n    colour: blue\n`),
    );
    const err = await errorOf(file);
    expect(err.details).toEqual([
      `${file}:7 components.web.port: unknown field; did you mean \`ports\`?`,
      `${file}:8 components.web.replicsa: unknown field; did you mean \`replicas\`?`,
      `${file}:9 components.web.colour: unknown field`,
    ]);
  });

  it('reports structural and reference problems in one run', async () => {
    const file = specFile(
      'architecture.yaml',
      yamlSpec(
        `${WEB}  api:\n    type: web\n    imagee: api:1\n  worker:\n    type: worker\n    image: w:1\n    uses: [web, missing]\n    after: [api, nothere]\n`,
      ),
    );
    const err = await errorOf(file);
    expect(err.details).toEqual([
      `${file}:10 components.api.image: expected string, but it is missing`,
      `${file}:11 components.api.imagee: unknown field; did you mean \`image\`?`,
      `${file}:15 components.worker.uses[1]: no component "missing" (expected one of: web, worker)`,
      `${file}:16 components.worker.after[1]: no component "nothere" (expected one of: web, worker)`,
    ]);
  });

  it('rejects an unpinned image and invalid Kubernetes names', async () => {
    const file = specFile('architecture.yaml', yamlSpec(`  Web_1:\n    type: web\n    image: nginx\n`));
    const err = await errorOf(file);
    expect(err.details.join('\n')).toMatch(/components\.Web_1.*expected .*component name/);
    const latest = await errorOf(
      specFile('architecture.yaml', yamlSpec(`  web:\n    type: web\n    image: nginx:latest\n`)),
    );
    expect(latest.details.join('\n')).toMatch(/components\.web\.image: expected a pinned tag/);
    const untagged = await errorOf(
      specFile('architecture.yaml', yamlSpec(`  web:\n    type: web\n    image: registry:5000/nginx\n`)),
    );
    expect(untagged.details.join('\n')).toMatch(/components\.web\.image: expected an image with a tag or digest/);
  });

  it('rejects uses of unknown components and ports, and after cycles', async () => {
    const file = specFile(
      'architecture.yaml',
      yamlSpec(
        `${WEB}  a:\n    type: worker\n    image: a:1\n    uses: [db, web:9999]\n    after: [b]\n  b:\n    type: worker\n    image: b:1\n    after: [a]\n`,
      ),
    );
    const text = (await errorOf(file)).details.join('\n');
    expect(text).toContain('components.a.uses[0]: no component "db"');
    expect(text).toContain('components.a.uses[1]: component "web" has no port 9999');
    expect(text).toContain('cycle in run order: a → b → a');
  });

  it('rejects two components on one name (duplicate YAML keys) with the line', async () => {
    const file = specFile('architecture.yaml', yamlSpec(`${WEB}${WEB}`));
    const err = await errorOf(file);
    expect(err.message).toContain('not valid YAML');
    expect(err.details[0]).toBe(`${file}:9 Map keys must be unique`);
  });

  it('requires referenced Secrets and keys to be declared', async () => {
    const file = specFile(
      'architecture.yaml',
      yamlSpec(
        `  w:\n    type: worker\n    image: w:1\n    env:\n      A: {secret: db, key: url}\n      B: {secret: other, key: x}\n`,
        'secrets:\n  db:\n    keys: [password]\n',
      ),
    );
    const text = (await errorOf(file)).details.join('\n');
    expect(text).toContain('components.w.env.A.key: Secret "db" has no key "url"');
    expect(text).toContain('components.w.env.B.secret: Secret "other" is not declared');
  });

  it('rejects fields that do not fit the component type', async () => {
    const file = specFile(
      'architecture.yaml',
      yamlSpec(`  j:\n    type: job\n    image: j:1\n    replicas: 3\n  c:\n    type: cronjob\n    image: c:1\n`),
    );
    const text = (await errorOf(file)).details.join('\n');
    expect(text).toContain('components.j.replicas: not allowed for type job');
    expect(text).toContain('components.c.schedule: expected a schedule for a cronjob');
  });
});

describe('loadArchitecture: how a YAML spec is read', () => {
  // load.ts reads a spec with js-yaml's core schema and asks \`yaml\` only for positions: both must
  // give the same value. YAML 1.1 forms (yes, 0755, timestamps, merge keys) stay what YAML 1.2 makes them.
  const EDGES = [
    'a: yes',
    'b: no',
    'c: on',
    'd: 0755',
    'e: 0o17',
    'f: 0x1F',
    'g: 1_000',
    'h: 1e3',
    'i: .inf',
    'j: -.Inf',
    'k: ~',
    'l: Null',
    'm: TRUE',
    'n: 2024-01-01',
    'o: 2024-01-01T10:00:00Z',
    'p: "quoted: yes"',
    "q: 'single'",
    'r: |\n  block\n  text\n',
    's: >\n  folded\n  text\n',
    'base: &base {x: 1}',
    'merged: {<<: *base, y: 2}',
    'alias: *base',
    't: [1, "2", 3.5, true, null]',
    'u: 12:30',
    'v: +12',
    'x: 0.',
    'y: .5',
    '"quoted key": 1',
    '10: numeric key',
    'z: ""',
  ].join('\n');

  it('js-yaml (core schema) and yaml read the same value, scalar by scalar', () => {
    expect(jsyaml.load(EDGES, { schema: jsyaml.CORE_SCHEMA })).toEqual(parseDocument(EDGES).toJS());
    // The one difference known: `-0` is 0 to js-yaml and -0 to yaml; no spec field tells them apart.
    expect(jsyaml.load('w: -0', { schema: jsyaml.CORE_SCHEMA })).toEqual({ w: 0 });
    expect(parseDocument('w: -0').toJS()).toEqual({ w: -0 });
  });

  it('js-yaml and yaml read the same value from a generated 200-component spec', async () => {
    const { generatedSpec } = (await import('../../bench/generated-spec.mjs')) as {
      generatedSpec: (n: number) => unknown;
    };
    const text = stringify(generatedSpec(200));
    expect(jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA })).toEqual(parseDocument(text).toJS());
  });
});

describe('profiles', () => {
  const spec =
    yamlSpec(`  w:\n    type: worker\n    image: w:1\n    resources:\n      requests: {cpu: 500m, memory: 512Mi}\n`) +
    'profiles:\n  dev:\n    components:\n      w:\n        resources:\n          requests: {cpu: 200m}\n  bad:\n    components:\n      w:\n        replicas: many\n';

  it('merges a profile field by field', async () => {
    const file = specFile('architecture.yaml', spec.replace(/ {2}bad:[\s\S]*$/, ''));
    const dev = await loadArchitecture(file, { profile: 'dev' });
    expect(dev.components.w.resources?.requests).toEqual({ cpu: '200m', memory: '512Mi' });
    const base = await loadArchitecture(file);
    expect(base.components.w.resources?.requests).toEqual({ cpu: '500m', memory: '512Mi' });
  });

  it('reports a bad profile value at the profile line, even when another profile is built', async () => {
    const file = specFile('architecture.yaml', spec);
    const err = await errorOf(file, 'dev');
    expect(err.details).toEqual([
      `${file}:18 (profile bad) components.w.replicas: expected number or object, received "many"`,
    ]);
  });

  it('rejects an unknown profile and overrides of unknown components', async () => {
    const file = specFile('architecture.yaml', spec.replace(/ {2}bad:[\s\S]*$/, ''));
    expect((await errorOf(file, 'staging')).message).toContain('unknown profile "staging" (expected one of: dev)');
    const typo = specFile(
      'architecture.yaml',
      spec.replace(/ {2}bad:[\s\S]*$/, '').replace('      w:\n        resources', '      x:\n        resources'),
    );
    expect((await errorOf(typo, 'dev')).message).toContain('profiles.dev.components.x: no component "x"');
  });
});

describe('loadArchitecture: TypeScript', () => {
  it('loads architecture.ts importing defineArchitecture from shipshape', async () => {
    const file = specFile(
      'architecture.ts',
      `import { defineArchitecture } from 'shipshape';\nconst port: number = 8080;\nexport default defineArchitecture({ name: 'a', namespace: 'a', components: { web: { type: 'web', image: 'nginx:1.27', ports: { http: port } } } });\n`,
    );
    const arch = await loadArchitecture(file);
    expect(arch.components.web.ports).toEqual({ http: 8080 });
  });

  it('turns a syntax error into an InputError with file:line:col and the offending line', async () => {
    const file = specFile(
      'architecture.ts',
      `import { defineArchitecture } from 'shipshape';\nexport default defineArchitecture({\n  name: 'a'\n  namespace: 'a',\n  components: {},\n});\n`,
    );
    const err = await errorOf(file);
    expect(err.message).toBe(`${file}:4:3: could not load the spec: ParseError: Unexpected token, expected ","`);
    expect(err.details).toEqual(["  namespace: 'a',", '  ^']);
    expect([err.line, err.column]).toEqual([4, 3]);
  });

  it('points an error thrown while the spec runs (a misspelt import) at its line', async () => {
    const file = specFile(
      'architecture.ts',
      `import { definArchitecture } from 'shipshape';\n\nexport default definArchitecture({ name: 'a', namespace: 'a', components: {} });\n`,
    );
    const err = await errorOf(file);
    expect(err.message).toMatch(
      new RegExp(
        `^${file.replace(/[.]/g, '\\.')}:3:\\d+: could not load the spec: .*definArchitecture.* is not a function$`,
      ),
    );
    expect(err.details[0]).toBe(`export default definArchitecture({ name: 'a', namespace: 'a', components: {} });`);
  });

  // jiti runs the code it made of the spec: its lines keep the spec's numbers, not its columns.
  it('points a module not found at where the line names it, not at a column of the code jiti made', async () => {
    const file = specFile('architecture.ts', `import x from './nope.js';\nexport default x;\n`);
    const err = await errorOf(file);
    expect(err.message.startsWith(`${file}:1:16: could not load the spec: Cannot find module './nope.js'`)).toBe(true);
    expect(err.details).toEqual(["import x from './nope.js';", '               ^']);
  });

  it('gives no column for another error placed past the end of the spec’s line', async () => {
    const file = specFile('architecture.ts', `import { f } from './other'; export default f();\n`);
    writeFileSync(join(dirname(file), 'other.ts'), 'export const f = 1;\n');
    const err = await errorOf(file);
    expect(err.message).toMatch(/architecture\.ts:1: could not load the spec: .*is not a function$/);
    expect(err.details).toEqual(["import { f } from './other'; export default f();"]);
    expect([err.line, err.column]).toEqual([1, undefined]);
  });

  it('reports schema errors with the path (no line numbers for code)', async () => {
    const file = specFile(
      'architecture.ts',
      `export default { name: 'a', namespace: 'a', components: { w: { type: 'worker', image: 'w:1', replicas: -1 } } };\n`,
    );
    expect((await errorOf(file)).details).toEqual([`${file}: components.w.replicas: expected >= 0, received -1`]);
  });

  it('loads the sagaz example with each profile', async () => {
    const file = resolve('examples/sagaz/architecture.ts');
    const dev = await loadArchitecture(file, { profile: 'dev' });
    expect(dev.components['outbox-worker'].resources?.requests?.cpu).toBe('200m');
    const prod = await loadArchitecture(file, { profile: 'prod' });
    expect(prod.components['outbox-worker'].resources?.limits?.cpu).toBe('1000m');
  });
});

describe('cross-references inside a component', () => {
  it('rejects ingress and probe ports the component does not declare, and uses of a job', async () => {
    const file = specFile(
      'architecture.yaml',
      yamlSpec(
        `  web:\n    type: web\n    image: n:1\n    ports:\n      http: 8080\n    ingress:\n      host: a.example.com\n      port: 9090\n    probes:\n      readiness:\n        tcp: admin\n  j:\n    type: job\n    image: j:1\n  w:\n    type: worker\n    image: w:1\n    uses: [j]\n`,
      ),
    );
    const text = (await errorOf(file)).details.join('\n');
    expect(text).toContain(`${file}:11 components.web.ingress.port: no port 9090 (expected one of: http=8080)`);
    expect(text).toContain(
      `${file}:14 components.web.probes.readiness.tcp: no port named "admin" (expected one of: http)`,
    );
    expect(text).toContain('components.w.uses[0]: component "j" is a job: it has no Service to connect to');
  });
});

describe('resources and mounts', () => {
  it('rejects a limit below its request and two volumes on one path', async () => {
    const file = specFile(
      'architecture.yaml',
      yamlSpec(
        `  w:\n    type: worker\n    image: w:1\n    resources:\n      requests: {cpu: '1', memory: 1Gi}\n      limits: {cpu: 500m, memory: 1024Mi}\n    writablePaths: [/tmp/]\n    storage: {size: 1Gi, mountPath: /data}\n    config:\n      mountPath: /data\n      data: {a: b}\n`,
      ),
    );
    const text = (await errorOf(file)).details.join('\n');
    expect(text).toContain(
      `${file}:9 components.w.resources.limits.cpu: expected at least the request (1), received 500m`,
    );
    expect(text).not.toContain('limits.memory');
    expect(text).toContain('components.w.writablePaths[0]: /tmp/ is already mounted');
    expect(text).toContain('components.w.storage.mountPath: /data is already mounted');
  });
});

describe('architecture.json', () => {
  it('loads JSON with line numbers in errors', async () => {
    const file = specFile(
      'architecture.json',
      '{\n  "name": "a",\n  "namespace": "a",\n  "components": {\n    "w": { "type": "worker", "image": "w:1", "replicas": "x" }\n  }\n}\n',
    );
    expect((await errorOf(file)).details).toEqual([
      `${file}:5 components.w.replicas: expected number or object, received "x"`,
    ]);
  });
});

describe('rollout', () => {
  it('rejects settings the workload kind does not support', async () => {
    const file = specFile(
      'architecture.yaml',
      yamlSpec(
        `  db:\n    type: database\n    image: p:1\n    rollout: {maxSurge: 1}\n  w:\n    type: worker\n    image: w:1\n    rollout: {strategy: Recreate, maxUnavailable: 1}\n  z:\n    type: worker\n    image: z:1\n    rollout: {maxSurge: 0, maxUnavailable: '0%'}\n`,
      ),
    );
    const text = (await errorOf(file)).details.join('\n');
    expect(text).toContain('components.db.rollout.maxSurge: not supported by StatefulSets');
    expect(text).toContain('components.w.rollout.maxUnavailable: only for the RollingUpdate strategy');
    expect(text).toContain('components.z.rollout.maxUnavailable: maxSurge and maxUnavailable cannot both be 0');
  });
});

describe('cronjob time zone', () => {
  it('accepts IANA names and rejects others', async () => {
    const ok = specFile(
      'architecture.yaml',
      yamlSpec(`  c:\n    type: cronjob\n    image: c:1\n    schedule: '0 3 * * *'\n    timeZone: Europe/Berlin\n`),
    );
    expect((await loadArchitecture(ok)).components.c.timeZone).toBe('Europe/Berlin');
    const bad = specFile(
      'architecture.yaml',
      yamlSpec(`  c:\n    type: cronjob\n    image: c:1\n    schedule: '0 3 * * *'\n    timeZone: Mars/Olympus\n`),
    );
    expect((await errorOf(bad)).details).toEqual([
      `${bad}:8 components.c.timeZone: expected an IANA time zone such as Europe/Berlin or Etc/UTC, received "Mars/Olympus"`,
    ]);
  });
});

describe('probes', () => {
  it('an http probe needs a port to default to', async () => {
    const file = specFile(
      'architecture.yaml',
      yamlSpec(
        `  w:\n    type: worker\n    image: w:1\n    probes:\n      liveness:\n        http: {path: /healthz}\n`,
      ),
    );
    expect((await errorOf(file)).details).toEqual([
      `${file}:9 components.w.probes.liveness.http.port: expected a port: the component declares none to default to`,
    ]);
  });
});
