// The NetworkPolicy recipes of ahmetb/kubernetes-network-policy-recipes (corpus/netpol-recipes):
// each test builds the pods the recipe's prose creates with `kubectl run`, applies the recipe's own
// YAML from the corpus, and asserts the allowed/blocked pairs its "Try it out" section describes.
import { describe, it, expect } from 'vitest';
import { computeReachability } from '../../src/graph/reach.js';
import { graphOf, pod, namespace, recipe } from './fixtures.js';
import type { KubeObject } from '../../src/k8s/object.js';

const EXTERNAL = '0.0.0.0-255.255.255.255';
const web = pod('default', 'web', { app: 'web' }, [{ containerPort: 80 }]);

function reach(objects: KubeObject[]) {
  const r = computeReachability(graphOf(objects));
  expect(r.problems).toEqual([]);
  return (from: string, to: string) => r.allowed(from, to).toString();
}

describe('netpol recipes', () => {
  it('01 deny all traffic to an application', () => {
    const test = pod('default', 'test');
    expect(reach([web, test])('default/test[Pod]', 'default/web[Pod]')).toBe('All');
    const after = reach([web, test, ...recipe('01-deny-all-traffic-to-an-application.yaml')]);
    expect(after('default/test[Pod]', 'default/web[Pod]')).toBe('');
    expect(after(EXTERNAL, 'default/web[Pod]')).toBe('');
    // Only ingress is isolated: web may still call out.
    expect(after('default/web[Pod]', 'default/test[Pod]')).toBe('All');
  });

  it('02 limit traffic to an application', () => {
    const api = pod('default', 'apiserver', { app: 'bookstore', role: 'api' }, [{ containerPort: 80 }]);
    const r = reach([
      api,
      pod('default', 'test'),
      pod('default', 'frontend', { app: 'bookstore', role: 'frontend' }),
      ...recipe('02-limit-traffic-to-an-application.yaml'),
    ]);
    expect(r('default/test[Pod]', 'default/apiserver[Pod]')).toBe('');
    expect(r('default/frontend[Pod]', 'default/apiserver[Pod]')).toBe('All');
  });

  it('02a allow all traffic to an application voids a deny-all', () => {
    const r = reach([
      web,
      pod('default', 'test'),
      pod('other', 'test'),
      ...recipe('01-deny-all-traffic-to-an-application.yaml'),
      ...recipe('02a-allow-all-traffic-to-an-application.yaml'),
    ]);
    expect(r('default/test[Pod]', 'default/web[Pod]')).toBe('All');
    expect(r('other/test[Pod]', 'default/web[Pod]')).toBe('All');
    expect(r(EXTERNAL, 'default/web[Pod]')).toBe('All');
  });

  it('03 deny all non-whitelisted traffic in the namespace', () => {
    const r = reach([
      web,
      pod('default', 'test'),
      pod('foo', 'test'),
      ...recipe('03-deny-all-non-whitelisted-traffic-in-the-namespace.yaml'),
    ]);
    expect(r('default/test[Pod]', 'default/web[Pod]')).toBe('');
    expect(r('foo/test[Pod]', 'default/web[Pod]')).toBe('');
    expect(r('default/web[Pod]', 'foo/test[Pod]')).toBe('All');
  });

  it('04 deny traffic from other namespaces (podSelector with null matchLabels selects all)', () => {
    const r = reach([
      web,
      pod('default', 'test'),
      pod('foo', 'test'),
      ...recipe('04-deny-traffic-from-other-namespaces.yaml'),
    ]);
    expect(r('foo/test[Pod]', 'default/web[Pod]')).toBe('');
    expect(r('default/test[Pod]', 'default/web[Pod]')).toBe('All');
  });

  it('05 allow traffic from all namespaces', () => {
    const r = reach([
      web,
      pod('secondary', 'test'),
      pod('bar', 'test'),
      ...recipe('01-deny-all-traffic-to-an-application.yaml'),
      ...recipe('05-allow-traffic-from-all-namespaces.yaml'),
    ]);
    expect(r('secondary/test[Pod]', 'default/web[Pod]')).toBe('All');
    expect(r('bar/test[Pod]', 'default/web[Pod]')).toBe('All');
    // namespaceSelector {} selects pods in all namespaces, not addresses outside the cluster.
    expect(r(EXTERNAL, 'default/web[Pod]')).toBe('');
  });

  it('06 allow traffic from a namespace', () => {
    const r = reach([
      web,
      namespace('dev', { purpose: 'testing' }),
      namespace('prod', { purpose: 'production' }),
      pod('dev', 'test'),
      pod('prod', 'test'),
      ...recipe('06-allow-traffic-from-a-namespace.yaml'),
    ]);
    expect(r('dev/test[Pod]', 'default/web[Pod]')).toBe('');
    expect(r('prod/test[Pod]', 'default/web[Pod]')).toBe('All');
  });

  it('07 allow traffic from some pods in another namespace (podSelector AND namespaceSelector)', () => {
    const r = reach([
      web,
      namespace('other', { team: 'operations' }),
      pod('default', 'plain'),
      pod('default', 'mon', { type: 'monitoring' }),
      pod('other', 'plain'),
      pod('other', 'mon', { type: 'monitoring' }),
      ...recipe('07-allow-traffic-from-some-pods-in-another-namespace.yaml'),
    ]);
    expect(r('default/plain[Pod]', 'default/web[Pod]')).toBe('');
    expect(r('default/mon[Pod]', 'default/web[Pod]')).toBe('');
    expect(r('other/plain[Pod]', 'default/web[Pod]')).toBe('');
    expect(r('other/mon[Pod]', 'default/web[Pod]')).toBe('All');
  });

  it('08 allow external traffic, even under a namespace-wide deny', () => {
    const r = reach([
      web,
      ...recipe('03-deny-all-non-whitelisted-traffic-in-the-namespace.yaml'),
      ...recipe('08-allow-external-traffic.yaml'),
    ]);
    expect(r(EXTERNAL, 'default/web[Pod]')).toBe('All');
  });

  it('09 allow traffic only to a port, numeric and named', () => {
    const ports = [
      { name: 'http', containerPort: 8000 },
      { name: 'api-port', containerPort: 5000 },
    ];
    const api = pod('default', 'apiserver', { app: 'apiserver' }, ports);
    const pods = [api, pod('default', 'test'), pod('default', 'mon', { role: 'monitoring' })];
    const r = reach([...pods, ...recipe('09-allow-traffic-only-to-a-port.yaml')]);
    expect(r('default/test[Pod]', 'default/apiserver[Pod]')).toBe('');
    expect(r('default/mon[Pod]', 'default/apiserver[Pod]')).toBe('TCP 5000');

    const named = recipe('09-allow-traffic-only-to-a-port.yaml')[0] as any;
    named.spec.ingress[0].ports = [{ port: 'api-port' }];
    expect(reach([...pods, named])('default/mon[Pod]', 'default/apiserver[Pod]')).toBe('TCP 5000');
  });

  it('10 allowing traffic with multiple selectors (peers are ORed)', () => {
    const db = pod('default', 'db', { app: 'bookstore', role: 'db' }, [{ containerPort: 6379 }]);
    const r = reach([
      db,
      pod('default', 'catalog', { app: 'inventory', role: 'web' }),
      pod('default', 'search', { app: 'bookstore', role: 'search' }),
      pod('default', 'api', { app: 'bookstore', role: 'api' }),
      pod('default', 'other', { app: 'other' }),
      ...recipe('10-allowing-traffic-with-multiple-selectors.yaml'),
    ]);
    for (const ok of ['catalog', 'search', 'api']) expect(r(`default/${ok}[Pod]`, 'default/db[Pod]')).toBe('All');
    expect(r('default/other[Pod]', 'default/db[Pod]')).toBe('');
  });

  const kubeDns = pod('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, [{ containerPort: 53, protocol: 'UDP' }]);
  const foo = pod('default', 'test', { app: 'foo' });

  it('11 deny egress traffic from an application, then allow DNS', () => {
    const denied = reach([web, foo, kubeDns, ...recipe('11-deny-egress-traffic-from-an-application-1.yaml')]);
    expect(denied('default/test[Pod]', 'default/web[Pod]')).toBe('');
    expect(denied('default/test[Pod]', 'kube-system/coredns[Pod]')).toBe('');
    expect(denied('default/test[Pod]', EXTERNAL)).toBe('');
    expect(denied('default/web[Pod]', 'default/test[Pod]')).toBe('All');

    const dns = reach([web, foo, kubeDns, ...recipe('11-deny-egress-traffic-from-an-application-2.yaml')]);
    expect(dns('default/test[Pod]', 'kube-system/coredns[Pod]')).toBe('TCP 53, UDP 53');
    expect(dns('default/test[Pod]', 'default/web[Pod]')).toBe('');
    expect(dns('default/test[Pod]', EXTERNAL)).toBe('');
  });

  it('12 deny all non-whitelisted traffic from the namespace', () => {
    const r = reach([
      web,
      pod('default', 'test'),
      pod('foo', 'test'),
      kubeDns,
      ...recipe('12-deny-all-non-whitelisted-traffic-from-the-namespace.yaml'),
    ]);
    expect(r('default/web[Pod]', 'foo/test[Pod]')).toBe('');
    expect(r('default/web[Pod]', 'kube-system/coredns[Pod]')).toBe('');
    expect(r('default/web[Pod]', EXTERNAL)).toBe('');
    expect(r('foo/test[Pod]', 'default/web[Pod]')).toBe('All');
  });

  it('14 deny external egress traffic', () => {
    const r = reach([web, foo, kubeDns, ...recipe('14-deny-external-egress-traffic.yaml')]);
    expect(r('default/test[Pod]', EXTERNAL)).toBe('');
    expect(r('default/test[Pod]', 'kube-system/coredns[Pod]')).toBe('TCP 53, UDP 53');
    // The recipe's prose says app=foo can still reach the `web` Service, but its own policy only
    // allows port 53 to kube-dns: exact semantics block it (the prose fits an older revision that
    // allowed `namespaceSelector: {}`).
    expect(r('default/test[Pod]', 'default/web[Pod]')).toBe('');
  });
});
