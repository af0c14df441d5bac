// Generated clusters of any size for the diagram and scale tests: workloads spread over many
// namespaces (two thirds of them per workload, as in the report of issue 13: 63 workloads in 42
// namespaces), each a Deployment or StatefulSet behind a Service that reads a ConfigMap and
// connects to the next workload; every other namespace has a default-deny policy with an allow
// rule from its own namespace and one from outside, and every fifth workload has an Ingress.
export function generatedCluster(workloads: number): string {
  const namespaces = Math.max(2, Math.round((workloads * 2) / 3));
  const docs: object[] = [];
  for (let n = 0; n < namespaces; n += 2) {
    const namespace = `team-${n}`;
    docs.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny', namespace },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
    docs.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'allow-team', namespace },
      spec: {
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          { from: [{ podSelector: {} }] },
          { from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ port: 8080 }] },
        ],
        egress: [{ to: [{ podSelector: {} }] }, { ports: [{ port: 53, protocol: 'UDP' }] }],
      },
    });
  }
  for (let i = 0; i < workloads; i++) {
    const namespace = `team-${i % namespaces}`;
    const name = `svc-${i}`;
    const next = `svc-${(i + 1) % workloads}.team-${(i + 1) % namespaces}`;
    const kind = i % 7 === 3 ? 'StatefulSet' : 'Deployment';
    docs.push({
      apiVersion: 'apps/v1',
      kind,
      metadata: { name, namespace },
      spec: {
        selector: { matchLabels: { app: name } },
        ...(kind === 'StatefulSet' ? { serviceName: name } : {}),
        template: {
          metadata: { labels: { app: name, tier: i % 2 ? 'back' : 'front' } },
          spec: {
            containers: [
              {
                name: 'main',
                image: kind === 'StatefulSet' ? 'postgres:16' : `registry.example.com/app-${i % 5}:1.0`,
                ports: [{ name: 'http', containerPort: 8080 }],
                env: [
                  { name: 'NEXT_ADDR', value: `${next}:80` },
                  { name: 'CFG', valueFrom: { configMapKeyRef: { name: `cfg-${i}`, key: 'k' } } },
                ],
              },
            ],
          },
        },
      },
    });
    docs.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace },
      spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 'http' }] },
    });
    docs.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cfg-${i}`, namespace }, data: { k: 'v' } });
    if (i % 5 === 0)
      docs.push({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name, namespace },
        spec: {
          rules: [
            {
              host: `${name}.example.com`,
              http: {
                paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name, port: { number: 80 } } } }],
              },
            },
          ],
        },
      });
  }
  return docs.map((d) => JSON.stringify(d)).join('\n---\n');
}
