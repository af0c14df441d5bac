import { describe, expect, it } from 'vitest';
import { computePlan } from '../../src/plan/index.js';
import type { Plan } from '../../src/plan/index.js';
import { graphOf, obj, sagazLike } from './fixture.js';

const phaseOf = (plan: Plan, id: string) => plan.phases.find((p) => p.objects.includes(id))?.index;

describe('computePlan', () => {
  it('orders the sagaz deployment as seed 000 does, without serialising independent objects', () => {
    const { graph, id } = sagazLike();
    const plan = computePlan(graph);
    expect(plan.cycles).toEqual([]);
    expect(plan.phases.map((p) => p.objects)).toEqual([
      ['sagaz[Namespace]'],
      [
        id('ConfigMap', 'outbox-worker-config'),
        id('ConfigMap', 'rabbitmq-config'),
        id('Secret', 'sagaz-broker-credentials'),
        id('Secret', 'sagaz-db-credentials'),
        id('Service', 'outbox-worker-metrics'),
        id('Service', 'postgresql'),
        id('Service', 'rabbitmq'),
        id('ServiceAccount', 'outbox-worker'),
      ].sort(),
      [id('Deployment', 'rabbitmq'), id('StatefulSet', 'postgresql')].sort(),
      [id('Job', 'benchmark'), id('Job', 'migration')],
      [id('Deployment', 'outbox-worker')],
      [id('HorizontalPodAutoscaler', 'outbox-worker'), id('PodDisruptionBudget', 'outbox-worker')],
    ]);
    expect(plan.phases[2].waitFor).toEqual([
      { object: id('StatefulSet', 'postgresql'), condition: 'rolled-out' },
      { object: id('Deployment', 'rabbitmq'), condition: 'rolled-out' },
    ]);
    // The migration is waited on because the worker runs after it; nobody waits for the benchmark.
    expect(plan.phases[3].waitFor).toEqual([{ object: id('Job', 'migration'), condition: 'complete' }]);
    expect(plan.phases[4].reasons).toEqual([
      {
        object: id('Deployment', 'outbox-worker'),
        after: id('Job', 'migration'),
        because: 'runs after migration (annotation shipshape.dev/after)',
      },
    ]);
    expect(plan.phases[3].reasons).toContainEqual({
      object: id('Job', 'benchmark'),
      after: id('Deployment', 'rabbitmq'),
      because: `connects to ${id('Service', 'rabbitmq')}:5672, served by ${id('Deployment', 'rabbitmq')} (test:connects)`,
    });
  });

  it('puts an object with no dependency at the start of its tier and says so', () => {
    const plan = computePlan(graphOf([obj('Namespace', 'app'), obj('ConfigMap', 'c'), obj('Deployment', 'web')]));
    expect(plan.phases.map((p) => p.objects)).toEqual([
      ['app[Namespace]'],
      ['app/c[ConfigMap]'],
      ['app/web[Deployment]'],
    ]);
    expect(plan.phases[2].reasons).toEqual([
      {
        object: 'app/web[Deployment]',
        after: 'phase 1',
        because: expect.stringMatching(/^Deployment is applied after configuration/),
      },
    ]);
    expect(plan.phases[1].reasons).toEqual([
      { object: 'app/c[ConfigMap]', after: 'app[Namespace]', because: 'in namespace app' },
    ]);
  });

  it('reports a cycle of connections and puts its members in one phase', () => {
    const graph = graphOf(
      [
        obj('Service', 'a'),
        obj('Service', 'b'),
        obj('Deployment', 'a'),
        obj('Deployment', 'b'),
        obj('Deployment', 'c'),
      ],
      [
        ['selects', 'app/a[Service]', 'app/a[Deployment]'],
        ['selects', 'app/b[Service]', 'app/b[Deployment]'],
        ['connects', 'app/a[Deployment]', 'app/b[Service]', 80],
        ['connects', 'app/b[Deployment]', 'app/a[Service]', 80],
        ['connects', 'app/c[Deployment]', 'app/a[Service]', 80],
      ],
    );
    const plan = computePlan(graph);
    expect(plan.cycles).toEqual([['app/a[Deployment]', 'app/b[Deployment]']]);
    expect(phaseOf(plan, 'app/a[Deployment]')).toBe(phaseOf(plan, 'app/b[Deployment]'));
    expect(phaseOf(plan, 'app/c[Deployment]')).toBe(phaseOf(plan, 'app/a[Deployment]')! + 1);
  });

  it('does not treat a workload reaching its own Service (peer discovery) as a cycle', () => {
    const graph = graphOf(
      [obj('Service', 'db'), obj('StatefulSet', 'db')],
      [
        ['selects', 'app/db[Service]', 'app/db[StatefulSet]'],
        ['connects', 'app/db[StatefulSet]', 'app/db[Service]', 7000],
      ],
    );
    const plan = computePlan(graph);
    expect(plan.cycles).toEqual([]);
    expect(plan.phases.map((p) => p.objects)).toEqual([['app/db[Service]'], ['app/db[StatefulSet]']]);
  });

  it('leaves objects owned by a controller to their owner', () => {
    const rs = obj('ReplicaSet', 'web-7d9f', 'app', {
      metadata: {
        name: 'web-7d9f',
        namespace: 'app',
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', controller: true }],
      },
    });
    const graph = graphOf(
      [obj('Deployment', 'web'), rs, obj('Pod', 'web-7d9f-x')],
      [['owns', 'app/web-7d9f[ReplicaSet]', 'app/web-7d9f-x[Pod]']],
    );
    const plan = computePlan(graph);
    expect(plan.phases.flatMap((p) => p.objects)).toEqual(['app/web[Deployment]']);
  });

  it('applies a CRD first and waits until it is established before its custom resources', () => {
    const crd = obj('CustomResourceDefinition', 'prometheusrules.monitoring.coreos.com', '', {
      spec: { group: 'monitoring.coreos.com', names: { kind: 'PrometheusRule', plural: 'prometheusrules' } },
    });
    const rule = obj('PrometheusRule', 'alerts', 'app', { apiVersion: 'monitoring.coreos.com/v1' });
    const widget = obj('Widget', 'w', 'app', { apiVersion: 'example.com/v1' });
    const plan = computePlan(graphOf([rule, crd, widget]));
    expect(plan.phases[0]).toMatchObject({
      objects: ['prometheusrules.monitoring.coreos.com[CustomResourceDefinition]'],
      waitFor: [
        { object: 'prometheusrules.monitoring.coreos.com[CustomResourceDefinition]', condition: 'established' },
      ],
    });
    expect(plan.phases[1].objects).toEqual(['app/w[Widget]']);
    expect(plan.phases[2].objects).toEqual(['app/alerts[PrometheusRule]']);
  });

  it('does not wait on a StatefulSet whose OnDelete strategy kubectl cannot follow', () => {
    const sts = obj('StatefulSet', 'db', 'app', { spec: { updateStrategy: { type: 'OnDelete' } } });
    const plan = computePlan(graphOf([sts, obj('StatefulSet', 'cache')]));
    expect(plan.phases[0].waitFor).toEqual([{ object: 'app/cache[StatefulSet]', condition: 'rolled-out' }]);
  });

  it('keeps the order of kinds over an edge pointing backwards', () => {
    const cm = obj('ConfigMap', 'c', 'app', { annotations: { 'shipshape.dev/after': 'web' } });
    const plan = computePlan(graphOf([cm, obj('Deployment', 'web')]));
    expect(plan.phases.map((p) => p.objects)).toEqual([['app/c[ConfigMap]'], ['app/web[Deployment]']]);
  });

  it('ignores dangling edges and an `after` naming nothing', () => {
    const web = obj('Deployment', 'web', 'app', { annotations: { 'shipshape.dev/after': 'ghost' } });
    const plan = computePlan(graphOf([web], [['uses', 'app/web[Deployment]', 'app/missing[Secret]']]));
    expect(plan.phases).toEqual([
      {
        index: 0,
        objects: ['app/web[Deployment]'],
        waitFor: [{ object: 'app/web[Deployment]', condition: 'rolled-out' }],
        reasons: [],
      },
    ]);
  });
});
