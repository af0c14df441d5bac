// The workloads of one namespace, as the exposure and network checks ask for them per Service.
import { describe, expect, it } from 'vitest';
import { workloadsInNamespace, workloadsOf } from '../../src/graph/workloads.js';
import { deployment, docs, graphOf } from './helpers.js';

describe('workloadsInNamespace', () => {
  it('gives the workloads of the namespace in the list’s order, and none for a namespace without any', async () => {
    const g = await graphOf(
      docs(
        deployment('b', { app: 'b' }, {}, { namespace: 'shop' }),
        deployment('a', { app: 'a' }, {}, { namespace: 'infra' }),
        deployment('c', { app: 'c' }, {}, { namespace: 'shop' }),
        deployment('a', { app: 'a' }, {}, { namespace: 'shop' }),
      ),
    );
    const all = workloadsOf(g);
    expect(workloadsInNamespace(all, 'shop').map((w) => w.id)).toEqual(
      all.filter((w) => w.namespace === 'shop').map((w) => w.id),
    );
    expect(workloadsInNamespace(all, 'shop').map((w) => w.name)).toEqual(['a', 'b', 'c']);
    expect(workloadsInNamespace(all, 'infra').map((w) => w.id)).toEqual(['infra/a[Deployment]']);
    expect(workloadsInNamespace(all, 'default')).toEqual([]);
    // Another list (a reachability's workloads) is indexed on its own.
    expect(workloadsInNamespace(all.slice(0, 1), 'shop')).toEqual(
      all.slice(0, 1).filter((w) => w.namespace === 'shop'),
    );
  });
});
