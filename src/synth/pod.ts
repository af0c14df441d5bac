// The pod template every workload kind shares: secure by default (restricted Pod Security
// Standard), requests and limits always set, probes for anything serving traffic, a writable /tmp.
import type {
  Affinity,
  Container,
  EnvVar,
  EnvFromSource,
  PodSpec,
  PodTemplateSpec,
  Probe,
  SecurityContext,
  Volume,
  VolumeMount,
} from 'kubernetes-types/core/v1.js';
import type { ProbeSpec } from '../spec/schema.js';
import { replicaRange } from './component-types.js';
import type { ComponentContext } from './context.js';
import { serviceAccountName } from './families/service-account.js';
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
  return ctx.component.storage?.claimName ?? 'data';
}

/** The container port the metrics endpoint is served on: a declared port of that number, else one named `metrics`. */
export function metricsPortName(ctx: ComponentContext): string | undefined {
  const m = ctx.component.metrics;
  if (!m) return undefined;
  return ctx.ports.find((p) => p.containerPort === m.port)?.name ?? 'metrics';
}

function resources(ctx: ComponentContext) {
  const r = ctx.component.resources ?? {};
  const requests: Record<string, string> = {};
  const limits: Record<string, string> = {};
  for (const res of ['cpu', 'memory'] as const) {
    const req = r.requests?.[res];
    const lim = r.limits?.[res];
    requests[res] = String(req ?? lim ?? DEFAULT_RESOURCES[res].request);
    limits[res] = String(lim ?? req ?? DEFAULT_RESOURCES[res].limit);
  }
  const eph = { req: r.requests?.['ephemeral-storage'], lim: r.limits?.['ephemeral-storage'] };
  if (eph.req !== undefined || eph.lim !== undefined) {
    requests['ephemeral-storage'] = String(eph.req ?? eph.lim);
    limits['ephemeral-storage'] = String(eph.lim ?? eph.req);
  }
  return { requests, limits };
}

function env(ctx: ComponentContext): EnvVar[] {
  return Object.entries(ctx.component.env ?? {}).map(([name, v]): EnvVar => {
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

function envFrom(ctx: ComponentContext): EnvFromSource[] {
  const out: EnvFromSource[] = (ctx.component.envFrom ?? []).map((e) => {
    const prefix = e.prefix !== undefined ? { prefix: e.prefix } : {};
    return 'secret' in e
      ? { secretRef: { name: e.secret }, ...prefix }
      : { configMapRef: { name: e.configMap }, ...prefix };
  });
  // A component's own ConfigMap without a mount path is loaded as environment.
  const cm = configMapName(ctx);
  if (cm && !ctx.component.config?.mountPath) out.push({ configMapRef: { name: cm } });
  return out;
}

function toProbe(ctx: ComponentContext, p: ProbeSpec): Probe {
  // An http probe without a port uses the first port, else the metrics port (the spec ensures one exists).
  const handler: Probe = p.http
    ? {
        httpGet: {
          path: p.http.path,
          port: p.http.port ?? ctx.ports[0]?.name ?? metricsPortName(ctx)!,
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
  const fallback: ProbeSpec | undefined =
    COMPONENT_TYPE_TRAITS[ctx.type].longRunning && ctx.ports.length > 0 ? { tcp: ctx.ports[0].name } : undefined;
  const pick = (own: ProbeSpec | false | undefined, other: ProbeSpec | false | undefined): ProbeSpec | undefined =>
    own === false ? undefined : (own ?? (other === false ? undefined : other) ?? fallback);
  const readiness = pick(declared.readiness, declared.liveness);
  const liveness = pick(declared.liveness, declared.readiness);
  return {
    ...(readiness && { readinessProbe: toProbe(ctx, readiness) }),
    ...(liveness && { livenessProbe: toProbe(ctx, liveness) }),
    ...(declared.startup && { startupProbe: toProbe(ctx, declared.startup) }),
  };
}

/** Volume names: `tmp`, `writable-<n>`, `config`, `data`. */
function volumesAndMounts(ctx: ComponentContext): { volumes: Volume[]; mounts: VolumeMount[] } {
  const c = ctx.component;
  const volumes: Volume[] = [{ name: 'tmp', emptyDir: {} }];
  const mounts: VolumeMount[] = [{ name: 'tmp', mountPath: '/tmp' }];
  (c.writablePaths ?? []).forEach((w, i) => {
    const { path, sizeLimit } = typeof w === 'string' ? { path: w, sizeLimit: undefined } : w;
    volumes.push({
      name: `writable-${i + 1}`,
      emptyDir: sizeLimit !== undefined ? { sizeLimit: String(sizeLimit) } : {},
    });
    mounts.push({ name: `writable-${i + 1}`, mountPath: path });
  });
  const cm = configMapName(ctx);
  if (cm && c.config?.mountPath) {
    volumes.push({ name: 'config', configMap: { name: cm } });
    mounts.push({ name: 'config', mountPath: c.config.mountPath, readOnly: true });
  }
  if (c.storage) {
    // StatefulSets get the volume from their volumeClaimTemplate of the same name; others from the PVC.
    const stateful = COMPONENT_TYPE_TRAITS[ctx.type].workload(c) === 'StatefulSet';
    const name = stateful ? claimTemplateName(ctx) : 'data';
    if (!stateful) volumes.push({ name, persistentVolumeClaim: { claimName: claimName(ctx) } });
    mounts.push({ name, mountPath: c.storage.mountPath });
  }
  return { volumes, mounts };
}

function containerSecurity(ctx: ComponentContext, runAsNonRoot: boolean): SecurityContext {
  const s = ctx.component.security ?? {};
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
  const ports = ctx.ports.map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: p.protocol }));
  if (c.metrics && !ctx.ports.some((p) => p.containerPort === c.metrics!.port)) {
    ports.push({ name: metricsName!, containerPort: c.metrics.port, protocol: 'TCP' });
  }
  const e = env(ctx);
  const ef = envFrom(ctx);
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
    resources: resources(ctx),
    ...probes(ctx),
    securityContext: containerSecurity(ctx, runAsNonRoot),
    volumeMounts: mounts,
  };
  const sched = c.scheduling ?? {};
  const aff = affinity(ctx);
  const kind = COMPONENT_TYPE_TRAITS[ctx.type].workload(c);
  const spec: PodSpec = {
    serviceAccountName: serviceAccountName(ctx),
    automountServiceAccountToken: c.serviceAccount?.automountToken ?? false,
    securityContext: {
      runAsNonRoot,
      runAsUser,
      runAsGroup: s.runAsGroup ?? DEFAULT_UID,
      fsGroup: s.fsGroup ?? DEFAULT_UID,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    ...((kind === 'Job' || kind === 'CronJob') && { restartPolicy: c.job?.restartPolicy ?? 'Never' }),
    containers: [container],
    volumes,
    ...(sched.nodeSelector && { nodeSelector: sched.nodeSelector }),
    ...(sched.tolerations && { tolerations: sched.tolerations }),
    ...(aff && { affinity: aff }),
    ...(sched.priorityClassName && { priorityClassName: sched.priorityClassName }),
  };
  return {
    metadata: { labels: { ...ctx.labels }, ...(c.podAnnotations && { annotations: c.podAnnotations }) },
    spec,
  };
}
