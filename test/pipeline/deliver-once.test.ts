// `build --format kustomize` reads and validates the spec once for the base and every overlay
// (issue 16: before, each profile loaded the file again and validated every profile again).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const reads = vi.hoisted(() => [] as string[]);
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const readFileSync = ((...args: Parameters<typeof fs.readFileSync>) => {
    reads.push(String(args[0]));
    return fs.readFileSync(...args);
  }) as typeof fs.readFileSync;
  return { ...fs, default: { ...fs, readFileSync }, readFileSync };
});

const { deliver } = await import('../../src/pipeline/deliver.js');

const dir = mkdtempSync(join(tmpdir(), 'shipshape-deliver-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const spec = join(dir, 'architecture.yaml');
writeFileSync(
  spec,
  `name: shop
namespace: shop
components:
  api: { type: web, image: example/api:1.0.0, ports: { http: 8080 } }
profiles:
  dev: { components: { api: { replicas: 1 } } }
  prod: { components: { api: { replicas: 3 } } }
`,
);

describe('deliver reads the spec once', () => {
  it('kustomize: base and both overlays from one read', async () => {
    const { files } = await deliver(spec, { format: 'kustomize' });
    expect(files.map((f) => f.path)).toEqual(
      expect.arrayContaining(['overlays/dev/kustomization.yaml', 'overlays/prod/kustomization.yaml']),
    );
    expect(reads.filter((f) => f === spec)).toHaveLength(1);
  });

  it('an unknown profile is still an InputError naming the declared ones', async () => {
    await expect(deliver(spec, { format: 'plain', profile: 'staging' })).rejects.toThrow(
      /unknown profile "staging" \(expected one of: dev, prod\)/,
    );
  });
});
