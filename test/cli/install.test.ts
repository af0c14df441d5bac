// Usable outside the checkout (issue 13, item 8), as the README shows it: `npm pack`, then
// `npm install -g` of the tarball gives a `shipshape` command anywhere, and a project that adds
// the tarball as a dev dependency type-checks `import { defineArchitecture } from 'shipshape'`.
// Offline: the tarball bundles its two dependencies (jiti, zod); the CLI itself is one bundle.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const work = mkdtempSync(join(tmpdir(), 'shipshape-install-'));
const project = join(work, 'project');
const globalPrefix = join(work, 'global');
let tarball = '';

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
  });
}

function ok(r: SpawnSyncReturns<string>): string {
  expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

const spec = (type: string) => `import { defineArchitecture } from 'shipshape';

export default defineArchitecture({
  name: 'shop',
  namespace: 'shop',
  components: {
    api: { type: '${type}', image: 'example/api:1.0.0', ports: { http: 8080 } },
  },
});
`;

beforeAll(() => {
  expect(existsSync(join(ROOT, 'dist', 'index.d.ts')), 'dist/ is missing: npm run build').toBe(true);
  // The build is already there (npm test builds first); packing must not rebuild it under running tests.
  ok(run('npm', ['pack', '--ignore-scripts', '--pack-destination', work], ROOT));
  tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz')) ?? 'missing.tgz');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), '{ "name": "shop", "private": true, "type": "module" }\n');
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true },
    }),
  );
  writeFileSync(join(project, 'architecture.ts'), spec('web'));
}, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('shipshape outside the checkout', () => {
  it('npm install -g of the tarball (offline) gives a shipshape command that builds a spec anywhere', () => {
    ok(run('npm', ['install', '--global', '--offline', '--prefix', globalPrefix, tarball], work));
    const shipshape = join(globalPrefix, 'bin', 'shipshape');
    expect(ok(run(shipshape, ['--version'], project)).trim()).toMatch(/^\d+\.\d+\.\d+/);
    const out = ok(run(shipshape, ['build', '.', '--out', 'manifests'], project));
    expect(out).toMatch(/wrote manifests\/api\.yaml .*Deployment/);
    expect(existsSync(join(project, 'manifests', 'api.yaml'))).toBe(true);
  }, 180_000);

  it('a project with the tarball as a dev dependency type-checks its spec, and a wrong type fails', () => {
    ok(run('npm', ['install', '--save-dev', '--offline', tarball], project));
    ok(run(process.execPath, [TSC, '-p', '.'], project));
    writeFileSync(join(project, 'architecture.ts'), spec('webserver'));
    const wrong = run(process.execPath, [TSC, '-p', '.'], project);
    writeFileSync(join(project, 'architecture.ts'), spec('web'));
    expect(wrong.status).not.toBe(0);
    expect(wrong.stdout).toMatch(/architecture\.ts\(7,\d+\): error TS2322: Type '"webserver"'/);
    // The project's own copy runs too (npx finds it in node_modules/.bin, never the registry).
    expect(ok(run('npx', ['--no-install', 'shipshape', 'build', '.'], project))).toMatch(/kind: Deployment/);
  }, 180_000);
});
