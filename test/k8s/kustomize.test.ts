// Kustomize and Helm folders as users hand them over (podinfo-like fixtures), through the compiled
// CLI and the real `kubectl kustomize` (kubectl is on every machine image; see STACK.md).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/shipshape.js', import.meta.url).pathname;
const PODINFO = 'test/k8s/fixtures/podinfo';

function run(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function graphNodes(stdout: string): string[] {
  return (JSON.parse(stdout) as { nodes: Array<{ id: string }> }).nodes.map((n) => n.id);
}

describe('a folder of Kustomize roots', () => {
  it('renders each with kubectl kustomize: the objects carry its namespace', () => {
    const r = run(['graph', '--json', `${PODINFO}/deploy/bases`]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // kustomize's own order (Services before Deployments), so compared as a set.
    expect(graphNodes(r.stdout).sort()).toEqual([
      'webapp/backend[Deployment]',
      'webapp/backend[Service]',
      'webapp/frontend[Deployment]',
      'webapp/frontend[Service]',
    ]);
  });

  it('check finds no input-document problem in them (each kustomization.yaml was one before)', () => {
    const r = run(['check', '--json', `${PODINFO}/deploy/bases`]);
    const { findings } = JSON.parse(r.stdout) as { findings: Array<{ check: string }> };
    expect(findings.filter((f) => f.check === 'input-document')).toEqual([]);
  });

  it('--no-render reads the files raw and skips each kustomization.yaml with an info line', () => {
    const r = run(['graph', '--json', '--no-render', `${PODINFO}/deploy/bases`]);
    expect(r.code).toBe(0);
    expect(graphNodes(r.stdout)).toContain('default/backend[Deployment]');
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `shipshape: info: ${PODINFO}/deploy/bases/backend/kustomization.yaml: skipped, a Kustomization, not a manifest`,
      `shipshape: info: ${PODINFO}/deploy/bases/frontend/kustomization.yaml: skipped, a Kustomization, not a manifest`,
    ]);
  });

  it('without kubectl on PATH: exit 2 and one line naming the command to run', () => {
    const bin = mkdtempSync(join(tmpdir(), 'shipshape-nokubectl-'));
    symlinkSync(process.execPath, join(bin, 'node'));
    const r = run(['check', `${PODINFO}/deploy/bases`], { ...process.env, PATH: bin });
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      expect.stringContaining(
        `shipshape: ${PODINFO}/deploy/bases/backend: a Kustomize folder and kubectl is not on PATH: run \`kubectl kustomize ${PODINFO}/deploy/bases/backend > rendered.yaml\``,
      ),
    ]);
  });

  it('a kustomization kubectl cannot build: exit 2 with kubectl’s reason', () => {
    const r = run(['graph', `${PODINFO}/broken-kustomization`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/`kubectl kustomize .*broken-kustomization` failed: .*missing\.yaml/);
  });
});

describe('a Helm chart folder', () => {
  it.each([`${PODINFO}/charts/podinfo`, `${PODINFO}/charts`])('%s: exit 2, render it with helm template', (input) => {
    const r = run(['reach', input]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `shipshape: ${PODINFO}/charts/podinfo: a Helm chart; render it with \`helm template <release> ${PODINFO}/charts/podinfo > rendered.yaml\` and pass the output\n`,
    );
  });
});

describe('well-known files that are not manifests', () => {
  it('are skipped with an info line; elsewhere a document lacking apiVersion or kind stays an error', () => {
    const r = run(['graph', '--json', `${PODINFO}/mixed`]);
    expect(graphNodes(r.stdout)).toEqual(['default/backend[Deployment]']);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `shipshape: info: ${PODINFO}/mixed/docker-compose.yml: skipped, a Compose file, not a manifest`,
      `shipshape: info: ${PODINFO}/mixed/kustomizeconfig/namereference.yaml: skipped, Kustomize configuration, not a manifest`,
      `shipshape: error: ${PODINFO}/mixed/settings.yaml:1 document 0: not a Kubernetes object: apiVersion missing or not a string`,
      `shipshape: info: ${PODINFO}/mixed/values-prod.yaml: skipped, Helm values, not a manifest`,
    ]);
  });

  it('a file named explicitly is read as a manifest whatever its name', () => {
    const r = run(['graph', `${PODINFO}/mixed/values-prod.yaml`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('values-prod.yaml:1 document 0: not a Kubernetes object');
  });
});
