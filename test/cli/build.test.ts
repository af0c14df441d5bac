// The build and schema commands as users run them: the compiled CLI (`npm test` compiles first).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

const BIN = new URL('../../bin/shipshape.js', import.meta.url).pathname;

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function temp(): string {
  return mkdtempSync(join(tmpdir(), 'shipshape-cli-'));
}

describe('shipshape build', () => {
  it('builds examples/sagaz into a folder and lists what it wrote (exit 0)', () => {
    const out = join(temp(), 'sagaz');
    const r = run('build', 'examples/sagaz', '--out', out, '--profile', 'dev');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `wrote ${out}/outbox-worker.yaml  ServiceAccount, ConfigMap, Deployment, Service, HorizontalPodAutoscaler, PodDisruptionBudget, NetworkPolicy`,
    );
    const docs = parseAllDocuments(readFileSync(join(out, 'outbox-worker.yaml'), 'utf8'));
    expect(Array.isArray(docs) && docs.every((d) => d.errors.length === 0)).toBe(true);
  });

  it('prints all manifests to stdout without --out', () => {
    const r = run('build', 'examples/sagaz/architecture.ts');
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('---\napiVersion: v1\nkind: Namespace\n')).toBe(true);
  });

  it('--json reports files and objects', () => {
    const out = join(temp(), 'o');
    const r = run('build', 'examples/sagaz', '--out', out, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.files[0]).toEqual({
      path: '00-namespace.yaml',
      objects: [
        { kind: 'Namespace', name: 'sagaz' },
        { kind: 'NetworkPolicy', name: 'default-deny' },
        { kind: 'NetworkPolicy', name: 'allow-dns' },
      ],
    });
  });

  it("a code spec may import() an ES module: jiti's import runs in the entry Node loaded, not in the bundle", () => {
    // A dynamic import inside the bundle (a vm.Script) throws ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING on Node 20.
    const dir = temp();
    writeFileSync(
      join(dir, 'architecture.ts'),
      [
        "import { defineArchitecture } from 'shipshape';",
        'const { name } = await import(\'data:text/javascript,export const name = "imported"\');',
        'export default defineArchitecture({',
        "  name: 'shop',",
        '  namespace: name,',
        "  components: { api: { type: 'web', image: 'example/api:1.0.0', ports: { http: 8080 } } },",
        '});',
        '',
      ].join('\n'),
    );
    const r = run('build', dir, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const files = (JSON.parse(r.stdout) as { files: { objects: { kind: string; name: string }[] }[] }).files;
    expect(files.flatMap((f) => f.objects)).toContainEqual({ kind: 'Namespace', name: 'imported' });
  });

  it('a bad spec exits 2 with file, line and path, and writes nothing', () => {
    const dir = temp();
    writeFileSync(
      join(dir, 'architecture.yaml'),
      'name: a\nnamespace: a\ncomponents:\n  w:\n    type: worker\n    image: w:1\n    replicas:\n      min: three\n      max: 3\n',
    );
    const out = join(dir, 'out');
    const r = run('build', dir, '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${join(dir, 'architecture.yaml')}:8 components.w.replicas.min: expected number, received "three"`,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('refuses to overwrite a file it did not write (exit 2), leaving the folder as it was', () => {
    const out = temp();
    writeFileSync(join(out, 'postgresql.yaml'), 'my own\n');
    const r = run('build', 'examples/sagaz', '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not written by shipshape');
    expect(readdirSync(out)).toEqual(['postgresql.yaml']);
  });

  it('exit 2 for an input that is not a spec, an unknown profile, an unknown option', () => {
    const empty = temp();
    mkdirSync(join(empty, 'x'));
    expect(run('build', join(empty, 'x')).code).toBe(2);
    const p = run('build', 'examples/sagaz', '--profile', 'staging');
    expect(p.code).toBe(2);
    expect(p.stderr).toContain('unknown profile "staging" (expected one of: dev, prod)');
    expect(run('build', 'examples/sagaz', '--no-such-option').code).toBe(2);
  });
});

describe('shipshape schema', () => {
  it('prints the JSON Schema of the spec as authors write it', () => {
    const r = run('schema');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.$schema).toMatch(/json-schema\.org/);
    expect(s.required).toEqual(['name', 'namespace', 'components']);
    expect(s.additionalProperties).toBe(false);
    const component = s.properties.components.additionalProperties;
    expect(component.properties.type.enum).toEqual([
      'web',
      'worker',
      'database',
      'cache',
      'broker',
      'job',
      'cronjob',
      'daemon',
      'frontend',
    ]);
    expect(component.required).toEqual(['type', 'image']);
    expect(component.properties.uses.description).toMatch(/^Connections to other components/);
  });
});

describe('shipshape build with local secrets', () => {
  it('writes secrets-local.yaml for the profile that names a secrets file, and only then', () => {
    const dir = temp();
    writeFileSync(
      join(dir, 'architecture.yaml'),
      'name: a\nnamespace: a\nsecrets:\n  db: {keys: [url]}\ncomponents:\n  w:\n    type: worker\n    image: w:1\n    env:\n      URL: {secret: db, key: url}\nprofiles:\n  dev:\n    localSecrets: dev-secrets.yaml\n',
    );
    writeFileSync(join(dir, 'dev-secrets.yaml'), 'db:\n  url: "postgresql://dev@db/x"\n');
    const dev = run('build', dir, '--out', join(dir, 'dev'), '--profile', 'dev');
    expect(dev.code).toBe(0);
    expect(readFileSync(join(dir, 'dev', 'secrets-local.yaml'), 'utf8')).toContain('url: postgresql://dev@db/x');
    expect(dev.stdout).not.toContain('postgresql://');
    expect(run('build', dir, '--out', join(dir, 'prod')).code).toBe(0);
    expect(existsSync(join(dir, 'prod', 'secrets-local.yaml'))).toBe(false);
  });
});
