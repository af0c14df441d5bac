// One test per NetworkPolicy rule of the Kubernetes docs; each fails when its rule is not applied.
import { describe, it, expect } from 'vitest';
import { computeReachability } from '../../src/graph/reach.js';
import { graphOf, pod, deployment, namespace, policy, readObjects, CORPUS } from './fixtures.js';
import type { KubeObject } from '../../src/k8s/object.js';

const EXTERNAL = '0.0.0.0-255.255.255.255';
const a = pod('ns', 'a', { app: 'a' }, [{ name: 'http', containerPort: 8080 }]);
const b = pod('ns', 'b', { app: 'b' }, [
  { name: 'http', containerPort: 9090 },
  { name: 'dns', containerPort: 53, protocol: 'UDP' },
]);

function allowed(objects: KubeObject[]) {
  const r = computeReachability(graphOf(objects));
  expect(r.problems).toEqual([]);
  return (from: string, to: string) => r.allowed(from, to).toString();
}
const A = 'ns/a[Pod]';
const B = 'ns/b[Pod]';

describe('isolation and policyTypes', () => {
  it('a pod no policy selects allows everything both ways', () => {
    const r = allowed([a, b]);
    expect(r(A, B)).toBe('All');
    expect(r(EXTERNAL, A)).toBe('All');
    expect(r(A, EXTERNAL)).toBe('All');
  });

  it('without policyTypes, a policy with egress rules isolates egress too', () => {
    const r = allowed([
      a,
      b,
      policy('ns', 'p', { podSelector: { matchLabels: { app: 'a' } }, egress: [{ ports: [{ port: 1 }] }] }),
    ]);
    expect(r(A, B)).toBe('TCP 1');
    expect(r(B, A)).toBe(''); // and ingress, always
  });

  it('without policyTypes, `egress: []` does not isolate egress (defaulting looks for egress rules)', () => {
    const r = allowed([a, b, policy('ns', 'p', { podSelector: { matchLabels: { app: 'a' } }, egress: [] })]);
    expect(r(A, B)).toBe('All');
    expect(r(B, A)).toBe('');
  });

  it('an explicit policyTypes [Egress] leaves ingress open even when ingress rules are written', () => {
    const r = allowed([
      a,
      b,
      policy('ns', 'p', { podSelector: { matchLabels: { app: 'a' } }, policyTypes: ['Egress'], ingress: [] }),
    ]);
    expect(r(B, A)).toBe('All');
    expect(r(A, B)).toBe('');
  });

  it('isolation reports the selecting policies per direction', () => {
    const r = computeReachability(graphOf([a, b, policy('ns', 'p', { podSelector: {}, policyTypes: ['Egress'] })]));
    expect(r.isolation(A)).toEqual({ ingress: [], egress: ['ns/p[NetworkPolicy]'] });
  });

  it('a policy selects pods of its own namespace only', () => {
    const r = allowed([a, pod('other', 'a', { app: 'a' }), b, policy('other', 'deny', { podSelector: {} })]);
    expect(r(B, A)).toBe('All');
    expect(r(B, 'other/a[Pod]')).toBe('');
  });
});

describe('rules are a union', () => {
  it('policies selecting the same pod add up, and so do their ports', () => {
    const c = pod('ns', 'c', { app: 'c' });
    const r = allowed([
      a,
      b,
      c,
      policy('ns', 'from-b', {
        podSelector: { matchLabels: { app: 'a' } },
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'b' } } }], ports: [{ port: 80 }] }],
      }),
      policy('ns', 'from-b-too', {
        podSelector: { matchLabels: { app: 'a' } },
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'b' } } }], ports: [{ port: 443 }] }],
      }),
      policy('ns', 'from-c', {
        podSelector: { matchLabels: { app: 'a' } },
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'c' } } }] }],
      }),
    ]);
    expect(r(B, A)).toBe('TCP 80, TCP 443');
    expect(r('ns/c[Pod]', A)).toBe('All');
  });

  it('a connection needs egress at the source and ingress at the destination: the ports intersect', () => {
    const r = allowed([
      a,
      b,
      policy('ns', 'a-out', {
        podSelector: { matchLabels: { app: 'a' } },
        policyTypes: ['Egress'],
        egress: [{ ports: [{ port: 9000, endPort: 9100 }] }],
      }),
      policy('ns', 'b-in', {
        podSelector: { matchLabels: { app: 'b' } },
        ingress: [{ ports: [{ port: 9050, endPort: 9200 }] }],
      }),
    ]);
    expect(r(A, B)).toBe('TCP 9050-9100');
  });
});

describe('peers', () => {
  const other = namespace('other', { team: 'ops' });
  const otherPod = pod('other', 'm', { role: 'mon' });
  const otherPlain = pod('other', 'p', { role: 'plain' });
  const sameMon = pod('ns', 'm', { role: 'mon' });
  const objects = (peer: Record<string, unknown>) => [
    a,
    other,
    otherPod,
    otherPlain,
    sameMon,
    policy('ns', 'p', { podSelector: { matchLabels: { app: 'a' } }, ingress: [{ from: [peer] }] }),
  ];

  it('podSelector alone: pods of the policy namespace', () => {
    const r = allowed(objects({ podSelector: { matchLabels: { role: 'mon' } } }));
    expect(r('ns/m[Pod]', A)).toBe('All');
    expect(r('other/m[Pod]', A)).toBe('');
  });

  it('namespaceSelector alone: every pod of the matching namespaces', () => {
    const r = allowed(objects({ namespaceSelector: { matchLabels: { team: 'ops' } } }));
    expect(r('other/m[Pod]', A)).toBe('All');
    expect(r('other/p[Pod]', A)).toBe('All');
    expect(r('ns/m[Pod]', A)).toBe('');
  });

  it('namespaceSelector and podSelector in one peer: both must match', () => {
    const r = allowed(
      objects({ namespaceSelector: { matchLabels: { team: 'ops' } }, podSelector: { matchLabels: { role: 'mon' } } }),
    );
    expect(r('other/m[Pod]', A)).toBe('All');
    expect(r('other/p[Pod]', A)).toBe('');
    expect(r('ns/m[Pod]', A)).toBe('');
  });

  it('namespaces carry kubernetes.io/metadata.name, with or without a Namespace object', () => {
    const bySelf = (name: string) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': name } } });
    expect(allowed(objects(bySelf('other')))('other/p[Pod]', A)).toBe('All');
    const r = allowed([...objects(bySelf('lonely')), pod('lonely', 'x')]);
    expect(r('lonely/x[Pod]', A)).toBe('All');
  });

  it('matchExpressions select too (NotIn matches pods without the key)', () => {
    const r = allowed(
      objects({
        namespaceSelector: {},
        podSelector: { matchExpressions: [{ key: 'role', operator: 'NotIn', values: ['plain'] }] },
      }),
    );
    expect(r('other/m[Pod]', A)).toBe('All');
    expect(r('other/p[Pod]', A)).toBe('');
    expect(r('ns/a[Pod]', 'ns/m[Pod]')).toBe('All');
  });

  it('empty selectors match all; an empty from list matches everything, outside the cluster too', () => {
    const all = allowed(objects({ namespaceSelector: {} }));
    expect(all('other/p[Pod]', A)).toBe('All');
    expect(all(EXTERNAL, A)).toBe('');
    const anyone = allowed([a, otherPlain, policy('ns', 'p', { podSelector: {}, ingress: [{ from: [] }] })]);
    expect(anyone('other/p[Pod]', A)).toBe('All');
    expect(anyone(EXTERNAL, A)).toBe('All');
  });

  it('`ingress: []` and `ingress: [{}]` are opposites', () => {
    expect(allowed([a, b, policy('ns', 'p', { podSelector: {}, ingress: [] })])(B, A)).toBe('');
    expect(allowed([a, b, policy('ns', 'p', { podSelector: {}, ingress: [{}] })])(B, A)).toBe('All');
  });
});

describe('ipBlock', () => {
  const db = pod('default', 'db', { role: 'db' }, [{ containerPort: 6379 }]);

  it('cuts the outside at every cidr and except boundary and allows only the ranges inside', () => {
    const r = computeReachability(
      graphOf([db, ...readObjects(`${CORPUS}/k8s-docs-examples/service/networking/networkpolicy.yaml`)]),
    );
    expect(r.externals.length).toBe(7);
    const at = (from: string) => r.allowed(from, 'default/db[Pod]').toString();
    expect(at('172.17.0.0-172.17.0.255')).toBe('TCP 6379');
    expect(at('172.17.1.0-172.17.1.255')).toBe(''); // except
    expect(at('172.17.2.0-172.17.255.255')).toBe('TCP 6379');
    expect(at('172.18.0.0-255.255.255.255')).toBe('');
    expect(r.allowed('default/db[Pod]', '10.0.0.0-10.0.0.255').toString()).toBe('TCP 5978');
    expect(r.allowed('default/db[Pod]', '10.0.1.0-172.16.255.255').toString()).toBe('');
  });

  it('an ipBlock does not select pods', () => {
    const r = allowed([
      a,
      b,
      policy('ns', 'p', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] }),
    ]);
    expect(r(B, A)).toBe('');
    expect(r(EXTERNAL, A)).toBe('All');
  });
});

describe('ports', () => {
  it('protocol defaults to TCP; UDP and SCTP are separate', () => {
    const only = (ports: unknown[]) =>
      allowed([a, b, policy('ns', 'p', { podSelector: { matchLabels: { app: 'b' } }, ingress: [{ ports }] })])(A, B);
    expect(only([{ port: 53 }])).toBe('TCP 53');
    expect(only([{ port: 53, protocol: 'UDP' }])).toBe('UDP 53');
    expect(only([{ protocol: 'SCTP' }])).toBe('SCTP 1-65535');
    expect(only([])).toBe('All');
  });

  it('endPort makes a range', () => {
    const r = allowed([
      a,
      b,
      ...readObjects(`${CORPUS}/k8s-docs-examples/service/networking/networkpolicy-multiport-egress.yaml`).map((p) => ({
        ...p,
        metadata: { ...p.metadata, namespace: 'ns' },
      })),
      pod('ns', 'db', { role: 'db' }),
    ]);
    expect(r('ns/db[Pod]', '10.0.0.0-10.0.0.255')).toBe('TCP 32000-32768');
    expect(r('ns/db[Pod]', A)).toBe('');
  });

  it('a named port resolves against the destination pod, for ingress and for egress', () => {
    const ingress = allowed([a, b, policy('ns', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 'http' }] }] })]);
    expect(ingress(A, B)).toBe('TCP 9090');
    expect(ingress(B, A)).toBe('TCP 8080');
    const egress = allowed([
      a,
      b,
      policy('ns', 'p', {
        podSelector: { matchLabels: { app: 'a' } },
        policyTypes: ['Egress'],
        egress: [{ ports: [{ port: 'http' }] }],
      }),
    ]);
    expect(egress(A, B)).toBe('TCP 9090');
    expect(egress(A, EXTERNAL)).toBe(''); // nothing outside the cluster has named ports
  });

  it('a named port must match the protocol too', () => {
    const r = allowed([
      a,
      b,
      policy('ns', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 'dns' }, { port: 'dns', protocol: 'UDP' }] }] }),
    ]);
    expect(r(A, B)).toBe('UDP 53');
  });
});

describe('workloads', () => {
  it('pods are named after their top owner, replicas collapse, and no workload connects to itself', () => {
    const web = deployment('shop', 'web', { app: 'web' });
    const rs = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: 'web-5d8',
        namespace: 'shop',
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', controller: true }],
      },
      spec: {
        template: {
          metadata: { labels: { app: 'web', 'pod-template-hash': '5d8' } },
          spec: { containers: [{ name: 'web', image: 'web:1' }] },
        },
      },
    };
    const replica = (n: number) => ({
      ...pod('shop', `web-5d8-${n}`, { app: 'web', 'pod-template-hash': '5d8' }),
      metadata: {
        name: `web-5d8-${n}`,
        namespace: 'shop',
        labels: { app: 'web' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d8', controller: true }],
      },
    });
    const cronJob = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'nightly', namespace: 'shop' },
      spec: {
        schedule: '0 0 * * *',
        jobTemplate: {
          spec: {
            template: { metadata: { labels: { app: 'nightly' } }, spec: { containers: [{ name: 'n', image: 'n:1' }] } },
          },
        },
      },
    };
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: 'nightly-29000',
        namespace: 'shop',
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'nightly', controller: true }],
      },
      spec: {
        template: { metadata: { labels: { app: 'nightly' } }, spec: { containers: [{ name: 'n', image: 'n:1' }] } },
      },
    };
    const r = computeReachability(graphOf([web, rs, replica(1), replica(2), cronJob, job]));
    expect(r.workloads.map((w) => w.id)).toEqual(['shop/nightly[CronJob]', 'shop/web[Deployment]']);
    expect(JSON.parse(JSON.stringify(r.connections()))).toEqual([
      { from: 'shop/nightly[CronJob]', to: 'shop/web[Deployment]', ports: 'All' },
      { from: 'shop/nightly[CronJob]', to: EXTERNAL, ports: 'All' },
      { from: 'shop/web[Deployment]', to: 'shop/nightly[CronJob]', ports: 'All' },
      { from: 'shop/web[Deployment]', to: EXTERNAL, ports: 'All' },
      { from: EXTERNAL, to: 'shop/nightly[CronJob]', ports: 'All' },
      { from: EXTERNAL, to: 'shop/web[Deployment]', ports: 'All' },
    ]);
  });

  it('workloads with identical labels connect to each other (same class, distinct workloads)', () => {
    const r = computeReachability(
      graphOf([
        pod('ns', 'x', { app: 'same' }),
        pod('ns', 'y', { app: 'same' }),
        policy('ns', 'p', {
          podSelector: {},
          policyTypes: ['Ingress', 'Egress'],
          ingress: [{ from: [{ podSelector: {} }] }],
          egress: [{ to: [{ podSelector: {} }] }],
        }),
      ]),
    );
    expect(r.connections().map((c) => `${c.from}>${c.to}`)).toEqual(['ns/x[Pod]>ns/y[Pod]', 'ns/y[Pod]>ns/x[Pod]']);
  });
});

describe('policies the API server would reject', () => {
  it('are reported with their field path and left out', () => {
    const r = computeReachability(
      graphOf([
        a,
        b,
        policy('ns', 'bad', {
          podSelector: {},
          ingress: [
            {
              from: [{ ipBlock: { cidr: '10.0.0.0/33' } }, {}],
              ports: [
                { port: 'http', endPort: 90 },
                { port: 80, protocol: 'ICMP' },
              ],
            },
          ],
        }),
      ]),
    );
    expect(r.problems.map((p) => `${p.object} ${p.path}`)).toEqual([
      'ns/bad[NetworkPolicy] spec.ingress[0].from[0].ipBlock.cidr',
      'ns/bad[NetworkPolicy] spec.ingress[0].from[1]',
      'ns/bad[NetworkPolicy] spec.ingress[0].ports[0].endPort',
      'ns/bad[NetworkPolicy] spec.ingress[0].ports[1].protocol',
    ]);
    expect(r.policies).toEqual([]);
    expect(r.allowed(B, A).toString()).toBe('All');
  });

  it('except must lie inside the cidr', () => {
    const r = computeReachability(
      graphOf([
        policy('ns', 'bad', {
          podSelector: {},
          ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.1.0.0/24'] } }] }],
        }),
      ]),
    );
    expect(r.problems[0].path).toBe('spec.ingress[0].from[0].ipBlock.except[0]');
  });
});
