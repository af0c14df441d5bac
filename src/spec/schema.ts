// The architecture spec: ONE zod schema for `architecture.ts` and `architecture.yaml` alike, and the
// source of the JSON Schema `shipshape schema` prints. Objects are strict: an unknown field is an
// error with its path. Defaults are not filled in here; synthesis applies (and documents) each one
// where it is used, so the spec stays what the author wrote.
import * as z from 'zod';
import { COMPONENT_TYPES, TIERS, type ComponentType } from '../vocabulary/components.js';
import { isQuantity } from '../vocabulary/quantity.js';
import { acknowledgeField } from './acknowledge.js';
import { monitoringFields } from './monitoring.js';
import { persistentVolumeField } from './persistent-volume.js';
import { podSettingsFields, topologySpreadField } from './pod-settings.js';
import { kubernetesVersionField } from './kubernetes-version.js';
import { gatewayField } from './gateway.js';
import { rbacField } from './rbac.js';
import { extraObjectsField, patchesField } from './escape-hatch.js';
import { perKeyRefs, secretSourceField } from './secret-source.js';
import { serviceOptionsField } from './service-options.js';
import { storageClassesField } from './storage-class.js';
import {
  COMPONENT_NAME_MAX,
  DNS_1035_LABEL,
  DNS_LABEL,
  ENV_NAME,
  isCidr,
  isCronSchedule,
  isDnsSubdomain,
  isLabelKey,
  isLabelValue,
  isPortName,
  isStrictlyInside,
} from './names.js';

const dnsLabel = z
  .string()
  .max(63)
  .regex(DNS_LABEL, 'expected a DNS label (lowercase letters, digits and "-", at most 63 characters)');
const subdomain = z
  .string()
  .refine(
    isDnsSubdomain,
    'expected a DNS subdomain name (lowercase letters, digits, "-" and ".", at most 253 characters)',
  );
const componentName = z
  .string()
  .max(COMPONENT_NAME_MAX)
  .regex(
    DNS_1035_LABEL,
    `expected a component name: lowercase letters, digits and "-", starting with a letter, at most ${COMPONENT_NAME_MAX} characters`,
  );
const portName = z
  .string()
  .refine(isPortName, 'expected a port name (at most 15 lowercase letters, digits and "-", with a letter)');
const portNumber = z.int().min(1).max(65535);
const seconds = z.int().min(0);
const quantity = z
  .union([z.string(), z.number()])
  .refine(isQuantity, 'expected a Kubernetes quantity such as 250m, 0.5, 512Mi or 1Gi');
const intOrPercent = z.union([
  z.int().min(0),
  z.string().regex(/^\d+%$/, 'expected a count or a percentage such as 25%'),
]);
const absolutePath = z.string().regex(/^\/[^:]*$/, 'expected an absolute path without ":"');
/** ECMA-402's names of UTC, which `Intl.supportedValuesOf('timeZone')` leaves out as aliases of none. */
const UTC_NAMES = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT']);
let canonicalZones: ReadonlySet<string> | undefined;
/**
 * IANA time zone names, as the CronJob controller resolves them (the tz database, which Node's Intl
 * also carries). UTC's names answer at once; the list of canonical names answers most others in
 * ~1.5 ms (ICU lists them); an alias (Asia/Calcutta, any case) takes a DateTimeFormat, whose first
 * construction loads ICU's locale data (~12 ms).
 */
export function isTimeZone(tz: string): boolean {
  if (UTC_NAMES.has(tz)) return true;
  canonicalZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (canonicalZones.has(tz)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return !tz.includes(' ');
  } catch {
    return false;
  }
}
const labels = z.record(
  z.string().refine(isLabelKey, 'expected a label key'),
  z.string().refine(isLabelValue, 'expected a label value (at most 63 characters)'),
);
const metricName = z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'expected a Prometheus metric name');

const externalPorts = z
  .array(z.union([portNumber, z.strictObject({ port: portNumber, protocol: z.enum(['TCP', 'UDP', 'SCTP']) })]))
  .min(1);
const externalHost = subdomain.describe('Host name of the peer, for documentation.').optional();

/** A port: its number, or `{port, containerPort, protocol}` when the Service port differs from the container's. */
const portSpec = z.union([
  portNumber,
  z.strictObject({
    port: portNumber.describe('Service port.'),
    containerPort: portNumber.describe('Container port; default: the same as `port`.').optional(),
    protocol: z.enum(['TCP', 'UDP', 'SCTP']).describe('Default: TCP.').optional(),
  }),
]);

/** Downward API fields a container may read (https://kubernetes.io/docs/concepts/workloads/pods/downward-api/). */
const FIELD_PATH =
  /^(metadata\.(name|namespace|uid)|metadata\.(labels|annotations)\['[^']+'\]|spec\.(nodeName|serviceAccountName)|status\.(hostIP|hostIPs|podIP|podIPs))$/;

const envValue = z.union(
  [
    z.string(),
    z.number(),
    z.boolean(),
    /** A key of a Secret (declared under `secrets`). */
    z.strictObject({ secret: subdomain, key: z.string().min(1), optional: z.boolean().optional() }),
    /** A key of a ConfigMap. */
    z.strictObject({ configMap: subdomain, key: z.string().min(1), optional: z.boolean().optional() }),
    /** A pod field such as `metadata.name`. */
    z.strictObject({
      field: z
        .string()
        .regex(
          FIELD_PATH,
          'expected a downward API field such as metadata.name, metadata.namespace, spec.nodeName or status.podIP',
        ),
    }),
    /** A container resource such as `limits.memory`. */
    z.strictObject({
      resource: z.enum([
        'limits.cpu',
        'limits.memory',
        'requests.cpu',
        'requests.memory',
        'limits.ephemeral-storage',
        'requests.ephemeral-storage',
      ]),
    }),
  ],
  { error: 'expected a string, number or boolean, or one of {secret, key}, {configMap, key}, {field}, {resource}' },
);

const envFrom = z.union(
  [
    z.strictObject({ secret: subdomain, prefix: z.string().optional() }),
    z.strictObject({ configMap: subdomain, prefix: z.string().optional() }),
  ],
  { error: 'expected {secret} or {configMap}' },
);

const portRef = z.union([portNumber, portName]);

const probe = z
  .strictObject({
    http: z
      .strictObject({
        path: z.string().startsWith('/'),
        port: portRef.optional(),
        scheme: z.enum(['HTTP', 'HTTPS']).optional(),
      })
      .describe("HTTP GET on a path (port: number or port name; default: the component's first port).")
      .optional(),
    exec: z.array(z.string()).min(1).describe('A command run in the container; exit code 0 is healthy.').optional(),
    tcp: portRef.describe('A TCP connect to a port (number or name).').optional(),
    grpc: z
      .strictObject({ port: portNumber, service: z.string().optional() })
      .describe('A gRPC health check on a port number.')
      .optional(),
    initialDelaySeconds: seconds.optional(),
    periodSeconds: z.int().min(1).optional(),
    timeoutSeconds: z.int().min(1).optional(),
    failureThreshold: z.int().min(1).optional(),
    successThreshold: z.int().min(1).optional(),
  })
  .refine(
    (p) => [p.http, p.exec, p.tcp, p.grpc].filter((h) => h !== undefined).length === 1,
    'expected exactly one of http, exec, tcp, grpc',
  );

const resourceAmounts = z.strictObject({
  cpu: quantity.optional(),
  memory: quantity.optional(),
  'ephemeral-storage': quantity.optional(),
});

/** The word that leaves a CPU limit out on purpose (`limits: {cpu: none}`). */
export const NO_LIMIT = 'none';

const resourceLimits = z.strictObject({
  cpu: z
    .union([quantity, z.literal(NO_LIMIT)])
    .describe(
      '`none`: no CPU limit, on purpose (the container may use idle CPU; the request still reserves its share). Default: the request, else 500m.',
    )
    .optional(),
  memory: quantity.describe('Default: the request, else 256Mi (memory is always limited).').optional(),
  'ephemeral-storage': quantity.optional(),
});

const resources = z.strictObject({ requests: resourceAmounts.optional(), limits: resourceLimits.optional() });

const scalingRules = z.strictObject({
  stabilizationWindowSeconds: z.int().min(0).max(3600).optional(),
  selectPolicy: z.enum(['Max', 'Min', 'Disabled']).optional(),
  policies: z
    .array(
      z.strictObject({
        type: z.enum(['Pods', 'Percent']),
        value: z.int().min(1),
        periodSeconds: z.int().min(1).max(1800),
      }),
    )
    .min(1)
    .optional(),
});

const autoscaling = z.strictObject({
  cpu: z.int().min(1).describe('Target average CPU utilisation in percent of requests.').optional(),
  memory: z.int().min(1).describe('Target average memory utilisation in percent of requests.').optional(),
  metrics: z
    .array(z.strictObject({ name: metricName, averageValue: quantity, selector: labels.optional() }))
    .min(1)
    .describe('Custom per-pod metrics (HPA `Pods` metrics): scale so that each pod averages `averageValue`.')
    .optional(),
  behavior: z.strictObject({ scaleUp: scalingRules.optional(), scaleDown: scalingRules.optional() }).optional(),
});

/** Image with a tag or digest (an untagged or `latest` image is not reproducible). */
const image = z
  .string()
  .min(1)
  .refine(
    (i) => /@sha256:[a-f0-9]{64}$/.test(i) || /:[\w][\w.-]{0,127}$/.test(i.slice(i.lastIndexOf('/') + 1)),
    'expected an image with a tag or digest, e.g. postgres:16.4',
  )
  .refine((i) => !/:latest$/.test(i), 'expected a pinned tag, not "latest"');
const imagePullPolicy = z
  .enum(['Always', 'IfNotPresent', 'Never'])
  .describe('Default: IfNotPresent (tags are pinned).')
  .optional();
const envMap = z.record(z.string().regex(ENV_NAME, 'expected an environment variable name'), envValue);

/** Declared probes; `false` turns a default probe off. */
const probes = z.strictObject({
  readiness: z.union([probe, z.literal(false)]).optional(),
  liveness: z.union([probe, z.literal(false)]).optional(),
  startup: probe.optional(),
});

/** Relaxations of the restricted defaults for one container (each one is visible to `check`). */
const containerSecurityShape = {
  runAsUser: z.int().min(0).describe('Default 1000.').optional(),
  runAsGroup: z.int().min(0).describe('Default 1000.').optional(),
  readOnlyRootFilesystem: z.boolean().describe('Default true.').optional(),
  privileged: z.boolean().describe('Default false.').optional(),
  addCapabilities: z.array(z.string().regex(/^[A-Z_]+$/)).optional(),
};

/** A volume mounted into a container, by the name it has under `volumes` (or a generated one). */
const mount = z.strictObject({
  volume: dnsLabel.describe(
    'A volume under `volumes`, or a generated one: `tmp`, the config, storage and writablePaths volumes.',
  ),
  mountPath: absolutePath,
  subPath: z
    .string()
    .refine((p) => !p.startsWith('/') && !p.split('/').includes('..'), 'expected a relative path without ".."')
    .optional(),
  readOnly: z.boolean().describe('Default false.').optional(),
});
const mounts = z
  .array(mount)
  .describe('Volumes mounted into the container: `{volume, mountPath, subPath, readOnly}`.')
  .optional();

/** Keys of a ConfigMap or Secret projected as files: `{key, path, mode}`; default: every key, named after it. */
const keyItems = z
  .array(
    z.strictObject({
      key: z.string().min(1),
      path: z
        .string()
        .refine((p) => !p.startsWith('/') && !p.split('/').includes('..'), 'expected a relative path without ".."'),
      mode: z.int().min(0).max(0o777).optional(),
    }),
  )
  .min(1);

const VOLUME_SOURCES = ['emptyDir', 'configMap', 'secret', 'projected', 'claim'] as const;

/** One volume: exactly one source, and the options that source takes. */
const volumeSource = z
  .strictObject({
    emptyDir: z
      .strictObject({
        sizeLimit: quantity.optional(),
        medium: z.literal('Memory').describe("`Memory`: a tmpfs; default: the node's disk.").optional(),
      })
      .optional(),
    configMap: subdomain.optional(),
    secret: subdomain.optional(),
    projected: z
      .array(
        z.union(
          [
            z.strictObject({ configMap: subdomain, items: keyItems.optional() }),
            z.strictObject({ secret: subdomain, items: keyItems.optional() }),
            z.strictObject({
              serviceAccountToken: z.strictObject({
                path: z.string().min(1),
                audience: z.string().optional(),
                expirationSeconds: z.int().min(600).describe('Default 3600.').optional(),
              }),
            }),
          ],
          { error: 'expected {configMap}, {secret} or {serviceAccountToken}' },
        ),
      )
      .min(1)
      .optional(),
    claim: subdomain.describe('A PersistentVolumeClaim of the namespace.').optional(),
    items: keyItems.describe('configMap and secret: the keys to project as files; default: every key.').optional(),
    optional: z.boolean().describe('configMap and secret: start without it; default false.').optional(),
    readOnly: z.boolean().describe('claim: mount it read-only; default false.').optional(),
  })
  .superRefine((v, ctx) => {
    const given = VOLUME_SOURCES.filter((k) => v[k] !== undefined);
    if (given.length !== 1)
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `expected exactly one of ${VOLUME_SOURCES.join(', ')}${given.length ? `, received ${given.join(' and ')}` : ''}`,
      });
    const keyed = v.configMap !== undefined || v.secret !== undefined;
    for (const field of ['items', 'optional'] as const)
      if (v[field] !== undefined && !keyed)
        ctx.addIssue({ code: 'custom', path: [field], message: 'only for configMap and secret volumes' });
    if (v.readOnly !== undefined && v.claim === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['readOnly'],
        message: 'only for claim volumes (mounts have their own readOnly)',
      });
  });

/** An init container (runs to completion, in order) or, with `restartPolicy: Always`, a native sidecar. */
const initContainer = z
  .strictObject({
    name: dnsLabel,
    image,
    imagePullPolicy,
    command: z.array(z.string()).optional(),
    args: z.array(z.string()).optional(),
    env: envMap.optional(),
    envFrom: z.array(envFrom).optional(),
    resources: resources.describe('Defaults as for the main container.').optional(),
    security: z.strictObject(containerSecurityShape).optional(),
    mounts,
    restartPolicy: z
      .literal('Always')
      .describe('A native sidecar: started before the main container and kept running beside it (Kubernetes ≥ 1.29).')
      .optional(),
    ports: z
      .record(portName, portSpec)
      .describe("Sidecars only: ports that join the component's ports (and its Service).")
      .optional(),
    probes: probes.describe('Sidecars only; no defaults.').optional(),
  })
  .superRefine((c, ctx) => {
    if (c.restartPolicy === 'Always') return;
    for (const field of ['ports', 'probes'] as const)
      if (c[field] !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: 'only for sidecars (restartPolicy: Always): an init container runs to completion',
        });
  });

const toleration = z.strictObject({
  key: z.string().optional(),
  operator: z.enum(['Exists', 'Equal']).optional(),
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']).optional(),
  tolerationSeconds: z.int().optional(),
});

/** Every `except` block of an address block lies strictly inside its `cidr`, as the API server requires. */
function exceptInsideCidr(e: { cidr: string; except?: string[] }, ctx: z.RefinementCtx): void {
  (e.except ?? []).forEach((x, i) => {
    if (!isStrictlyInside(x, e.cidr))
      ctx.addIssue({ code: 'custom', path: ['except', i], message: `expected a block strictly inside ${e.cidr}` });
  });
}

const componentShape = {
  type: z.enum(COMPONENT_TYPES),
  namespace: dnsLabel
    .describe("The namespace the component's objects live in; default: the architecture's `namespace`.")
    .optional(),
  enabled: z
    .boolean()
    .describe(
      '`false`: declared but not deployed (no objects, no connections); a profile can turn it on or off. Default: true.',
    )
    .optional(),
  description: z.string().optional(),
  tier: z
    .enum(TIERS)
    .describe(
      'Grouping in docs; default from the type (web, frontend → web; worker, daemon → worker; database, cache, broker → data; job, cronjob → job).',
    )
    .optional(),
  /** Image with a tag or digest (an untagged or `latest` image is not reproducible). */
  image,
  imagePullPolicy,
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  ports: z
    .record(portName, portSpec)
    .describe("Named ports; the first is the component's primary port (what a bare `uses: [name]` connects to).")
    .optional(),
  env: envMap.optional(),
  envFrom: z.array(envFrom).optional(),
  /** A ConfigMap owned by the component (default name `<component>-config`): mounted at `mountPath`, else loaded as environment. */
  config: z
    .strictObject({
      name: subdomain.optional(),
      data: z.record(
        z.string().regex(/^[-._a-zA-Z0-9]+$/, 'expected a ConfigMap key (letters, digits, "-", "_", ".")'),
        z.string(),
      ),
      mountPath: absolutePath.optional(),
      volumeName: dnsLabel.describe('Name of its volume when mounted; default `config`.').optional(),
    })
    .optional(),
  resources: resources.optional(),
  replicas: z
    .union([z.int().min(0), z.strictObject({ min: z.int().min(1), max: z.int().min(1) })])
    .describe('A fixed count, or `{min, max}` for a HorizontalPodAutoscaler.')
    .optional(),
  autoscaling: autoscaling.optional(),
  /** `false` turns a default probe off. */
  probes: probes.optional(),
  initContainers: z
    .array(initContainer)
    .describe(
      'Containers started before the main one, in order: each runs to completion, except sidecars (`restartPolicy: Always`), which keep running.',
    )
    .optional(),
  volumes: z
    .record(dnsLabel, volumeSource)
    .describe(
      'Volumes by the name they keep in the pod: `{emptyDir: {sizeLimit, medium}}`, `{configMap, items}`, `{secret, items}`, `{projected: [sources]}` or `{claim}`.',
    )
    .optional(),
  mounts,
  storage: z
    .strictObject({
      size: quantity,
      mountPath: absolutePath,
      class: subdomain.describe("StorageClass; default: the cluster's default class.").optional(),
      accessMode: z.enum(['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod']).optional(),
      claimName: dnsLabel
        .describe(
          'Name of the PersistentVolumeClaim (StatefulSets: of the volumeClaimTemplate, so pods get `<claimName>-<component>-<n>`); default `<component>-data` (`data` for StatefulSets).',
        )
        .optional(),
      volumeName: dnsLabel
        .describe(
          "Name of the pod's volume for the claim (not for StatefulSets, whose volume is named after the claim template); default `data`.",
        )
        .optional(),
      volume: persistentVolumeField.optional(),
    })
    .optional(),
  external: z
    .array(
      z.union([
        z
          .strictObject({
            cidr: z.string().refine(isCidr, 'expected a CIDR such as 203.0.113.0/24 or 0.0.0.0/0'),
            except: z.array(z.string().refine(isCidr, 'expected a CIDR')).optional(),
            ports: externalPorts,
            host: externalHost,
          })
          .superRefine(exceptInsideCidr),
        z.strictObject({
          namespace: dnsLabel.describe('A namespace outside the spec (an infrastructure namespace).'),
          podSelector: labels.describe("Its pods' labels; default: every pod of the namespace.").optional(),
          ports: externalPorts,
          host: externalHost,
        }),
      ]),
    )
    .describe(
      'Connections to peers outside the spec: egress to `cidr` (minus `except`), or to the pods of another `namespace` (optionally those matching `podSelector`), on `ports` (TCP unless given). `host` names the peer for the docs only: NetworkPolicies match addresses and labels, not host names.',
    )
    .optional(),
  inbound: z
    .array(
      z.union(
        [
          z
            .strictObject({
              cidr: z.string().refine(isCidr, 'expected a CIDR such as 203.0.113.0/24 or 0.0.0.0/0'),
              except: z.array(z.string().refine(isCidr, 'expected a CIDR')).optional(),
              ports: z.array(portRef).min(1),
            })
            .superRefine(exceptInsideCidr),
          z.strictObject({
            namespace: dnsLabel,
            podSelector: labels
              .describe("Labels of the admitted pods in that namespace; default: all of the namespace's pods.")
              .optional(),
            ports: z.array(portRef).min(1),
          }),
        ],
        { error: 'expected {cidr, except?, ports} or {namespace, podSelector?, ports}' },
      ),
    )
    .describe(
      "Traffic admitted from outside the architecture: an address block (`cidr` minus `except`, e.g. a partner's network) or another namespace's pods (agents, a gateway), on `ports` (the component's declared ports, by Service port number or name).",
    )
    .optional(),
  uses: z
    .array(z.string().regex(/^[a-z][-a-z0-9]*(:([0-9]+|[a-z0-9-]+))?$/, 'expected "component" or "component:port"'))
    .describe('Connections to other components: `name` (its first port) or `name:port` (number or port name).')
    .optional(),
  after: z
    .array(componentName)
    .describe('Components that must be ready (or complete, for jobs) before this one starts.')
    .optional(),
  ingress: z
    .strictObject({
      host: subdomain,
      path: z.string().startsWith('/').optional(),
      pathType: z.enum(['Prefix', 'Exact', 'ImplementationSpecific']).optional(),
      port: portRef.describe('Service port (number or name); default: the first port.').optional(),
      className: z.string().optional(),
      tls: z
        .union([z.boolean(), z.strictObject({ secretName: subdomain })])
        .describe('`true`: TLS with the Secret `<component>-tls`.')
        .optional(),
      annotations: z.record(z.string(), z.string()).optional(),
      controllerNamespace: dnsLabel
        .describe('Namespace of the ingress controller, allowed in by the NetworkPolicy; default `ingress-nginx`.')
        .optional(),
      controllerPodSelector: labels
        .describe(
          "Labels of the ingress controller's pods, e.g. {app.kubernetes.io/name: ingress-nginx}: only they are allowed in; default: every pod of `controllerNamespace`.",
        )
        .optional(),
      gateway: gatewayField.optional(),
    })
    .superRefine((ing, ctx) => {
      if (!ing.gateway) return;
      // A Gateway terminates TLS on its listeners and has no class or annotations per route.
      for (const field of ['className', 'tls', 'annotations', 'controllerNamespace', 'controllerPodSelector'] as const)
        if (ing[field] !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: [field],
            message: 'only for an Ingress: with a gateway, the Gateway and its listeners decide this',
          });
      if (ing.pathType === 'ImplementationSpecific')
        ctx.addIssue({ code: 'custom', path: ['pathType'], message: 'expected Prefix or Exact for an HTTPRoute' });
    })
    .optional(),
  /** Prometheus metrics endpoint; also makes the `<component>-metrics` Service. */
  metrics: z
    .strictObject({
      port: portNumber,
      path: z.string().startsWith('/').describe('Default: /metrics.').optional(),
      scrapeFrom: dnsLabel
        .describe('Namespace Prometheus scrapes from, allowed in by the NetworkPolicy; default `monitoring`.')
        .optional(),
    })
    .optional(),
  /** `false`: no PodDisruptionBudget. Default for replicated components: maxUnavailable 1. */
  disruptionBudget: z
    .union([
      z.literal(false),
      z
        .strictObject({ minAvailable: intOrPercent.optional(), maxUnavailable: intOrPercent.optional() })
        .refine(
          (b) => (b.minAvailable === undefined) !== (b.maxUnavailable === undefined),
          'expected exactly one of minAvailable, maxUnavailable',
        ),
    ])
    .optional(),
  rollout: z
    .strictObject({
      strategy: z.enum(['RollingUpdate', 'Recreate']).optional(),
      maxSurge: intOrPercent.optional(),
      maxUnavailable: intOrPercent.optional(),
      minReadySeconds: seconds.optional(),
      revisionHistoryLimit: seconds.optional(),
    })
    .optional(),
  scheduling: z
    .strictObject({
      nodeSelector: labels.optional(),
      tolerations: z.array(toleration).optional(),
      antiAffinity: z
        .enum(['preferred', 'required', 'none'])
        .describe('Spread replicas over nodes; default `preferred` for replicated components.')
        .optional(),
      antiAffinityLabels: labels
        .describe(
          "The pods the anti-affinity keeps apart from, e.g. {app: cartridge-warp} for all of several components; default: this component's pods.",
        )
        .optional(),
      priorityClassName: subdomain.optional(),
      topologySpread: topologySpreadField.optional(),
    })
    .optional(),
  labels: labels.describe('Extra labels on every object of the component and its pods.').optional(),
  podAnnotations: z.record(z.string(), z.string()).describe('Extra annotations on the pods.').optional(),
  /** Explicit relaxations of the secure defaults (each one is visible to `check`). */
  security: z
    .strictObject({ ...containerSecurityShape, fsGroup: z.int().min(0).describe('Default 1000.').optional() })
    .optional(),
  writablePaths: z
    .array(
      z.union([
        absolutePath,
        z.strictObject({
          path: absolutePath,
          sizeLimit: quantity.optional(),
          volumeName: dnsLabel.describe('Name of the emptyDir volume; default `writable-<n>`.').optional(),
        }),
      ]),
    )
    .describe(
      'Writable directories besides /tmp (emptyDirs), for images that write outside their data volume: a path, or `{path, sizeLimit, volumeName}`.',
    )
    .optional(),
  serviceAccount: z
    .strictObject({
      automountToken: z.boolean().optional(),
      name: dnsLabel
        .describe(
          'A ServiceAccount shared by every component naming it (made once, with the first); default: one per component, named after it.',
        )
        .optional(),
    })
    .describe('Default: no API token mounted, unless the component declares `rbac`.')
    .optional(),
  rbac: rbacField.optional(),
  containerName: dnsLabel.describe('Name of the container; default: the component name.').optional(),
  selectorLabels: labels
    .describe(
      'Extra labels the pod selector matches (and the pods carry), e.g. {app, schema}; immutable once a Deployment exists.',
    )
    .optional(),
  schedule: z
    .string()
    .refine(
      isCronSchedule,
      'expected a cron schedule: five fields within their ranges, @hourly, @daily, @weekly, @monthly, @yearly or @every <duration>',
    )
    .describe('cronjob: when to run (cron syntax or @hourly, @daily, …).')
    .optional(),
  timeZone: z
    .string()
    .refine(isTimeZone, 'expected an IANA time zone such as Europe/Berlin or Etc/UTC')
    .describe("cronjob: IANA time zone, e.g. Europe/Berlin; default: the controller's (UTC on managed clusters).")
    .optional(),
  /** job, cronjob: run settings. */
  job: z
    .strictObject({
      backoffLimit: z.int().min(0).optional(),
      ttlSecondsAfterFinished: seconds.optional(),
      activeDeadlineSeconds: z.int().min(1).optional(),
      completions: z.int().min(1).optional(),
      parallelism: z.int().min(1).optional(),
      restartPolicy: z.enum(['Never', 'OnFailure']).optional(),
      concurrencyPolicy: z.enum(['Forbid', 'Allow', 'Replace']).optional(),
      startingDeadlineSeconds: z.int().min(1).optional(),
      successfulJobsHistoryLimit: z.int().min(0).optional(),
      failedJobsHistoryLimit: z.int().min(0).optional(),
      suspend: z.boolean().optional(),
    })
    .optional(),
  nodes: z
    .int()
    .min(1)
    .describe('daemon: the number of nodes it is expected to run on (for capacity totals).')
    .optional(),
  acknowledge: acknowledgeField.optional(),
  service: serviceOptionsField.optional(),
  extraObjects: extraObjectsField.optional(),
  patches: patchesField.optional(),
  ...podSettingsFields,
  ...monitoringFields,
};

/** Which fields make sense for which type: a field given to the wrong type is an error, not ignored. */
const ONLY_FOR: Partial<Record<keyof typeof componentShape, readonly ComponentType[]>> = {
  schedule: ['cronjob'],
  timeZone: ['cronjob'],
  job: ['job', 'cronjob'],
  nodes: ['daemon'],
  replicas: ['web', 'worker', 'database', 'cache', 'broker', 'frontend'],
  autoscaling: ['web', 'worker', 'frontend'],
  rollout: ['web', 'worker', 'database', 'cache', 'broker', 'frontend', 'daemon'],
  disruptionBudget: ['web', 'worker', 'database', 'cache', 'broker', 'frontend'],
  ingress: ['web', 'frontend'],
  service: ['web', 'worker', 'database', 'cache', 'broker', 'frontend', 'daemon'],
  inbound: ['web', 'worker', 'database', 'cache', 'broker', 'frontend', 'daemon'],
  storage: ['web', 'worker', 'database', 'cache', 'broker', 'frontend', 'job', 'cronjob', 'daemon'],
};

export const componentSchema = z.strictObject(componentShape).superRefine((c, ctx) => {
  for (const [field, types] of Object.entries(ONLY_FOR)) {
    if ((c as Record<string, unknown>)[field] !== undefined && !types.includes(c.type)) {
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: `not allowed for type ${c.type} (only for ${types.join(', ')})`,
      });
    }
  }
  if (c.type === 'cronjob' && c.schedule === undefined)
    ctx.addIssue({ code: 'custom', path: ['schedule'], message: 'expected a schedule for a cronjob' });
  if (typeof c.replicas === 'object' && c.replicas.max < c.replicas.min) {
    ctx.addIssue({ code: 'custom', path: ['replicas', 'max'], message: `expected at least min (${c.replicas.min})` });
  }
  if (c.autoscaling && typeof c.replicas !== 'object') {
    ctx.addIssue({ code: 'custom', path: ['replicas'], message: 'expected {min, max} when autoscaling is given' });
  }
  if (c.ingress && !c.ports) ctx.addIssue({ code: 'custom', path: ['ingress'], message: 'expected ports to route to' });
});

/** A declared Secret: it is created outside shipshape (values never live in the spec); references to it are checked. */
const secretDeclaration = z
  .strictObject({
    keys: z.array(z.string().regex(/^[-._a-zA-Z0-9]+$/, 'expected a Secret key')).min(1),
    description: z.string().optional(),
    /** A pod reads only Secrets of its own namespace: list each namespace the Secret is created in. */
    namespaces: z
      .array(dnsLabel)
      .min(1)
      .describe("Namespaces the Secret exists in (one copy each); default: the architecture's `namespace`.")
      .optional(),
    from: secretSourceField.optional(),
  })
  .superRefine((secret, ctx) => {
    const source = secret.from;
    if (!source) return;
    const perKey = perKeyRefs(source);
    if (!perKey) {
      if (source.remoteRef.property !== undefined && secret.keys.length !== 1)
        ctx.addIssue({
          code: 'custom',
          path: ['from', 'remoteRef', 'property'],
          message: `only for a Secret of one key (this one declares ${secret.keys.length}): map each key to its {key, property} instead`,
        });
      return;
    }
    for (const key of Object.keys(perKey))
      if (!secret.keys.includes(key))
        ctx.addIssue({
          code: 'custom',
          path: ['from', 'remoteRef', key],
          message: `not a declared key (declared keys: ${secret.keys.join(', ')})`,
        });
    const missing = secret.keys.filter((k) => !(k in perKey));
    if (missing.length)
      ctx.addIssue({
        code: 'custom',
        path: ['from', 'remoteRef'],
        message: `expected an entry for every declared key; missing: ${missing.join(', ')}`,
      });
  });

/** Node pools as `<count>x<cpu>cpu<memory>`, e.g. 3x4cpu16Gi, comma-separated. */
const NODE_POOL =
  /^\d+x\d+(\.\d+)?cpu\d+(\.\d+)?(Ki|Mi|Gi|Ti|k|M|G|T)(,\d+x\d+(\.\d+)?cpu\d+(\.\d+)?(Ki|Mi|Gi|Ti|k|M|G|T))*$/;

/**
 * A profile overrides parts of the architecture. Objects are merged field by field, anything else
 * (numbers, strings, lists) replaces. The merged architecture is validated as a whole.
 */
const profileSchema = z.strictObject({
  description: z.string().optional(),
  kubernetesVersion: kubernetesVersionField.optional(),
  namespace: dnsLabel.optional(),
  nodePool: z.string().regex(NODE_POOL).optional(),
  localSecrets: z.string().min(1).optional(),
  secrets: z
    .record(z.string(), z.record(z.string(), z.unknown()))
    .describe('Merged into the declared Secrets, e.g. `{name: {from: {store, remoteRef}}}` to sync them in production.')
    .optional(),
  components: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});

export const architectureSchema = z.strictObject({
  name: dnsLabel.describe(
    'Used in labels (`app.kubernetes.io/part-of`) and the `shipshape.dev/architecture` annotation.',
  ),
  namespace: dnsLabel,
  description: z.string().optional(),
  nodePool: z
    .string()
    .regex(NODE_POOL, 'expected node pools such as 3x4cpu16Gi (comma-separated)')
    .describe('Declared node pool(s), e.g. `3x4cpu16Gi`, for capacity checks.')
    .optional(),
  secrets: z.record(subdomain, secretDeclaration).optional(),
  /**
   * Development only, and only when asked for (typically in a `dev` profile): a YAML file, relative
   * to the spec, of values for the declared Secrets (`{secret: {key: value}}`); `build` writes them
   * as Secrets to `secrets-local.yaml`. Keep that file and the output out of version control.
   */
  localSecrets: z.string().min(1).optional(),
  storageClasses: storageClassesField.optional(),
  kubernetesVersion: kubernetesVersionField.optional(),
  profiles: z.record(dnsLabel, profileSchema).optional(),
  components: z.record(componentName, componentSchema),
});

export type ComponentInput = z.input<typeof componentSchema>;
export type Component = z.output<typeof componentSchema>;
export type ProbeSpec = z.output<typeof probe>;
export type PortSpec = z.output<typeof portSpec>;
export type InitContainer = z.output<typeof initContainer>;
export type Mount = z.output<typeof mount>;
export type VolumeSource = z.output<typeof volumeSource>;
export type ResourcesSpec = z.output<typeof resources>;

type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** What authors write; profiles are typed as partial components for completion. */
export type ArchitectureInput = Omit<z.input<typeof architectureSchema>, 'profiles'> & {
  profiles?: Record<
    string,
    Omit<z.input<typeof profileSchema>, 'components' | 'secrets'> & {
      components?: Record<string, DeepPartial<ComponentInput>>;
      secrets?: Record<string, DeepPartial<z.input<typeof secretDeclaration>>>;
    }
  >;
};
export type Architecture = z.output<typeof architectureSchema>;
