// The architecture graph: derived from objects, never stored (DESIGN.md). Every downstream stage
// (docs, checks, plan, sim) reads this shape. `--json` output of `graph` is this, minus `object`
// and the lookup maps.
import type { Message } from '../diagnostics/index.js';
import type { KubeObject, Source } from '../k8s/object.js';

export type EdgeType =
  | 'selects' // Service/PDB/NetworkPolicy/HPA → workload
  | 'uses' // workload → ConfigMap/Secret/PVC/ServiceAccount
  | 'routes' // Ingress/IngressClass → Service (port)
  | 'claims' // PVC → StorageClass, StatefulSet volumeClaimTemplate → PVC
  | 'owns' // CronJob → Job → Pod, Deployment → ReplicaSet → Pod
  | 'connects' // workload → Service (port) or outside peer (graph/outside.ts), declared or inferred
  | 'binds' // RoleBinding/ClusterRoleBinding → its Role/ClusterRole and its subjects (ServiceAccount, User, Group)
  | 'aggregates' // aggregated ClusterRole → the ClusterRoles its aggregationRule selects
  | 'allowed' // what NetworkPolicies permit (computed by graph/reach)
  | 'orders'; // rollout dependency (computed by plan)

export interface GraphNode {
  /** `namespace/name[Kind]`, cluster-scoped `name[Kind]`. */
  id: string;
  kind: string;
  apiVersion: string;
  /** Absent for cluster-scoped kinds. */
  namespace?: string;
  name: string;
  /** The object itself, with its namespace filled in. Never printed whole (Secrets!). */
  object: KubeObject;
  source: Source;
}

export interface GraphEdge {
  type: EdgeType;
  from: string;
  to: string;
  /** Port number or name, where the edge is about a port (routes, connects, allowed). */
  port?: number | string;
  /** The field path (or annotation) that produced the edge, e.g. `spec.template.spec.containers[0].env[2].value`. */
  evidence: string;
  /** True when `to` names no node in the graph (a dangling reference; checks report it). */
  missing?: true;
  /** connects: true when declared in shipshape annotations, false when inferred. */
  declared?: boolean;
  /** connects to an outside peer: the host name it was found as; absent when read from a Secret (never printed). */
  host?: string;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  messages: Message[];
  /** Lookup by node id. */
  byId: Map<string, GraphNode>;
}
