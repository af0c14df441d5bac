// Security: the Pod Security Standards "restricted" profile
// (https://kubernetes.io/docs/concepts/security/pod-security-standards/) field by field, plus what
// common linters (kube-linter, kube-score, Polaris) add: literal secrets, image tags, RBAC
// wildcards, cluster-admin bindings, Services exposed on nodes. Container-level securityContext
// fields override the pod-level ones where both exist (runAsNonRoot, runAsUser, seccompProfile).
import { BASELINE_CAPABILITIES } from '../vocabulary/pod-security.js';
import type { Container, PodSecurityContext, SecurityContext } from 'kubernetes-types/core/v1.js';
import type { GraphNode } from '../graph/model.js';
import { containersOf, type ContainerRef } from '../k8s/podspec.js';
import type { Check, CheckContext, Finding, RawFinding } from './types.js';
import { containerLabel, isRecord, list, nodeNamed, nodesOfKind, specOf } from './workloads.js';
import { workloadsOf, type Workload } from '../graph/workloads.js';
import type { Grant } from '../graph/rbac.js';
import { CLUSTER_ADMIN, hasWildcard, wildcardFields } from '../graph/rbac-capabilities.js';
import { scopeOf, serviceAccountOf, workloadGrants } from './rbac.js';

/**
 * Runs `fn` for every container of every workload; `linuxOnly` leaves out pods with
 * spec.os.name windows, which the restricted profile exempts from Linux-only controls.
 */
function perContainer(
  ctx: CheckContext,
  fn: (w: Workload, c: ContainerRef, pod: PodSecurityContext) => RawFinding | RawFinding[] | undefined,
  linuxOnly = false,
): RawFinding[] {
  const out: RawFinding[] = [];
  for (const w of workloadsOf(ctx.graph)) {
    if (linuxOnly && w.template.spec.os?.name === 'windows') continue;
    const pod = isRecord(w.template.spec.securityContext) ? w.template.spec.securityContext : {};
    for (const c of containersOf(w.template)) {
      const r = fn(w, c, pod);
      if (Array.isArray(r)) out.push(...r);
      else if (r) out.push(r);
    }
  }
  return out;
}

function sc(c: Container): SecurityContext {
  return isRecord(c.securityContext) ? c.securityContext : {};
}

const privileged: Check = {
  id: 'privileged-container',
  family: 'security',
  severity: 'error',
  rationale: "A privileged container has every capability and the host's devices: it is root on the node.",
  hint: 'Remove securityContext.privileged (or set it to false); grant only the capabilities the process needs.',
  run: (ctx) =>
    perContainer(ctx, (w, c) =>
      sc(c.container).privileged === true
        ? {
            object: w.id,
            path: `${c.path}.securityContext.privileged`,
            message: `${containerLabel(c)} runs privileged`,
          }
        : undefined,
    ),
};

const privilegeEscalation: Check = {
  id: 'privilege-escalation',
  family: 'security',
  severity: 'warning',
  rationale:
    'Unless allowPrivilegeEscalation is false, setuid binaries can gain more privileges than the process started with (restricted profile).',
  hint: 'Set securityContext.allowPrivilegeEscalation: false on every container.',
  run: (ctx) =>
    perContainer(
      ctx,
      (w, c) =>
        sc(c.container).allowPrivilegeEscalation !== false
          ? {
              object: w.id,
              path: `${c.path}.securityContext.allowPrivilegeEscalation`,
              message: `${containerLabel(c)} does not set allowPrivilegeEscalation: false`,
            }
          : undefined,
      true,
    ),
};

const runAsRoot: Check = {
  id: 'run-as-root',
  family: 'security',
  severity: 'warning',
  rationale:
    'A container that may run as UID 0 is root inside and, after any escape, on the node (restricted profile: runAsNonRoot true, runAsUser not 0).',
  hint: 'Set securityContext.runAsNonRoot: true (pod or container) and a non-zero runAsUser, with an image that runs as that user.',
  run: (ctx) =>
    perContainer(ctx, (w, c, pod) => {
      const own = sc(c.container);
      const user = own.runAsUser ?? pod.runAsUser;
      if (user === 0) {
        const path =
          own.runAsUser !== undefined
            ? `${c.path}.securityContext.runAsUser`
            : `${w.template.path}.securityContext.runAsUser`;
        return { object: w.id, path, message: `${containerLabel(c)} runs as UID 0 (root)`, severity: 'error' };
      }
      if ((own.runAsNonRoot ?? pod.runAsNonRoot) !== true) {
        return {
          object: w.id,
          path: `${c.path}.securityContext.runAsNonRoot`,
          message: `${containerLabel(c)} may run as root: runAsNonRoot is not true`,
        };
      }
      return undefined;
    }),
};

const capabilitiesAdded: Check = {
  id: 'capabilities-added',
  family: 'security',
  severity: 'warning',
  rationale:
    'The restricted profile allows adding only NET_BIND_SERVICE; capabilities outside the baseline set (SYS_ADMIN, NET_ADMIN, ALL, …) are close to root.',
  hint: 'Remove securityContext.capabilities.add, or keep only NET_BIND_SERVICE.',
  run: (ctx) =>
    perContainer(ctx, (w, c) =>
      list(sc(c.container).capabilities?.add)
        .map((cap, i) => ({ cap: String(cap).toUpperCase().replace(/^CAP_/, ''), i }))
        .filter(({ cap }) => cap !== 'NET_BIND_SERVICE')
        .map(({ cap, i }) => ({
          object: w.id,
          path: `${c.path}.securityContext.capabilities.add[${i}]`,
          message: `${containerLabel(c)} adds capability ${cap}`,
          severity: BASELINE_CAPABILITIES.has(cap) ? ('warning' as const) : ('error' as const),
        })),
    ),
};

const capabilitiesNotDropped: Check = {
  id: 'capabilities-not-dropped',
  family: 'security',
  severity: 'warning',
  rationale: "Containers start with the runtime's default capabilities; the restricted profile requires dropping ALL.",
  hint: 'Set securityContext.capabilities.drop: ["ALL"] (add back NET_BIND_SERVICE only if needed).',
  run: (ctx) =>
    perContainer(
      ctx,
      (w, c) =>
        list(sc(c.container).capabilities?.drop).some((cap) => String(cap).toUpperCase() === 'ALL')
          ? undefined
          : {
              object: w.id,
              path: `${c.path}.securityContext.capabilities.drop`,
              message: `${containerLabel(c)} does not drop ALL capabilities`,
            },
      true,
    ),
};

const hostNamespaces: Check = {
  id: 'host-namespaces',
  family: 'security',
  severity: 'warning',
  rationale:
    "hostNetwork, hostPID and hostIPC share the node's namespaces: the pod sees and reaches everything on the node (baseline profile).",
  hint: 'Remove hostNetwork/hostPID/hostIPC unless this is a node agent; opt out with an ignore annotation giving the reason.',
  run: (ctx) =>
    workloadsOf(ctx.graph).flatMap((w) =>
      (['hostNetwork', 'hostPID', 'hostIPC'] as const)
        .filter((f) => w.template.spec[f] === true)
        .map((f) => ({
          object: w.id,
          path: `${w.template.path}.${f}`,
          message: `pod uses the host's ${f.slice(4) === 'Network' ? 'network' : f.slice(4)} namespace`,
        })),
    ),
};

const hostPorts: Check = {
  id: 'host-ports',
  family: 'security',
  severity: 'warning',
  rationale:
    "A hostPort binds on the node's address, bypassing Services and NetworkPolicies, and limits scheduling to one pod per node (baseline profile).",
  hint: 'Remove ports[].hostPort and expose the port through a Service.',
  run: (ctx) =>
    perContainer(ctx, (w, c) =>
      list(c.container.ports).flatMap((p, i) =>
        isRecord(p) && typeof p.hostPort === 'number' && p.hostPort !== 0
          ? [
              {
                object: w.id,
                path: `${c.path}.ports[${i}].hostPort`,
                message: `${containerLabel(c)} binds host port ${p.hostPort}`,
              },
            ]
          : [],
      ),
    ),
};

const hostPath: Check = {
  id: 'host-path-volumes',
  family: 'security',
  severity: 'warning',
  rationale: "hostPath volumes expose the node's filesystem to the pod (baseline profile forbids them).",
  hint: 'Use a PersistentVolumeClaim, emptyDir, configMap or secret volume instead.',
  run: (ctx) =>
    workloadsOf(ctx.graph).flatMap((w) =>
      list(w.template.spec.volumes).flatMap((v, i) =>
        isRecord(v) && isRecord(v.hostPath)
          ? [
              {
                object: w.id,
                path: `${w.template.path}.volumes[${i}].hostPath`,
                message: `volume "${String(v.name)}" mounts host path ${String(v.hostPath.path)}`,
              },
            ]
          : [],
      ),
    ),
};

// A PersistentVolume on a hostPath is not mounted through a pod's own volume, so host-path-volumes
// does not see it: the data lives on one node's disk, and any pod bound to it reads that node's files.
const hostPathPersistentVolume: Check = {
  id: 'host-path-persistent-volume',
  family: 'security',
  severity: 'warning',
  rationale:
    "A hostPath PersistentVolume keeps the data on one node's disk and gives the pods that claim it that node's files.",
  hint: 'Use a CSI or NFS volume (or a StorageClass) instead; hostPath suits single-node test clusters only.',
  run: (ctx) =>
    ctx.graph.nodes.flatMap((node) => {
      const spec = (node.object as { spec?: unknown }).spec;
      if (node.kind !== 'PersistentVolume' || !isRecord(spec) || !isRecord(spec.hostPath)) return [];
      return [
        {
          object: node.id,
          path: 'spec.hostPath',
          message: `PersistentVolume ${node.name} is the node directory ${String(spec.hostPath.path)}`,
        },
      ];
    }),
};

const writableRoot: Check = {
  id: 'writable-root-filesystem',
  family: 'security',
  severity: 'warning',
  rationale:
    'A writable root filesystem lets an intruder change binaries and persist; a read-only one forces writes into declared volumes.',
  hint: 'Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the process writes.',
  run: (ctx) =>
    perContainer(
      ctx,
      (w, c) =>
        c.group !== 'ephemeralContainers' && sc(c.container).readOnlyRootFilesystem !== true
          ? {
              object: w.id,
              path: `${c.path}.securityContext.readOnlyRootFilesystem`,
              message: `${containerLabel(c)} has a writable root filesystem`,
            }
          : undefined,
      true,
    ),
};

const seccomp: Check = {
  id: 'missing-seccomp',
  family: 'security',
  severity: 'warning',
  rationale:
    'Without a seccomp profile every system call is allowed; the restricted profile requires RuntimeDefault or Localhost.',
  hint: 'Set spec.securityContext.seccompProfile.type: RuntimeDefault on the pod.',
  run: (ctx) =>
    perContainer(
      ctx,
      (w, c, pod) => {
        const own = sc(c.container).seccompProfile;
        const type =
          (isRecord(own) ? own.type : undefined) ??
          (isRecord(pod.seccompProfile) ? pod.seccompProfile.type : undefined);
        if (type === 'RuntimeDefault' || type === 'Localhost') return undefined;
        const path = isRecord(own)
          ? `${c.path}.securityContext.seccompProfile.type`
          : `${w.template.path}.securityContext.seccompProfile`;
        return {
          object: w.id,
          path,
          message:
            type === 'Unconfined'
              ? `${containerLabel(c)} runs with seccomp Unconfined`
              : `${containerLabel(c)} has no seccomp profile`,
        };
      },
      true,
    ),
};

// --- the rest of the baseline and restricted profiles --------------------------------------------

/** Sysctls the baseline profile allows (Pod Security Admission policy v1.29 and later). */
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);

const unsafeSysctls: Check = {
  id: 'unsafe-sysctls',
  family: 'security',
  severity: 'warning',
  rationale:
    'Sysctls outside the safe, namespaced set can disable security mechanisms or affect every pod on the node (baseline profile).',
  hint: 'Remove the sysctl, or set it on the nodes that need it instead of in the pod.',
  run: (ctx) =>
    workloadsOf(ctx.graph).flatMap((w) =>
      list(w.template.spec.securityContext?.sysctls).flatMap((x, i) =>
        isRecord(x) && typeof x.name === 'string' && !SAFE_SYSCTLS.has(x.name)
          ? [
              {
                object: w.id,
                path: `${w.template.path}.securityContext.sysctls[${i}].name`,
                message: `pod sets unsafe sysctl ${x.name}`,
              },
            ]
          : [],
      ),
    ),
};

const hostProcess: Check = {
  id: 'host-process',
  family: 'security',
  severity: 'error',
  rationale: 'A Windows HostProcess container runs directly on the host with its privileges (baseline profile).',
  hint: 'Remove windowsOptions.hostProcess.',
  run: (ctx) =>
    perContainer(ctx, (w, c, pod) => {
      const own = sc(c.container).windowsOptions?.hostProcess;
      if ((own ?? pod.windowsOptions?.hostProcess) !== true) return undefined;
      const path =
        own !== undefined
          ? `${c.path}.securityContext.windowsOptions.hostProcess`
          : `${w.template.path}.securityContext.windowsOptions.hostProcess`;
      return { object: w.id, path, message: `${containerLabel(c)} runs as a Windows HostProcess container` };
    }),
};

const procMount: Check = {
  id: 'proc-mount-unmasked',
  family: 'security',
  severity: 'warning',
  rationale:
    'An Unmasked /proc exposes kernel interfaces the runtime normally hides (baseline profile allows only Default).',
  hint: 'Remove securityContext.procMount or set it to Default.',
  run: (ctx) =>
    perContainer(ctx, (w, c) => {
      const mount = sc(c.container).procMount;
      return mount !== undefined && mount !== 'Default'
        ? {
            object: w.id,
            path: `${c.path}.securityContext.procMount`,
            message: `${containerLabel(c)} mounts /proc ${mount}`,
          }
        : undefined;
    }),
};

const APPARMOR_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

const apparmor: Check = {
  id: 'apparmor-unconfined',
  family: 'security',
  severity: 'warning',
  rationale:
    "Running without AppArmor removes a layer the runtime's default profile provides (baseline profile forbids Unconfined).",
  hint: 'Remove the Unconfined AppArmor profile (RuntimeDefault or Localhost are fine).',
  run: (ctx) =>
    perContainer(ctx, (w, c, pod) => {
      const own = sc(c.container).appArmorProfile?.type;
      const annotation = w.template.annotations[`${APPARMOR_ANNOTATION}${c.container.name}`];
      if (own === 'Unconfined' || (own === undefined && pod.appArmorProfile?.type === 'Unconfined')) {
        const path =
          own !== undefined
            ? `${c.path}.securityContext.appArmorProfile.type`
            : `${w.template.path}.securityContext.appArmorProfile.type`;
        return { object: w.id, path, message: `${containerLabel(c)} runs AppArmor Unconfined` };
      }
      return annotation === 'unconfined'
        ? {
            object: w.id,
            path: `${w.template.path === 'spec' ? 'metadata' : w.template.path.replace(/\.spec$/, '.metadata')}.annotations["${APPARMOR_ANNOTATION}${c.container.name}"]`,
            message: `${containerLabel(c)} runs AppArmor unconfined`,
          }
        : undefined;
    }),
};

/** SELinux types the baseline profile allows; user and role may not be set at all. */
const SELINUX_TYPES = new Set(['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

const selinux: Check = {
  id: 'selinux-custom',
  family: 'security',
  severity: 'warning',
  rationale:
    'A custom SELinux user, role or type can lift the confinement the container type gives (baseline profile).',
  hint: 'Remove seLinuxOptions.user/role, and use one of container_t, container_init_t, container_kvm_t, container_engine_t as type.',
  run: (ctx) => [
    ...workloadsOf(ctx.graph).flatMap((w) =>
      selinuxProblems(
        w.id,
        w.template.spec.securityContext?.seLinuxOptions,
        `${w.template.path}.securityContext.seLinuxOptions`,
      ),
    ),
    ...perContainer(ctx, (w, c) =>
      selinuxProblems(w.id, sc(c.container).seLinuxOptions, `${c.path}.securityContext.seLinuxOptions`),
    ),
  ],
};

function selinuxProblems(object: string, options: unknown, path: string): RawFinding[] {
  if (!isRecord(options)) return [];
  const out: RawFinding[] = [];
  if (typeof options.type === 'string' && options.type !== '' && !SELINUX_TYPES.has(options.type))
    out.push({ object, path: `${path}.type`, message: `SELinux type ${options.type} is not a container type` });
  for (const f of ['user', 'role'] as const)
    if (typeof options[f] === 'string' && options[f] !== '')
      out.push({ object, path: `${path}.${f}`, message: `sets SELinux ${f} ${options[f]}` });
  return out;
}

/** Volume types the restricted profile allows (hostPath has its own check). */
const RESTRICTED_VOLUMES = new Set([
  'name',
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
  'hostPath',
]);

const volumeTypes: Check = {
  id: 'restricted-volume-types',
  family: 'security',
  severity: 'warning',
  rationale:
    'The restricted profile allows only volumes that Kubernetes manages (configMap, secret, emptyDir, projected, downwardAPI, PVC, ephemeral, CSI); others mount storage the pod spec cannot constrain.',
  hint: 'Reach the storage through a PersistentVolumeClaim instead.',
  run: (ctx) =>
    workloadsOf(ctx.graph).flatMap((w) =>
      list(w.template.spec.volumes).flatMap((v, i) =>
        isRecord(v)
          ? Object.keys(v)
              .filter((k) => !RESTRICTED_VOLUMES.has(k))
              .map((k) => ({
                object: w.id,
                path: `${w.template.path}.volumes[${i}].${k}`,
                message: `volume "${String(v.name)}" is of type ${k}`,
              }))
          : [],
      ),
    ),
};

// --- literal secrets --------------------------------------------------------------------------

/**
 * Names whose value is a credential: the last word says so (DB_PASSWORD, API_KEY, GITHUB_TOKEN);
 * a password also when glued to a prefix (PGPASSWORD, MYSQLPASSWORD).
 */
const SECRET_NAME =
  /((^|[_.-])(SECRET|TOKEN|API_?KEY|ACCESS_?KEY|SECRET_?KEY|PRIVATE_?KEY|CREDENTIALS?)|PASSWORD|PASSWD)$/i;
/** A URL with a password in it: scheme://user:password@host. */
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:([^\s@/]+)@/i;

/** Why a literal name/value pair looks like a credential, or undefined. Never returns the value. */
export function literalSecret(name: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const password = URL_WITH_PASSWORD.exec(value)?.[1];
  if (password !== undefined && !/^\$\(.*\)$|^\$\{.*\}$/.test(password)) return 'holds a URL with a password';
  if (!SECRET_NAME.test(name)) return undefined;
  // References to other variables, switches and file paths are not credentials themselves.
  if (/^\$\(.+\)$/.test(value) || /^(true|false|yes|no|on|off|none|null)$/i.test(value) || value.startsWith('/'))
    return undefined;
  return 'is named like a credential and has a literal value';
}

const secretInEnv: Check = {
  id: 'secret-in-env',
  family: 'security',
  severity: 'warning',
  rationale:
    'A credential written into the manifest is readable by everyone who can read the manifest or the pod spec, and lands in git.',
  hint: 'Move the value into a Secret and use env[].valueFrom.secretKeyRef.',
  run: (ctx) =>
    perContainer(ctx, (w, c) =>
      list(c.container.env).flatMap((e, i) => {
        if (!isRecord(e) || typeof e.name !== 'string') return [];
        const why = literalSecret(e.name, e.value);
        return why
          ? [{ object: w.id, path: `${c.path}.env[${i}].value`, message: `${containerLabel(c)} env ${e.name} ${why}` }]
          : [];
      }),
    ),
};

const secretInConfigMap: Check = {
  id: 'secret-in-configmap',
  family: 'security',
  severity: 'warning',
  rationale:
    'ConfigMaps are not access-controlled like Secrets and are printed freely; a credential in one is exposed.',
  hint: 'Move the key into a Secret and reference it with secretKeyRef or envFrom.secretRef.',
  run: (ctx) =>
    nodesOfKind(ctx.graph, 'ConfigMap').flatMap((n) => {
      const data = (n.object as { data?: unknown }).data;
      return Object.entries(isRecord(data) ? data : {}).flatMap(([key, value]) => {
        const why = literalSecret(key, value);
        return why ? [{ object: n.id, path: `data[${JSON.stringify(key)}]`, message: `key ${key} ${why}` }] : [];
      });
    }),
};

// --- service account tokens ---------------------------------------------------------------------

/** Service accounts (namespace/name) that some RoleBinding or ClusterRoleBinding grants a role. */
function boundServiceAccounts(nodes: GraphNode[]): Set<string> {
  const bound = new Set<string>();
  for (const n of nodes) {
    if (n.kind !== 'RoleBinding' && n.kind !== 'ClusterRoleBinding') continue;
    for (const s of list((n.object as { subjects?: unknown }).subjects)) {
      if (isRecord(s) && s.kind === 'ServiceAccount' && typeof s.name === 'string')
        // A subject's namespace is a string (rbac/v1 Subject); absent, the binding's own.
        bound.add(`${(s.namespace as string | undefined) ?? n.namespace}/${s.name}`);
    }
  }
  return bound;
}

const tokenAutomount: Check = {
  id: 'service-account-token-automount',
  family: 'security',
  severity: 'warning',
  rationale:
    'Every pod gets an API token mounted unless told otherwise; a pod that does not talk to the API only hands that token to an intruder.',
  hint: 'Set automountServiceAccountToken: false on the pod spec (or on its ServiceAccount).',
  run: (ctx) => {
    const bound = boundServiceAccounts(ctx.graph.nodes);
    return workloadsOf(ctx.graph).flatMap((w) => {
      const spec = w.template.spec;
      if (spec.automountServiceAccountToken === false) return [];
      // The pod's field wins over the ServiceAccount's (https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/).
      const saName = spec.serviceAccountName ?? spec.serviceAccount ?? 'default';
      if (spec.automountServiceAccountToken !== true) {
        const sa = nodeNamed(ctx.graph, 'ServiceAccount', saName, w.node.namespace);
        if (sa && (sa.object as { automountServiceAccountToken?: unknown }).automountServiceAccountToken === false)
          return [];
      }
      if (bound.has(`${w.node.namespace}/${saName}`)) return []; // it has API permissions, so it presumably uses them
      return [
        {
          object: w.id,
          path: `${w.template.path}.automountServiceAccountToken`,
          message: `pods mount a token for service account "${saName}", which no role binding grants anything`,
        },
      ];
    });
  },
};

// --- images -----------------------------------------------------------------------------------------

/** The tag of an image reference, '' when it has none; undefined when it is pinned by digest. */
export function imageTag(image: string): string | undefined {
  if (image.includes('@')) return undefined;
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1); // a colon before the last "/" is a registry port
  return colon < 0 ? '' : image.slice(colon + 1);
}

const latestTag: Check = {
  id: 'latest-tag',
  family: 'security',
  severity: 'warning',
  rationale:
    'An image without a tag or with "latest" changes under you: rollouts are not reproducible and rollbacks do not roll back.',
  hint: 'Pin the image to a version tag or a digest (image:1.2.3 or image@sha256:…).',
  run: (ctx) =>
    perContainer(ctx, (w, c) => {
      const image = c.container.image;
      if (typeof image !== 'string') return undefined;
      const tag = imageTag(image);
      if (tag === undefined || (tag !== '' && tag !== 'latest')) return undefined;
      return {
        object: w.id,
        path: `${c.path}.image`,
        message: `${containerLabel(c)} image ${image} ${tag === '' ? 'has no tag' : 'uses the latest tag'}`,
      };
    }),
};

// --- RBAC and exposure ----------------------------------------------------------------------------

const wildcardRbac: Check = {
  id: 'wildcard-rbac',
  family: 'security',
  severity: 'warning',
  rationale: 'A "*" in verbs, resources or apiGroups grants everything, including what later versions add.',
  hint: 'List the verbs, resources and API groups the subject actually needs.',
  run: (ctx) => [
    ...nodesOfKind(ctx.graph, 'Role', 'ClusterRole').flatMap((n) =>
      list((n.object as { rules?: unknown }).rules).flatMap((rule, i) => {
        if (!isRecord(rule)) return [];
        const fields = wildcardFields(rule);
        return fields.length
          ? [{ object: n.id, path: `rules[${i}]`, message: `rule grants "*" in ${fields.join(', ')}` }]
          : [];
      }),
    ),
    // And on every workload whose identity holds such a rule (aggregated and default roles included).
    ...reachedWorkloads(ctx, (g) => g.rules.some(hasWildcard)).map(({ w, sa, grant }) => ({
      object: w.id,
      message: `runs as ServiceAccount ${sa}, which ${grant.binding.id} grants ${grant.role} with "*" ${scopeOf(grant)}`,
    })),
  ],
};

/** Workloads with the first grant of their identity that `test` accepts. */
function reachedWorkloads(
  ctx: CheckContext,
  test: (grant: Grant) => boolean,
): Array<{ w: Workload; sa: string; grant: Grant }> {
  return workloadsOf(ctx.graph).flatMap((w) => {
    const grant = workloadGrants(ctx.graph, w).find(test);
    const sa = serviceAccountOf(w);
    return grant ? [{ w, sa: `${sa.namespace}/${sa.name}`, grant }] : [];
  });
}

const clusterAdmin: Check = {
  id: 'cluster-admin-binding',
  family: 'security',
  severity: 'warning',
  rationale: 'Binding cluster-admin gives the subject full control of the whole cluster.',
  hint: 'Bind a role that grants only what the subject needs.',
  run: (ctx) => [
    ...nodesOfKind(ctx.graph, 'RoleBinding', 'ClusterRoleBinding').flatMap((n) => {
      const ref = (n.object as { roleRef?: unknown }).roleRef;
      return isRecord(ref) && ref.kind === 'ClusterRole' && ref.name === 'cluster-admin'
        ? [{ object: n.id, path: 'roleRef.name', message: 'binds the cluster-admin ClusterRole' }]
        : [];
    }),
    ...reachedWorkloads(ctx, (g) => g.role === CLUSTER_ADMIN).map(({ w, sa, grant }) => ({
      object: w.id,
      message: `runs as ServiceAccount ${sa}, which ${grant.binding.id} grants cluster-admin ${scopeOf(grant)}`,
    })),
  ],
};

const exposedService: Check = {
  id: 'service-exposed',
  family: 'security',
  severity: 'warning',
  rationale:
    'A NodePort opens the port on every node, around the Ingress; a LoadBalancer puts the Service on an external address.',
  hint: 'Use type ClusterIP behind an Ingress or Gateway, or opt out with an ignore annotation giving the reason.',
  run: (ctx) =>
    nodesOfKind(ctx.graph, 'Service').flatMap((n) => {
      const type = specOf(n).type;
      if (type === 'NodePort')
        return [{ object: n.id, path: 'spec.type', message: 'Service is exposed on every node (type NodePort)' }];
      if (type === 'LoadBalancer')
        return [
          {
            object: n.id,
            path: 'spec.type',
            message: 'Service is exposed on an external load balancer (type LoadBalancer)',
            severity: 'info' as Finding['severity'],
          },
        ];
      return [];
    }),
};

export const securityChecks: Check[] = [
  privileged,
  privilegeEscalation,
  runAsRoot,
  capabilitiesAdded,
  capabilitiesNotDropped,
  hostNamespaces,
  hostPorts,
  hostPath,
  hostPathPersistentVolume,
  writableRoot,
  seccomp,
  unsafeSysctls,
  hostProcess,
  procMount,
  apparmor,
  selinux,
  volumeTypes,
  secretInEnv,
  secretInConfigMap,
  tokenAutomount,
  latestTag,
  wildcardRbac,
  clusterAdmin,
  exposedService,
];
