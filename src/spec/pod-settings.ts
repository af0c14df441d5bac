// Pod-level settings a component may give beyond its containers: shutdown, image pull credentials,
// name resolution and process sharing. The component schema spreads `podSettingsFields` into its
// shape; `topologySpreadField` lives under `scheduling` beside the other placement rules.
import { isIP } from 'node:net';
import * as z from 'zod';
import { isDnsSubdomain, isPortName } from './names.js';

const subdomain = z.string().refine(isDnsSubdomain, 'expected a DNS subdomain name');
const ip = z.string().refine((s) => isIP(s) !== 0, 'expected an IPv4 or IPv6 address');

/** One lifecycle hook handler: exactly one of `exec`, `http`, `sleep`. */
const hookHandler = z
  .strictObject({
    exec: z.array(z.string()).min(1).describe('A command run in the container.').optional(),
    http: z
      .strictObject({
        path: z.string().startsWith('/'),
        port: z.union([z.int().min(1).max(65535), z.string().refine(isPortName, 'expected a port name')]),
        scheme: z.enum(['HTTP', 'HTTPS']).optional(),
      })
      .describe('An HTTP GET on a path and port (number or name).')
      .optional(),
    sleep: z.int().min(1).describe('Seconds to wait (Kubernetes ≥ 1.30), e.g. until endpoints are updated.').optional(),
  })
  .refine(
    (h) => [h.exec, h.http, h.sleep].filter((x) => x !== undefined).length === 1,
    'expected exactly one of exec, http, sleep',
  );

export type HookHandler = z.output<typeof hookHandler>;

/** The topology keys `topologySpread` offers, as the well-known node labels they stand for. */
export const TOPOLOGY_KEYS = { zone: 'topology.kubernetes.io/zone', hostname: 'kubernetes.io/hostname' } as const;

export const topologySpreadField = z
  .array(
    z.strictObject({
      over: z.enum(['zone', 'hostname']).describe(`zone: ${TOPOLOGY_KEYS.zone}; hostname: ${TOPOLOGY_KEYS.hostname}.`),
      maxSkew: z.int().min(1).describe('Default 1.').optional(),
      whenUnsatisfiable: z
        .enum(['DoNotSchedule', 'ScheduleAnyway'])
        .describe('Default ScheduleAnyway (a preference, never blocking scheduling).')
        .optional(),
    }),
  )
  .min(1)
  .describe("Spread the component's pods evenly over zones or nodes (topologySpreadConstraints).");

export const podSettingsFields = {
  terminationGracePeriodSeconds: z
    .int()
    .min(0)
    .describe("Seconds between SIGTERM and SIGKILL when a pod stops; default: Kubernetes' 30.")
    .optional(),
  lifecycle: z
    .strictObject({ preStop: hookHandler.describe('Run before the container is sent SIGTERM.') })
    .describe("The main container's lifecycle hooks.")
    .optional(),
  imagePullSecrets: z
    .array(subdomain)
    .min(1)
    .describe('Declared Secrets (kubernetes.io/dockerconfigjson) to pull the images with.')
    .optional(),
  hostAliases: z
    .array(z.strictObject({ ip, hostnames: z.array(subdomain).min(1) }))
    .min(1)
    .describe("Extra /etc/hosts entries in the pod's containers.")
    .optional(),
  dnsConfig: z
    .strictObject({
      nameservers: z.array(ip).max(3).optional(),
      searches: z.array(subdomain).max(32).optional(),
      options: z.array(z.strictObject({ name: z.string().min(1), value: z.string().optional() })).optional(),
    })
    .describe("Added to the cluster's DNS settings (dnsPolicy stays ClusterFirst), e.g. options ndots.")
    .optional(),
  shareProcessNamespace: z
    .boolean()
    .describe("Containers of the pod see each other's processes; default false.")
    .optional(),
};
