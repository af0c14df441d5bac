// Typed access to the specs the stages read, in the manner of podspec.ts: each extractor returns the
// kubernetes-types shape of an object's `spec` when the object is of that kind and its spec is an
// object, else undefined. The shapes say what the API defines, not what a manifest holds, so
// readers still check a field's type before trusting it.
import { isRecord, type KubeObject } from './object.js';
import type { PersistentVolumeClaimSpec, ServiceSpec } from 'kubernetes-types/core/v1.js';
import type { HorizontalPodAutoscalerSpec } from 'kubernetes-types/autoscaling/v2.js';
import type { IngressSpec, NetworkPolicySpec } from 'kubernetes-types/networking/v1.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';

/** One scrape endpoint of a ServiceMonitor or PodMonitor (monitoring.coreos.com/v1), the fields checks read. */
export interface MonitorEndpoint {
  port?: string;
  targetPort?: number | string;
  path?: string;
  relabelings?: Array<Record<string, unknown>>;
}

/** `spec` of a ServiceMonitor (monitoring.coreos.com/v1; kubernetes-types has no CRD shapes). */
export interface ServiceMonitorSpec {
  selector?: LabelSelector;
  namespaceSelector?: { any?: boolean; matchNames?: string[] };
  jobLabel?: string;
  endpoints?: MonitorEndpoint[];
}

/** `spec` of a PodMonitor (monitoring.coreos.com/v1). */
export interface PodMonitorSpec {
  selector?: LabelSelector;
  namespaceSelector?: { any?: boolean; matchNames?: string[] };
  jobLabel?: string;
  podMetricsEndpoints?: MonitorEndpoint[];
}

function specOfKind<T>(o: KubeObject, kind: string): T | undefined {
  return o.kind === kind && isRecord(o.spec) ? (o.spec as T) : undefined;
}

export const serviceSpec = (o: KubeObject): ServiceSpec | undefined => specOfKind(o, 'Service');
/** Any autoscaling/* version: the fields read here (scaleTargetRef, min/maxReplicas) are common to all. */
export const hpaSpec = (o: KubeObject): HorizontalPodAutoscalerSpec | undefined =>
  specOfKind(o, 'HorizontalPodAutoscaler');
export const pvcSpec = (o: KubeObject): PersistentVolumeClaimSpec | undefined => specOfKind(o, 'PersistentVolumeClaim');
export const networkPolicySpec = (o: KubeObject): NetworkPolicySpec | undefined => specOfKind(o, 'NetworkPolicy');
export const ingressSpec = (o: KubeObject): IngressSpec | undefined => specOfKind(o, 'Ingress');
export const serviceMonitorSpec = (o: KubeObject): ServiceMonitorSpec | undefined => specOfKind(o, 'ServiceMonitor');
export const podMonitorSpec = (o: KubeObject): PodMonitorSpec | undefined => specOfKind(o, 'PodMonitor');
