import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/diagnostics/index.js';
import { buildSpec } from '../../src/pipeline/spec.js';

const SPEC = `name: a
namespace: a
secrets:
  db: {keys: [url, password]}
components:
  w:
    type: worker
    image: w:1
    env:
      URL: {secret: db, key: url}
profiles:
  dev:
    localSecrets: secrets.dev.yaml
`;

function project(secrets: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-local-'));
  writeFileSync(join(dir, 'architecture.yaml'), SPEC);
  writeFileSync(join(dir, 'secrets.dev.yaml'), secrets);
  return join(dir, 'architecture.yaml');
}

describe('local secrets (development only, when the spec names a file)', () => {
  it('writes secrets-local.yaml only for the profile that asks for it', async () => {
    const spec = project('db:\n  url: "postgresql://u:p@db:5432/x"\n  password: "s3cret-value"\n');
    const base = await buildSpec(spec);
    expect(base.files.map((f) => f.path)).not.toContain('secrets-local.yaml');
    expect(base.files.some((f) => f.content.includes('s3cret-value'))).toBe(false);
    const dev = await buildSpec(spec, { profile: 'dev' });
    expect(dev.files[1].path).toBe('secrets-local.yaml');
    expect(dev.files[1].objects).toEqual([{ kind: 'Secret', name: 'db' }]);
    expect(dev.files[1].content).toContain('password: s3cret-value');
    expect(dev.files.filter((f) => f.content.includes('s3cret-value')).map((f) => f.path)).toEqual([
      'secrets-local.yaml',
    ]);
  });

  it('rejects undeclared Secrets and keys, missing keys and non-strings, never echoing a value', async () => {
    const spec = project('db:\n  url: "hidden-1"\n  pasword: "hidden-2"\nother:\n  x: "hidden-3"\n');
    const err = await buildSpec(spec, { profile: 'dev' }).catch((e) => e);
    expect(err).toBeInstanceOf(InputError);
    const text = [err.message, ...err.details].join('\n');
    expect(text).toContain('secrets.dev.yaml:3 db.pasword: not a declared key (expected one of: url, password)');
    expect(text).toContain('db: missing key(s) password');
    expect(text).toContain('secrets.dev.yaml:4 other: not a declared Secret');
    expect(text).not.toMatch(/hidden-/);
  });
});
