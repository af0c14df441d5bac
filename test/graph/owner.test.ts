// One rule names a workload's pods everywhere: graph edges and reach connections must agree.
import { describe, expect, it } from 'vitest';
import { controllerOf, topOwnerId } from '../../src/graph/owner.js';
import { summarizeGraph } from '../../src/graph/summary.js';
import { computeReachability } from '../../src/graph/reach.js';
import { workloadsOf } from '../../src/graph/workloads.js';
import { docs, edgeList, graphOf, service } from './helpers.js';

/** A Pod of `kubectl get pods -o yaml`, controlled by `owner` (controller: true unless told). */
function ownedPod(
  name: string,
  owner: { kind: string; name: string; controller?: boolean },
  env: object[] = [],
): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'shop',
      labels: { app: 'web' },
      ownerReferences: [{ apiVersion: 'apps/v1', controller: true, ...owner }],
    },
    spec: { containers: [{ name: 'web', image: 'web:1', env }] },
  });
}
const replicaSet = JSON.stringify({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: {
    name: 'web-5d8',
    namespace: 'shop',
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', controller: true }],
  },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1' }] } },
  },
});
const dbEnv = [{ name: 'DB_ADDR', value: 'db:5432' }];
const rsRef = { kind: 'ReplicaSet', name: 'web-5d8' };

describe('top owner', () => {
  it('replicas whose ReplicaSet is not in the input collapse into that ReplicaSet, in graph and reach alike', async () => {
    const g = await graphOf(
      docs(
        ownedPod('web-5d8-a', rsRef, dbEnv),
        ownedPod('web-5d8-b', rsRef, dbEnv),
        service('db', { app: 'db' }, [5432], 'shop'),
        service('web', { app: 'web' }, [80], 'shop'),
      ),
    );
    expect(g.nodes.filter((n) => n.kind === 'Pod').map((n) => topOwnerId(g, n))).toEqual([
      'shop/web-5d8[ReplicaSet]',
      'shop/web-5d8[ReplicaSet]',
    ]);
    expect(edgeList(g, 'connects')).toEqual(['shop/web-5d8[ReplicaSet] -> shop/db[Service]:5432']);
    expect(edgeList(g, 'selects')).toEqual(['shop/web[Service] -> shop/web-5d8[ReplicaSet]']);
    const reach = computeReachability(g);
    expect(reach.workloads.map((w) => w.id)).toEqual(['shop/web-5d8[ReplicaSet]']);
    // The summary lists the component once, under the id its edges carry.
    const components = summarizeGraph(g)
      .split('\n\n')
      .find((block) => block.startsWith('Components'));
    expect(components).toBe(
      'Components\n  shop/web-5d8[ReplicaSet]\n    served by shop/web[Service]\n    connects to shop/db[Service]:5432 (inferred: spec.containers[0].env[0].value)',
    );
  });

  it('follows controllers through the objects the input holds and names the first one it lacks', async () => {
    const g = await graphOf(
      docs(replicaSet, ownedPod('web-5d8-a', rsRef, dbEnv), service('db', { app: 'db' }, [5432], 'shop')),
    );
    expect(g.nodes.map((n) => topOwnerId(g, n)).slice(0, 2)).toEqual(['shop/web[Deployment]', 'shop/web[Deployment]']);
    // The ReplicaSet's template stands for the Deployment's pods: its (env-less) containers connect to nothing.
    expect(edgeList(g, 'connects')).toEqual([]);
    expect(computeReachability(g).workloads.map((w) => [w.id, w.node.id])).toEqual([
      ['shop/web[Deployment]', 'shop/web-5d8[ReplicaSet]'],
    ]);
  });

  it('does not follow an ownerReference without controller: true (it only takes part in garbage collection)', async () => {
    const g = await graphOf(
      docs(
        ownedPod('lonely', { kind: 'ReplicaSet', name: 'gc-only', controller: false }, dbEnv),
        service('db', { app: 'db' }, [5432], 'shop'),
      ),
    );
    const pod = g.byId.get('shop/lonely[Pod]')!;
    expect(controllerOf(pod.object, pod.namespace)).toBeUndefined();
    expect(topOwnerId(g, pod)).toBe('shop/lonely[Pod]');
    expect(edgeList(g, 'owns')).toEqual([]);
    expect(edgeList(g, 'connects')).toEqual(['shop/lonely[Pod] -> shop/db[Service]:5432']);
  });

  it('stops at a cycle of ownerReferences', async () => {
    const a = JSON.stringify({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: 'a',
        namespace: 'shop',
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'b', controller: true }],
      },
      spec: { template: { metadata: { labels: { app: 'a' } }, spec: { containers: [] } } },
    });
    const b = JSON.stringify({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: 'b',
        namespace: 'shop',
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'a', controller: true }],
      },
      spec: { template: { metadata: { labels: { app: 'b' } }, spec: { containers: [] } } },
    });
    const g = await graphOf(docs(a, b));
    expect(topOwnerId(g, g.byId.get('shop/a[ReplicaSet]')!)).toBe('shop/b[ReplicaSet]');
  });
  it('names a mirror pod (a static pod, controlled by its core Node) after itself, in a kubectl pod list', async () => {
    /** One item of `kubectl get pods -A -o yaml`, controlled by `owner`. */
    const item = (name: string, namespace: string, app: string, owner: string) => `
- apiVersion: v1
  kind: Pod
  metadata:
    name: ${name}
    namespace: ${namespace}
    annotations:
      kubernetes.io/config.mirror: 0f3c
    labels:
      component: ${app}
    ownerReferences:
    - ${owner}
      controller: true
  spec:
    nodeName: cp-1
    containers:
    - name: ${app}
      image: registry.k8s.io/${app}:v1.31.0`;
    const node = 'apiVersion: v1\n      kind: Node\n      name: cp-1\n      uid: 9a1e';
    const otherNode = 'apiVersion: nodes.example.com/v1\n      kind: Node\n      name: cp-1';
    const list = [
      'apiVersion: v1',
      'kind: List',
      'items:' +
        item('kube-apiserver-cp-1', 'kube-system', 'kube-apiserver', node) +
        item('etcd-cp-1', 'kube-system', 'etcd', node) +
        item('web-5d8-a', 'shop', 'web', 'apiVersion: apps/v1\n      kind: ReplicaSet\n      name: web-5d8') +
        // Only the core Node marks a mirror pod; a custom kind named Node is followed like any controller.
        item('agent-x', 'infra', 'agent', otherNode),
      'metadata:',
      '  resourceVersion: ""',
    ].join('\n');
    const g = await graphOf(list);
    expect(workloadsOf(g).map((w) => [w.id, w.node.id, w.pods])).toEqual([
      ['cp-1[Node]', 'infra/agent-x[Pod]', 1],
      ['kube-system/etcd-cp-1[Pod]', 'kube-system/etcd-cp-1[Pod]', 1],
      ['kube-system/kube-apiserver-cp-1[Pod]', 'kube-system/kube-apiserver-cp-1[Pod]', 1],
      ['shop/web-5d8[ReplicaSet]', 'shop/web-5d8-a[Pod]', 1],
    ]);
    expect(computeReachability(g).workloads.map((w) => w.id)).toContain('kube-system/etcd-cp-1[Pod]');
  });
});
