// One failing and one passing fixture per check (network and monitoring have their own tests).
// `fail` must produce a finding matching `expect`; `pass` (default: the clean app) must produce none.
import type { Finding } from '../../src/checks/types.js';
import { stringify } from 'yaml';
import { expect } from 'vitest';
import { CLEAN_APP, doc, variant } from './fixtures.js';

export interface CheckCase {
  id: string;
  /** What the failing fixture shows. */
  title: string;
  fail: string;
  expect: Partial<Finding>;
  pass?: string;
  options?: { nodes?: string };
}

const web = (docs: any[]) => doc(docs, 'Deployment', 'web');
const webPod = (docs: any[]) => web(docs).spec.template.spec;
const webContainer = (docs: any[]) => webPod(docs).containers[0];
const C0 = 'spec.template.spec.containers[0]';

const STATEFUL = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec:
  serviceName: db-headless
  replicas: 1
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: postgres:17}]
`;

const edit = (fn: (docs: any[]) => void) => variant(CLEAN_APP, fn);
const extra = (yaml: string) => `${CLEAN_APP}\n---\n${yaml}`;

/** A role named web-access with `rules`, bound by `binding` to the web ServiceAccount (or `subject`). */
function rbac(
  roleKind: 'Role' | 'ClusterRole',
  rules: object[],
  binding: 'RoleBinding' | 'ClusterRoleBinding' = 'RoleBinding',
  subject: object = { kind: 'ServiceAccount', name: 'web', namespace: 'shop' },
): string {
  const ns = (kind: string) => (kind === 'Role' || kind === 'RoleBinding' ? { namespace: 'shop' } : {});
  const role = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: roleKind,
    metadata: { name: 'web-access', ...ns(roleKind) },
    rules,
  };
  const bind = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: binding,
    metadata: { name: 'web-access', ...ns(binding) },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: 'web-access' },
    subjects: [subject],
  };
  return `${stringify(role)}---\n${stringify(bind)}`;
}

export const cases: CheckCase[] = [
  // --- schema ---
  {
    id: 'schema-invalid',
    title: 'a string where an integer belongs',
    fail: edit((d) => {
      web(d).spec.revisionHistoryLimit = 'ten';
    }),
    expect: {
      object: 'shop/web[Deployment]',
      path: 'spec.revisionHistoryLimit',
      message: 'expected an integer, got "ten"',
      file: 'fixture.yaml',
    },
  },
  {
    id: 'schema-invalid',
    title: 'an unknown field',
    fail: edit((d) => {
      webContainer(d).imagePullPolice = 'Always';
    }),
    expect: { path: `${C0}.imagePullPolice`, message: 'unknown field "imagePullPolice"' },
  },
  {
    id: 'api-version-removed',
    title: 'batch/v1beta1 CronJob',
    fail: edit((d) => {
      doc(d, 'CronJob', 'report').apiVersion = 'batch/v1beta1';
    }),
    expect: {
      object: 'shop/report[CronJob]',
      path: 'apiVersion',
      message: 'batch/v1beta1 CronJob was removed in Kubernetes 1.25: use batch/v1',
    },
  },
  {
    id: 'api-version-deprecated',
    title: 'v1 Endpoints',
    fail: extra('apiVersion: v1\nkind: Endpoints\nmetadata: {name: legacy, namespace: shop}\nsubsets: []\n'),
    expect: { object: 'shop/legacy[Endpoints]', severity: 'warning' },
  },
  {
    id: 'unknown-kind',
    title: 'a misspelled built-in kind',
    fail: extra('apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: typo, namespace: shop}\n'),
    expect: { object: 'shop/typo[Deploymnet]', message: 'apps/v1 has no kind Deploymnet' },
  },
  {
    id: 'custom-resource-invalid',
    title: 'a custom resource against its CRD',
    fail: extra(`
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            required: [size]
            properties:
              size: {type: integer}
              color: {type: string, enum: [red, blue]}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w, namespace: shop}
spec: {color: green, shape: round}
`),
    expect: { object: 'shop/w[Widget]', path: 'spec.color', message: 'expected one of "red", "blue", got "green"' },
  },
  {
    id: 'custom-resource-unchecked',
    title: 'a custom resource without its CRD',
    fail: extra(
      'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: web, namespace: shop}\nspec: {}\n',
    ),
    expect: { object: 'shop/web[ServiceMonitor]', severity: 'info' },
  },
  {
    id: 'input-document',
    title: 'a document that is no object',
    fail: `${CLEAN_APP}\n---\njust: a map\n`,
    expect: { severity: 'error' },
  },

  // --- references ---
  {
    id: 'missing-reference',
    title: 'a Secret that is not defined',
    fail: edit((d) => {
      webContainer(d).env[0].valueFrom.secretKeyRef.name = 'nope';
    }),
    expect: {
      object: 'shop/web[Deployment]',
      path: `${C0}.env[0].valueFrom.secretKeyRef.name`,
      message: 'references Secret shop/nope[Secret], which is not defined',
      severity: 'error',
    },
    pass: edit((d) => {
      Object.assign(webContainer(d).env[0].valueFrom.secretKeyRef, { name: 'nope', optional: true });
    }),
  },
  {
    id: 'missing-reference',
    title: 'a Secret neither defined nor declared external',
    fail: edit((d) => {
      webContainer(d).env[0].valueFrom.secretKeyRef.name = 'db-credentials';
    }),
    expect: { message: 'references Secret shop/db-credentials[Secret], which is not defined' },
    pass: edit((d) => {
      webContainer(d).env[0].valueFrom.secretKeyRef.name = 'db-credentials';
      doc(d, 'Namespace', 'shop').metadata.annotations = {
        'shipshape.dev/external-secrets': 'db-credentials:password',
      };
    }),
  },
  {
    id: 'missing-reference',
    title: 'an Ingress TLS Secret not defined (a warning)',
    fail: edit((d) => {
      doc(d, 'Ingress', 'web').spec.tls = [{ hosts: ['shop.example.com'], secretName: 'web-tls' }];
    }),
    expect: { object: 'shop/web[Ingress]', severity: 'warning', path: 'spec.tls[0].secretName' },
    pass: edit((d) => {
      const i = doc(d, 'Ingress', 'web');
      i.spec.tls = [{ hosts: ['shop.example.com'], secretName: 'web-tls' }];
      i.metadata.annotations = { 'cert-manager.io/cluster-issuer': 'letsencrypt' };
    }),
  },
  {
    id: 'missing-key',
    title: 'a key an external Secret does not declare',
    fail: edit((d) => {
      webContainer(d).env[0].valueFrom.secretKeyRef = { name: 'db-credentials', key: 'pasword' };
      doc(d, 'Namespace', 'shop').metadata.annotations = {
        'shipshape.dev/external-secrets': 'db-credentials:username|password',
      };
    }),
    expect: { message: 'Secret db-credentials has no key "pasword"' },
  },
  {
    id: 'missing-key',
    title: 'a ConfigMap key that is not there',
    fail: edit((d) => {
      webContainer(d).env[1].valueFrom.configMapKeyRef.key = 'LEVEL';
    }),
    expect: { path: `${C0}.env[1].valueFrom.configMapKeyRef.key`, message: 'ConfigMap web-config has no key "LEVEL"' },
  },
  {
    id: 'missing-key',
    title: 'a volume item key that is not there',
    fail: edit((d) => {
      webPod(d).volumes[0].configMap.items[0].key = 'MISSING';
    }),
    expect: { path: 'spec.template.spec.volumes[0].configMap.items[0].key' },
  },
  {
    id: 'service-account-mismatch',
    title: 'serviceAccount and serviceAccountName differ',
    fail: edit((d) => {
      webPod(d).serviceAccount = 'default';
    }),
    expect: { path: 'spec.template.spec.serviceAccount' },
    pass: edit((d) => {
      webPod(d).serviceAccount = 'web';
    }),
  },
  {
    id: 'service-selects-nothing',
    title: 'a selector no pod matches',
    fail: edit((d) => {
      doc(d, 'Service', 'web').spec.selector = { app: 'webb' };
    }),
    expect: { object: 'shop/web[Service]', path: 'spec.selector' },
  },
  {
    id: 'service-selects-nothing',
    title: 'softened to info where custom resources may make the pods',
    fail: extra(
      'apiVersion: v1\nkind: Service\nmetadata: {name: prometheus, namespace: shop}\nspec: {selector: {app: prometheus}, ports: [{port: 9090}]}\n---\napiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata: {name: k8s, namespace: shop}\nspec: {}\n',
    ),
    expect: {
      object: 'shop/prometheus[Service]',
      severity: 'info',
      message:
        'selector {"app":"prometheus"} matches no pods in namespace shop (operators may create pods from custom resources such as shop/k8s[Prometheus], which the input does not show)',
    },
  },
  {
    id: 'hpa-target-missing',
    title: 'scaleTargetRef to a missing Deployment',
    fail: edit((d) => {
      doc(d, 'HorizontalPodAutoscaler', 'web').spec.scaleTargetRef.name = 'api';
    }),
    expect: {
      object: 'shop/web[HorizontalPodAutoscaler]',
      message: 'scales shop/api[Deployment], which is not defined',
    },
  },
  {
    id: 'pdb-selects-nothing',
    title: 'a PDB selecting no pods',
    fail: edit((d) => {
      doc(d, 'PodDisruptionBudget', 'web').spec.selector.matchLabels = { app: 'api' };
    }),
    expect: { object: 'shop/web[PodDisruptionBudget]' },
  },
  {
    id: 'selector-template-mismatch',
    title: 'selector not matching template labels',
    fail: edit((d) => {
      web(d).spec.selector.matchLabels = { app: 'web', tier: 'front' };
    }),
    expect: { object: 'shop/web[Deployment]', path: 'spec.selector' },
  },
  {
    id: 'anti-affinity-matches-nothing',
    title: 'anti-affinity on labels the pods lack (the zookeeper example)',
    fail: edit((d) => {
      webPod(
        d,
      ).affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector = {
        matchLabels: { app: 'zk' },
      };
    }),
    expect: {
      path: 'spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector',
    },
  },
  {
    id: 'statefulset-service-missing',
    title: 'serviceName naming no Service',
    fail: `${CLEAN_APP}\n---\n${STATEFUL}`,
    expect: {
      object: 'shop/db[StatefulSet]',
      path: 'spec.serviceName',
      message: 'serviceName "db-headless" names no Service in namespace shop: pods get no stable DNS names',
    },
    pass: `${CLEAN_APP}\n---\n${STATEFUL}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: db-headless, namespace: shop}\nspec: {clusterIP: None, selector: {app: db}, ports: [{port: 5432}]}\n`,
  },
  {
    id: 'probe-port-undeclared',
    title: 'a probe on a port name the container lacks',
    fail: edit((d) => {
      webContainer(d).readinessProbe.httpGet.port = 'metrics';
    }),
    expect: {
      path: `${C0}.readinessProbe.httpGet.port`,
      message: 'readinessProbe uses port "metrics", which container "web" does not declare',
    },
  },
  {
    id: 'service-target-port-undeclared',
    title: 'a targetPort name the pods lack (the guestbook example)',
    fail: edit((d) => {
      doc(d, 'Service', 'web').spec.ports[0].targetPort = 'http-server';
    }),
    expect: { object: 'shop/web[Service]', path: 'spec.ports[0].targetPort' },
  },
  {
    id: 'ingress-backend-missing',
    title: 'an Ingress to a missing Service',
    fail: edit((d) => {
      doc(d, 'Ingress', 'web').spec.rules[0].http.paths[0].backend.service.name = 'www';
    }),
    expect: { object: 'shop/web[Ingress]', message: 'routes to shop/www[Service], which is not defined' },
  },
  {
    id: 'ingress-backend-missing',
    title: 'an Ingress to a port the Service lacks',
    fail: edit((d) => {
      doc(d, 'Ingress', 'web').spec.rules[0].http.paths[0].backend.service.port = { number: 8080 };
    }),
    expect: { message: 'routes to port 8080 of shop/web[Service], which has no such port' },
  },
  {
    id: 'connection-target-missing',
    title: 'a declared connection to a missing Service',
    fail: edit((d) => {
      web(d).metadata.annotations = { 'shipshape.dev/connects': 'postgres:5432' };
    }),
    expect: {
      object: 'shop/web[Deployment]',
      severity: 'error',
      message: 'connects to shop/postgres[Service], which is not defined',
    },
    pass: edit((d) => {
      web(d).metadata.annotations = { 'shipshape.dev/connects': 'web:80' };
    }),
  },

  // --- security ---
  {
    id: 'privileged-container',
    title: 'privileged: true',
    fail: edit((d) => {
      webContainer(d).securityContext.privileged = true;
    }),
    expect: { path: `${C0}.securityContext.privileged` },
  },
  {
    id: 'privilege-escalation',
    title: 'allowPrivilegeEscalation unset',
    fail: edit((d) => {
      delete webContainer(d).securityContext.allowPrivilegeEscalation;
    }),
    expect: { path: `${C0}.securityContext.allowPrivilegeEscalation` },
  },
  {
    id: 'run-as-root',
    title: 'runAsNonRoot missing',
    fail: edit((d) => {
      delete webPod(d).securityContext.runAsNonRoot;
    }),
    expect: { severity: 'warning', path: `${C0}.securityContext.runAsNonRoot` },
  },
  {
    id: 'run-as-root',
    title: 'runAsUser 0 in the container overrides the pod',
    fail: edit((d) => {
      webContainer(d).securityContext.runAsUser = 0;
    }),
    expect: { severity: 'error', path: `${C0}.securityContext.runAsUser` },
  },
  {
    id: 'capabilities-added',
    title: 'SYS_ADMIN added',
    fail: edit((d) => {
      webContainer(d).securityContext.capabilities.add = ['SYS_ADMIN'];
    }),
    expect: { severity: 'error', path: `${C0}.securityContext.capabilities.add[0]` },
    pass: edit((d) => {
      webContainer(d).securityContext.capabilities.add = ['NET_BIND_SERVICE'];
    }),
  },
  {
    id: 'capabilities-not-dropped',
    title: 'drop ALL missing',
    fail: edit((d) => {
      webContainer(d).securityContext.capabilities.drop = ['NET_RAW'];
    }),
    expect: { path: `${C0}.securityContext.capabilities.drop` },
  },
  {
    id: 'host-namespaces',
    title: 'hostNetwork',
    fail: edit((d) => {
      webPod(d).hostNetwork = true;
    }),
    expect: { path: 'spec.template.spec.hostNetwork', message: "pod uses the host's network namespace" },
  },
  {
    id: 'host-ports',
    title: 'a hostPort',
    fail: edit((d) => {
      webContainer(d).ports[0].hostPort = 8080;
    }),
    expect: { path: `${C0}.ports[0].hostPort` },
  },
  {
    id: 'host-path-volumes',
    title: 'a hostPath volume',
    fail: edit((d) => {
      webPod(d).volumes.push({ name: 'docker', hostPath: { path: '/var/run/docker.sock' } });
    }),
    expect: { path: 'spec.template.spec.volumes[1].hostPath' },
  },
  {
    id: 'host-path-persistent-volume',
    title: 'a PersistentVolume on a node directory',
    fail: extra(
      'apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: logs-pv}\nspec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /mnt/logs}}\n',
    ),
    expect: { object: 'logs-pv[PersistentVolume]', path: 'spec.hostPath' },
    pass: extra(
      'apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: logs-pv}\nspec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteMany], nfs: {server: nfs.example.com, path: /exports/logs}}\n',
    ),
  },
  {
    id: 'writable-root-filesystem',
    title: 'readOnlyRootFilesystem unset',
    fail: edit((d) => {
      delete webContainer(d).securityContext.readOnlyRootFilesystem;
    }),
    expect: { path: `${C0}.securityContext.readOnlyRootFilesystem` },
  },
  {
    id: 'missing-seccomp',
    title: 'no seccomp profile',
    fail: edit((d) => {
      delete webPod(d).securityContext.seccompProfile;
    }),
    expect: { path: 'spec.template.spec.securityContext.seccompProfile' },
    pass: edit((d) => {
      delete webPod(d).securityContext.seccompProfile;
      webContainer(d).securityContext.seccompProfile = { type: 'RuntimeDefault' };
    }),
  },
  {
    id: 'missing-seccomp',
    title: 'no seccomp profile, but only on Linux pods',
    fail: edit((d) => {
      delete webPod(d).securityContext.seccompProfile;
    }),
    expect: { object: 'shop/web[Deployment]' },
    pass: edit((d) => {
      delete webPod(d).securityContext.seccompProfile;
      webPod(d).os = { name: 'windows' };
    }),
  },
  {
    id: 'missing-seccomp',
    title: 'seccomp Unconfined',
    fail: edit((d) => {
      webContainer(d).securityContext.seccompProfile = { type: 'Unconfined' };
    }),
    expect: { path: `${C0}.securityContext.seccompProfile.type` },
  },
  {
    id: 'unsafe-sysctls',
    title: 'a sysctl outside the safe set',
    fail: edit((d) => {
      webPod(d).securityContext.sysctls = [{ name: 'net.core.somaxconn', value: '1024' }];
    }),
    expect: {
      path: 'spec.template.spec.securityContext.sysctls[0].name',
      message: 'pod sets unsafe sysctl net.core.somaxconn',
    },
    pass: edit((d) => {
      webPod(d).securityContext.sysctls = [{ name: 'net.ipv4.tcp_keepalive_time', value: '600' }];
    }),
  },
  {
    id: 'host-process',
    title: 'a Windows HostProcess pod',
    fail: edit((d) => {
      webPod(d).securityContext.windowsOptions = { hostProcess: true };
    }),
    expect: { path: 'spec.template.spec.securityContext.windowsOptions.hostProcess' },
  },
  {
    id: 'proc-mount-unmasked',
    title: 'procMount Unmasked',
    fail: edit((d) => {
      webContainer(d).securityContext.procMount = 'Unmasked';
    }),
    expect: { path: `${C0}.securityContext.procMount` },
    pass: edit((d) => {
      webContainer(d).securityContext.procMount = 'Default';
    }),
  },
  {
    id: 'apparmor-unconfined',
    title: 'AppArmor Unconfined in the pod',
    fail: edit((d) => {
      webPod(d).securityContext.appArmorProfile = { type: 'Unconfined' };
    }),
    expect: { path: 'spec.template.spec.securityContext.appArmorProfile.type' },
    pass: edit((d) => {
      webPod(d).securityContext.appArmorProfile = { type: 'Unconfined' };
      webContainer(d).securityContext.appArmorProfile = { type: 'RuntimeDefault' };
    }),
  },
  {
    id: 'apparmor-unconfined',
    title: 'the beta AppArmor annotation',
    fail: edit((d) => {
      web(d).spec.template.metadata.annotations = {
        'container.apparmor.security.beta.kubernetes.io/web': 'unconfined',
      };
    }),
    expect: { path: 'spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/web"]' },
  },
  {
    id: 'selinux-custom',
    title: 'a custom SELinux type and user',
    fail: edit((d) => {
      webPod(d).securityContext.seLinuxOptions = { type: 'spc_t', user: 'system_u' };
    }),
    expect: {
      path: 'spec.template.spec.securityContext.seLinuxOptions.type',
      message: 'SELinux type spc_t is not a container type',
    },
    pass: edit((d) => {
      webPod(d).securityContext.seLinuxOptions = { type: 'container_t', level: 's0:c123,c456' };
    }),
  },
  {
    id: 'restricted-volume-types',
    title: 'an NFS volume',
    fail: edit((d) => {
      webPod(d).volumes.push({ name: 'share', nfs: { server: 'nfs.example.com', path: '/export' } });
    }),
    expect: { path: 'spec.template.spec.volumes[1].nfs', message: 'volume "share" is of type nfs' },
    pass: edit((d) => {
      webPod(d).volumes.push({ name: 'tmp', emptyDir: {} }, { name: 'info', downwardAPI: { items: [] } });
    }),
  },
  {
    id: 'secret-in-env',
    title: 'a literal password',
    fail: edit((d) => {
      webContainer(d).env.push({ name: 'POSTGRES_PASSWORD', value: 's3cr3t-value' });
    }),
    expect: {
      path: `${C0}.env[2].value`,
      message: 'container "web" env POSTGRES_PASSWORD is named like a credential and has a literal value',
    },
    pass: edit((d) => {
      webContainer(d).env.push(
        { name: 'PASSWORD_FILE', value: '/run/secrets/pw' },
        { name: 'TOKEN', value: '$(OTHER)' },
      );
    }),
  },
  {
    id: 'secret-in-env',
    title: 'a URL with a password',
    fail: edit((d) => {
      webContainer(d).env.push({ name: 'DATABASE_URL', value: 'postgresql://app:pw123@db:5432/app' });
    }),
    expect: { message: 'container "web" env DATABASE_URL holds a URL with a password' },
  },
  {
    id: 'secret-in-configmap',
    title: 'a password in a ConfigMap (the bank-of-anthos example)',
    fail: edit((d) => {
      doc(d, 'ConfigMap', 'web-config').data.POSTGRES_PASSWORD = 'password';
    }),
    expect: { object: 'shop/web-config[ConfigMap]', path: 'data["POSTGRES_PASSWORD"]' },
  },
  {
    id: 'service-account-token-automount',
    title: 'a token mounted that no binding uses',
    fail: edit((d) => {
      delete webPod(d).automountServiceAccountToken;
      doc(d, 'ServiceAccount', 'web').automountServiceAccountToken = true;
    }),
    expect: { path: 'spec.template.spec.automountServiceAccountToken' },
    pass: edit((d) => {
      delete webPod(d).automountServiceAccountToken;
      d.push({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'web', namespace: 'shop' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
        subjects: [{ kind: 'ServiceAccount', name: 'web' }],
      });
    }),
  },
  {
    id: 'latest-tag',
    title: 'an untagged image',
    fail: edit((d) => {
      webContainer(d).image = 'registry:5000/example/web';
    }),
    expect: { message: 'container "web" image registry:5000/example/web has no tag' },
    pass: edit((d) => {
      webContainer(d).image = 'registry:5000/example/web@sha256:0123456789abcdef';
    }),
  },
  {
    id: 'latest-tag',
    title: 'the latest tag',
    fail: edit((d) => {
      webContainer(d).image = 'example/web:latest';
    }),
    expect: { path: `${C0}.image` },
  },
  {
    id: 'wildcard-rbac',
    title: 'a "*" verb',
    fail: extra(
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: all, namespace: shop}\nrules:\n- apiGroups: [""]\n  resources: [pods]\n  verbs: ["*"]\n',
    ),
    expect: { object: 'shop/all[Role]', path: 'rules[0]', message: 'rule grants "*" in verbs' },
  },
  {
    id: 'cluster-admin-binding',
    title: 'a cluster-admin binding',
    fail: extra(
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: admin}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}\nsubjects: [{kind: ServiceAccount, name: web, namespace: shop}]\n',
    ),
    expect: { object: 'admin[ClusterRoleBinding]', path: 'roleRef.name' },
  },
  {
    id: 'service-exposed',
    title: 'a NodePort Service',
    fail: edit((d) => {
      doc(d, 'Service', 'web').spec.type = 'NodePort';
    }),
    expect: { object: 'shop/web[Service]', severity: 'warning' },
  },

  // --- availability ---
  {
    id: 'missing-requests',
    title: 'no requests and no limits',
    fail: edit((d) => {
      delete webContainer(d).resources;
    }),
    expect: { message: 'container "web" has no cpu or memory request' },
    pass: edit((d) => {
      webContainer(d).resources = { limits: { cpu: '1', memory: '1Gi' } };
    }),
  },
  {
    id: 'missing-limits',
    title: 'no memory limit',
    fail: edit((d) => {
      delete webContainer(d).resources.limits.memory;
    }),
    expect: { path: `${C0}.resources.limits.memory`, severity: 'warning' },
  },
  {
    id: 'missing-readiness-probe',
    title: 'a served container without readiness probe',
    fail: edit((d) => {
      delete webContainer(d).readinessProbe;
    }),
    expect: { path: `${C0}.readinessProbe` },
  },
  {
    id: 'missing-liveness-probe',
    title: 'a served container without liveness probe',
    fail: edit((d) => {
      delete webContainer(d).livenessProbe;
    }),
    expect: { path: `${C0}.livenessProbe`, severity: 'info' },
  },
  {
    id: 'pdb-blocks-eviction',
    title: 'minAvailable 67% of 3 rounds up to 3 (the cockroachdb example)',
    fail: edit((d) => {
      doc(d, 'HorizontalPodAutoscaler', 'web').spec.minReplicas = 3;
      doc(d, 'PodDisruptionBudget', 'web').spec.minAvailable = '67%';
    }),
    expect: { object: 'shop/web[PodDisruptionBudget]', path: 'spec.minAvailable' },
    pass: edit((d) => {
      doc(d, 'HorizontalPodAutoscaler', 'web').spec.minReplicas = 3;
      doc(d, 'PodDisruptionBudget', 'web').spec.minAvailable = '66%';
    }),
  },
  {
    id: 'pdb-blocks-eviction',
    title: 'maxUnavailable 0',
    fail: edit((d) => {
      const s = doc(d, 'PodDisruptionBudget', 'web').spec;
      delete s.minAvailable;
      s.maxUnavailable = 0;
    }),
    expect: { path: 'spec.maxUnavailable' },
  },
  {
    id: 'single-replica',
    title: 'an HPA minimum of 1',
    fail: edit((d) => {
      doc(d, 'HorizontalPodAutoscaler', 'web').spec.minReplicas = 1;
    }),
    expect: { object: 'shop/web[Deployment]', message: 'serves traffic with a single replica at the HPA minimum' },
  },
  {
    id: 'rollout-below-pdb',
    title: 'maxUnavailable 2 of 3 against minAvailable 2',
    fail: edit((d) => {
      doc(d, 'HorizontalPodAutoscaler', 'web').spec.minReplicas = 3;
      doc(d, 'PodDisruptionBudget', 'web').spec.minAvailable = 2;
      web(d).spec.strategy.rollingUpdate = { maxUnavailable: 2, maxSurge: 0 };
    }),
    expect: {
      object: 'shop/web[Deployment]',
      path: 'spec.strategy.rollingUpdate.maxUnavailable',
      message: 'a rollout can leave 1 of 3 pod(s) available, below the 2 that shop/web[PodDisruptionBudget] requires',
    },
    pass: edit((d) => {
      doc(d, 'HorizontalPodAutoscaler', 'web').spec.minReplicas = 3;
      doc(d, 'PodDisruptionBudget', 'web').spec.minAvailable = 2;
      web(d).spec.strategy.rollingUpdate = { maxUnavailable: '25%', maxSurge: 1 };
    }),
  },
  {
    id: 'hpa-min-above-max',
    title: 'minReplicas above maxReplicas',
    fail: edit((d) => {
      doc(d, 'HorizontalPodAutoscaler', 'web').spec.minReplicas = 8;
    }),
    expect: { object: 'shop/web[HorizontalPodAutoscaler]', message: 'minReplicas 8 is above maxReplicas 6' },
  },
  {
    id: 'hpa-missing-requests',
    title: 'CPU utilization without CPU requests',
    fail: edit((d) => {
      webContainer(d).resources = { requests: { memory: '128Mi' }, limits: { memory: '256Mi' } };
    }),
    expect: { object: 'shop/web[HorizontalPodAutoscaler]', path: 'spec.metrics[0]' },
  },
  {
    id: 'hpa-target-fixed-replicas',
    title: 'spec.replicas on an HPA target',
    fail: edit((d) => {
      web(d).spec.replicas = 2;
    }),
    expect: { object: 'shop/web[Deployment]', path: 'spec.replicas' },
  },
  {
    id: 'job-backoff-limit',
    title: 'a Job without backoffLimit',
    fail: edit((d) => {
      delete doc(d, 'Job', 'migrate').spec.backoffLimit;
    }),
    expect: { object: 'shop/migrate[Job]', severity: 'info' },
  },
  {
    id: 'job-ttl',
    title: 'a Job without ttlSecondsAfterFinished',
    fail: edit((d) => {
      delete doc(d, 'Job', 'migrate').spec.ttlSecondsAfterFinished;
    }),
    expect: { object: 'shop/migrate[Job]', path: 'spec.ttlSecondsAfterFinished' },
  },
  {
    id: 'cronjob-concurrency-policy',
    title: 'a CronJob without concurrencyPolicy',
    fail: edit((d) => {
      delete doc(d, 'CronJob', 'report').spec.concurrencyPolicy;
    }),
    expect: { object: 'shop/report[CronJob]' },
  },

  // --- capacity ---
  {
    id: 'capacity-totals',
    title: 'totals per namespace',
    fail: CLEAN_APP,
    expect: {
      object: 'shop[Namespace]',
      message:
        '3 workload(s): at minimum 4 pod(s), requests 400m CPU / 512Mi, limits 2 CPU / 1Gi; at HPA maximum 8 pod(s), requests 800m CPU / 1Gi, limits 4 CPU / 2Gi',
    },
    pass: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: empty}\n',
  },
  {
    id: 'capacity-per-component',
    title: 'per component, when enabled',
    fail: CLEAN_APP,
    expect: {
      object: 'shop/web[Deployment]',
      message:
        '2–6 pod(s): at minimum requests 200m CPU / 256Mi, limits 1 CPU / 512Mi; at maximum requests 600m CPU / 768Mi, limits 3 CPU / 1.5Gi',
    },
    pass: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: empty}\n',
  },
  {
    id: 'capacity-fit',
    title: 'pods Pending at the HPA maximum on --nodes',
    fail: CLEAN_APP,
    // 600m less the default reserve of 100m
    options: { nodes: '1x600mcpu4Gi' },
    expect: {
      object: 'shop/web[Deployment]',
      severity: 'warning',
      message:
        '3 pod(s) stay Pending when the autoscalers are at their maximum, on --nodes 1x600mcpu4Gi: 0/1 nodes are available: 1 Insufficient cpu.',
    },
    pass: edit((d) => {
      doc(d, 'HorizontalPodAutoscaler', 'web').spec.maxReplicas = 3;
    }),
  },
  {
    id: 'capacity-fit',
    title: 'pods Pending at the minimum on a Namespace pool',
    fail: edit((d) => {
      doc(d, 'Namespace', 'shop').metadata.annotations = { 'shipshape.dev/node-pool': '1x300mcpu4Gi' };
    }),
    expect: {
      object: 'shop/web[Deployment]',
      severity: 'error',
      message:
        '2 pod(s) stay Pending at the minimum replica count on node pool 1x300mcpu4Gi: 0/1 nodes are available: 1 Insufficient cpu.',
    },
    pass: edit((d) => {
      doc(d, 'Namespace', 'shop').metadata.annotations = { 'shipshape.dev/node-pool': '2x1cpu4Gi' };
    }),
  },
  {
    id: 'capacity-fit',
    title: 'an invalid node-pool annotation',
    fail: edit((d) => {
      doc(d, 'Namespace', 'shop').metadata.annotations = { 'shipshape.dev/node-pool': 'three big nodes' };
    }),
    expect: { object: 'shop[Namespace]', severity: 'error' },
  },
  {
    id: 'api-version-removed',
    title: 'an extensions/v1beta1 NetworkPolicy is reported as removed, with its replacement',
    fail: extra(
      'apiVersion: extensions/v1beta1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: shop}\nspec: {podSelector: {}, policyTypes: [Ingress]}\n',
    ),
    expect: {
      object: 'shop/deny[NetworkPolicy]',
      message: 'extensions/v1beta1 NetworkPolicy was removed in Kubernetes 1.16: use networking.k8s.io/v1',
    },
  },
  {
    id: 'secret-in-env',
    title: 'a password glued to a prefix (PGPASSWORD)',
    fail: edit((d) => {
      webContainer(d).env.push({ name: 'PGPASSWORD', value: 'hunter2' });
    }),
    expect: { message: 'container "web" env PGPASSWORD is named like a credential and has a literal value' },
  },
  // --- issue 14: checks an expert adds ---
  {
    id: 'restart-policy-invalid',
    title: 'restartPolicy Never on a Deployment',
    fail: edit((d) => {
      webPod(d).restartPolicy = 'Never';
    }),
    expect: {
      object: 'shop/web[Deployment]',
      path: 'spec.template.spec.restartPolicy',
      message: 'restartPolicy is Never, which a Deployment rejects (allowed: Always)',
    },
    pass: edit((d) => {
      webPod(d).restartPolicy = 'Always';
    }),
  },
  {
    id: 'restart-policy-invalid',
    title: 'a Job without restartPolicy (defaults to Always)',
    fail: edit((d) => {
      delete doc(d, 'Job', 'migrate').spec.template.spec.restartPolicy;
    }),
    expect: {
      object: 'shop/migrate[Job]',
      message: 'restartPolicy defaults to Always, which a Job rejects (allowed: OnFailure, Never)',
    },
  },
  {
    id: 'env-duplicate',
    title: 'one variable defined twice',
    fail: edit((d) => {
      webContainer(d).env.push({ name: 'LOG_LEVEL', value: 'debug' });
    }),
    expect: {
      path: `${C0}.env[2].name`,
      message: 'container "web" defines env LOG_LEVEL again (first at env[1]): this later value wins',
    },
  },
  {
    id: 'statefulset-service-not-headless',
    title: 'serviceName naming a Service with a cluster IP',
    fail: `${CLEAN_APP}\n---\n${STATEFUL}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: db-headless, namespace: shop}\nspec: {selector: {app: db}, ports: [{port: 5432}]}\n`,
    expect: {
      object: 'shop/db[StatefulSet]',
      path: 'spec.serviceName',
      message:
        'serviceName "db-headless" names shop/db-headless[Service], which is not headless (clusterIP is not None): pods get no stable DNS names',
    },
    pass: `${CLEAN_APP}\n---\n${STATEFUL}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: db-headless, namespace: shop}\nspec: {clusterIP: None, selector: {app: db}, ports: [{port: 5432}]}\n`,
  },
  {
    id: 'service-account-field-deprecated',
    title: 'the deprecated serviceAccount alias',
    fail: edit((d) => {
      webPod(d).serviceAccount = 'web';
    }),
    expect: {
      path: 'spec.template.spec.serviceAccount',
      severity: 'info',
      message: 'uses the deprecated field serviceAccount ("web")',
    },
    // Different from serviceAccountName is service-account-mismatch's error, not this hint.
    pass: edit((d) => {
      webPod(d).serviceAccount = 'other';
    }),
  },
  {
    id: 'credentials-in-args',
    title: 'a literal password flag (--password password)',
    fail: edit((d) => {
      webContainer(d).args = ['--user', 'admin', '--password', 'password'];
    }),
    expect: {
      path: `${C0}.args`,
      message: 'container "web" args passes password as a literal value',
    },
    pass: edit((d) => {
      webContainer(d).args = ['--password-file', '/run/secrets/pw', '--api-key=$(API_KEY)', '--token', '${TOKEN}'];
    }),
  },
  {
    id: 'credentials-in-args',
    title: 'a password inside a shell script',
    fail: edit((d) => {
      webContainer(d).command = ['sh', '-c', 'PGPASSWORD=hunter2 psql -h db -c "select 1"'];
    }),
    expect: { path: `${C0}.command`, message: 'container "web" command passes PGPASSWORD as a literal value' },
  },
  {
    id: 'credentials-in-args',
    title: 'a URL with a password',
    fail: edit((d) => {
      webContainer(d).args = ['curl', 'http://admin:admin@grafana/api/datasources'];
    }),
    expect: { message: 'container "web" args holds a URL with a password' },
  },
  {
    id: 'default-namespace',
    title: 'objects in default',
    fail: edit((d) => {
      doc(d, 'ConfigMap', 'web-config').metadata.namespace = 'default';
    }),
    expect: { object: 'default/web-config[ConfigMap]', severity: 'info', path: 'metadata.namespace' },
  },
  {
    id: 'default-service-account',
    title: 'a pod that names no ServiceAccount and mounts a token',
    fail: edit((d) => {
      delete webPod(d).serviceAccountName;
      delete webPod(d).automountServiceAccountToken;
    }),
    expect: {
      object: 'shop/web[Deployment]',
      path: 'spec.template.spec.serviceAccountName',
      message: 'pods run as the default ServiceAccount of namespace shop',
    },
    // The Job and CronJob of the clean app run as default but mount no token.
    pass: edit((d) => {
      delete webPod(d).serviceAccountName;
      d.push({
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: 'default', namespace: 'shop' },
        automountServiceAccountToken: false,
      });
      delete webPod(d).automountServiceAccountToken;
    }),
  },
  {
    id: 'privileged-port',
    title: 'port 80 as non-root without NET_BIND_SERVICE',
    fail: edit((d) => {
      webContainer(d).ports[0].containerPort = 80;
    }),
    expect: {
      path: `${C0}.ports[0].containerPort`,
      message: 'container "web" runs as non-root but declares port 80, below 1024, without NET_BIND_SERVICE',
    },
    pass: edit((d) => {
      webContainer(d).ports[0].containerPort = 80;
      webContainer(d).securityContext.capabilities.add = ['NET_BIND_SERVICE'];
    }),
  },
  {
    id: 'privileged-port',
    title: 'a lowered ip_unprivileged_port_start still above the port',
    fail: edit((d) => {
      webContainer(d).ports[0].containerPort = 80;
      webPod(d).securityContext.sysctls = [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '443' }];
    }),
    expect: { message: 'container "web" runs as non-root but declares port 80, below 443, without NET_BIND_SERVICE' },
    pass: edit((d) => {
      webContainer(d).ports[0].containerPort = 80;
      webPod(d).securityContext.sysctls = [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }];
    }),
  },
  {
    id: 'ssh-port',
    title: 'port 22 on a container and its Service',
    fail: edit((d) => {
      webContainer(d).ports.push({ name: 'ssh', containerPort: 22 });
      doc(d, 'Service', 'web').spec.ports.push({ name: 'ssh', port: 22 });
    }),
    expect: { object: 'shop/web[Service]', path: 'spec.ports[1]', message: 'Service exposes port 22 (SSH)' },
  },
  {
    id: 'ssh-port',
    title: 'port 22 on a container',
    fail: edit((d) => {
      webContainer(d).ports.push({ name: 'ssh', containerPort: 22 });
    }),
    expect: { object: 'shop/web[Deployment]', path: `${C0}.ports[1].containerPort` },
  },
  {
    id: 'hpa-conflict',
    title: 'two HPAs on one Deployment',
    fail: edit((d) => {
      const second = structuredClone(doc(d, 'HorizontalPodAutoscaler', 'web'));
      second.metadata.name = 'web-memory';
      d.push(second);
    }),
    expect: {
      object: 'shop/web-memory[HorizontalPodAutoscaler]',
      severity: 'error',
      path: 'spec.scaleTargetRef',
      message:
        'scales shop/web[Deployment] together with shop/web[HorizontalPodAutoscaler]: neither scales (AmbiguousSelector)',
    },
  },
  {
    id: 'hpa-scale-target-unscaled',
    title: "the frontend's HPA scales the backend (podinfo deploy/webapp)",
    fail: edit((d) => {
      const api = structuredClone(web(d));
      api.metadata.name = 'api';
      api.spec.selector.matchLabels.app = 'api';
      api.spec.template.metadata.labels.app = 'api';
      d.push(api, {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'api', namespace: 'shop' },
        spec: { selector: { app: 'api' }, ports: [{ port: 80 }] },
      });
      doc(d, 'HorizontalPodAutoscaler', 'web').spec.scaleTargetRef.name = 'api';
    }),
    expect: {
      object: 'shop/web[Deployment]',
      message:
        'serves traffic without an autoscaler: HPA shop/web[HorizontalPodAutoscaler], named after it, scales shop/api[Deployment] instead',
    },
  },
  {
    id: 'data-on-emptydir',
    title: 'a PostgreSQL StatefulSet keeping its data on emptyDir',
    fail: `${CLEAN_APP}\n---\n${STATEFUL.replace(
      'containers: [{name: db, image: postgres:17}]',
      'volumes: [{name: data, emptyDir: {}}]\n      containers: [{name: db, image: postgres:17, volumeMounts: [{name: data, mountPath: /var/lib/postgresql/data}]}]',
    )}`,
    expect: {
      object: 'shop/db[StatefulSet]',
      path: 'spec.template.spec.containers[0].volumeMounts[0]',
      message:
        'container "db" keeps its postgres data (/var/lib/postgresql) on emptyDir volume "data": lost when the pod moves',
    },
    pass: `${CLEAN_APP}\n---\n${STATEFUL.replace(
      'containers: [{name: db, image: postgres:17}]',
      'volumes: [{name: run, emptyDir: {}}]\n      containers: [{name: db, image: postgres:17, volumeMounts: [{name: run, mountPath: /var/run/postgresql}]}]',
    )}`,
  },
  {
    id: 'data-on-emptydir',
    title: 'a Redis Deployment (docker.io/library/redis) with /data on emptyDir',
    fail: edit((d) => {
      webContainer(d).image = 'docker.io/library/redis:7.2';
      webPod(d).volumes.push({ name: 'data', emptyDir: {} });
      webContainer(d).volumeMounts.push({ name: 'data', mountPath: '/data' });
    }),
    expect: {
      message: 'container "web" keeps its redis data (/data) on emptyDir volume "data": lost when the pod moves',
    },
  },
  {
    id: 'data-on-emptydir',
    title: 'a StatefulSet of an unknown image with /var/lib/app on emptyDir',
    fail: `${CLEAN_APP}\n---\n${STATEFUL.replace(
      'containers: [{name: db, image: postgres:17}]',
      'volumes: [{name: data, emptyDir: {}}]\n      containers: [{name: db, image: example/store:1, volumeMounts: [{name: data, mountPath: /var/lib/store}]}]',
    )}`,
    expect: {
      message: 'container "db" keeps data at /var/lib/store on emptyDir volume "data": lost when the pod moves',
    },
  },
  {
    id: 'pdb-missing',
    title: 'two serving replicas without a budget',
    fail: variant(CLEAN_APP, (d) => {
      d.splice(d.indexOf(doc(d, 'PodDisruptionBudget', 'web')), 1);
    }),
    expect: {
      object: 'shop/web[Deployment]',
      message: 'serves traffic with 2 replicas and no PodDisruptionBudget selects them',
    },
  },
  {
    id: 'spread-missing',
    title: 'replicas without anti-affinity or spread constraints',
    fail: edit((d) => {
      delete webPod(d).affinity;
    }),
    expect: {
      object: 'shop/web[Deployment]',
      path: 'spec.template.spec.topologySpreadConstraints',
      message: 'runs up to 6 replicas with neither pod anti-affinity nor topologySpreadConstraints',
    },
    pass: edit((d) => {
      delete webPod(d).affinity;
      webPod(d).topologySpreadConstraints = [
        {
          maxSkew: 1,
          topologyKey: 'kubernetes.io/hostname',
          whenUnsatisfiable: 'ScheduleAnyway',
          labelSelector: { matchLabels: { app: 'web' } },
        },
      ];
    }),
  },
  {
    id: 'probes-identical',
    title: 'liveness equal to readiness (timing aside)',
    fail: edit((d) => {
      webContainer(d).livenessProbe = { httpGet: { path: '/ready', port: 'http' }, periodSeconds: 30 };
    }),
    expect: {
      path: `${C0}.livenessProbe`,
      severity: 'info',
      message: 'container "web" probes liveness exactly as readiness',
    },
  },
  // --- RBAC (issue 14): what the web workload's ServiceAccount may do ---
  {
    id: 'rbac-secrets-read',
    title: 'a RoleBinding to a ClusterRole reading Secrets grants only in its namespace',
    fail: extra(
      rbac('ClusterRole', [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }], 'RoleBinding'),
    ),
    expect: {
      object: 'shop/web[Deployment]',
      message:
        'runs as ServiceAccount shop/web, which can get, list secrets in namespace shop (shop/web-access[RoleBinding] → web-access[ClusterRole])',
    },
    pass: extra(rbac('Role', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list'] }])),
  },
  {
    id: 'rbac-secrets-read',
    title: 'through the group system:serviceaccounts:shop, cluster-wide, one named Secret',
    fail: extra(
      rbac(
        'ClusterRole',
        [{ apiGroups: [''], resources: ['secrets'], resourceNames: ['tls'], verbs: ['get'] }],
        'ClusterRoleBinding',
        {
          kind: 'Group',
          name: 'system:serviceaccounts:shop',
        },
      ),
    ),
    expect: {
      message:
        'runs as ServiceAccount shop/web, which can get secrets (only tls) cluster-wide (web-access[ClusterRoleBinding] → web-access[ClusterRole])',
    },
  },
  {
    id: 'rbac-workload-create',
    title: 'create on Deployments',
    fail: extra(rbac('Role', [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['create', 'delete'] }])),
    expect: {
      message: expect.stringContaining('which can create apps/deployments in namespace shop') as unknown as string,
    },
    pass: extra(rbac('Role', [{ apiGroups: [''], resources: ['deployments'], verbs: ['create'] }])),
  },
  {
    id: 'rbac-exec',
    title: 'pods/exec through the */exec form',
    fail: extra(rbac('Role', [{ apiGroups: [''], resources: ['*/exec'], verbs: ['create'] }])),
    expect: { message: expect.stringContaining('which can create pods/exec in namespace shop') as unknown as string },
    // "pods" does not grant its subresources.
    pass: extra(rbac('Role', [{ apiGroups: [''], resources: ['pods'], verbs: ['create', 'get'] }])),
  },
  {
    id: 'rbac-escalate',
    title: 'bind on ClusterRoles',
    fail: extra(
      rbac('Role', [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['bind'] }]),
    ),
    expect: {
      message: expect.stringContaining(
        'which can bind rbac.authorization.k8s.io/clusterroles in namespace shop',
      ) as unknown as string,
    },
    pass: extra(
      rbac('Role', [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['get', 'list'] }]),
    ),
  },
  {
    id: 'rbac-node-proxy',
    title: 'nodes/proxy by the * verb of an aggregated ClusterRole',
    fail: extra(
      `${rbac('ClusterRole', [], 'ClusterRoleBinding').replace(
        'rules: []',
        'aggregationRule: {clusterRoleSelectors: [{matchLabels: {agg: monitoring}}]}\nrules: []',
      )}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: node-reader, labels: {agg: monitoring}}\nrules: [{apiGroups: [""], resources: [nodes/proxy], verbs: ["*"]}]\n`,
    ),
    expect: { message: expect.stringContaining('which can get, create nodes/proxy cluster-wide') as unknown as string },
    pass: extra(rbac('ClusterRole', [{ apiGroups: [''], resources: ['nodes'], verbs: ['get'] }], 'ClusterRoleBinding')),
  },
  {
    id: 'rbac-dangling-binding',
    title: 'a binding to a missing Role and a missing ServiceAccount',
    fail: extra(
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: lost, namespace: shop}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}\nsubjects: [{kind: ServiceAccount, name: ghost, namespace: shop}]\n',
    ),
    expect: {
      object: 'shop/lost[RoleBinding]',
      path: 'roleRef',
      message: 'roleRef names shop/reader[Role], which is not defined',
    },
    // Kubernetes' own roles exist in every cluster.
    pass: extra(
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: viewer, namespace: shop}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\nsubjects: [{kind: ServiceAccount, name: web, namespace: shop}]\n',
    ),
  },
  {
    id: 'cluster-admin-binding',
    title: 'reported on the binding and on the workload it reaches',
    fail: extra(
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: web-admin}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}\nsubjects: [{kind: ServiceAccount, name: web, namespace: shop}]\n',
    ),
    expect: {
      object: 'shop/web[Deployment]',
      message: 'runs as ServiceAccount shop/web, which web-admin[ClusterRoleBinding] grants cluster-admin cluster-wide',
    },
  },
  {
    id: 'wildcard-rbac',
    title: 'reported on the workload a wildcard role reaches',
    fail: extra(rbac('Role', [{ apiGroups: ['apps'], resources: ['*'], verbs: ['get'] }])),
    expect: {
      object: 'shop/web[Deployment]',
      message:
        'runs as ServiceAccount shop/web, which shop/web-access[RoleBinding] grants shop/web-access[Role] with "*" in namespace shop',
    },
  },
];
