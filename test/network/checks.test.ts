// The network check family: each check with a fixture that trips it and one that passes.
import { describe, it, expect } from 'vitest';
import { networkChecks } from '../../src/checks/network.js';
import { built, connecting, deployment, namespace, policy, service, recipe } from './fixtures.js';
import type { KubeObject } from '../../src/k8s/object.js';

function run(id: string, objects: KubeObject[]) {
  const check = networkChecks.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id}`);
  return check
    .run({ graph: built(objects), options: {} })
    .map((f) => ({ object: f.object, path: f.path, message: f.message, severity: f.severity }));
}

const denyAll = policy('shop', 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
const dns = policy('shop', 'dns', {
  podSelector: {},
  policyTypes: ['Egress'],
  egress: [
    {
      to: [
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
          podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        },
      ],
      ports: [
        { port: 53, protocol: 'UDP' },
        { port: 53, protocol: 'TCP' },
      ],
    },
  ],
});
const app = connecting('shop', 'app', { app: 'app' }, 'db:5432');
const db = deployment('shop', 'db', { app: 'db' }, [{ name: 'pg', containerPort: 5432 }]);
const dbSvc = service('shop', 'db', { app: 'db' }, [{ port: 5432, targetPort: 'pg' }]);
const appToDb = [
  policy('shop', 'app-egress', {
    podSelector: { matchLabels: { app: 'app' } },
    policyTypes: ['Egress'],
    egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }], ports: [{ port: 5432 }] }],
  }),
  policy('shop', 'db-ingress', {
    podSelector: { matchLabels: { app: 'db' } },
    ingress: [{ from: [{ podSelector: { matchLabels: { app: 'app' } } }], ports: [{ port: 'pg' }] }],
  }),
];
const shop = namespace('shop', {}, { 'shipshape.dev/isolated': 'true' });

describe('network-intended-connection-blocked', () => {
  it('reports a declared connection the policies block, naming the side that blocks it', () => {
    const onlyIngress = appToDb[1];
    expect(run('network-intended-connection-blocked', [shop, app, db, dbSvc, denyAll, dns, onlyIngress])).toEqual([
      {
        object: 'shop/app[Deployment]',
        path: 'metadata.annotations["shipshape.dev/connects"]',
        severity: undefined,
        message:
          'declared connection to shop/db[Service] port 5432 is blocked by NetworkPolicies: shop/db[Deployment] TCP 5432 (egress from the source not allowed)',
      },
    ]);
  });

  it('passes when both ends allow the container port the Service targets', () => {
    expect(run('network-intended-connection-blocked', [shop, app, db, dbSvc, denyAll, dns, ...appToDb])).toEqual([]);
  });
});

describe('network-intended-connection-blocked: needs outside the cluster', () => {
  const uploader = (value: string): KubeObject => {
    const d = deployment('shop', 'uploader', { app: 'up' });
    (d.spec as any).template.spec.containers[0].env = [{ name: 'TARGET', value }];
    return d;
  };
  const egress = (to: Array<Record<string, unknown>>, port = 443) =>
    policy('shop', 'up-out', {
      podSelector: { matchLabels: { app: 'up' } },
      policyTypes: ['Egress'],
      egress: [{ to, ports: [{ port }] }],
    });
  const blocked = (objects: KubeObject[]) =>
    run('network-intended-connection-blocked', [shop, denyAll, dns, ...objects]).map((f) => f.message);
  const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

  it('reports a host on the internet when no public address is allowed on its port', () => {
    expect(blocked([uploader('https://s3.amazonaws.com/bucket')])).toEqual([
      'inferred connection to outside:internet port 443 (s3.amazonaws.com) is blocked by NetworkPolicies: outside:internet TCP 443 (egress from the source not allowed)',
    ]);
    // only private addresses, or the right block on another port
    expect(blocked([uploader('https://s3.amazonaws.com'), egress([{ ipBlock: { cidr: '10.0.0.0/8' } }])])).toHaveLength(
      1,
    );
    expect(
      blocked([uploader('https://s3.amazonaws.com'), egress([{ ipBlock: { cidr: '0.0.0.0/0' } }], 80)]),
    ).toHaveLength(1);
  });

  it('passes when some public address is allowed on the port: everything but the private ranges, or a narrower block', () => {
    const publicOnly = egress([{ ipBlock: { cidr: '0.0.0.0/0', except: PRIVATE } }]);
    expect(blocked([uploader('https://s3.amazonaws.com'), publicOnly])).toEqual([]);
    expect(blocked([uploader('https://s3.amazonaws.com'), egress([{ ipBlock: { cidr: '52.216.0.0/15' } }])])).toEqual(
      [],
    );
  });

  it('holds a written address against ipBlock cidr and except exactly', () => {
    const to = (except: string[]) => egress([{ ipBlock: { cidr: '198.51.100.0/24', except } }], 8080);
    expect(blocked([uploader('http://198.51.100.7:8080/soap'), to([])])).toEqual([]);
    expect(blocked([uploader('http://198.51.100.7:8080/soap'), to(['198.51.100.0/29'])])).toEqual([
      'inferred connection to outside:198.51.100.7/32 port 8080 (198.51.100.7) is blocked by NetworkPolicies: outside:198.51.100.7/32 TCP 8080 (egress from the source not allowed)',
    ]);
    expect(blocked([uploader('http://198.51.100.7:8080/soap'), to(['198.51.100.8/29'])])).toEqual([]);
  });
});

describe('network-unintended-path', () => {
  const worker = deployment('shop', 'worker', { app: 'worker' });
  it('passes when an isolated namespace allows exactly the declared paths', () => {
    expect(run('network-unintended-path', [shop, app, db, dbSvc, worker, denyAll, dns, ...appToDb])).toEqual([]);
  });

  it('warns about a path no connection needs, extra ports, and exposure to the outside', () => {
    const wide = policy('shop', 'db-wide', {
      podSelector: { matchLabels: { app: 'db' } },
      ingress: [
        { from: [{ podSelector: {} }] },
        { from: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: [{ port: 5432 }] },
      ],
    });
    const workerOut = policy('shop', 'worker-out', {
      podSelector: { matchLabels: { app: 'worker' } },
      policyTypes: ['Egress'],
      egress: [{}],
    });
    const appOut = policy('shop', 'app-out', {
      podSelector: { matchLabels: { app: 'app' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }] }],
    });
    const found = run('network-unintended-path', [
      shop,
      app,
      db,
      dbSvc,
      worker,
      denyAll,
      dns,
      ...appToDb,
      wide,
      workerOut,
      appOut,
    ]).map((f) => f.message);
    // As a set: the check walks group pairs, and runChecks orders findings.
    expect(found.sort()).toEqual([
      '10.0.0.0-10.255.255.255 (outside the cluster) may connect on TCP 5432, but nothing exposes shop/db[Deployment]',
      'shop/app[Deployment] may connect on All; its connections need only TCP 5432',
      'shop/worker[Deployment] may connect on All, but no connection needs it',
    ]);
  });

  it('says nothing for namespaces that do not claim isolation', () => {
    expect(
      run('network-unintended-path', [
        namespace('shop'),
        app,
        db,
        dbSvc,
        deployment('shop', 'worker', { app: 'worker' }),
      ]),
    ).toEqual([]);
  });
});

describe('network-namespace-without-policy', () => {
  it('reports a namespace with workloads and no policy', () => {
    expect(run('network-namespace-without-policy', [app, db])).toEqual([
      {
        object: 'shop[Namespace]',
        path: undefined,
        severity: undefined,
        message: 'namespace shop has 2 workload(s) and no NetworkPolicy',
      },
    ]);
    expect(run('network-namespace-without-policy', [app, db, denyAll])).toEqual([]);
  });
});

describe('network-policy-selects-nothing and network-peer-selects-nothing', () => {
  const typo = policy('shop', 'db-in', {
    podSelector: { matchLabels: { app: 'dbb' } },
    ingress: [{ from: [{ podSelector: { matchLabels: { app: 'ap' } } }] }],
  });
  it('report selectors that match no pod (label typos)', () => {
    expect(run('network-policy-selects-nothing', [app, db, typo]).map((f) => f.path)).toEqual(['spec.podSelector']);
    expect(run('network-peer-selects-nothing', [app, db, typo]).map((f) => f.path)).toEqual([
      'spec.ingress[0].from[0].podSelector',
    ]);
  });
  it('pass when the selectors match', () => {
    expect(run('network-policy-selects-nothing', [app, db, ...appToDb])).toEqual([]);
    expect(run('network-peer-selects-nothing', [app, db, ...appToDb])).toEqual([]);
  });
  it('are only informative where custom resources may create pods the input does not show', () => {
    const prometheus = {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'Prometheus',
      metadata: { name: 'k8s', namespace: 'shop' },
      spec: {},
    };
    expect(run('network-policy-selects-nothing', [app, db, typo, prometheus]).map((f) => f.severity)).toEqual(['info']);
    // The same note as service-selects-nothing: one helper words it for every family.
    const note =
      ' (operators may create pods from custom resources such as shop/k8s[Prometheus], which the input does not show)';
    expect(run('network-policy-selects-nothing', [app, db, typo, prometheus]).map((f) => f.message)).toEqual([
      `selects no pod of namespace shop${note}`,
    ]);
    expect(
      run('network-peer-selects-nothing', [app, db, typo, prometheus]).map((f) => [f.severity, f.message]),
    ).toEqual([['info', `ingress peer matches no pod of namespace shop${note}`]]);
  });
});

describe('network-egress-open', () => {
  it('reports pods isolated for ingress only', () => {
    expect(
      run('network-egress-open', [app, db, policy('shop', 'in', { podSelector: {} })]).map((f) => f.message),
    ).toEqual(['2 workload(s) isolated for ingress only, egress open: shop/app[Deployment], shop/db[Deployment]']);
    expect(run('network-egress-open', [app, db, denyAll])).toEqual([]);
  });
});

describe('network-dns-blocked', () => {
  it('reports egress isolation without a way to DNS', () => {
    expect(run('network-dns-blocked', [app, denyAll]).map((f) => f.object)).toEqual(['shop/app[Deployment]']);
  });
  it('passes with a DNS rule (the recipe 11 policy) or open egress', () => {
    const foo = deployment('default', 'foo', { app: 'foo' });
    expect(
      run('network-dns-blocked', [foo, ...recipe('11-deny-egress-traffic-from-an-application-1.yaml')]).length,
    ).toBe(1);
    expect(run('network-dns-blocked', [foo, ...recipe('11-deny-egress-traffic-from-an-application-2.yaml')])).toEqual(
      [],
    );
    expect(run('network-dns-blocked', [app, denyAll, dns])).toEqual([]);
  });
});

describe('network-policy-invalid', () => {
  it('reports what the API server would reject, with its field path', () => {
    const bad = policy('shop', 'bad', { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0' } }] }] });
    expect(run('network-policy-invalid', [app, bad]).map((f) => `${f.object} ${f.path}`)).toEqual([
      'shop/bad[NetworkPolicy] spec.egress[0].to[0].ipBlock.cidr',
    ]);
    expect(run('network-policy-invalid', [app, denyAll])).toEqual([]);
  });
});

describe('network-legacy-isolation-annotation', () => {
  it('reports the pre-1.7 DefaultDeny namespace annotation', () => {
    const legacy = namespace(
      'shop',
      {},
      { 'net.beta.kubernetes.io/network-policy': '{"ingress": {"isolation": "DefaultDeny"}}' },
    );
    expect(run('network-legacy-isolation-annotation', [legacy, app]).map((f) => f.object)).toEqual(['shop[Namespace]']);
    expect(run('network-legacy-isolation-annotation', [namespace('shop'), app])).toEqual([]);
  });
});
