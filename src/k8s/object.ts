// The one model every stage reads: plain Kubernetes objects, plus where each came from.

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: Array<{ apiVersion: string; kind: string; name: string; uid?: string; controller?: boolean }>;
  [key: string]: unknown;
}

/** Any Kubernetes object. Fields beyond the envelope are read through typed extractors (see podspec.ts). */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

/** Where an object was read from; absent for objects synthesized in memory. */
export interface Source {
  file?: string;
  /** 1-based line of the document's first line in `file`. */
  line?: number;
  /** 0-based index of the YAML document within `file`. */
  document?: number;
}

export interface SourcedObject {
  object: KubeObject;
  source: Source;
}

/** Kinds that are not namespaced (core and common extension kinds). Unknown kinds are treated as namespaced. */
export const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'IngressClass',
  'PriorityClass',
  'RuntimeClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'CertificateSigningRequest',
  'ClusterIssuer',
  'PodSecurityPolicy',
]);

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED_KINDS.has(kind);
}

/** Node id as used in every machine-readable output: `namespace/name[Kind]`, cluster-scoped `name[Kind]`. */
export function nodeId(kind: string, name: string, namespace?: string): string {
  return isClusterScoped(kind) || !namespace ? `${name}[${kind}]` : `${namespace}/${name}[${kind}]`;
}

/** `namespace/name[Kind]` (or `name[Kind]`) → its parts; an id that is not of that form is all name. */
export function parseNodeId(id: string): { namespace?: string; name: string; kind: string } {
  const m = /^(?:([^/]+)\/)?(.+)\[([^\]]+)\]$/.exec(id);
  return m ? { namespace: m[1], name: m[2], kind: m[3] } : { name: id, kind: '' };
}

/** An object made as a literal (or with no prototype): plain data, not a Date, a Map or a class instance. */
export function isPlainObject(v: object): v is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** A plain object (not null, not an array): how every reader of untyped manifests tests a field. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A field that should hold a list, as one: anything else (missing, a scalar, a map) is an empty list. */
export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? (v as unknown[]) : [];
}

/** The value at `keys` under `v`, stepping through plain objects only; undefined where the path breaks. */
export function fieldAt(v: unknown, ...keys: string[]): unknown {
  for (const key of keys) {
    if (!isRecord(v)) return undefined;
    v = v[key];
  }
  return v;
}

export function objectId(o: KubeObject, defaultNamespace = 'default'): string {
  return nodeId(o.kind, o.metadata?.name ?? '', o.metadata?.namespace ?? defaultNamespace);
}

export const WORKLOAD_KINDS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
  'Pod',
]);
