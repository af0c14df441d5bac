import { describe, expect, it } from 'vitest';
import { computePlan, planToText } from '../../src/plan/index.js';
import { graphOf, obj, sagazLike } from './fixture.js';

describe('planToText', () => {
  it('prints phases, a shared reason once, each other reason under its object, and the waits', () => {
    const text = planToText(computePlan(sagazLike().graph));
    expect(text).toContain(
      'Phase 1 (8 objects)\n  all after sagaz[Namespace]: in namespace sagaz\n  sagaz/outbox-worker-config[ConfigMap]\n',
    );
    expect(text).toContain(
      'Phase 4 (1 object)\n  sagaz/outbox-worker[Deployment]\n      after sagaz/migration[Job]: runs after migration (annotation shipshape.dev/after)\n  wait for: sagaz/outbox-worker[Deployment] rolled-out\n',
    );
    expect(text).toContain('  wait for: sagaz/migration[Job] complete\n');
  });

  it('reports cycles', () => {
    const graph = graphOf(
      [obj('Service', 'a'), obj('Service', 'b'), obj('Deployment', 'a'), obj('Deployment', 'b')],
      [
        ['selects', 'app/a[Service]', 'app/a[Deployment]'],
        ['selects', 'app/b[Service]', 'app/b[Deployment]'],
        ['connects', 'app/a[Deployment]', 'app/b[Service]'],
        ['connects', 'app/b[Deployment]', 'app/a[Service]'],
      ],
    );
    expect(planToText(computePlan(graph))).toContain(
      '\n1 dependency cycle (members share a phase):\n  app/a[Deployment] ↔ app/b[Deployment]\n',
    );
  });
});
