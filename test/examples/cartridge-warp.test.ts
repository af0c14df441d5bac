// Facts of seed 004 (cartridge-warp), asserted on the objects examples/cartridge-warp builds.
import { describe, it, expect, beforeAll } from 'vitest';
import { parse } from 'yaml';
import { parseUnits } from '../../src/vocabulary/quantity.js';
import { matchesMap, matchesSelector } from '../../src/k8s/selector.js';
import { built, type Built, env, ports, resourcesOf, res, bytes, claimAt } from './built.js';
import { reachability } from './reach.js';

const NS = 'cartridge-warp';
const SECRET = 'cartridge-warp-secrets';
let b: Built;

beforeAll(async () => {
  b = await built('cartridge-warp');
});

const CDC: Array<[schema: string, replicas: number, limits: [string, string], source: string]> = [
  ['ecommerce', 3, ['2', '4Gi'], 'mongodb-connection-string'],
  ['users', 2, ['1', '2Gi'], 'mysql-connection-string'],
  ['analytics', 1, ['1', '2Gi'], 'bigquery-credentials'],
];

describe('cartridge-warp: the CDC Deployments', () => {
  it('all objects live in namespace cartridge-warp', () => {
    for (const o of b.objects)
      if (!['Namespace', 'StorageClass'].includes(o.kind))
        expect(o.metadata.namespace, `${o.kind} ${o.metadata.name}`).toBe(NS);
  });

  for (const [schema, replicas, [cpu, memory], source] of CDC) {
    const name = `cartridge-warp-${schema}`;
    it(`${name}: ${replicas} replica(s), limits ${cpu} CPU / ${memory}, single-schema mode`, () => {
      const d = b.get('Deployment', name);
      expect(d.spec.replicas).toBe(replicas);
      expect(d.metadata.labels).toMatchObject({ app: 'cartridge-warp', schema, component: 'cdc-processor' });
      expect(b.podLabels('Deployment', name)).toMatchObject({
        app: 'cartridge-warp',
        schema,
        component: 'cdc-processor',
      });
      expect(matchesSelector(d.spec.selector, b.podLabels('Deployment', name))).toBe(true);
      const c = b.container('Deployment', name);
      expect(c.image).toBe('cartridge/warp:v1.0.0');
      expect(c.imagePullPolicy).toBe('Always');
      expect(c.command).toEqual(['cartridge-warp']);
      expect(c.args).toEqual([
        'run',
        '--mode=single',
        '--schema=$(SCHEMA_NAME)',
        '--config=/etc/cartridge-warp/config.yaml',
      ]);
      expect(env(c, 'SCHEMA_NAME')).toBe(schema);
      expect(env(c, 'CARTRIDGE_WARP_SOURCE__CONNECTION_STRING')).toEqual({
        secretKeyRef: { name: SECRET, key: source },
      });
      const r = resourcesOf(c);
      expect([r.cpu[1], r.memory[1]]).toEqual([res('0', cpu, '0', memory).cpu[1], bytes(memory)]);
    });
  }

  it('ecommerce requests 1 CPU / 2Gi under its 2 CPU / 4Gi limits', () => {
    expect(resourcesOf(b.container('Deployment', 'cartridge-warp-ecommerce'))).toEqual(res('1', '2', '2Gi', '4Gi'));
  });

  it('development runs every schema in one replica with 4 CPU / 8Gi, with every source credential', () => {
    const d = b.get('Deployment', 'cartridge-warp-development');
    expect(d.spec.replicas).toBe(1);
    const c = b.container('Deployment', 'cartridge-warp-development');
    expect(c.args).toContain('--mode=multi');
    const r = resourcesOf(c);
    expect([r.cpu[1], r.memory[1]]).toEqual([4000, bytes('8Gi')]);
    expect(c.envFrom).toContainEqual({ secretRef: { name: SECRET } });
    expect(
      parse(b.get('ConfigMap', 'cartridge-warp-development-config').data['config.yaml']).schemas.map(
        (x: any) => x.name,
      ),
    ).toEqual(['ecommerce', 'users', 'analytics']);
  });

  it('every CDC pod: shared env, metrics 8080 and health 8081, pod identity from the downward API', () => {
    for (const d of b.all('Deployment')) {
      const c = b.container('Deployment', d.metadata.name);
      expect(ports(c)).toEqual({ metrics: 8080, health: 8081 });
      expect(env(c, 'CARTRIDGE_WARP_DESTINATION__CONNECTION_STRING')).toEqual({
        secretKeyRef: { name: SECRET, key: 'postgresql-connection-string' },
      });
      expect([env(c, 'PROMETHEUS_METRICS_ENABLED'), env(c, 'PROMETHEUS_METRICS_PORT'), env(c, 'LOG_LEVEL')]).toEqual([
        'true',
        '8080',
        'INFO',
      ]);
      expect(env(c, 'POD_NAME')).toEqual({ fieldRef: { fieldPath: 'metadata.name' } });
      expect(env(c, 'POD_NAMESPACE')).toEqual({ fieldRef: { fieldPath: 'metadata.namespace' } });
    }
  });

  it('probes: /health 30/10/5/3, /ready 10/5/3/1, /startup 10/10/5/6, all on the health port', () => {
    const c = b.container('Deployment', 'cartridge-warp-ecommerce');
    const timing = (p: any) => [
      p.httpGet.path,
      p.httpGet.port,
      p.initialDelaySeconds,
      p.periodSeconds,
      p.timeoutSeconds,
      p.failureThreshold,
    ];
    expect(timing(c.livenessProbe)).toEqual(['/health', 'health', 30, 10, 5, 3]);
    expect(timing(c.readinessProbe)).toEqual(['/ready', 'health', 10, 5, 3, 1]);
    expect(timing(c.startupProbe)).toEqual(['/startup', 'health', 10, 10, 5, 6]);
  });

  it('pods: non-root UID 1000 with fsGroup 1000, the one cartridge-warp ServiceAccount and container name, Prometheus scrape annotations', () => {
    const pod = b.pod('Deployment', 'cartridge-warp-ecommerce');
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, fsGroup: 1000 });
    expect(b.all('ServiceAccount').map((sa) => sa.metadata.name)).toEqual(['cartridge-warp']);
    for (const d of b.all('Deployment')) {
      expect(d.spec.template.spec.serviceAccountName, d.metadata.name).toBe('cartridge-warp');
      expect(
        d.spec.template.spec.containers.map((c: any) => c.name),
        d.metadata.name,
      ).toEqual(['cartridge-warp']);
    }
    expect(b.get('Deployment', 'cartridge-warp-ecommerce').spec.template.metadata.annotations).toMatchObject({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': '8080',
      'prometheus.io/path': '/metrics',
    });
  });

  it('scheduling: compute-intensive nodes, tolerates cartridge-workload, spreads replicas across hosts', () => {
    const pod = b.pod('Deployment', 'cartridge-warp-ecommerce');
    expect(pod.nodeSelector).toEqual({ 'workload-type': 'compute-intensive' });
    expect(pod.tolerations).toContainEqual({
      key: 'cartridge-workload',
      operator: 'Equal',
      value: 'true',
      effect: 'NoSchedule',
    });
    const [term, ...more] = pod.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    expect(more).toEqual([]);
    expect(term.weight).toBe(100);
    expect(term.podAffinityTerm.topologyKey).toBe('kubernetes.io/hostname');
    // The document's term (app In [cartridge-warp]) keeps every CDC pod apart, not only one schema's.
    for (const d of b.all('Deployment'))
      expect(
        matchesSelector(term.podAffinityTerm.labelSelector as any, b.podLabels('Deployment', d.metadata.name)),
        d.metadata.name,
      ).toBe(true);
  });

  it("selectors are the document's {app: cartridge-warp, schema}", () => {
    for (const [schema] of CDC) {
      const d = b.get('Deployment', `cartridge-warp-${schema}`);
      expect(d.spec.selector.matchLabels).toMatchObject({ app: 'cartridge-warp', schema });
      expect(b.get('Service', `cartridge-warp-${schema}`).spec.selector).toMatchObject({
        app: 'cartridge-warp',
        schema,
      });
    }
  });

  it('rolling update with maxUnavailable 1 and maxSurge 1', () => {
    for (const [schema] of CDC) {
      expect(b.get('Deployment', `cartridge-warp-${schema}`).spec.strategy).toEqual({
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: 1, maxSurge: 1 },
      });
    }
  });
});

describe('cartridge-warp: volumes and storage', () => {
  it('config read-only from cartridge-warp-config (mode 0644), logs on a 10Gi fast-ssd claim, a writable temp folder', () => {
    const pod = b.pod('Deployment', 'cartridge-warp-ecommerce');
    const c = b.container('Deployment', 'cartridge-warp-ecommerce');
    const volumeAt = (path: string) => {
      const m = c.volumeMounts?.find((x) => x.mountPath === path);
      expect(m, path).toBeTruthy();
      return { mount: m!, volume: pod.volumes?.find((v) => v.name === m!.name) };
    };
    const config = volumeAt('/etc/cartridge-warp');
    expect(config.mount.readOnly).toBe(true);
    expect(config.volume?.configMap?.name).toBe('cartridge-warp-config');
    // Kubernetes' default mode for ConfigMap volumes is 0644 (the document states it explicitly).
    expect(config.volume?.configMap?.defaultMode ?? 0o644).toBe(0o644);
    const logs = claimAt(b, 'Deployment', 'cartridge-warp-ecommerce', '/var/log/cartridge-warp');
    expect(logs.metadata.name).toBe('cartridge-warp-logs');
    expect(logs.spec).toMatchObject({ accessModes: ['ReadWriteOnce'], storageClassName: 'fast-ssd' });
    expect(parseUnits(logs.spec.resources.requests.storage)).toBe(bytes('10Gi'));
    expect(volumeAt('/tmp/cartridge-warp').volume?.emptyDir).toEqual({ sizeLimit: '1Gi' });
  });

  it('the fast-ssd StorageClass as the manifest of the document states it (storage.k8s.io/v1)', () => {
    const sc = b.get('StorageClass', 'fast-ssd');
    expect(sc.apiVersion).toBe('storage.k8s.io/v1');
    expect(sc).toMatchObject({
      provisioner: 'kubernetes.io/aws-ebs',
      parameters: { type: 'gp3', fsType: 'ext4', encrypted: 'true' },
      allowVolumeExpansion: true,
      reclaimPolicy: 'Retain',
      volumeBindingMode: 'WaitForFirstConsumer',
    });
  });

  it('config.yaml carries the whole configuration: performance, source, destination, six tables, monitoring, logging', () => {
    const config = parse(b.get('ConfigMap', 'cartridge-warp-config').data['config.yaml']);
    expect(config).toMatchObject({
      mode: 'single',
      single_schema_name: 'ecommerce',
      performance: {
        stream_batch_size: 1000,
        write_batch_size: 500,
        polling_interval: 5,
        connection_timeout: 30,
        read_timeout: 60,
        max_retries: 3,
        retry_delay: 5,
      },
      source: {
        type: 'mongodb',
        database: 'ecommerce_db',
        change_detection_strategy: 'change_stream',
        replica_set: 'rs0',
        read_preference: 'secondaryPreferred',
      },
      destination: { type: 'postgresql', schema: 'ecommerce', pool_size: 10, max_overflow: 20, batch_size: 1000 },
      monitoring: {
        metrics_port: 8080,
        health_check_port: 8081,
        health_endpoint: '/health',
        readiness_endpoint: '/ready',
        startup_endpoint: '/startup',
      },
      logging: { level: 'INFO', log_file: '/var/log/cartridge-warp/cartridge-warp.log', max_files: 10 },
    });
    expect(Object.keys(config.schemas[0].tables)).toEqual([
      'users',
      'orders',
      'products',
      'categories',
      'inventory',
      'reviews',
    ]);
    expect(config.schemas[0].tables.products).toEqual({
      batch_size: 2000,
      polling_interval: 15,
      full_load_enabled: false,
      parallel_streams: 1,
    });
  });

  it('no credential is written out: the Secret is referenced, never built with values', () => {
    const text = JSON.stringify(b.objects);
    expect(text).not.toContain('password');
    for (const s of b.all('Secret')) expect({ ...s.data, ...s.stringData }).toEqual({});
  });
});

describe('cartridge-warp: services', () => {
  it('cartridge-warp-ecommerce: ClusterIP, metrics 8080 and health 8081 by port name, selecting the ecommerce pods only', () => {
    const svc = b.get('Service', 'cartridge-warp-ecommerce');
    expect([undefined, 'ClusterIP']).toContain(svc.spec.type);
    expect(svc.spec.ports.map((p: any) => [p.name, p.port, p.targetPort])).toEqual(
      expect.arrayContaining([
        ['metrics', 8080, 'metrics'],
        ['health', 8081, 'health'],
      ]),
    );
    for (const d of b.all('Deployment')) {
      expect(matchesMap(svc.spec.selector, b.podLabels('Deployment', d.metadata.name)), d.metadata.name).toBe(
        d.metadata.name === 'cartridge-warp-ecommerce',
      );
    }
  });
});

describe('cartridge-warp: services (headless, not-ready pods, development NodePort)', () => {
  it('cartridge-warp-ecommerce-headless: clusterIP None over the same pods; both Services publish not-ready pods', () => {
    const headless = b.get('Service', 'cartridge-warp-ecommerce-headless');
    const main = b.get('Service', 'cartridge-warp-ecommerce');
    expect(headless.spec.clusterIP).toBe('None');
    expect(headless.spec.ports.map((p: any) => [p.name, p.port])).toContainEqual(['metrics', 8080]);
    expect(headless.spec.selector).toEqual(main.spec.selector);
    expect([headless.spec.publishNotReadyAddresses, main.spec.publishNotReadyAddresses]).toEqual([true, true]);
  });

  it('the development Service is a NodePort on 30080', () => {
    const svc = b.get('Service', 'cartridge-warp-development');
    expect(svc.spec.type).toBe('NodePort');
    expect(svc.spec.ports.find((p: any) => p.nodePort === 30080)).toMatchObject({ name: 'metrics', port: 8080 });
    for (const schema of ['ecommerce', 'users', 'analytics'])
      expect(b.get('Service', `cartridge-warp-${schema}`).spec.type).toBe('ClusterIP');
  });
});

describe('cartridge-warp: development debug access', () => {
  it('node port 30080 is reachable from outside the cluster: the development pods admit outside addresses on metrics 8080', () => {
    const net = reachability(b);
    const nodePort = b.get('Service', 'cartridge-warp-development').spec.ports.find((p: any) => p.nodePort === 30080);
    for (const ip of ['203.0.113.9', '10.1.2.3'])
      expect(net.allowsFromIp(ip, 'cartridge-warp-development', nodePort.port), ip).toBe(true);
    for (const schema of ['ecommerce', 'users', 'analytics'])
      expect(net.allowsFromIp('203.0.113.9', `cartridge-warp-${schema}`, 8080), schema).toBe(false);
  });
});

describe('cartridge-warp: monitoring', () => {
  it('ServiceMonitor cartridge-warp-ecommerce scrapes /metrics every 30s (timeout 10s, honorLabels), keeping cartridge_warp_* only', () => {
    const sm = b.get('ServiceMonitor', 'cartridge-warp-ecommerce');
    expect(matchesSelector(sm.spec.selector, b.get('Service', 'cartridge-warp-ecommerce').metadata.labels)).toBe(true);
    expect(sm.spec.endpoints).toContainEqual(
      expect.objectContaining({
        port: 'metrics',
        interval: '30s',
        path: '/metrics',
        honorLabels: true,
        scrapeTimeout: '10s',
        metricRelabelings: [
          expect.objectContaining({ sourceLabels: ['__name__'], regex: 'cartridge_warp_.*', action: 'keep' }),
        ],
      }),
    );
  });

  it('PodMonitors select every cartridge-warp pod on its metrics port every 30s', () => {
    for (const d of b.all('Deployment')) {
      const labels = b.podLabels('Deployment', d.metadata.name);
      const pm = b.all('PodMonitor').find((m) => matchesSelector(m.spec.selector, labels));
      expect(pm, d.metadata.name).toBeTruthy();
      expect(pm.spec.podMetricsEndpoints).toContainEqual(
        expect.objectContaining({ port: 'metrics', interval: '30s', path: '/metrics' }),
      );
    }
  });

  it("PrometheusRule: CartridgeWarpDown (1m, critical), HighErrorRate (2m), ReplicationLag (5m) with the document's expressions", () => {
    const rules = b.all('PrometheusRule').flatMap((r) => r.spec.groups.flatMap((g: any) => g.rules));
    const byName = Object.fromEntries(rules.filter((r: any) => r.alert).map((r: any) => [r.alert, r]));
    expect(byName.CartridgeWarpDown).toMatchObject({
      expr: 'up{job="cartridge-warp-ecommerce"} == 0',
      for: '1m',
      labels: { severity: 'critical' },
    });
    expect(byName.CartridgeWarpHighErrorRate).toMatchObject({
      expr: 'rate(cartridge_warp_errors_total[5m]) > 0.1',
      for: '2m',
      labels: { severity: 'warning' },
    });
    expect(byName.CartridgeWarpReplicationLag).toMatchObject({
      expr: 'cartridge_warp_replication_lag_seconds > 300',
      for: '5m',
      labels: { severity: 'warning' },
    });
  });
});

describe('cartridge-warp: network', () => {
  it('Prometheus in cartridge-infra scrapes the metrics port; nothing else reaches the pods from outside', () => {
    const net = reachability(b, ['cartridge-infra', 'monitoring', 'elsewhere']);
    for (const [schema] of CDC) {
      const svc = `cartridge-warp-${schema}`;
      expect(net.allowsFromNamespace('cartridge-infra', svc, 8080), svc).toBe(true);
      expect(net.allowsFromNamespace('cartridge-infra', svc, 8081), svc).toBe(false);
      for (const ns of ['monitoring', 'elsewhere'])
        expect(net.allowsFromNamespace(ns, svc, 8080), `${ns} → ${svc}`).toBe(false);
    }
  });

  it('each CDC Deployment leaves the cluster to its source and the PostgreSQL warehouse only, never to private ranges', () => {
    const net = reachability(b);
    const wl = (name: string) => `cartridge-warp/cartridge-warp-${name}[Deployment]`;
    const SOURCE: Record<string, number> = { ecommerce: 27017, users: 3306, analytics: 443 };
    const PUBLIC_IP = '203.0.113.10';
    for (const [schema, port] of Object.entries(SOURCE)) {
      expect(net.allowsToIp(wl(schema), PUBLIC_IP, port), `${schema} → source`).toBe(true);
      expect(net.allowsToIp(wl(schema), PUBLIC_IP, 5432), `${schema} → warehouse`).toBe(true);
      for (const other of Object.values(SOURCE).filter((p) => p !== port))
        expect(net.allowsToIp(wl(schema), PUBLIC_IP, other), `${schema} → ${other}`).toBe(false);
      for (const inside of ['10.1.2.3', '172.16.0.5', '192.168.1.1'])
        expect(net.allowsToIp(wl(schema), inside, 5432), `${schema} → ${inside}`).toBe(false);
    }
    for (const port of [27017, 3306, 443, 5432])
      expect(net.allowsToIp(wl('development'), PUBLIC_IP, port), `development → ${port}`).toBe(true);
  });

  it('each CDC Deployment reaches the PostgreSQL cluster in cartridge-infra on 5432 only', () => {
    const net = reachability(b, ['cartridge-infra', 'elsewhere']);
    for (const name of ['ecommerce', 'users', 'analytics', 'development']) {
      const wl = `cartridge-warp/cartridge-warp-${name}[Deployment]`;
      expect(net.allowsToNamespace(wl, 'cartridge-infra', 5432), wl).toBe(true);
      expect(net.allowsToNamespace(wl, 'cartridge-infra', 6379), wl).toBe(false);
      expect(net.allowsToNamespace(wl, 'elsewhere', 5432), wl).toBe(false);
    }
  });

  it('the CDC Deployments do not talk to each other', () => {
    const net = reachability(b);
    expect(net.egressTargets('cartridge-warp/cartridge-warp-ecommerce[Deployment]')).toEqual([]);
  });
});

describe('cartridge-warp: blue-green and canary (documented variants)', () => {
  it('by default neither variant exists', () => {
    for (const v of ['blue', 'green', 'canary'])
      expect(b.find('Deployment', `cartridge-warp-ecommerce-${v}`), v).toBeUndefined();
  });

  it('blue-green: -blue and -green Deployments with a version label; the Service serves blue only', async () => {
    const bg = await built('cartridge-warp', 'blue-green');
    expect(bg.find('Deployment', 'cartridge-warp-ecommerce')).toBeUndefined();
    for (const v of ['blue', 'green']) {
      const d = bg.get('Deployment', `cartridge-warp-ecommerce-${v}`);
      expect(d.spec.template.metadata.labels).toMatchObject({ app: 'cartridge-warp', schema: 'ecommerce', version: v });
      expect(d.spec.replicas).toBe(3);
    }
    const svc = bg.get('Service', 'cartridge-warp-ecommerce');
    expect(svc.spec.selector).toEqual({ app: 'cartridge-warp', schema: 'ecommerce', version: 'blue' });
    expect(matchesMap(svc.spec.selector, bg.podLabels('Deployment', 'cartridge-warp-ecommerce-blue'))).toBe(true);
    expect(matchesMap(svc.spec.selector, bg.podLabels('Deployment', 'cartridge-warp-ecommerce-green'))).toBe(false);
  });

  const DOCUMENT_ALERTS = ['CartridgeWarpDown', 'CartridgeWarpHighErrorRate', 'CartridgeWarpReplicationLag'];
  it("blue-green keeps the document's alerts: CartridgeWarpDown, HighErrorRate, ReplicationLag, once each", async () => {
    const bg = await built('cartridge-warp', 'blue-green');
    const alerts = bg
      .all('PrometheusRule')
      .flatMap((r) => r.spec.groups.flatMap((g: any) => g.rules))
      .map((r: any) => r.alert)
      .filter((a: string | undefined) => a !== undefined && DOCUMENT_ALERTS.includes(a));
    expect(alerts.sort()).toEqual(DOCUMENT_ALERTS);
    // CartridgeWarpDown watches the job of the Service blue serves under
    expect(bg.get('Service', 'cartridge-warp-ecommerce').spec.selector.version).toBe('blue');
  });

  it('canary: main 9 and canary 1 replicas behind the one ecommerce Service', async () => {
    const canary = await built('cartridge-warp', 'canary');
    expect(canary.get('Deployment', 'cartridge-warp-ecommerce').spec.replicas).toBe(9);
    const c = canary.get('Deployment', 'cartridge-warp-ecommerce-canary');
    expect(c.spec.replicas).toBe(1);
    expect(c.spec.template.metadata.labels).toMatchObject({ app: 'cartridge-warp', version: 'canary' });
    const svc = canary.get('Service', 'cartridge-warp-ecommerce');
    const selected = canary
      .all('Deployment')
      .filter((d) => matchesMap(svc.spec.selector, canary.podLabels('Deployment', d.metadata.name)))
      .map((d) => d.metadata.name);
    expect(selected.sort()).toEqual(['cartridge-warp-ecommerce', 'cartridge-warp-ecommerce-canary']);
  });
});
