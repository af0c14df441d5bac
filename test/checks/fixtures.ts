// Fixtures for the check tests: a clean application as YAML text, variants of it made by
// editing the parsed documents and writing YAML again, and the graph of any YAML text read
// through the real reader and graph builder.
import { parseAllDocuments, stringify } from 'yaml';
import { readManifests } from '../../src/k8s/read.js';
import { buildGraph, type Graph } from '../../src/graph/index.js';
import { allChecks, runChecks, type Finding } from '../../src/checks/index.js';
import type { CheckOptions } from '../../src/checks/types.js';

const SECURE_CONTAINER = `
        securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
          capabilities: {drop: [ALL]}
        resources:
          requests: {cpu: 100m, memory: 128Mi}
          limits: {cpu: 500m, memory: 256Mi}`;

const SECURE_POD = `
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        seccompProfile: {type: RuntimeDefault}`;

/** Passes every check of the schema, references, security, availability and capacity families. */
export const CLEAN_APP = `
apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: web, namespace: shop}
automountServiceAccountToken: false
---
apiVersion: v1
kind: ConfigMap
metadata: {name: web-config, namespace: shop}
data:
  LOG_LEVEL: info
  DATABASE_HOST: db
---
apiVersion: v1
kind: Secret
metadata: {name: web-secret, namespace: shop}
stringData:
  password: hunter2
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector:
    matchLabels: {app: web}
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxUnavailable: 0, maxSurge: 1}
  template:
    metadata:
      labels: {app: web}
    spec:
      serviceAccountName: web${SECURE_POD}
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 100
            podAffinityTerm:
              topologyKey: kubernetes.io/hostname
              labelSelector:
                matchLabels: {app: web}
      volumes:
      - name: config
        configMap:
          name: web-config
          items: [{key: LOG_LEVEL, path: level}]
      containers:
      - name: web
        image: example/web:1.2.3
        ports: [{name: http, containerPort: 8080}]
        env:
        - name: DB_PASSWORD
          valueFrom: {secretKeyRef: {name: web-secret, key: password}}
        - name: LOG_LEVEL
          valueFrom: {configMapKeyRef: {name: web-config, key: LOG_LEVEL}}
        volumeMounts: [{name: config, mountPath: /etc/web}]
        readinessProbe: {httpGet: {path: /ready, port: http}}
        livenessProbe: {httpGet: {path: /live, port: http}}${SECURE_CONTAINER}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http}]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 6
  metrics:
  - type: Resource
    resource:
      name: cpu
      target: {type: Utilization, averageUtilization: 70}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web, namespace: shop}
spec:
  minAvailable: 1
  selector:
    matchLabels: {app: web}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service: {name: web, port: {number: 80}}
---
apiVersion: batch/v1
kind: Job
metadata: {name: migrate, namespace: shop}
spec:
  backoffLimit: 2
  ttlSecondsAfterFinished: 600
  template:
    spec:
      restartPolicy: Never${SECURE_POD}
      containers:
      - name: migrate
        image: example/migrate:1.2.3${SECURE_CONTAINER}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: report, namespace: shop}
spec:
  schedule: "0 3 * * *"
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      backoffLimit: 1
      template:
        spec:
          restartPolicy: OnFailure${SECURE_POD.replace(/\n/g, '\n    ')}
          containers:
          - name: report
            image: example/report:1.2.3${SECURE_CONTAINER.replace(/\n/g, '\n    ')}
`;

/** Documents of a YAML text, edited by `edit`, written back as YAML text. */
export function variant(text: string, edit: (docs: any[]) => void): string {
  const docs = parseAllDocuments(text).map((d) => d.toJS());
  edit(docs);
  return docs.map((d) => stringify(d, { version: '1.1' })).join('---\n');
}

/** The document of `kind`/`name` among `docs`. */
export function doc(docs: any[], kind: string, name: string): any {
  const d = docs.find((x) => x?.kind === kind && x?.metadata?.name === name);
  if (!d) throw new Error(`fixture has no ${kind} ${name}`);
  return d;
}

export async function graphOf(text: string, file = 'fixture.yaml'): Promise<Graph> {
  const { objects, messages } = await readManifests(['-'], { stdinText: text });
  for (const o of objects) o.source.file = file;
  return buildGraph(objects, messages);
}

/** Findings of the one check `id` over the YAML text. */
export async function findingsOf(id: string, text: string, options: CheckOptions = {}): Promise<Finding[]> {
  const check = allChecks.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id}`);
  return runChecks(await graphOf(text), { checks: [check], enable: [id], options });
}

/**
 * What `kubectl get pods -o yaml` prints for a namespace: a List of Pods whose controller, a
 * ReplicaSet, is not in it (cart-7d9f, two replicas; the first ignores run-as-root), a
 * Pod nothing owns, and a Service selecting the cart pods. The containers run privileged.
 */
export const KUBECTL_POD_LIST = (() => {
  const pod = (name: string, owner: string | undefined, annotations?: Record<string, string>) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'shop',
      labels: { app: owner ? 'cart' : name, ...(owner && { 'pod-template-hash': '7d9f' }) },
      ...(annotations && { annotations }),
      ...(owner && {
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: owner,
            uid: 'u-7d9f',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      }),
    },
    spec: { containers: [{ name: 'main', image: 'shop/app:1.0', securityContext: { privileged: true } }] },
  });
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'cart', namespace: 'shop' },
    spec: { selector: { app: 'cart' }, ports: [{ port: 80 }] },
  };
  const items = [
    pod('cart-7d9f-a', 'cart-7d9f', { 'ignore-check.shipshape.dev/run-as-root': 'the image needs root' }),
    pod('cart-7d9f-b', 'cart-7d9f'),
    pod('debug', undefined),
    service,
  ];
  return stringify({ apiVersion: 'v1', kind: 'List', items }, { version: '1.1' });
})();
