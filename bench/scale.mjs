// Scale benchmark (issue 13 item 7): cluster-dump-like inputs of 10 MB and 50 MB, and the wall time
// and peak RSS of every reading command beside a plain js-yaml parse of the same bytes.
//   npm run build && node bench/scale.mjs [--sizes 10,50] [--timeout 600] [--heap 2048] [--keep]
// An input is one multi-document YAML file, as `kubectl get -A -o yaml` piped through a splitter
// would give: copies of corpus apps, each in its own namespace; two of every three namespaces carry
// a default deny, same-namespace ingress and DNS egress; the rest have no policy; a `monitoring` and
// a `kube-system` namespace hold the cluster-wide policies (peers that select every namespace, as
// NetworkPolicy itself is namespaced). Every command runs as its own process under
// `/usr/bin/time -v` (peak RSS) and `timeout` (one blow-up does not hang the run), with
// `--max-old-space-size`; a command that fails is reported with its exit status, not hidden.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import jsyaml from 'js-yaml';

const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const ROOT = new URL('../', import.meta.url).pathname;
const CORPUS = resolve(option('--corpus', join(ROOT, '../shared/corpus')));
const SIZES_MB = option('--sizes', '10,50').split(',').map(Number);
const TIMEOUT_S = Number(option('--timeout', '600'));
const HEAP_MB = Number(option('--heap', '2048'));
const APPS = ['online-boutique', 'bank-of-anthos', 'sock-shop', 'bookinfo'];
const BIN = join(ROOT, 'bin', 'shipshape.js');

for (const [what, path, fix] of [
  ['the corpus', CORPUS, '--corpus <folder>'],
  ['the bundle', join(ROOT, 'dist', 'bin', 'cli.cjs'), 'npm run build'],
  ['GNU time', '/usr/bin/time', 'apt-get install time'],
]) {
  if (!existsSync(path)) {
    console.error(`bench/scale.mjs: ${what} not found at ${path} (${fix})`);
    process.exit(2);
  }
}

/** YAML files under a folder, in name order. */
function yamlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) =>
      e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : [],
    );
}

/** The namespaced objects of one corpus app (its Namespaces and cluster-scoped objects dropped). */
function appObjects(app) {
  const objects = [];
  for (const file of yamlFiles(join(CORPUS, app))) {
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

/** One dump of about `mb` MB: app copies in their own namespaces until the size is reached. */
function generate(mb, file) {
  const apps = APPS.map((app) => ({ app, objects: appObjects(app) }));
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

/** Wall time (s), peak RSS (MB) and outcome of one process. */
function measure(args, okStatuses) {
  const t = process.hrtime.bigint();
  const r = spawnSync(
    '/usr/bin/time',
    ['-v', 'timeout', '-s', 'KILL', String(TIMEOUT_S), process.execPath, `--max-old-space-size=${HEAP_MB}`, ...args],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 256 * 1024 * 1024 },
  );
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const exit = /Exit status: (\d+)/.exec(r.stderr);
  const status = exit ? Number(exit[1]) : r.status;
  const outcome =
    status === 124 || status === 137
      ? `killed after ${TIMEOUT_S} s`
      : okStatuses.includes(status)
        ? `exit ${status}`
        : `FAILED exit ${status}: ${lastLine(r.stderr)}`;
  return { seconds, rssMb: rss ? Number(rss[1]) / 1024 : NaN, outcome };
}

/** The last line the command itself printed on stderr (before GNU time's report). */
function lastLine(stderr) {
  const own = stderr
    .split(/\n\s*Command being timed:/)[0]
    .trim()
    .split('\n');
  return (own.at(-1) ?? '').slice(0, 160);
}

const work = mkdtempSync(join(tmpdir(), 'shipshape-scale-'));
try {
  console.log(`node ${process.version}, --max-old-space-size=${HEAP_MB}, timeout ${TIMEOUT_S} s per command`);
  for (const mb of SIZES_MB) {
    const input = join(work, `dump-${mb}mb.yaml`);
    const { copies, objects, bytes } = generate(mb, input);
    const list = join(work, `files-${mb}.json`);
    writeFileSync(list, JSON.stringify([input]));
    console.log(
      `\n${mb} MB input: ${(bytes / 1024 / 1024).toFixed(1)} MB, ${objects} objects, ${copies} app copies (${APPS.join(', ')})`,
    );
    const rows = [
      ['js-yaml parse', [join(ROOT, 'bench', 'parse-yaml.mjs'), list], [0]],
      ['graph', [BIN, 'graph', input], [0]],
      ['summary', [BIN, 'summary', input], [0]],
      ['plan', [BIN, 'plan', input], [0]],
      // check exits 1 when it has findings: it ran.
      ['check', [BIN, 'check', input], [0, 1]],
      ['docs', [BIN, 'docs', input, '--out', join(work, `docs-${mb}`)], [0]],
      ['reach', [BIN, 'reach', input], [0]],
      ['reach --json', [BIN, 'reach', '--json', input], [0]],
    ];
    let parse;
    console.log('| command | wall s | × parse | peak RSS MB | outcome |\n|---|---|---|---|---|');
    for (const [name, args, ok] of rows) {
      const m = measure(args, ok);
      parse ??= m.seconds;
      console.log(
        `| ${name} | ${m.seconds.toFixed(1)} | ${(m.seconds / parse).toFixed(1)}× | ${m.rssMb.toFixed(0)} | ${m.outcome} |`,
      );
    }
  }
} finally {
  if (!process.argv.includes('--keep')) rmSync(work, { recursive: true, force: true });
  else console.log(`\ninputs kept in ${work}`);
}
