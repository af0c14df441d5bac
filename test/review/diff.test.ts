// diff on hand-made before/after pairs, one per change kind, and on what must not count as a
// change: server defaults written out, status and managedFields, findings that moved lines.
import { describe, expect, it } from 'vitest';
import { diffArchitecture, changeKinds } from '../../src/review/diff.js';
import { fingerprint } from '../../src/checks/baseline.js';
import { fieldChanges } from '../../src/review/fields.js';
import { diffToText } from '../../src/review/format.js';
import { graphOf, deployment, service, docs } from '../graph/helpers.js';

const pair = async (before: string, after: string) => diffArchitecture(await graphOf(before), await graphOf(after));

const web = (extra: object = {}, annotations?: Record<string, string>) =>
  deployment('web', { app: 'web' }, extra, annotations ? { annotations } : {});
const db = deployment(
  'db',
  { app: 'db' },
  { containers: [{ name: 'main', image: 'pg:16', ports: [{ containerPort: 5432 }] }] },
);
const dbService = service('db', { app: 'db' }, [5432]);
const denyAll = JSON.stringify({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'deny' },
  spec: { podSelector: {}, policyTypes: ['Ingress'] },
});
const allowWebToDb = JSON.stringify({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'db' },
  spec: {
    podSelector: { matchLabels: { app: 'db' } },
    ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 5432 }] }],
  },
});

describe('diff: objects by field path', () => {
  it('leaves out server defaults, status and server metadata, and names list items by name', () => {
    const base = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's', namespace: 'default' },
      spec: { selector: { app: 'a' }, ports: [{ name: 'http', port: 80 }] },
    };
    const defaulted = {
      ...base,
      metadata: { ...base.metadata, uid: 'u-1', resourceVersion: '7', managedFields: [{ manager: 'kubectl' }] },
      spec: {
        ...base.spec,
        type: 'ClusterIP',
        sessionAffinity: 'None',
        clusterIP: '10.96.0.12',
        ports: [{ name: 'http', port: 80, targetPort: 80, protocol: 'TCP' }],
      },
      status: { loadBalancer: {} },
    };
    expect(fieldChanges(base, defaulted)).toEqual([]);
    // A targetPort other than the port is no default.
    const moved = { ...base, spec: { ...base.spec, ports: [{ name: 'http', port: 80, targetPort: 8080 }] } };
    expect(fieldChanges(base, moved)).toEqual([{ path: 'spec.ports[name=http].targetPort', after: 8080 }]);
  });

  it('imagePullPolicy is a default only where Kubernetes would pick it (Always for :latest or no tag)', () => {
    const dep = (image: string, pull?: string) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { template: { spec: { containers: [{ name: 'c', image, ...(pull && { imagePullPolicy: pull }) }] } } },
    });
    expect(fieldChanges(dep('app:1'), dep('app:1', 'IfNotPresent'))).toEqual([]);
    expect(fieldChanges(dep('app'), dep('app', 'Always'))).toEqual([]);
    expect(fieldChanges(dep('app:1'), dep('app:1', 'Always'))).toEqual([
      { path: 'spec.template.spec.containers[name=c].imagePullPolicy', after: 'Always' },
    ]);
  });

  it('masks Secret values and still says which key changed', async () => {
    const secret = (value: string) =>
      JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, stringData: { password: value } });
    const d = await pair(secret('hunter2'), secret('correct-horse'));
    expect(d.objects.changed).toEqual([
      { id: 'default/db[Secret]', fields: [{ path: 'stringData.password', before: '(hidden)', after: '(hidden)' }] },
    ]);
    const text = `${JSON.stringify(d)}${diffToText(d)}`;
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('correct-horse');
  });

  it('added and removed objects by id', async () => {
    const d = await pair(docs(web(), dbService), docs(web(), db));
    expect(d.objects.added).toEqual(['default/db[Deployment]']);
    expect(d.objects.removed).toEqual(['default/db[Service]']);
    expect(changeKinds(d)).toContain('objects');
  });
});

describe('diff: architecture, one change kind each', () => {
  it('no change: the same input twice', async () => {
    const text = docs(web(), db, dbService, denyAll, allowWebToDb);
    const d = await pair(text, text);
    expect(changeKinds(d)).toEqual([]);
    expect(diffToText(d)).toBe('no architectural change\n');
  });

  it('connections added and removed, with evidence', async () => {
    const d = await pair(
      docs(web(), db, dbService),
      docs(web({}, { 'shipshape.dev/connects': 'db:5432' }), db, dbService),
    );
    expect(d.connections.added).toEqual([
      {
        type: 'connects',
        from: 'default/web[Deployment]',
        to: 'default/db[Service]',
        port: 5432,
        evidence: 'metadata.annotations["shipshape.dev/connects"]',
      },
    ]);
    expect(d.connections.removed).toEqual([]);
  });

  it('reachability gained and lost, with ports, and intended paths that became blocked', async () => {
    const intent = web({}, { 'shipshape.dev/connects': 'db:5432' });
    const open = docs(intent, db, dbService, denyAll, allowWebToDb);
    const closed = docs(intent, db, dbService, denyAll);
    const lost = await pair(open, closed);
    expect(lost.reach.lost).toEqual([
      { from: 'default/web[Deployment]', to: 'default/db[Deployment]', ports: [{ protocol: 'TCP', port: 5432 }] },
    ]);
    expect(lost.reach.gained).toEqual([]);
    expect(lost.blocked).toEqual([
      {
        from: 'default/web[Deployment]',
        service: 'default/db[Service]',
        port: 5432,
        before: 'allowed',
        after: 'blocked',
      },
    ]);
    const gained = await pair(closed, open);
    expect(gained.reach.gained).toEqual(lost.reach.lost);
    expect(gained.blocked).toEqual([]);
    // Widening from one port to all of them gains every port but 5432.
    const wide = allowWebToDb.replace(',"ports":[{"port":5432}]', '');
    const widened = await pair(open, docs(intent, db, dbService, denyAll, wide));
    expect(widened.reach.gained).toEqual([
      {
        from: 'default/web[Deployment]',
        to: 'default/db[Deployment]',
        ports: [
          { protocol: 'TCP', port: 1, endPort: 5431 },
          { protocol: 'TCP', port: 5433, endPort: 65535 },
          { protocol: 'UDP', port: 1, endPort: 65535 },
          { protocol: 'SCTP', port: 1, endPort: 65535 },
        ],
      },
    ]);
  });

  it('exposure: a Service turned LoadBalancer, an Ingress host', async () => {
    const lb = JSON.stringify({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'db' },
      spec: {
        type: 'LoadBalancer',
        selector: { app: 'db' },
        ports: [{ port: 5432 }],
        loadBalancerSourceRanges: ['10.0.0.0/8'],
      },
    });
    const ingress = JSON.stringify({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web' },
      spec: {
        rules: [
          {
            host: 'shop.example.com',
            http: {
              paths: [
                { path: '/api', pathType: 'Prefix', backend: { service: { name: 'db', port: { number: 5432 } } } },
              ],
            },
          },
        ],
      },
    });
    const d = await pair(docs(db, dbService), docs(db, lb, ingress));
    expect(d.exposure.added).toEqual([
      { object: 'default/db[Service]', kind: 'LoadBalancer', detail: 'TCP 5432 from 10.0.0.0/8' },
      { object: 'default/web[Ingress]', kind: 'Ingress host', detail: 'shop.example.com/api' },
    ]);
    expect(d.exposure.removed).toEqual([]);
  });

  it('resource totals before and after with the delta', async () => {
    const sized = (cpu: string, replicas: number) =>
      JSON.stringify({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web' },
        spec: {
          replicas,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [{ name: 'main', image: 'x:1', resources: { requests: { cpu, memory: '1Gi' } } }] },
          },
        },
      });
    const d = await pair(sized('500m', 2), sized('1', 3));
    expect(d.resources?.before.steadyAtMin.cpuRequestMillis).toBe(1000);
    expect(d.resources?.after.steadyAtMin.cpuRequestMillis).toBe(3000);
    expect(d.resources?.delta.steadyAtMin).toEqual({
      cpuRequestMillis: 2000,
      cpuLimitMillis: 0,
      memoryRequestBytes: 2 ** 30,
      memoryLimitBytes: 0,
    });
    expect(d.resources?.delta.storageBytes).toBe(0);
  });

  it('autoscaling: min/max and metrics', async () => {
    const hpa = (max: number) =>
      JSON.stringify({
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'web' },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
          minReplicas: 2,
          maxReplicas: max,
        },
      });
    const d = await pair(docs(web(), hpa(4)), docs(web(), hpa(10)));
    expect(d.autoscaling).toEqual([
      {
        id: 'default/web[HorizontalPodAutoscaler]',
        target: 'default/web[Deployment]',
        before: { minReplicas: 2, maxReplicas: 4, metrics: [] },
        after: { minReplicas: 2, maxReplicas: 10, metrics: [] },
      },
    ]);
  });

  it('rollout order: what now waits for what', async () => {
    const migrate = (after?: string) =>
      JSON.stringify({
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'migrate', ...(after && { annotations: { 'shipshape.dev/after': after } }) },
        spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'm', image: 'm:1' }] } } },
      });
    const d = await pair(docs(db, migrate()), docs(db, migrate('db')));
    expect(d.rollout.added.map(({ object, after }) => ({ object, after }))).toEqual([
      { object: 'default/migrate[Job]', after: 'default/db[Deployment]' },
    ]);
  });

  it('findings new and fixed, matched by fingerprint: moving lines is no change', async () => {
    const privileged = web({ containers: [{ name: 'main', image: 'x:1', securityContext: { privileged: true } }] });
    const before = docs(privileged, dbService);
    const moved = `# a comment\n# and another\n${docs(dbService, privileged)}`;
    const same = await pair(before, moved);
    expect(same.findings).toEqual({ added: [], fixed: [] });
    const d = await pair(docs(web(), dbService), before);
    expect(d.findings.added.map((f) => f.check)).toContain('privileged-container');
    // web() runs image `x`, untagged; the privileged one pins x:1.
    expect(d.findings.fixed.map((f) => f.check)).toEqual(['latest-tag']);
    expect(d.findings.added.map(fingerprint)).toContain(
      'privileged-container|default/web[Deployment]|spec.template.spec.containers[0].securityContext.privileged',
    );
  });

  it('RBAC: Role rules changed', async () => {
    const role = (verbs: string[]) =>
      JSON.stringify({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: 'reader' },
        rules: [{ apiGroups: [''], resources: ['secrets'], verbs }],
      });
    const d = await pair(docs(web(), role(['get'])), docs(web(), role(['get', 'list'])));
    expect(d.rbac.changed).toEqual([
      { id: 'default/reader[Role]', fields: [{ path: 'rules[0].verbs[1]', after: 'list' }] },
    ]);
    expect(changeKinds(d)).toEqual(['objects', 'rbac']);
  });
});
