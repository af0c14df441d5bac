// Every corpus folder is checked without crashing, and the real mistakes in it are found.
// Each expectation below names a defect found by reading the manifests (see the comments).
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runChecks, type Finding } from '../../src/checks/index.js';
import { readManifests } from '../../src/k8s/read.js';
import { buildGraph } from '../../src/graph/index.js';

import { CORPUS } from '../shared-paths.js';
const FOLDERS = readdirSync(CORPUS, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'LICENSES')
  .map((d) => d.name);

const cache = new Map<string, Finding[]>();
async function check(folder: string): Promise<Finding[]> {
  if (!cache.has(folder)) {
    const { objects, messages } = await readManifests([`${CORPUS}/${folder}`]);
    cache.set(folder, runChecks(buildGraph(objects, messages)));
  }
  return cache.get(folder)!;
}

const has = (check: string, object: string, extra: Partial<Finding> = {}) =>
  expect.objectContaining({ check, object, ...extra });

describe.each(FOLDERS)('corpus %s', (folder) => {
  it('is checked without crashing, with file and line on findings about objects from files', async () => {
    const findings = await check(folder);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings.filter((x) => x.object.endsWith(']') && x.file)) expect(f.line).toBeGreaterThanOrEqual(1);
  });
  it('raises no schema errors on manifests that apply cleanly (no false unknown fields)', async () => {
    expect(
      (await check(folder)).filter((f) => f.check === 'schema-invalid' || f.check === 'custom-resource-invalid'),
    ).toEqual([]);
  });
});

describe('real defects in the corpus', () => {
  it('bank-of-anthos', async () => {
    const f = await check('bank-of-anthos');
    // jwt-key was left out of the corpus on purpose (SOURCES.md): six workloads mount it.
    expect(f).toContainEqual(
      has('missing-reference', 'default/userservice[Deployment]', {
        message: 'references Secret default/jwt-key[Secret], which is not defined',
        severity: 'error',
      }),
    );
    // Database passwords in plain ConfigMaps.
    expect(f).toContainEqual(
      has('secret-in-configmap', 'default/ledger-db-config[ConfigMap]', { path: 'data["POSTGRES_PASSWORD"]' }),
    );
    expect(f).toContainEqual(
      has('secret-in-configmap', 'default/accounts-db-config[ConfigMap]', { path: 'data["ACCOUNTS_DB_URI"]' }),
    );
    // The TLS example still uses extensions/v1beta1 Ingress (gone since 1.22).
    expect(f).toContainEqual(has('api-version-removed', 'default/frontend-ingress[Ingress]'));
    // The databases set serviceAccount: bank-of-anthos next to serviceAccountName: default.
    expect(f).toContainEqual(has('service-account-mismatch', 'default/accounts-db[StatefulSet]'));
    // The databases keep PostgreSQL data on emptyDir and name Services that are not headless.
    expect(f).toContainEqual(has('data-on-emptydir', 'default/ledger-db[StatefulSet]'));
    expect(f).toContainEqual(has('statefulset-service-not-headless', 'default/accounts-db[StatefulSet]'));
    // The postgres HPA extra scales a StatefulSet named accounts-db-postgresql that is not there.
    expect(f).toContainEqual(has('hpa-target-missing', 'default/accounts-db-postgresql[HorizontalPodAutoscaler]'));
  });

  it('k8s-examples', async () => {
    const f = await check('k8s-examples');
    // cockroachdb: minAvailable 67% of 3 replicas rounds up to 3, so no pod may ever be evicted.
    expect(f).toContainEqual(
      has('pdb-blocks-eviction', 'default/cockroachdb-budget[PodDisruptionBudget]', { severity: 'error' }),
    );
    expect(f).toContainEqual(has('api-version-removed', 'default/cockroachdb-budget[PodDisruptionBudget]'));
    expect(f).toContainEqual(has('rollout-below-pdb', 'default/cockroachdb[StatefulSet]'));
    // guestbook-go: the Service targets port "http-server", which the pods do not name.
    expect(f).toContainEqual(
      has('service-target-port-undeclared', 'default/guestbook[Service]', { path: 'spec.ports[0].targetPort' }),
    );
    // minio: access and secret keys as literal env values.
    expect(f).toContainEqual(has('secret-in-env', 'default/minio[StatefulSet]'));
  });

  it('k8s-docs-examples', async () => {
    const f = await check('k8s-docs-examples');
    expect(f).toContainEqual(
      has('api-version-removed', 'default/hello[CronJob]', {
        message: 'batch/v1beta1 CronJob was removed in Kubernetes 1.25: use batch/v1',
      }),
    );
    // zookeeper: pods are labelled app.kubernetes.io/name: zk, the anti-affinity still selects app: zk.
    expect(f).toContainEqual(has('anti-affinity-matches-nothing', 'default/zk[StatefulSet]'));
    // The HPA walkthrough's frontend scales on CPU utilization, but php-redis requests no CPU.
    expect(f).toContainEqual(has('hpa-missing-requests', 'default/frontend-scaler[HorizontalPodAutoscaler]'));
    // WordPress reads mysql-pass, which the example creates with kustomize's secretGenerator, not a manifest.
    expect(f).toContainEqual(has('missing-reference', 'default/wordpress[Deployment]'));
  });

  it('sock-shop', async () => {
    const f = await check('sock-shop');
    expect(f).toContainEqual(has('api-version-removed', 'heapster[ClusterRoleBinding]'));
    // The autoscaling folder has an HPA for "cart", but the Deployment is called "carts".
    expect(f).toContainEqual(has('hpa-target-missing', 'sock-shop/cart[HorizontalPodAutoscaler]'));
    expect(f).toContainEqual(has('hpa-target-fixed-replicas', 'sock-shop/front-end[Deployment]'));
    expect(f).toContainEqual(has('secret-in-env', 'sock-shop/catalogue-db[Deployment]'));
    // The dashboard import Job curls Grafana as admin:admin; Prometheus uses the serviceAccount alias.
    expect(f).toContainEqual(has('credentials-in-args', 'monitoring/grafana-import-dashboards[Job]'));
    expect(f).toContainEqual(has('service-account-field-deprecated', 'monitoring/prometheus-deployment[Deployment]'));
    // Unrendered Helm templates are reported with file and line, and the rest is still checked.
    expect(f).toContainEqual(
      expect.objectContaining({
        check: 'input-document',
        severity: 'error',
        file: `${CORPUS}/sock-shop/helm-chart-unrendered/templates/ingress.yaml`,
      }),
    );
  });

  it('otel-demo', async () => {
    // The rendered manifest pins its ConfigMaps and the collector to namespace otel-demo but leaves
    // the demo's own workloads without one: applied without `-n otel-demo` they land in default
    // and cannot see their ConfigMaps or the collector.
    const f = await check('otel-demo');
    expect(f).toContainEqual(
      has('missing-reference', 'default/flagd[Deployment]', {
        message: 'references ConfigMap default/flagd-config[ConfigMap], which is not defined',
      }),
    );
    expect(f).toContainEqual(
      has('connection-target-missing', 'default/cart[Deployment]', {
        message: 'connects to default/otel-collector[Service], which is not defined',
      }),
    );
    const { objects, messages } = await readManifests([`${CORPUS}/otel-demo`], { namespace: 'otel-demo' });
    const inNamespace = runChecks(buildGraph(objects, messages)).filter(
      (x) => x.check === 'missing-reference' || x.check === 'connection-target-missing',
    );
    // In the namespace, one reference dangles: frontend-proxy's FLAGD_UI_HOST=flagd-ui with
    // FLAGD_UI_PORT=4000, while the flag UI runs as a container of the flagd pod behind Service
    // flagd (port 4000); no Service flagd-ui exists.
    expect(inNamespace.map((x) => `${x.check} ${x.object} ${x.path}: ${x.message}`)).toEqual([
      'connection-target-missing otel-demo/frontend-proxy[Deployment] spec.template.spec.containers[0].env[7].value with FLAGD_UI_PORT: connects to otel-demo/flagd-ui[Service], which is not defined',
    ]);
  });

  it('online-boutique: the cart Redis keeps its data on emptyDir', async () => {
    expect(await check('online-boutique')).toContainEqual(has('data-on-emptydir', 'default/redis-cart[Deployment]'));
  });

  it('online-boutique', async () => {
    // The frontend is configured with SHOPPING_ASSISTANT_SERVICE_ADDR=shoppingassistantservice:80,
    // a Service the release manifests do not deploy.
    expect(await check('online-boutique')).toContainEqual(
      has('connection-target-missing', 'default/frontend[Deployment]', {
        message: 'connects to default/shoppingassistantservice[Service], which is not defined',
        severity: 'warning',
      }),
    );
  });

  it('argo-cd', async () => {
    // Anti-affinity on app.kubernetes.io/part-of: argocd, a label no argocd pod template carries.
    expect(await check('argo-cd')).toContainEqual(
      has('anti-affinity-matches-nothing', 'default/argocd-dex-server[Deployment]'),
    );
  });

  it('gke-samples', async () => {
    const f = await check('gke-samples');
    expect(f).toContainEqual(has('hpa-missing-requests', 'default/frontend-cpu-hpa[HorizontalPodAutoscaler]'));
    // The same HPAs in three API versions: in the folder the first (autoscaling/v1) wins as a
    // duplicate is reported, so the removed versions are checked file by file.
    expect(f).toContainEqual(
      expect.objectContaining({
        check: 'input-document',
        severity: 'warning',
        message: expect.stringContaining('duplicate object default/cartservice-memory-hpa[HorizontalPodAutoscaler]'),
      }),
    );
    for (const version of ['v2beta1', 'v2beta2']) {
      const { objects } = await readManifests([
        `${CORPUS}/gke-samples/cost-optimization/gke-shift-left-cost/api/testdata/hpa/hpa-${version}.yaml`,
      ]);
      expect(runChecks(buildGraph(objects))).toContainEqual(
        has('api-version-removed', 'default/cartservice-memory-hpa[HorizontalPodAutoscaler]', {
          message: expect.stringContaining(`autoscaling/${version} HorizontalPodAutoscaler was removed in Kubernetes`),
        }),
      );
    }
  });

  it('kube-prometheus: custom resources are validated against the CRDs in the input', async () => {
    const f = await check('kube-prometheus');
    expect(f.filter((x) => x.check === 'custom-resource-unchecked').map((x) => x.object)).not.toContainEqual(
      expect.stringMatching(/\[(PrometheusRule|ServiceMonitor|Prometheus)\]$/),
    );
    expect(f).toContainEqual(
      has('capabilities-added', 'monitoring/node-exporter[DaemonSet]', {
        message: 'container "node-exporter" adds capability SYS_TIME',
        severity: 'error',
      }),
    );
  });
});
