// How a component's Service is exposed, beyond the ClusterIP default: NodePort/LoadBalancer with
// fixed node ports, an extra headless Service for a Deployment, and publishing not-ready pods (the
// field that replaced the deprecated `service.alpha.kubernetes.io/tolerate-unready-endpoints`).
import { z } from 'zod';
import type { Component } from './schema.js';
import { portsOf, type SpecIssue } from './semantics.js';

/** The API server's default node port range (kube-apiserver --service-node-port-range). */
export const NODE_PORT_RANGE = { min: 30000, max: 32767 } as const;

export const serviceOptionsField = z.strictObject({
  type: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer']).describe('Type of the `<component>` Service; default ClusterIP.').optional(),
  nodePorts: z.record(z.string(), z.int().min(NODE_PORT_RANGE.min).max(NODE_PORT_RANGE.max))
    .describe('Fixed node ports by port name (NodePort/LoadBalancer); others are assigned by the cluster.').optional(),
  headless: z.boolean().describe('Also a `<component>-headless` Service (clusterIP None) for per-pod DNS; StatefulSets always have one.').optional(),
  publishNotReadyAddresses: z.boolean().describe('Publish pods before they are ready (peer discovery, status endpoints); default false.').optional(),
}).describe('The component Service\'s exposure.');

export function serviceOptionIssues(c: Component): SpecIssue[] {
  const s = c.service;
  if (!s) return [];
  const issues: SpecIssue[] = [];
  const names = portsOf(c).map((p) => p.name);
  if (names.length === 0) issues.push({ path: ['service'], message: 'expected ports: the component has no Service without them' });
  for (const name of Object.keys(s.nodePorts ?? {})) {
    if (!names.includes(name)) issues.push({ path: ['service', 'nodePorts', name], message: `no port named "${name}" (expected one of: ${names.join(', ') || 'none declared'})` });
  }
  if (s.nodePorts && (s.type ?? 'ClusterIP') === 'ClusterIP') issues.push({ path: ['service', 'nodePorts'], message: 'only for type NodePort or LoadBalancer' });
  return issues;
}
