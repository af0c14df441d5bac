// How a component's Service is exposed, beyond the ClusterIP default: NodePort/LoadBalancer with
// fixed node ports, an extra headless Service for a Deployment, and publishing not-ready pods (the
// field that replaced the deprecated `service.alpha.kubernetes.io/tolerate-unready-endpoints`).
// A NodePort or LoadBalancer Service is reached from outside the cluster: `sourceRanges` says from
// where, and the component's NetworkPolicy admits exactly those addresses on the exposed ports.
import * as z from 'zod';
import { isCidr } from './names.js';

/** The API server's default node port range (kube-apiserver --service-node-port-range). */
export const NODE_PORT_RANGE = { min: 30000, max: 32767 } as const;

export const serviceOptionsField = z
  .strictObject({
    type: z
      .enum(['ClusterIP', 'NodePort', 'LoadBalancer'])
      .describe('Type of the `<component>` Service; default ClusterIP.')
      .optional(),
    sourceRanges: z
      .array(z.string().refine(isCidr, 'expected a CIDR such as 203.0.113.0/24 or 0.0.0.0/0'))
      .min(1)
      .describe(
        'NodePort/LoadBalancer: client address blocks admitted on the exposed ports (a LoadBalancer also gets them as `loadBalancerSourceRanges`); default 0.0.0.0/0.',
      )
      .optional(),
    nodePorts: z
      .record(z.string(), z.int().min(NODE_PORT_RANGE.min).max(NODE_PORT_RANGE.max))
      .describe('Fixed node ports by port name (NodePort/LoadBalancer); others are assigned by the cluster.')
      .optional(),
    headless: z
      .boolean()
      .describe('Also a `<component>-headless` Service (clusterIP None) for per-pod DNS; StatefulSets always have one.')
      .optional(),
    publishNotReadyAddresses: z
      .boolean()
      .describe('Publish pods before they are ready (peer discovery, status endpoints); default false.')
      .optional(),
    sessionAffinity: z
      .enum(['None', 'ClientIP'])
      .describe("`ClientIP`: a client's connections go to the same pod; default None (Kubernetes' default).")
      .optional(),
    sessionAffinityTimeoutSeconds: z
      .int()
      .min(1)
      .max(86400)
      .describe("ClientIP only: how long a client sticks to its pod; default: Kubernetes' 10800 (3 hours).")
      .optional(),
    name: z
      .string()
      .regex(/^[a-z]([-a-z0-9]*[a-z0-9])?$/)
      .max(63)
      .describe(
        'Name of the Service; default: the component name (blue-green: the live variant takes the stable name).',
      )
      .optional(),
    selector: z
      .record(z.string(), z.string())
      .describe(
        "Labels the Service selects instead of this component's pods alone, e.g. {app, schema} for a main Deployment and its canary, or {app, schema, version: blue} to pin blue-green; must match this component's pods.",
      )
      .optional(),
  })
  .describe("The component Service's exposure.");

/** The name of a component's Service: `service.name`, default the component's name. */
export function serviceName(c: { service?: z.infer<typeof serviceOptionsField> }, component: string): string {
  return c.service?.name ?? component;
}

/** Everything: the source range of a NodePort or LoadBalancer Service that does not narrow it. */
export const ANYWHERE = '0.0.0.0/0';

/** Whether a component's Service is reached from outside the cluster (NodePort, LoadBalancer). */
export function isExposedOutside(c: { service?: z.infer<typeof serviceOptionsField> }): boolean {
  return c.service?.type === 'NodePort' || c.service?.type === 'LoadBalancer';
}

/**
 * The client address blocks a NodePort or LoadBalancer Service admits: `service.sourceRanges`,
 * default everything (what the Service itself accepts when loadBalancerSourceRanges is unset).
 */
export function sourceRangesOf(c: { service?: z.infer<typeof serviceOptionsField> }): string[] {
  return c.service?.sourceRanges ?? [ANYWHERE];
}
