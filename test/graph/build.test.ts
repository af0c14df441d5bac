import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildGraph, graphToJson } from '../../src/graph/index.js';
import { deployment, docs, edgeList, graphOf, service } from './helpers.js';
import { CORPUS } from '../shared-paths.js';

describe('nodes', () => {
  it('has one node per object with namespace/name[Kind] ids, cluster-scoped without namespace, and its source', async () => {
    const g = await graphOf(
      docs(service('web', { app: 'web' }), 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: fast}'),
      'shop',
    );
    expect(g.nodes.map((n) => [n.id, n.namespace, n.source.document])).toEqual([
      ['shop/web[Service]', 'shop', 0],
      ['fast[StorageClass]', undefined, 1],
    ]);
    expect(g.byId.get('shop/web[Service]')?.kind).toBe('Service');
  });

  it('places objects built in memory without a namespace in default', () => {
    const g = buildGraph([{ object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, source: {} }]);
    expect(g.nodes[0].id).toBe('default/c[ConfigMap]');
  });
});

describe('selects', () => {
  it('Service: a plain equality map; an empty or absent selector selects nothing', async () => {
    const g = await graphOf(
      docs(
        deployment('a', { app: 'a', tier: 'web' }),
        deployment('b', { app: 'b' }),
        service('sa', { app: 'a' }),
        service('sboth', { tier: 'web' }),
        service('empty', {}),
        service('none', undefined),
        service('other-ns', { app: 'a' }, [80], 'elsewhere'),
      ),
    );
    expect(edgeList(g, 'selects')).toEqual([
      'default/sa[Service] -> default/a[Deployment]',
      'default/sboth[Service] -> default/a[Deployment]',
    ]);
  });

  it('PDB: matchExpressions In/NotIn/Exists/DoesNotExist; empty selects all in policy/v1 and none in v1beta1', async () => {
    const pdb = (name: string, apiVersion: string, selector: object) =>
      JSON.stringify({
        apiVersion,
        kind: 'PodDisruptionBudget',
        metadata: { name },
        spec: { minAvailable: 1, selector },
      });
    const g = await graphOf(
      docs(
        deployment('a', { app: 'a', track: 'stable' }),
        deployment('b', { app: 'b' }),
        pdb('in', 'policy/v1', { matchExpressions: [{ key: 'app', operator: 'In', values: ['a', 'x'] }] }),
        pdb('notin', 'policy/v1', { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['a'] }] }),
        pdb('exists', 'policy/v1', { matchExpressions: [{ key: 'track', operator: 'Exists' }] }),
        pdb('dne', 'policy/v1', { matchExpressions: [{ key: 'track', operator: 'DoesNotExist' }] }),
        pdb('empty-v1', 'policy/v1', {}),
        pdb('empty-beta', 'policy/v1beta1', {}),
      ),
    );
    expect(edgeList(g, 'selects')).toEqual([
      'default/in[PodDisruptionBudget] -> default/a[Deployment]',
      'default/notin[PodDisruptionBudget] -> default/b[Deployment]',
      'default/exists[PodDisruptionBudget] -> default/a[Deployment]',
      'default/dne[PodDisruptionBudget] -> default/b[Deployment]',
      'default/empty-v1[PodDisruptionBudget] -> default/a[Deployment]',
      'default/empty-v1[PodDisruptionBudget] -> default/b[Deployment]',
    ]);
  });

  it('NetworkPolicy: an empty podSelector, {matchLabels: null} included, selects every pod of its namespace', async () => {
    const np = (name: string, podSelector: unknown) =>
      JSON.stringify({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name },
        spec: { podSelector },
      });
    const g = await graphOf(
      docs(
        deployment('a', { app: 'a' }),
        deployment('b', { app: 'b' }),
        np('all', {}),
        np('nullish', { matchLabels: null }),
        np('one', { matchLabels: { app: 'b' } }),
      ),
    );
    expect(edgeList(g, 'selects')).toEqual([
      'default/all[NetworkPolicy] -> default/a[Deployment]',
      'default/all[NetworkPolicy] -> default/b[Deployment]',
      'default/nullish[NetworkPolicy] -> default/a[Deployment]',
      'default/nullish[NetworkPolicy] -> default/b[Deployment]',
      'default/one[NetworkPolicy] -> default/b[Deployment]',
    ]);
  });

  it('HPA: scaleTargetRef, in any API version, dangling when the target is absent', async () => {
    const hpa = (name: string, apiVersion: string, target: string) =>
      JSON.stringify({
        apiVersion,
        kind: 'HorizontalPodAutoscaler',
        metadata: { name },
        spec: { scaleTargetRef: { apiVersion: 'apps/v1beta1', kind: 'Deployment', name: target }, maxReplicas: 3 },
      });
    const g = await graphOf(
      docs(
        deployment('carts', { app: 'carts' }),
        hpa('h1', 'autoscaling/v1', 'carts'),
        hpa('h2', 'autoscaling/v2beta2', 'cart'),
      ),
    );
    expect(edgeList(g, 'selects')).toEqual([
      'default/h1[HorizontalPodAutoscaler] -> default/carts[Deployment]',
      'default/h2[HorizontalPodAutoscaler] -> default/cart[Deployment] (missing)',
    ]);
    expect(g.edges[1].evidence).toBe('spec.scaleTargetRef');
  });
});

describe('uses', () => {
  it('finds ConfigMaps, Secrets, PVCs and the ServiceAccount in every place a pod names them, with field paths', async () => {
    const g = await graphOf(
      docs(
        deployment(
          'w',
          { app: 'w' },
          {
            serviceAccountName: 'sa',
            imagePullSecrets: [{ name: 'pull' }],
            volumes: [
              { name: 'v0', configMap: { name: 'cm-vol' } },
              { name: 'v1', secret: { secretName: 'sec-vol' } },
              { name: 'v2', persistentVolumeClaim: { claimName: 'data' } },
              {
                name: 'v3',
                projected: {
                  sources: [
                    { configMap: { name: 'cm-proj' } },
                    { secret: { name: 'sec-proj' } },
                    { serviceAccountToken: { path: 't' } },
                  ],
                },
              },
            ],
            initContainers: [
              {
                name: 'init',
                image: 'x',
                envFrom: [{ configMapRef: { name: 'cm-envfrom' } }, { secretRef: { name: 'sec-envfrom' } }],
              },
            ],
            containers: [
              {
                name: 'c',
                image: 'x',
                env: [
                  { name: 'A', valueFrom: { configMapKeyRef: { name: 'cm-key', key: 'k' } } },
                  { name: 'B', valueFrom: { secretKeyRef: { name: 'sec-key', key: 'k', optional: true } } },
                  { name: 'C', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                ],
              },
            ],
          },
        ),
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-vol}',
      ),
    );
    const uses = g.edges
      .filter((e) => e.type === 'uses')
      .map((e) => `${e.to}${e.missing ? ' (missing)' : ''} ${e.evidence}`);
    expect(uses).toEqual([
      'default/sa[ServiceAccount] (missing) spec.template.spec.serviceAccountName',
      'default/pull[Secret] (missing) spec.template.spec.imagePullSecrets[0].name',
      'default/cm-vol[ConfigMap] spec.template.spec.volumes[0].configMap.name',
      'default/sec-vol[Secret] (missing) spec.template.spec.volumes[1].secret.secretName',
      'default/data[PersistentVolumeClaim] (missing) spec.template.spec.volumes[2].persistentVolumeClaim.claimName',
      'default/cm-proj[ConfigMap] (missing) spec.template.spec.volumes[3].projected.sources[0].configMap.name',
      'default/sec-proj[Secret] (missing) spec.template.spec.volumes[3].projected.sources[1].secret.name',
      'default/cm-envfrom[ConfigMap] (missing) spec.template.spec.initContainers[0].envFrom[0].configMapRef.name',
      'default/sec-envfrom[Secret] (missing) spec.template.spec.initContainers[0].envFrom[1].secretRef.name',
      'default/cm-key[ConfigMap] (missing) spec.template.spec.containers[0].env[0].valueFrom.configMapKeyRef.name',
      'default/sec-key[Secret] (missing) spec.template.spec.containers[0].env[1].valueFrom.secretKeyRef.name',
    ]);
  });

  it('reads the deprecated serviceAccount only when serviceAccountName is absent, and skips the implicit default SA', async () => {
    const g = await graphOf(
      docs(
        deployment('old', { app: 'old' }, { serviceAccount: 'legacy' }),
        deployment('both', { app: 'both' }, { serviceAccount: 'legacy', serviceAccountName: 'default' }),
        deployment(
          'root-ca',
          { app: 'r' },
          { volumes: [{ name: 'ca', projected: { sources: [{ configMap: { name: 'kube-root-ca.crt' } }] } }] },
        ),
      ),
    );
    expect(edgeList(g, 'uses')).toEqual(['default/old[Deployment] -> default/legacy[ServiceAccount] (missing)']);
  });

  it('a StatefulSet volume named after a volumeClaimTemplate is the generated claim, not a PVC reference', async () => {
    const g = await graphOf(`apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: c, image: x}]
      volumes: [{name: datadir, persistentVolumeClaim: {claimName: datadir}}, {name: other, persistentVolumeClaim: {claimName: shared}}]
  volumeClaimTemplates: [{metadata: {name: datadir}, spec: {storageClassName: fast}}]
`);
    expect(edgeList(g, 'uses')).toEqual(['default/db[StatefulSet] -> default/shared[PersistentVolumeClaim] (missing)']);
    expect(edgeList(g, 'claims')).toEqual(['default/db[StatefulSet] -> fast[StorageClass] (missing)']);
  });
});

describe('routes', () => {
  it('Ingress v1 rules, defaultBackend, resource backends, class; v1beta1 serviceName/servicePort and backend; TLS Secret as uses', async () => {
    const g = await graphOf(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: v1}
spec:
  ingressClassName: nginx
  defaultBackend: {service: {name: fallback, port: {number: 8080}}}
  tls: [{hosts: [a.example], secretName: a-tls}]
  rules:
  - host: a.example
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
      - {path: /static, pathType: Prefix, backend: {resource: {apiGroup: k8s.example.com, kind: StorageBucket, name: static-assets}}}
---
apiVersion: extensions/v1beta1
kind: Ingress
metadata: {name: beta}
spec:
  backend: {serviceName: fallback, servicePort: 80}
  rules: [{http: {paths: [{path: /api, backend: {serviceName: api, servicePort: "8080"}}]}}]
---
${service('web', { app: 'web' })}
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: nginx}
spec: {controller: k8s.io/ingress-nginx}
`);
    expect(edgeList(g, 'routes')).toEqual([
      'default/v1[Ingress] -> nginx[IngressClass]',
      'default/v1[Ingress] -> default/fallback[Service]:8080 (missing)',
      'default/v1[Ingress] -> default/web[Service]:http',
      'default/v1[Ingress] -> default/static-assets[StorageBucket] (missing)',
      'default/beta[Ingress] -> default/fallback[Service]:80 (missing)',
      'default/beta[Ingress] -> default/api[Service]:8080 (missing)',
    ]);
    expect(edgeList(g, 'uses')).toEqual(['default/v1[Ingress] -> default/a-tls[Secret] (missing)']);
    expect(g.edges.find((e) => e.to === 'default/web[Service]')?.evidence).toBe(
      'spec.rules[0].http.paths[0].backend.service',
    );
  });
});

describe('ingress classes', () => {
  it('IngressClass → the controller started with its name (ingress-nginx), and the legacy annotation when the class exists', async () => {
    const r = await graphOf(
      docs(
        readFileSync(`${CORPUS}/ingress-nginx/deploy-cloud.yaml`, 'utf8'),
        'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: legacy, annotations: {kubernetes.io/ingress.class: nginx}}\nspec: {defaultBackend: {service: {name: web, port: {number: 80}}}}',
        'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: other, annotations: {kubernetes.io/ingress.class: traefik}}\nspec: {}',
      ),
    );
    expect(edgeList(r, 'routes')).toEqual([
      'nginx[IngressClass] -> ingress-nginx/ingress-nginx-controller[Deployment]',
      'default/legacy[Ingress] -> nginx[IngressClass]',
      'default/legacy[Ingress] -> default/web[Service]:80 (missing)',
    ]);
  });
});

describe('claims', () => {
  it('PVC → StorageClass (field or beta annotation) and → its bound PV; "" and absent name no class; VCT → generated PVCs present', async () => {
    const g = await graphOf(`apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: a}
spec: {storageClassName: fast, volumeName: pv-1}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: b, annotations: {volume.beta.kubernetes.io/storage-class: slow}}
spec: {}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: c}
spec: {storageClassName: ""}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv-1}
spec: {storageClassName: fast}
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: fast}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: zk}
spec:
  replicas: 3
  selector: {matchLabels: {app: zk}}
  template: {metadata: {labels: {app: zk}}, spec: {containers: [{name: c, image: x}]}}
  volumeClaimTemplates: [{metadata: {name: data}, spec: {}}]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data-zk-1}
spec: {}
`);
    expect(edgeList(g, 'claims')).toEqual([
      'default/a[PersistentVolumeClaim] -> fast[StorageClass]',
      'default/a[PersistentVolumeClaim] -> pv-1[PersistentVolume]',
      'default/b[PersistentVolumeClaim] -> slow[StorageClass] (missing)',
      'pv-1[PersistentVolume] -> fast[StorageClass]',
      'default/zk[StatefulSet] -> default/data-zk-1[PersistentVolumeClaim]',
    ]);
  });
});

describe('owns and top owners', () => {
  const kubectlOutput = `apiVersion: v1
kind: List
items:
- apiVersion: batch/v1
  kind: CronJob
  metadata: {name: report, namespace: ops}
  spec:
    schedule: "0 * * * *"
    jobTemplate: {spec: {template: {metadata: {labels: {app: report}}, spec: {containers: [{name: c, image: x, env: [{name: DB, value: "postgres:5432"}]}]}}}}
- apiVersion: batch/v1
  kind: Job
  metadata:
    name: report-28000000
    namespace: ops
    ownerReferences: [{apiVersion: batch/v1, kind: CronJob, name: report, controller: true}]
  spec: {template: {metadata: {labels: {app: report}}, spec: {containers: [{name: c, image: x, env: [{name: DB, value: "postgres:5432"}]}]}}}
- apiVersion: v1
  kind: Pod
  metadata:
    name: report-28000000-abcde
    namespace: ops
    labels: {app: report}
    ownerReferences: [{apiVersion: batch/v1, kind: Job, name: report-28000000, controller: true}]
  spec: {containers: [{name: c, image: x, env: [{name: DB, value: "postgres:5432"}]}], serviceAccountName: reporter}
- apiVersion: v1
  kind: Service
  metadata: {name: postgres, namespace: ops}
  spec: {selector: {app: pg}, ports: [{port: 5432}]}
- apiVersion: v1
  kind: Service
  metadata: {name: report-metrics, namespace: ops}
  spec: {selector: {app: report}, ports: [{port: 9090}]}
`;

  it('draws owns along controller ownerReferences and reports pods by their top owner', async () => {
    const g = await graphOf(kubectlOutput);
    expect(edgeList(g, 'owns')).toEqual([
      'ops/report[CronJob] -> ops/report-28000000[Job]',
      'ops/report-28000000[Job] -> ops/report-28000000-abcde[Pod]',
    ]);
    expect(edgeList(g, 'selects')).toEqual(['ops/report-metrics[Service] -> ops/report[CronJob]']);
    expect(edgeList(g, 'connects')).toEqual(['ops/report[CronJob] -> ops/postgres[Service]:5432']);
  });

  it('an owned object whose owner is not in the input is named after that owner (as reach names it)', async () => {
    const g = await graphOf(
      kubectlOutput.replace(
        /- apiVersion: batch\/v1\n {2}kind: CronJob[\s\S]*?(?=- apiVersion: batch\/v1\n {2}kind: Job)/,
        '',
      ),
    );
    expect(edgeList(g, 'owns')).toEqual(['ops/report-28000000[Job] -> ops/report-28000000-abcde[Pod]']);
    expect(edgeList(g, 'connects')).toEqual(['ops/report[CronJob] -> ops/postgres[Service]:5432']);
    // The pods are in the input, so selecting them is not a dangling reference.
    expect(g.edges.filter((e) => e.type === 'selects').map((e) => [e.to, e.missing])).toEqual([
      ['ops/report[CronJob]', undefined],
    ]);
  });
});

describe('JSON shape', () => {
  it('prints nodes without objects, edges and messages, and never a Secret value', async () => {
    const secretValue = 'postgresql://app:hunter2-very-secret@postgres:5432/app';
    const g = await graphOf(
      docs(
        deployment(
          'api',
          { app: 'api' },
          {
            containers: [
              {
                name: 'c',
                image: 'x',
                env: [{ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'db', key: 'url' } } }],
              },
            ],
          },
        ),
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 'db' },
          data: { url: Buffer.from(secretValue).toString('base64') },
        }),
        service('postgres', { app: 'pg' }, [5432]),
        'not: a kubernetes object',
      ),
    );
    const json = graphToJson(g);
    expect(Object.keys(json)).toEqual(['nodes', 'edges', 'messages']);
    expect(json.nodes[0]).toEqual({
      id: 'default/api[Deployment]',
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      namespace: 'default',
      name: 'api',
      file: '<stdin>',
      line: 1,
    });
    expect(json.edges).toContainEqual({
      type: 'connects',
      from: 'default/api[Deployment]',
      to: 'default/postgres[Service]',
      port: 5432,
      evidence: 'spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef → default/db[Secret].data.url',
      declared: false,
    });
    expect(json.messages).toEqual([
      {
        severity: 'error',
        file: '<stdin>',
        document: 3,
        line: 7,
        message: expect.stringContaining('apiVersion and kind missing'),
      },
    ]);
    const text = JSON.stringify(json);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain(Buffer.from(secretValue).toString('base64'));
  });
});
