// Every example, every format: plain manifests carry the plan's sync waves, `kubectl kustomize`
// (the real kustomize in kubectl) renders each overlay as exactly `build --profile <profile>`, and
// the kubectl script is shellcheck-clean POSIX sh. Sagaz's plan keeps seed 000's order.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/k8s/object.js';
import { deliver } from '../../src/pipeline/deliver.js';
import { findSpec, loadArchitecture } from '../../src/spec/load.js';
import { byId, kustomize, writeFiles } from './tools.js';
import { loadGraph } from '../../src/pipeline/input.js';
import { computePlan } from '../../src/plan/index.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const examples = readdirSync(EXAMPLES).filter((name) => findSpec(join(EXAMPLES, name)));

/** The objects of the manifest files (the other files are runbooks, dashboards and rule tests). */
const objectsOf = (files: Array<{ content: string; objects: unknown[] }>): KubeObject[] =>
  files
    .filter((f) => f.objects.length > 0)
    .flatMap((f) => parseAllDocuments(f.content).map((d) => d.toJS() as KubeObject))
    .filter(Boolean);

describe.each(examples)('examples/%s', (example) => {
  const spec = findSpec(join(EXAMPLES, example))!;

  it('kustomize: the base is the plain build, each overlay is the plain build of its profile', async () => {
    const profiles = Object.keys((await loadArchitecture(spec)).profiles ?? {});
    const dir = writeFiles((await deliver(spec, { format: 'kustomize' })).files);
    for (const profile of [undefined, ...profiles]) {
      const plain = objectsOf((await deliver(spec, { format: 'plain', profile })).files);
      expect(plain.every((o) => o.metadata.annotations?.['argocd.argoproj.io/sync-wave'] !== undefined)).toBe(true);
      expect(kustomize(join(dir, profile ? `overlays/${profile}` : 'base'))).toEqual(byId(plain));
    }
  });

  it('script: shellcheck-clean POSIX sh that applies every object once', async () => {
    const [script] = (await deliver(spec, { format: 'script', scriptFile: 'deploy.sh' })).files;
    const shellcheck = spawnSync('shellcheck', ['--shell=sh', '--severity=style', '-'], {
      input: script.content,
      encoding: 'utf8',
    });
    expect(shellcheck.stdout + shellcheck.stderr).toBe('');
    expect(shellcheck.status).toBe(0);
    execFileSync('dash', ['-n'], { input: script.content });
    const applied = [
      ...script.content.matchAll(/<<'SHIPSHAPE_PHASE_(\d+)'\n([\s\S]*?)\nSHIPSHAPE_PHASE_\1\n/g),
    ].flatMap((m) => parseAllDocuments(m[2]).map((d) => d.toJS()));
    const plain = objectsOf((await deliver(spec, { format: 'plain' })).files);
    expect(byId(applied)).toEqual(byId(plain));
  });
});

describe('examples/sagaz plan (seed 000: namespace → secrets → PostgreSQL ready → migration complete → workers; RabbitMQ ready and config before workers)', async () => {
  const { graph } = await loadGraph(join(EXAMPLES, 'sagaz'));
  const plan = computePlan(graph);
  const phase = (id: string) => {
    const p = plan.phases.find((x) => x.objects.includes(id));
    if (!p) throw new Error(`${id} is not in the plan: ${plan.phases.flatMap((x) => x.objects).join(', ')}`);
    return p.index;
  };
  const waits = (id: string) => plan.phases[phase(id)].waitFor.find((w) => w.object === id)?.condition;

  it('respects every dependency of the seed order', () => {
    const ns = phase('sagaz[Namespace]');
    const postgresql = phase('sagaz/postgresql[StatefulSet]');
    const rabbitmq = phase('sagaz/rabbitmq[Deployment]');
    const migration = phase('sagaz/migration[Job]');
    const worker = phase('sagaz/outbox-worker[Deployment]');
    // The secrets are created outside shipshape (the spec lists their keys, never values): whatever
    // secret or config object the plan holds comes after the namespace and before the workloads.
    for (const id of plan.phases.flatMap((p) => p.objects).filter((x) => /\[(Secret|ConfigMap)\]$/.test(x))) {
      expect(phase(id)).toBeGreaterThan(ns);
      expect(phase(id)).toBeLessThan(Math.min(postgresql, rabbitmq));
    }
    expect(phase('sagaz/outbox-worker-config[ConfigMap]')).toBeLessThan(worker);
    expect(phase('sagaz/rabbitmq-config[ConfigMap]')).toBeLessThan(rabbitmq);
    expect(postgresql).toBeLessThan(migration);
    expect(migration).toBeLessThan(worker);
    expect(rabbitmq).toBeLessThan(worker);
    expect(waits('sagaz/postgresql[StatefulSet]')).toBe('rolled-out');
    expect(waits('sagaz/rabbitmq[Deployment]')).toBe('rolled-out');
    expect(waits('sagaz/migration[Job]')).toBe('complete');
  });

  it('does not serialise what does not depend on each other', () => {
    expect(phase('sagaz/rabbitmq[Deployment]')).toBe(phase('sagaz/postgresql[StatefulSet]'));
    expect(plan.cycles).toEqual([]);
    // Every phase after the first holds an object that waits for something in the phase before.
    for (const p of plan.phases.slice(1)) expect(p.reasons.length).toBeGreaterThan(0);
  });
});
