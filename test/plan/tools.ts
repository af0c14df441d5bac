// Shared by the emitter tests: plan objects as build does, write emitted files, run real kustomize.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { buildGraph } from '../../src/graph/index.js';
import type { KubeObject, SourcedObject } from '../../src/k8s/object.js';
import { objectId } from '../../src/k8s/object.js';
import { computePlan, planDependencies, withSyncWaves, type EmittedFile } from '../../src/plan/index.js';

const KUBECTL = '/usr/bin/kubectl';

export function writeFiles(files: EmittedFile[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-plan-'));
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.content);
  }
  return dir;
}

export function kustomize(dir: string): Map<string, KubeObject> {
  const out = execFileSync(KUBECTL, ['kustomize', dir], { encoding: 'utf8' });
  return new Map(
    parseAllDocuments(out)
      .map((d) => d.toJS() as KubeObject)
      .filter(Boolean)
      .map((o) => [objectId(o), o]),
  );
}

export function byId(objects: KubeObject[]): Map<string, KubeObject> {
  return new Map(objects.map((o) => [objectId(o), o]));
}

/** Objects with sync waves from their own plan, as `build --format plain` writes them. */
export function planned(objects: KubeObject[]) {
  const graph = buildGraph(
    objects.map((object): SourcedObject => ({ object, source: {} })),
    [],
  );
  const plan = computePlan(graph);
  return { plan, objects: withSyncWaves(objects, plan, planDependencies(graph)) };
}
