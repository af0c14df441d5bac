// Checks that follow a `selects` or `uses` edge to its workload end work on a `kubectl get pods`
// dump as on controller manifests: there that end is the ReplicaSet the input lacks
// (graph/owner.ts), which has no graph node, so the checks must resolve it through the workloads.
import { describe, expect, it } from 'vitest';
import { findingsOf, KUBECTL_POD_LIST, variant } from './fixtures.js';

const CART = 'shop/cart-7d9f[ReplicaSet]';

/** KUBECTL_POD_LIST with every cart Pod and the cart Service edited, and extra items appended. */
function podList(edit: { pod?: (pod: any) => void; service?: (svc: any) => void; add?: any[] }): string {
  return variant(KUBECTL_POD_LIST, ([list]) => {
    for (const item of list.items) {
      if (item.kind === 'Pod' && item.metadata.labels.app === 'cart') edit.pod?.(item);
      if (item.kind === 'Service') edit.service?.(item);
    }
    list.items.push(...(edit.add ?? []));
  });
}

const pdb = (minAvailable: number) => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: 'cart', namespace: 'shop' },
  spec: { minAvailable, selector: { matchLabels: { app: 'cart' } } },
});

describe('service-target-port-undeclared on a kubectl pod list', () => {
  const named = (svc: any) => {
    svc.spec.ports = [{ port: 80, targetPort: 'http' }];
  };

  it('reports a targetPort name the pods of the absent ReplicaSet do not declare', async () => {
    const findings = await findingsOf('service-target-port-undeclared', podList({ service: named }));
    expect(findings.map((f) => [f.object, f.message])).toEqual([
      ['shop/cart[Service]', `targetPort "http" is not a port name of ${CART}`],
    ]);
  });

  it('accepts it when the pods declare the port', async () => {
    const declared = (pod: any) => {
      pod.spec.containers[0].ports = [{ name: 'http', containerPort: 8080 }];
    };
    expect(await findingsOf('service-target-port-undeclared', podList({ service: named, pod: declared }))).toEqual([]);
  });
});

describe('pdb-blocks-eviction on a kubectl pod list', () => {
  it('counts the pods seen: minAvailable 2 of the 2 cart pods blocks every eviction', async () => {
    const findings = await findingsOf('pdb-blocks-eviction', podList({ add: [pdb(2)] }));
    expect(findings.map((f) => [f.object, f.message])).toEqual([
      [
        'shop/cart[PodDisruptionBudget]',
        `minAvailable 2 requires all 2 pod(s) of ${CART} to stay up: no eviction is ever allowed`,
      ],
    ]);
  });

  it('accepts minAvailable 1 of the 2 cart pods', async () => {
    expect(await findingsOf('pdb-blocks-eviction', podList({ add: [pdb(1)] }))).toEqual([]);
  });
});

describe('missing-reference on a kubectl pod list', () => {
  const mounts = (optional?: boolean) => (pod: any) => {
    pod.spec.volumes = [
      { name: 'config', configMap: { name: 'cart-config', ...(optional !== undefined && { optional }) } },
    ];
  };

  it('reports a ConfigMap the pods of the absent ReplicaSet mount but the input lacks, once, on the ReplicaSet', async () => {
    const findings = await findingsOf('missing-reference', podList({ pod: mounts() }));
    expect(findings.map((f) => [f.object, f.path, f.message])).toEqual([
      [
        CART,
        'spec.volumes[0].configMap.name',
        'references ConfigMap shop/cart-config[ConfigMap], which is not defined',
      ],
    ]);
  });

  it('reads optional: true from the Pod standing for the ReplicaSet', async () => {
    expect(await findingsOf('missing-reference', podList({ pod: mounts(true) }))).toEqual([]);
  });
});

describe('capacity-fit on a kubectl pod list', () => {
  // Components there are named after the absent ReplicaSet: packing must find their pods through
  // the workloads, not look the name up as a graph node (it used to crash with --nodes).
  it('packs the pods of the absent ReplicaSet and reports what stays Pending', async () => {
    const big = (pod: any) => {
      pod.spec.containers[0].resources = { requests: { cpu: '3', memory: '1Gi' } };
    };
    const findings = await findingsOf('capacity-fit', podList({ pod: big }), { nodes: '1x4cpu16Gi' });
    expect(findings.map((f) => [f.object, f.severity, f.message])).toEqual([
      [
        CART,
        'error',
        '1 pod(s) stay Pending at the minimum replica count on --nodes 1x4cpu16Gi: 0/1 nodes are available: 1 Insufficient cpu.',
      ],
    ]);
  });

  it('reports nothing when the pool holds every pod', async () => {
    expect(await findingsOf('capacity-fit', podList({}), { nodes: '3x4cpu16Gi' })).toEqual([]);
  });
});
