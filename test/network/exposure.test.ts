// network-exposed-unreachable and network-scrape-blocked: each with fixtures that trip them and
// fixtures that pass (the same objects with the admitting rule added).
import { describe, expect, it } from 'vitest';
import { exposureChecks } from '../../src/checks/exposure.js';
import type { KubeObject } from '../../src/k8s/object.js';
import { built, deployment, policy, service } from './fixtures.js';

function run(id: string, objects: KubeObject[]) {
  const check = exposureChecks.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id}`);
  return check
    .run({ graph: built(objects), options: {} })
    .map((f) => ({ object: f.object, path: f.path, message: f.message, severity: f.severity }));
}

const denyAll = policy('shop', 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
const web = deployment('shop', 'web', { app: 'web' }, [{ name: 'http', containerPort: 8080 }]);
const exposed = (type: string, extra: Record<string, unknown> = {}): KubeObject => ({
  ...service('shop', 'web', { app: 'web' }, [{ name: 'http', port: 80, targetPort: 'http' }]),
  spec: { type, selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }], ...extra },
});
const admitFrom = (...from: unknown[]) =>
  policy('shop', 'web-in', {
    podSelector: { matchLabels: { app: 'web' } },
    policyTypes: ['Ingress'],
    ingress: [{ from, ports: [{ port: 8080 }] }],
  });

describe('network-exposed-unreachable: NodePort and LoadBalancer', () => {
  for (const type of ['NodePort', 'LoadBalancer']) {
    it(`${type} under a default-deny: reported on the Service port`, () => {
      expect(run('network-exposed-unreachable', [web, exposed(type), denyAll])).toEqual([
        {
          object: 'shop/web[Service]',
          path: 'spec.ports[0]',
          severity: undefined,
          message: `${type} port 80 forwards to shop/web[Deployment] TCP 8080, which its NetworkPolicies do not admit from outside the cluster (0.0.0.0/0)`,
        },
      ]);
    });
    it(`${type} with an ipBlock admitting outside addresses on the container port: passes`, () => {
      expect(
        run('network-exposed-unreachable', [
          web,
          exposed(type),
          denyAll,
          admitFrom({ ipBlock: { cidr: '0.0.0.0/0' } }),
        ]),
      ).toEqual([]);
    });
  }

  it('a LoadBalancer is judged against its loadBalancerSourceRanges: an ipBlock elsewhere does not help', () => {
    const lb = exposed('LoadBalancer', { loadBalancerSourceRanges: ['203.0.113.0/24'] });
    const elsewhere = admitFrom({ ipBlock: { cidr: '198.51.100.0/24' } });
    expect(run('network-exposed-unreachable', [web, lb, denyAll, elsewhere])).toHaveLength(1);
    const there = admitFrom({ ipBlock: { cidr: '203.0.113.0/24' } });
    expect(run('network-exposed-unreachable', [web, lb, denyAll, there])).toEqual([]);
  });

  it('a ClusterIP Service under a default-deny is not exposed: nothing to report', () => {
    expect(run('network-exposed-unreachable', [web, exposed('ClusterIP'), denyAll])).toEqual([]);
  });
});

describe('network-exposed-unreachable: hostPort', () => {
  const agent: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'shop' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: {
          containers: [
            { name: 'agent', image: 'agent:1', ports: [{ containerPort: 8125, hostPort: 8125, protocol: 'UDP' }] },
          ],
        },
      },
    },
  };
  it('reported at the hostPort field when no policy admits outside addresses', () => {
    expect(run('network-exposed-unreachable', [agent, denyAll])).toEqual([
      {
        object: 'shop/agent[DaemonSet]',
        path: 'spec.template.spec.containers[0].ports[0].hostPort',
        severity: undefined,
        message:
          "hostPort 8125 forwards to UDP 8125, which the pod's NetworkPolicies do not admit from outside the cluster",
      },
    ]);
  });
  it('passes when an ipBlock admits UDP 8125', () => {
    const admit = policy('shop', 'agent-in', {
      podSelector: { matchLabels: { app: 'agent' } },
      ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: [{ port: 8125, protocol: 'UDP' }] }],
    });
    expect(run('network-exposed-unreachable', [agent, denyAll, admit])).toEqual([]);
  });
});

describe('network-exposed-unreachable: Ingress backends', () => {
  const ingress = (annotations: Record<string, string> = {}): KubeObject => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web', namespace: 'shop', annotations },
    spec: {
      rules: [
        {
          host: 'shop.example.com',
          http: {
            paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }],
          },
        },
      ],
    },
  });
  const svc = exposed('ClusterIP');
  const fromNamespace = (ns: string) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } } });
  const path = 'spec.rules[0].http.paths[0].backend.service';

  it('no controller in the input: the conventional ingress-nginx namespace is assumed, said so, and only a warning', () => {
    const [finding] = run('network-exposed-unreachable', [web, svc, ingress(), denyAll]);
    expect(finding).toMatchObject({ object: 'shop/web[Ingress]', severity: 'warning' });
    expect(finding.path).toContain(path);
    expect(finding.message).toBe(
      'routes to shop/web[Service] port 80, whose pods (shop/web[Deployment] TCP 8080) do not admit the ingress controller, assumed to run in namespace ingress-nginx with labels app.kubernetes.io/name=ingress-nginx,app.kubernetes.io/instance=ingress-nginx,app.kubernetes.io/component=controller (the convention; annotate the Ingress with shipshape.dev/ingress-controller-namespace to say otherwise)',
    );
    expect(
      run('network-exposed-unreachable', [web, svc, ingress(), denyAll, admitFrom(fromNamespace('ingress-nginx'))]),
    ).toEqual([]);
  });

  it('a declared controller namespace is what the backend must admit (an error, the assumption is not needed)', () => {
    const declared = ingress({ 'shipshape.dev/ingress-controller-namespace': 'edge' });
    const admitsNginx = admitFrom(fromNamespace('ingress-nginx'));
    const [finding] = run('network-exposed-unreachable', [web, svc, declared, denyAll, admitsNginx]);
    expect(finding.severity).toBeUndefined();
    expect(finding.message).toContain(
      'do not admit a pod of namespace edge (shipshape.dev/ingress-controller-namespace)',
    );
    expect(run('network-exposed-unreachable', [web, svc, declared, denyAll, admitFrom(fromNamespace('edge'))])).toEqual(
      [],
    );
  });

  it("the controller's pods of the input are the callers: a rule for other pods of their namespace does not help", () => {
    const controller = deployment('ingress-nginx', 'controller', { 'app.kubernetes.io/name': 'ingress-nginx' });
    const otherPods = admitFrom({ ...fromNamespace('ingress-nginx'), podSelector: { matchLabels: { app: 'other' } } });
    const [finding] = run('network-exposed-unreachable', [web, svc, ingress(), controller, denyAll, otherPods]);
    expect(finding.message).toContain('do not admit ingress-nginx/controller[Deployment]');
    expect(
      run('network-exposed-unreachable', [
        web,
        svc,
        ingress(),
        controller,
        denyAll,
        admitFrom(fromNamespace('ingress-nginx')),
      ]),
    ).toEqual([]);
  });
});

describe('network-exposed-unreachable: Gateway API HTTPRoute backends', () => {
  const route = (parentRef: Record<string, unknown>, annotations: Record<string, string> = {}): KubeObject => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'web', namespace: 'shop', annotations },
    spec: { parentRefs: [parentRef], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] },
  });
  const svc = exposed('ClusterIP');
  const fromNamespace = (ns: string) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } } });
  const gatewayPods = { 'gateway.networking.k8s.io/gateway-name': 'public' };

  it("no Gateway pods in the input: the Gateway's namespace and GEP-1762 label are assumed, said so, a warning", () => {
    const [finding] = run('network-exposed-unreachable', [
      web,
      svc,
      route({ name: 'public', namespace: 'edge' }),
      denyAll,
    ]);
    expect(finding).toEqual({
      object: 'shop/web[HTTPRoute]',
      path: 'spec.rules[0].backendRefs[0]',
      severity: 'warning',
      message:
        'routes to shop/web[Service] port 80, whose pods (shop/web[Deployment] TCP 8080) do not admit the pods of Gateway edge/public, assumed to run in its namespace with label gateway.networking.k8s.io/gateway-name=public (GEP-1762; annotate the HTTPRoute with shipshape.dev/ingress-controller-namespace and shipshape.dev/ingress-controller-pods to say otherwise)',
    });
    const admitsEdge = admitFrom(fromNamespace('edge'));
    expect(
      run('network-exposed-unreachable', [web, svc, route({ name: 'public', namespace: 'edge' }), denyAll, admitsEdge]),
    ).toEqual([]);
    // The Gateway's namespace defaults to the route's: admitting edge does not help then.
    expect(run('network-exposed-unreachable', [web, svc, route({ name: 'public' }), denyAll, admitsEdge])).toHaveLength(
      1,
    );
  });

  it("the Gateway's pods of the input are the callers (an error): a rule for other pods of their namespace does not help", () => {
    const proxy = deployment('edge', 'public-proxy', gatewayPods);
    const otherPods = admitFrom({ ...fromNamespace('edge'), podSelector: { matchLabels: { app: 'other' } } });
    const parent = { name: 'public', namespace: 'edge' };
    const [finding] = run('network-exposed-unreachable', [web, svc, route(parent), proxy, denyAll, otherPods]);
    expect(finding.severity).toBeUndefined();
    expect(finding.message).toContain('do not admit edge/public-proxy[Deployment]');
    const admitsProxy = admitFrom({ ...fromNamespace('edge'), podSelector: { matchLabels: gatewayPods } });
    expect(run('network-exposed-unreachable', [web, svc, route(parent), proxy, denyAll, admitsProxy])).toEqual([]);
  });

  it('declared by the ingress-controller annotations (as synthesis writes them): those pods, an error', () => {
    const declared = route(
      { name: 'public', namespace: 'edge' },
      { 'shipshape.dev/ingress-controller-namespace': 'edge', 'shipshape.dev/ingress-controller-pods': 'app=envoy' },
    );
    const [finding] = run('network-exposed-unreachable', [
      web,
      svc,
      declared,
      denyAll,
      admitFrom(fromNamespace('other')),
    ]);
    expect(finding.severity).toBeUndefined();
    expect(finding.message).toContain(
      'do not admit a pod of namespace edge with labels app=envoy (shipshape.dev/ingress-controller-namespace)',
    );
    const envoy = admitFrom({ ...fromNamespace('edge'), podSelector: { matchLabels: { app: 'envoy' } } });
    expect(run('network-exposed-unreachable', [web, svc, declared, denyAll, envoy])).toEqual([]);
  });

  it('a route attached to no Gateway (another parent kind) has no known callers: nothing to report', () => {
    const meshRoute = route({ group: '', kind: 'Service', name: 'web' });
    expect(run('network-exposed-unreachable', [web, svc, meshRoute, denyAll])).toEqual([]);
  });
});

describe('network-scrape-blocked', () => {
  const metricsSvc: KubeObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web-metrics', namespace: 'shop', labels: { app: 'web' } },
    spec: { selector: { app: 'web' }, ports: [{ name: 'metrics', port: 9090, targetPort: 'http' }] },
  };
  const serviceMonitor = (annotations: Record<string, string> = {}): KubeObject => ({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: { name: 'web', namespace: 'shop', annotations },
    spec: { selector: { matchLabels: { app: 'web' } }, endpoints: [{ port: 'metrics' }] },
  });
  const podMonitor: KubeObject = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PodMonitor',
    metadata: { name: 'web', namespace: 'shop' },
    spec: { selector: { matchLabels: { app: 'web' } }, podMetricsEndpoints: [{ port: 'http' }] },
  };
  const fromMonitoring = admitFrom({
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
  });

  it('a ServiceMonitor whose targets do not admit Prometheus (conventional namespace, stated)', () => {
    expect(run('network-scrape-blocked', [web, metricsSvc, serviceMonitor(), denyAll])).toEqual([
      {
        object: 'shop/web[ServiceMonitor]',
        path: 'spec.endpoints[0]',
        severity: undefined,
        message:
          'scrapes shop/web[Deployment] TCP 8080, which its NetworkPolicies do not admit from Prometheus, assumed to run in namespace monitoring with labels app.kubernetes.io/name=prometheus (the convention; annotate the monitor with shipshape.dev/scraped-from to say otherwise)',
      },
    ]);
    expect(run('network-scrape-blocked', [web, metricsSvc, serviceMonitor(), denyAll, fromMonitoring])).toEqual([]);
  });

  it('a PodMonitor, and the declared Prometheus namespace', () => {
    expect(run('network-scrape-blocked', [web, podMonitor, denyAll])).toHaveLength(1);
    expect(run('network-scrape-blocked', [web, podMonitor, denyAll, fromMonitoring])).toEqual([]);
    const declared = serviceMonitor({ 'shipshape.dev/scraped-from': 'observability' });
    expect(run('network-scrape-blocked', [web, metricsSvc, declared, denyAll, fromMonitoring])[0].message).toContain(
      'Prometheus in namespace observability (shipshape.dev/scraped-from)',
    );
  });

  it('targets without any ingress isolation are scraped: nothing to report', () => {
    expect(run('network-scrape-blocked', [web, metricsSvc, serviceMonitor(), podMonitor])).toEqual([]);
  });
});

describe('pods on the host network', () => {
  it('are not judged: NetworkPolicy behaviour for hostNetwork pods is undefined', () => {
    const exporter: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'node-exporter', namespace: 'shop' },
      spec: {
        selector: { matchLabels: { app: 'node-exporter' } },
        template: {
          metadata: { labels: { app: 'node-exporter' } },
          spec: {
            hostNetwork: true,
            containers: [{ name: 'e', image: 'e:1', ports: [{ containerPort: 9100, hostPort: 9100 }] }],
          },
        },
      },
    };
    expect(run('network-exposed-unreachable', [exporter, denyAll])).toEqual([]);
  });
});
