// The pod template every workload kind shares: secure by default (restricted Pod Security
// Standard), requests and limits always set, probes for anything serving traffic, a writable /tmp.
import type {
  Affinity,
  Container,
  LifecycleHandler,
  TopologySpreadConstraint,
  EnvVar,
  EnvFromSource,
  PodSpec,
  PodTemplateSpec,
  Probe,
  SecurityContext,
  Volume,
  VolumeMount,
} from 'kubernetes-types/core/v1.js';
import { TOPOLOGY_KEYS, type HookHandler } from '../spec/pod-settings.js';
import {
  NO_LIMIT,
  type Component,
  type InitContainer,
  type Mount,
  type ProbeSpec,
  type ResourcesSpec,
  type VolumeSource,
} from '../spec/schema.js';
import { containerPortsOf } from '../spec/semantics.js';
import { generatedVolumes, storageVolumeName, TMP_VOLUME } from '../spec/volume-names.js';
import { replicaRange } from './component-types.js';
import type { ComponentContext } from './context.js';
import { serviceAccountName } from './families/service-account.js';
import { mountsApiToken } from '../spec/rbac.js';
import { COMPONENT_TYPE_TRAITS } from '../vocabulary/components.js';

/** Non-root UID/GID used unless the spec says otherwise (the seed's "UID 1000"). */
export const DEFAULT_UID = 1000;

/**
 * Requests and limits always set. Per resource: a request alone also becomes the limit, a limit
 * alone also becomes the request (as the API server does), neither gives these defaults.
 */
export const DEFAULT_RESOURCES = {
  cpu: { request: '100m', limit: '500m' },
  memory: { request: '128Mi', limit: '256Mi' },
} as const;

/** Probe timings made explicit, with Kubernetes' own defaults where the spec gives none. */
const PROBE_DEFAULTS = { periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 } as const;

export function configMapName(ctx: ComponentContext): string | undefined {
  return ctx.component.config ? (ctx.component.config.name ?? `${ctx.name}-config`) : undefined;
}

/** The PersistentVolumeClaim of a component that is not a StatefulSet: `storage.claimName`, default `<component>-data`. */
export function claimName(ctx: ComponentContext): string {
  return ctx.component.storage?.claimName ?? `${ctx.name}-data`;
}

/** A StatefulSet's volumeClaimTemplate (and volume) name: `storage.claimName`, default `data`. */
export function claimTemplateName(ctx: ComponentContext): string {
  return storageVolumeName(ctx.component) ?? 'data';
}

/** The container port the metrics endpoint is served on: a declared port of that number, else one named `metrics`. */
export function metricsPortName(ctx: ComponentContext): string | undefined {
  const m = ctx.component.metrics;
  if (!m) return undefined;
  return ctx.ports.find((p) => p.containerPort === m.port)?.name ?? 'metrics';
}

/**
 * Requests and limits of one container. `limits.cpu: none` leaves the CPU limit out on purpose (the
 * request is then the given one, else the default); memory is always limited.
 */
function resources(r: ResourcesSpec = {}) {
  const requests: Record<string, string> = {};
  const limits: Record<string, string> = {};
  const noCpuLimit = r.limits?.cpu === NO_LIMIT;
  for (const res of ['cpu', 'memory'] as const) {
    const req = r.requests?.[res];
    const given = r.limits?.[res];
    const lim = given === NO_LIMIT ? undefined : given;
    requests[res] = String(req ?? lim ?? DEFAULT_RESOURCES[res].request);
    if (res === 'cpu' && noCpuLimit) continue;
    limits[res] = String(lim ?? req ?? DEFAULT_RESOURCES[res].limit);
  }
  const eph = { req: r.requests?.['ephemeral-storage'], lim: r.limits?.['ephemeral-storage'] };
  if (eph.req !== undefined || eph.lim !== undefined) {
    requests['ephemeral-storage'] = String(eph.req ?? eph.lim);
    limits['ephemeral-storage'] = String(eph.lim ?? eph.req);
  }
  return { requests, limits };
}

function env(spec: Pick<Component, 'env'>): EnvVar[] {
  return Object.entries(spec.env ?? {}).map(([name, v]): EnvVar => {
    if (typeof v !== 'object') return { name, value: String(v) };
    if ('secret' in v)
      return {
        name,
        valueFrom: {
          secretKeyRef: { name: v.secret, key: v.key, ...(v.optional !== undefined && { optional: v.optional }) },
        },
      };
    if ('configMap' in v)
      return {
        name,
        valueFrom: {
          configMapKeyRef: { name: v.configMap, key: v.key, ...(v.optional !== undefined && { optional: v.optional }) },
        },
      };
    if ('field' in v) return { name, valueFrom: { fieldRef: { fieldPath: v.field } } };
    return { name, valueFrom: { resourceFieldRef: { resource: v.resource } } };
  });
}

function envFrom(spec: Pick<Component, 'envFrom'>): EnvFromSource[] {
  return (spec.envFrom ?? []).map((e) => {
    const prefix = e.prefix !== undefined ? { prefix: e.prefix } : {};
    return 'secret' in e
      ? { secretRef: { name: e.secret }, ...prefix }
      : { configMapRef: { name: e.configMap }, ...prefix };
  });
}

/** The main container's envFrom: the declared sources, then its own ConfigMap when it is not mounted. */
function mainEnvFrom(ctx: ComponentContext): EnvFromSource[] {
  const out = envFrom(ctx.component);
  const cm = configMapName(ctx);
  if (cm && !ctx.component.config?.mountPath) out.push({ configMapRef: { name: cm } });
  return out;
}

/** `defaultPort`: what an http probe without a port checks (the container's first port). */
function toProbe(p: ProbeSpec, defaultPort: string): Probe {
  const handler: Probe = p.http
    ? {
        httpGet: {
          path: p.http.path,
          port: p.http.port ?? defaultPort,
          ...(p.http.scheme && { scheme: p.http.scheme }),
        },
      }
    : p.exec
      ? { exec: { command: p.exec } }
      : p.tcp !== undefined
        ? { tcpSocket: { port: p.tcp } }
        : { grpc: { port: p.grpc!.port, ...(p.grpc!.service !== undefined && { service: p.grpc!.service }) } };
  return {
    ...handler,
    ...(p.initialDelaySeconds !== undefined && { initialDelaySeconds: p.initialDelaySeconds }),
    periodSeconds: p.periodSeconds ?? PROBE_DEFAULTS.periodSeconds,
    timeoutSeconds: p.timeoutSeconds ?? PROBE_DEFAULTS.timeoutSeconds,
    failureThreshold: p.failureThreshold ?? PROBE_DEFAULTS.failureThreshold,
    ...(p.successThreshold !== undefined && { successThreshold: p.successThreshold }),
  };
}

/**
 * Probes: a declared readiness probe also serves as liveness probe when none is declared (and vice
 * versa); a long-running component with ports and no probes gets a TCP check on its first port.
 * `false` turns one off.
 */
function probes(ctx: ComponentContext): Pick<Container, 'readinessProbe' | 'livenessProbe' | 'startupProbe'> {
  const declared = ctx.component.probes ?? {};
  const own = containerPortsOf(ctx.component);
  const fallback: ProbeSpec | undefined =
    COMPONENT_TYPE_TRAITS[ctx.type].longRunning && own.length > 0 ? { tcp: own[0].name } : undefined;
  const pick = (own: ProbeSpec | false | undefined, other: ProbeSpec | false | undefined): ProbeSpec | undefined =>
    own === false ? undefined : (own ?? (other === false ? undefined : other) ?? fallback);
  const readiness = pick(declared.readiness, declared.liveness);
  const liveness = pick(declared.liveness, declared.readiness);
  // An http probe without a port uses the first port, else the metrics port (the spec ensures one exists).
  const defaultPort = own[0]?.name ?? metricsPortName(ctx)!;
  return {
    ...(readiness && { readinessProbe: toProbe(readiness, defaultPort) }),
    ...(liveness && { livenessProbe: toProbe(liveness, defaultPort) }),
    ...(declared.startup && { startupProbe: toProbe(declared.startup, defaultPort) }),
  };
}

function keyItems(items: ReadonlyArray<{ key: string; path: string; mode?: number }> | undefined) {
  return items
    ? { items: items.map((i) => ({ key: i.key, path: i.path, ...(i.mode !== undefined && { mode: i.mode }) })) }
    : {};
}

/** A declared volume (`volumes`) as the pod's Volume (the schema ensures exactly one source). */
function declaredVolume(name: string, v: VolumeSource): Volume {
  const optional = v.optional !== undefined ? { optional: v.optional } : {};
  if (v.emptyDir)
    return {
      name,
      emptyDir: {
        ...(v.emptyDir.medium && { medium: v.emptyDir.medium }),
        ...(v.emptyDir.sizeLimit !== undefined && { sizeLimit: String(v.emptyDir.sizeLimit) }),
      },
    };
  if (v.configMap) return { name, configMap: { name: v.configMap, ...keyItems(v.items), ...optional } };
  if (v.secret) return { name, secret: { secretName: v.secret, ...keyItems(v.items), ...optional } };
  if (v.claim)
    return {
      name,
      persistentVolumeClaim: { claimName: v.claim, ...(v.readOnly !== undefined && { readOnly: v.readOnly }) },
    };
  return {
    name,
    projected: {
      sources: (v.projected ?? []).map((source) => {
        if ('configMap' in source) return { configMap: { name: source.configMap, ...keyItems(source.items) } };
        if ('secret' in source) return { secret: { name: source.secret, ...keyItems(source.items) } };
        const t = source.serviceAccountToken;
        return {
          serviceAccountToken: {
            path: t.path,
            ...(t.audience !== undefined && { audience: t.audience }),
            ...(t.expirationSeconds !== undefined && { expirationSeconds: t.expirationSeconds }),
          },
        };
      }),
    },
  };
}

function toMounts(mounts: readonly Mount[] | undefined): VolumeMount[] {
  return (mounts ?? []).map((m) => ({
    name: m.volume,
    mountPath: m.mountPath,
    ...(m.subPath !== undefined && { subPath: m.subPath }),
    ...(m.readOnly !== undefined && { readOnly: m.readOnly }),
  }));
}

/**
 * The pod's volumes: the generated ones (names in spec/volume-names.ts; users may choose them),
 * then the declared `volumes`. The main container mounts the generated ones and its `mounts`.
 */
function volumesAndMounts(ctx: ComponentContext): { volumes: Volume[]; mounts: VolumeMount[] } {
  const c = ctx.component;
  const stateful = COMPONENT_TYPE_TRAITS[ctx.type].workload(c) === 'StatefulSet';
  const volumes: Volume[] = [];
  const mounts: VolumeMount[] = [];
  for (const g of generatedVolumes(c)) {
    const [field, index] = g.field;
    if (field === 'writablePaths') {
      const w = c.writablePaths![index as number];
      const sizeLimit = typeof w === 'object' ? w.sizeLimit : undefined;
      volumes.push({ name: g.name, emptyDir: sizeLimit !== undefined ? { sizeLimit: String(sizeLimit) } : {} });
    } else if (field === 'config') {
      volumes.push({ name: g.name, configMap: { name: configMapName(ctx)! } });
    } else if (field === 'storage') {
      // StatefulSets get the volume from their volumeClaimTemplate of the same name; others from the PVC.
      if (!stateful) volumes.push({ name: g.name, persistentVolumeClaim: { claimName: claimName(ctx) } });
    } else {
      volumes.push({ name: g.name, emptyDir: {} });
    }
    mounts.push({ name: g.name, mountPath: g.mountPath, ...(field === 'config' && { readOnly: true }) });
  }
  for (const [name, v] of Object.entries(c.volumes ?? {})) volumes.push(declaredVolume(name, v));
  mounts.push(...toMounts(c.mounts));
  return { volumes, mounts };
}

/** The restricted defaults, relaxed only where the spec says so. */
type Security = NonNullable<InitContainer['security']>;

function containerSecurity(s: Security, runAsNonRoot: boolean): SecurityContext {
  const privileged = s.privileged === true;
  return {
    // The API server rejects privileged containers that forbid privilege escalation.
    allowPrivilegeEscalation: privileged,
    ...(privileged && { privileged: true }),
    readOnlyRootFilesystem: s.readOnlyRootFilesystem ?? true,
    runAsNonRoot,
    capabilities: { drop: ['ALL'], ...(s.addCapabilities?.length && { add: s.addCapabilities }) },
  };
}

function lifecycleHook(h: HookHandler): LifecycleHandler {
  if (h.exec) return { exec: { command: h.exec } };
  if (h.http)
    return { httpGet: { path: h.http.path, port: h.http.port, ...(h.http.scheme && { scheme: h.http.scheme }) } };
  return { sleep: { seconds: h.sleep! } };
}

/**
 * Init containers in declared order, with the restricted defaults and the pod's writable /tmp;
 * a sidecar (`restartPolicy: Always`) also gets its ports and declared probes.
 */
function initContainers(c: Component, podRunAsUser: number): Container[] {
  return (c.initContainers ?? []).map((i): Container => {
    const e = env(i);
    const ef = envFrom(i);
    const ports = containerPortsOf(i).map((p) => ({
      name: p.name,
      containerPort: p.containerPort,
      protocol: p.protocol,
    }));
    const security = i.security ?? {};
    const declared = i.probes ?? {};
    const probe = (p: ProbeSpec | false | undefined) => (p ? toProbe(p, ports[0]?.name ?? '') : undefined);
    const [readiness, liveness, startup] = [
      probe(declared.readiness),
      probe(declared.liveness),
      probe(declared.startup),
    ];
    return {
      name: i.name,
      image: i.image,
      imagePullPolicy: i.imagePullPolicy ?? 'IfNotPresent',
      ...(i.restartPolicy && { restartPolicy: i.restartPolicy }),
      ...(i.command && { command: i.command }),
      ...(i.args && { args: i.args }),
      ...(ports.length > 0 && { ports }),
      ...(e.length > 0 && { env: e }),
      ...(ef.length > 0 && { envFrom: ef }),
      resources: resources(i.resources),
      ...(readiness && { readinessProbe: readiness }),
      ...(liveness && { livenessProbe: liveness }),
      ...(startup && { startupProbe: startup }),
      securityContext: {
        ...containerSecurity(security, (security.runAsUser ?? podRunAsUser) !== 0),
        ...(security.runAsUser !== undefined && { runAsUser: security.runAsUser }),
        ...(security.runAsGroup !== undefined && { runAsGroup: security.runAsGroup }),
      },
      volumeMounts: [{ name: TMP_VOLUME, mountPath: '/tmp' }, ...toMounts(i.mounts)],
    };
  });
}

function topologySpread(ctx: ComponentContext): TopologySpreadConstraint[] | undefined {
  return ctx.component.scheduling?.topologySpread?.map((t) => ({
    topologyKey: TOPOLOGY_KEYS[t.over],
    maxSkew: t.maxSkew ?? 1,
    whenUnsatisfiable: t.whenUnsatisfiable ?? 'ScheduleAnyway',
    labelSelector: { matchLabels: { ...ctx.selector } },
  }));
}

function affinity(ctx: ComponentContext): Affinity | undefined {
  const range = replicaRange(ctx.component);
  // Default: spread replicated components over nodes when possible (a preference, never blocking scheduling).
  const mode = ctx.component.scheduling?.antiAffinity ?? (range && range.max > 1 ? 'preferred' : 'none');
  if (mode === 'none') return undefined;
  const term = {
    labelSelector: { matchLabels: ctx.component.scheduling?.antiAffinityLabels ?? ctx.selector },
    topologyKey: 'kubernetes.io/hostname',
  };
  return {
    podAntiAffinity:
      mode === 'required'
        ? { requiredDuringSchedulingIgnoredDuringExecution: [term] }
        : { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term }] },
  };
}

export function podTemplate(ctx: ComponentContext): PodTemplateSpec {
  const c = ctx.component;
  const s = c.security ?? {};
  const runAsUser = s.runAsUser ?? DEFAULT_UID;
  const runAsNonRoot = runAsUser !== 0;
  const { volumes, mounts } = volumesAndMounts(ctx);
  const metricsName = metricsPortName(ctx);
  const ports = containerPortsOf(c).map((p) => ({
    name: p.name,
    containerPort: p.containerPort,
    protocol: p.protocol,
  }));
  if (c.metrics && !ctx.ports.some((p) => p.containerPort === c.metrics!.port)) {
    ports.push({ name: metricsName!, containerPort: c.metrics.port, protocol: 'TCP' });
  }
  const e = env(c);
  const ef = mainEnvFrom(ctx);
  const container: Container = {
    name: c.containerName ?? ctx.name,
    image: c.image,
    // Tags are pinned (the schema requires a tag or digest), so the cached image is the right one.
    imagePullPolicy: c.imagePullPolicy ?? 'IfNotPresent',
    ...(c.command && { command: c.command }),
    ...(c.args && { args: c.args }),
    ...(ports.length > 0 && { ports }),
    ...(e.length > 0 && { env: e }),
    ...(ef.length > 0 && { envFrom: ef }),
    resources: resources(c.resources),
    ...probes(ctx),
    ...(c.lifecycle && { lifecycle: { preStop: lifecycleHook(c.lifecycle.preStop) } }),
    securityContext: containerSecurity(s, runAsNonRoot),
    volumeMounts: mounts,
  };
  const inits = initContainers(c, runAsUser);
  const spread = topologySpread(ctx);
  const sched = c.scheduling ?? {};
  const aff = affinity(ctx);
  const kind = COMPONENT_TYPE_TRAITS[ctx.type].workload(c);
  const spec: PodSpec = {
    serviceAccountName: serviceAccountName(ctx),
    automountServiceAccountToken: mountsApiToken(c),
    securityContext: {
      runAsNonRoot,
      runAsUser,
      runAsGroup: s.runAsGroup ?? DEFAULT_UID,
      fsGroup: s.fsGroup ?? DEFAULT_UID,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    ...((kind === 'Job' || kind === 'CronJob') && { restartPolicy: c.job?.restartPolicy ?? 'Never' }),
    ...(c.shareProcessNamespace !== undefined && { shareProcessNamespace: c.shareProcessNamespace }),
    ...(c.terminationGracePeriodSeconds !== undefined && {
      terminationGracePeriodSeconds: c.terminationGracePeriodSeconds,
    }),
    ...(c.imagePullSecrets && { imagePullSecrets: c.imagePullSecrets.map((name) => ({ name })) }),
    ...(inits.length > 0 && { initContainers: inits }),
    containers: [container],
    volumes,
    ...(sched.nodeSelector && { nodeSelector: sched.nodeSelector }),
    ...(sched.tolerations && { tolerations: sched.tolerations }),
    ...(aff && { affinity: aff }),
    ...(spread && { topologySpreadConstraints: spread }),
    ...(sched.priorityClassName && { priorityClassName: sched.priorityClassName }),
    ...(c.hostAliases && { hostAliases: c.hostAliases }),
    ...(c.dnsConfig && { dnsConfig: c.dnsConfig }),
  };
  return {
    metadata: { labels: { ...ctx.labels }, ...(c.podAnnotations && { annotations: c.podAnnotations }) },
    spec,
  };
}
