// The stages of kinds: the coarse apply order the engines agree on (Helm and Argo CD apply kinds in
// a similar order within a wave). Edges between objects refine it inside a stage; plan phases
// (plan.ts) are cut from both.

export interface KindStage {
  rank: number;
  /** Used in reasons: "<kind> is applied after <previous stage's description>". */
  description: string;
}

export const KIND_STAGES = {
  foundation: { rank: 0, description: 'namespaces, CRDs and cluster-wide classes' },
  configuration: {
    rank: 1,
    description: 'configuration (ServiceAccounts, RBAC, ConfigMaps, Secrets, storage, Services, NetworkPolicies)',
  },
  workloads: { rank: 2, description: 'workloads' },
  finishing: { rank: 3, description: 'autoscalers, disruption budgets, routing, webhooks and monitoring' },
} as const satisfies Record<string, KindStage>;

export type KindStageName = keyof typeof KIND_STAGES;

// What namespaced objects and pods refer to by name, so it must exist first.
const FOUNDATION = new Set([
  'Namespace',
  'CustomResourceDefinition',
  'StorageClass',
  'PriorityClass',
  'RuntimeClass',
  'IngressClass',
]);

const CONFIGURATION = new Set([
  'ServiceAccount',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ConfigMap',
  'Secret',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'ResourceQuota',
  'LimitRange',
  'Service',
  'Endpoints',
  'EndpointSlice',
  'NetworkPolicy',
  // Custom resources that only hold configuration or secrets.
  'SealedSecret',
  'ExternalSecret',
  'Certificate',
  'Issuer',
  'ClusterIssuer',
]);

// Applied once the workloads run: autoscalers and budgets act on running pods, routes and API
// services point at serving backends, and an admission webhook registered before its backend is
// up would reject every object it intercepts.
const FINISHING = new Set([
  'HorizontalPodAutoscaler',
  'VerticalPodAutoscaler',
  'PodDisruptionBudget',
  'Ingress',
  'Gateway',
  'HTTPRoute',
  'GRPCRoute',
  'TCPRoute',
  'TLSRoute',
  'UDPRoute',
  'VirtualService',
  'DestinationRule',
  'ServiceEntry',
  'FrontendConfig',
  'ManagedCertificate',
  'APIService',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'ServiceMonitor',
  'PodMonitor',
  'PrometheusRule',
  'Probe',
  'ScaledObject',
]);

/** Every other kind (workloads and unknown custom resources, which usually run something) is a workload. */
export function kindStageOf(kind: string): KindStageName {
  if (FOUNDATION.has(kind)) return 'foundation';
  if (CONFIGURATION.has(kind)) return 'configuration';
  if (FINISHING.has(kind)) return 'finishing';
  return 'workloads';
}
