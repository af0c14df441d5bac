// Cluster-dump-like inputs for bench/scale.mjs and the memory-cap test (test/network/memory-cap.test.ts):
// copies of corpus apps, each in its own namespace; two of every three namespaces carry a default
// deny, same-namespace ingress and DNS egress; the rest have no policy; a `monitoring` and a
// `kube-system` namespace hold the cluster-wide policies (peers that select every namespace, as
// NetworkPolicy itself is namespaced).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsyaml from 'js-yaml';

export const APPS = ['online-boutique', 'bank-of-anthos', 'sock-shop', 'bookinfo'];

/** YAML files under a folder, in name order. */
function yamlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) =>
      e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : [],
    );
}

/** The namespaced objects of one corpus app (its Namespaces and cluster-scoped objects dropped). */
function appObjects(corpus, app) {
  const objects = [];
  for (const file of yamlFiles(join(corpus, app))) {
    let docs;
    try {
      docs = jsyaml.loadAll(readFileSync(file, 'utf8'));
    } catch {
      continue; // a template, not YAML: the corpus tests cover those
    }
    for (const o of docs) {
      const kind = o?.kind;
      if (typeof kind !== 'string' || typeof o.metadata?.name !== 'string') continue;
      if (/^(Namespace|Cluster.*|CustomResourceDefinition|PersistentVolume|StorageClass|.*List)$/.test(kind)) continue;
      objects.push(o);
    }
  }
  return objects;
}

const policy = (namespace, name, spec) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, namespace },
  spec,
});
const dns = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } };

/** Default deny, ingress from the namespace itself and from monitoring, egress within it and to DNS. */
function namespacePolicies(namespace) {
  const monitoring = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } };
  return [
    policy(namespace, 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    policy(namespace, 'same-namespace', {
      podSelector: {},
      ingress: [{ from: [{ podSelector: {} }, monitoring] }],
      egress: [
        { to: [{ podSelector: {} }] },
        {
          to: [dns],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
      ],
    }),
  ];
}

/** A Deployment that stands for a cluster add-on (one container port). */
function addOn(namespace, name, port) {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name, image: `example/${name}:1`, ports: [{ containerPort: port }] }] },
      },
    },
  };
}

/** The cluster-wide part: DNS open to every namespace, Prometheus allowed to scrape every namespace. */
function clusterWide() {
  const namespace = (name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return [
    namespace('kube-system'),
    addOn('kube-system', 'coredns', 53),
    policy('kube-system', 'dns-from-everywhere', {
      podSelector: { matchLabels: { app: 'coredns' } },
      ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ protocol: 'UDP', port: 53 }] }],
    }),
    namespace('monitoring'),
    addOn('monitoring', 'prometheus', 9090),
    policy('monitoring', 'scrape-everywhere', {
      podSelector: { matchLabels: { app: 'prometheus' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: {} }] }, { to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }],
    }),
  ];
}

/** One dump of about `mb` MB, written to `file`: app copies (from the `corpus` folder) in their own namespaces until the size is reached. */
export function generate(corpus, mb, file) {
  const apps = APPS.map((app) => ({ app, objects: appObjects(corpus, app) }));
  const chunks = clusterWide().map((o) => jsyaml.dump(o, { noRefs: true }));
  let bytes = chunks.reduce((n, c) => n + c.length, 0);
  let copies = 0;
  let objects = chunks.length;
  while (bytes < mb * 1024 * 1024) {
    const { app, objects: template } = apps[copies % apps.length];
    const namespace = `${app}-${copies}`;
    const copy = [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
      ...template.map((o) => ({ ...o, metadata: { ...o.metadata, namespace } })),
      ...(copies % 3 === 2 ? [] : namespacePolicies(namespace)),
    ];
    for (const o of copy) {
      const text = jsyaml.dump(o, { noRefs: true });
      chunks.push(text);
      bytes += text.length;
    }
    objects += copy.length;
    copies++;
  }
  writeFileSync(file, chunks.join('---\n'));
  return { copies, objects, bytes: statSync(file).size };
}

// `node bench/scale-input.mjs <mb> <file> <corpus>` writes one input (the memory-cap test runs it so).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [mb, file, corpus] = process.argv.slice(2);
  console.log(JSON.stringify(generate(corpus, Number(mb), file)));
}
