import { describe, expect, it } from 'vitest';
import { computePlan, planDependencies, withSyncWaves } from '../../src/plan/index.js';
import { objectId } from '../../src/k8s/object.js';
import { graphOf, obj, sagazLike } from './fixture.js';

describe('Argo CD sync waves', () => {
  it('puts every object in the wave of its phase, and the migration in a Sync hook re-created on each sync', () => {
    const { graph, id } = sagazLike();
    const plan = computePlan(graph);
    const objects = graph.nodes.map((n) => n.object);
    const annotated = withSyncWaves(objects, plan, planDependencies(graph));
    for (const o of annotated) {
      const phase = plan.phases.find((p) => p.objects.includes(objectId(o)))!;
      expect(o.metadata.annotations?.['argocd.argoproj.io/sync-wave']).toBe(String(phase.index));
    }
    const migration = annotated.find((o) => objectId(o) === id('Job', 'migration'))!;
    // It needs the database secret and PostgreSQL: a PreSync hook would run before either exists.
    expect(migration.metadata.annotations).toMatchObject({
      'argocd.argoproj.io/sync-wave': '3',
      'argocd.argoproj.io/hook': 'Sync',
      'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
      'shipshape.dev/after': 'postgresql',
    });
    const benchmark = annotated.find((o) => objectId(o) === id('Job', 'benchmark'))!;
    expect(benchmark.metadata.annotations?.['argocd.argoproj.io/hook']).toBeUndefined();
    expect(objects.every((o) => o.metadata.annotations?.['argocd.argoproj.io/sync-wave'] === undefined)).toBe(true);
  });

  it('makes a run-before Job that needs nothing but its namespace a PreSync hook', () => {
    const graph = graphOf([
      obj('Namespace', 'app'),
      obj('Job', 'migrate'),
      obj('Deployment', 'web', 'app', { annotations: { 'shipshape.dev/after': 'migrate' } }),
    ]);
    const plan = computePlan(graph);
    const [, job] = withSyncWaves(
      graph.nodes.map((n) => n.object),
      plan,
      planDependencies(graph),
    );
    expect(job.metadata.annotations).toEqual({
      'argocd.argoproj.io/sync-wave': '1',
      'argocd.argoproj.io/hook': 'PreSync',
      'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
    });
  });
});
