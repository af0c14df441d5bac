// Validation of objects against the Kubernetes 1.33 OpenAPI schema (kubernetes-models 4.5.1),
// plus what that schema leaves out but the API server rejects: unknown fields (kubectl's
// strict field validation) and invalid object names and labels.
//
// Unknown fields: the generated validators read every property their schema declares (also
// absent ones: `void 0 === data.x`), and enumerate the keys of free-form maps (labels,
// resources.limits, …). Validating through a Proxy that records those reads tells, for every
// object in the document, which keys the schema knows; a key present but never read is unknown.
// Objects the validator never looked into (RawExtension, preserve-unknown-fields) are free-form.
import type { KubeObject } from './object.js';
import { isClusterScoped } from './object.js';
import { containersOf, podTemplateOf } from './podspec.js';
import { bundledModel, modelLoader } from './bundled-models.js';
import { crdModelFor } from './crd-models.js';

/** True when `validateObject` checks this kind's schema (a built-in, or a custom resource shipshape has a model of). */
export function hasSchema(apiVersion: string, kind: string): boolean {
  return modelFor(apiVersion, kind) !== null || crdModelFor(apiVersion, kind) !== null;
}

export interface ValidationIssue {
  /** Field path inside the object, e.g. `spec.template.spec.containers[0].ports[0].containerPort`. */
  path: string;
  message: string;
}

/** The Kubernetes version whose schemas kubernetes-models 4.5.1 carries. */
export const KUBERNETES_VERSION = '1.33';

// ---------------------------------------------------------------------------------------------
// API versions that are gone or going (https://kubernetes.io/docs/reference/using-api/deprecation-guide/)

export interface ApiVersionChange {
  apiVersion: string;
  kinds: string[];
  /** The version that replaces it; absent when the API was dropped without a replacement. */
  replacement?: string;
  /** Kubernetes minor release that stopped serving it; absent when still served (deprecated). */
  removedIn?: string;
  /** Release that deprecated it. */
  deprecatedIn: string;
  note?: string;
}

export const API_VERSION_CHANGES: ApiVersionChange[] = [
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['Deployment', 'DaemonSet', 'ReplicaSet'],
    replacement: 'apps/v1',
    deprecatedIn: '1.9',
    removedIn: '1.16',
  },
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['NetworkPolicy'],
    replacement: 'networking.k8s.io/v1',
    deprecatedIn: '1.9',
    removedIn: '1.16',
  },
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['Ingress'],
    replacement: 'networking.k8s.io/v1',
    deprecatedIn: '1.14',
    removedIn: '1.22',
  },
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['PodSecurityPolicy'],
    deprecatedIn: '1.10',
    removedIn: '1.16',
    note: 'PodSecurityPolicy is gone; use Pod Security Admission',
  },
  {
    apiVersion: 'apps/v1beta1',
    kinds: ['Deployment', 'StatefulSet', 'ReplicaSet', 'ControllerRevision'],
    replacement: 'apps/v1',
    deprecatedIn: '1.9',
    removedIn: '1.16',
  },
  {
    apiVersion: 'apps/v1beta2',
    kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ControllerRevision'],
    replacement: 'apps/v1',
    deprecatedIn: '1.9',
    removedIn: '1.16',
  },
  {
    apiVersion: 'networking.k8s.io/v1beta1',
    kinds: ['Ingress', 'IngressClass'],
    replacement: 'networking.k8s.io/v1',
    deprecatedIn: '1.19',
    removedIn: '1.22',
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1beta1',
    kinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
    replacement: 'rbac.authorization.k8s.io/v1',
    deprecatedIn: '1.17',
    removedIn: '1.22',
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1alpha1',
    kinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
    replacement: 'rbac.authorization.k8s.io/v1',
    deprecatedIn: '1.17',
    removedIn: '1.22',
  },
  {
    apiVersion: 'apiextensions.k8s.io/v1beta1',
    kinds: ['CustomResourceDefinition'],
    replacement: 'apiextensions.k8s.io/v1',
    deprecatedIn: '1.16',
    removedIn: '1.22',
  },
  {
    apiVersion: 'apiregistration.k8s.io/v1beta1',
    kinds: ['APIService'],
    replacement: 'apiregistration.k8s.io/v1',
    deprecatedIn: '1.19',
    removedIn: '1.22',
  },
  {
    apiVersion: 'admissionregistration.k8s.io/v1beta1',
    kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
    replacement: 'admissionregistration.k8s.io/v1',
    deprecatedIn: '1.16',
    removedIn: '1.22',
  },
  {
    apiVersion: 'authentication.k8s.io/v1beta1',
    kinds: ['TokenReview'],
    replacement: 'authentication.k8s.io/v1',
    deprecatedIn: '1.19',
    removedIn: '1.22',
  },
  {
    apiVersion: 'authorization.k8s.io/v1beta1',
    kinds: ['SubjectAccessReview', 'LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview'],
    replacement: 'authorization.k8s.io/v1',
    deprecatedIn: '1.19',
    removedIn: '1.22',
  },
  {
    apiVersion: 'certificates.k8s.io/v1beta1',
    kinds: ['CertificateSigningRequest'],
    replacement: 'certificates.k8s.io/v1',
    deprecatedIn: '1.19',
    removedIn: '1.22',
  },
  {
    apiVersion: 'coordination.k8s.io/v1beta1',
    kinds: ['Lease'],
    replacement: 'coordination.k8s.io/v1',
    deprecatedIn: '1.14',
    removedIn: '1.22',
  },
  {
    apiVersion: 'scheduling.k8s.io/v1beta1',
    kinds: ['PriorityClass'],
    replacement: 'scheduling.k8s.io/v1',
    deprecatedIn: '1.14',
    removedIn: '1.22',
  },
  {
    apiVersion: 'storage.k8s.io/v1beta1',
    kinds: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'],
    replacement: 'storage.k8s.io/v1',
    deprecatedIn: '1.19',
    removedIn: '1.22',
  },
  {
    apiVersion: 'storage.k8s.io/v1beta1',
    kinds: ['CSIStorageCapacity'],
    replacement: 'storage.k8s.io/v1',
    deprecatedIn: '1.24',
    removedIn: '1.27',
  },
  { apiVersion: 'batch/v1beta1', kinds: ['CronJob'], replacement: 'batch/v1', deprecatedIn: '1.21', removedIn: '1.25' },
  {
    apiVersion: 'discovery.k8s.io/v1beta1',
    kinds: ['EndpointSlice'],
    replacement: 'discovery.k8s.io/v1',
    deprecatedIn: '1.21',
    removedIn: '1.25',
  },
  {
    apiVersion: 'events.k8s.io/v1beta1',
    kinds: ['Event'],
    replacement: 'events.k8s.io/v1',
    deprecatedIn: '1.19',
    removedIn: '1.25',
  },
  {
    apiVersion: 'autoscaling/v2beta1',
    kinds: ['HorizontalPodAutoscaler'],
    replacement: 'autoscaling/v2',
    deprecatedIn: '1.22',
    removedIn: '1.25',
  },
  {
    apiVersion: 'autoscaling/v2beta2',
    kinds: ['HorizontalPodAutoscaler'],
    replacement: 'autoscaling/v2',
    deprecatedIn: '1.23',
    removedIn: '1.26',
  },
  {
    apiVersion: 'policy/v1beta1',
    kinds: ['PodDisruptionBudget'],
    replacement: 'policy/v1',
    deprecatedIn: '1.21',
    removedIn: '1.25',
  },
  {
    apiVersion: 'policy/v1beta1',
    kinds: ['PodSecurityPolicy'],
    deprecatedIn: '1.21',
    removedIn: '1.25',
    note: 'PodSecurityPolicy is gone; use Pod Security Admission',
  },
  {
    apiVersion: 'node.k8s.io/v1beta1',
    kinds: ['RuntimeClass'],
    replacement: 'node.k8s.io/v1',
    deprecatedIn: '1.20',
    removedIn: '1.25',
  },
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1',
    kinds: ['FlowSchema', 'PriorityLevelConfiguration'],
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
    deprecatedIn: '1.23',
    removedIn: '1.26',
  },
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2',
    kinds: ['FlowSchema', 'PriorityLevelConfiguration'],
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
    deprecatedIn: '1.26',
    removedIn: '1.29',
  },
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3',
    kinds: ['FlowSchema', 'PriorityLevelConfiguration'],
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
    deprecatedIn: '1.29',
    removedIn: '1.32',
  },
  // Still served by 1.33, but deprecated:
  {
    apiVersion: 'v1',
    kinds: ['Endpoints'],
    replacement: 'discovery.k8s.io/v1',
    deprecatedIn: '1.33',
    note: 'use EndpointSlice',
  },
  { apiVersion: 'v1', kinds: ['ComponentStatus'], deprecatedIn: '1.19' },
];

/** The removal or deprecation that applies to this apiVersion and kind, if any. */
export function apiVersionChange(apiVersion: string, kind: string): ApiVersionChange | undefined {
  return API_VERSION_CHANGES.find((c) => c.apiVersion === apiVersion && c.kinds.includes(kind));
}

// ---------------------------------------------------------------------------------------------
// Built-in kinds: kubernetes-models ships one module per apiVersion/kind (CommonJS loaded
// synchronously, so validation stays a plain function). The build bundles them into two files
// beside the code (k8s/bundled-models.ts); run from src/ (tests), the package's own modules are
// required instead.

interface ModelClass {
  apiVersion: string;
  kind: string;
  prototype: { validate(this: unknown): void };
}

/** Loads the module of `<apiVersion>/<Kind>`; throws when kubernetes-models has no such kind. */
const loadModel = modelLoader(bundledModel, 'kubernetes-models/');

const models = new Map<string, ModelClass | null>();

function modelFor(apiVersion: string, kind: string): ModelClass | null {
  const key = `${apiVersion} ${kind}`;
  let model = models.get(key);
  if (model !== undefined) return model;
  model = null;
  // Only plain identifiers reach the module path (no `..`, no slashes beyond group/version).
  if (/^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(apiVersion) && /^[A-Z][A-Za-z0-9]*$/.test(kind)) {
    try {
      const cls = loadModel(`${apiVersion}/${kind}`)[kind] as ModelClass | undefined;
      if (cls && cls.apiVersion === apiVersion && cls.kind === kind) model = cls;
    } catch {
      model = null; // not a built-in of this Kubernetes version
    }
  }
  models.set(key, model);
  return model;
}

/** True when the pinned Kubernetes version (or an API it stopped serving) defines this apiVersion/kind. */
export function isBuiltinKind(apiVersion: string, kind: string): boolean {
  return modelFor(apiVersion, kind) !== null;
}

// ---------------------------------------------------------------------------------------------
// Names (https://kubernetes.io/docs/concepts/overview/working-with-objects/names/)

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** Why `name` is not a valid name for an object of `kind`, or undefined when it is. */
export function nameProblem(kind: string, name: string): string | undefined {
  switch (kind) {
    case 'Namespace':
      return DNS1123_LABEL.test(name) && name.length <= 63
        ? undefined
        : 'expected a DNS-1123 label (at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit)';
    case 'Service':
      return DNS1035_LABEL.test(name) && name.length <= 63
        ? undefined
        : 'expected a DNS-1035 label (at most 63 lowercase letters, digits and "-", starting with a letter and ending with a letter or digit)';
    case 'Role':
    case 'ClusterRole':
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      // RBAC names are path segments: anything but "." and ".." without "/" or "%".
      return name !== '.' && name !== '..' && !/[/%]/.test(name)
        ? undefined
        : 'expected a path segment name (not "." or "..", without "/" or "%")';
    default:
      return DNS1123_SUBDOMAIN.test(name) && name.length <= 253
        ? undefined
        : 'expected a DNS-1123 subdomain (at most 253 lowercase letters, digits, "-" and ".", starting and ending with a letter or digit)';
  }
}

/** Label/annotation key: optional DNS subdomain prefix and "/", then a name of at most 63 characters. */
export function qualifiedNameProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && !(DNS1123_SUBDOMAIN.test(prefix) && prefix.length <= 253)) {
    return `prefix "${prefix}" must be a DNS-1123 subdomain`;
  }
  if (!(QUALIFIED_NAME.test(name) && name.length <= 63)) {
    return 'name part must be at most 63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
  }
  return undefined;
}

export function labelValueProblem(value: string): string | undefined {
  return LABEL_VALUE.test(value) && value.length <= 63
    ? undefined
    : 'expected at most 63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit (or empty)';
}

/** A port name (IANA_SVC_NAME): at most 15 characters, lowercase letters, digits and "-", at least one letter, no "--". */
export function portNameProblem(name: string): string | undefined {
  return IANA_SVC_NAME.test(name) && name.length <= 15 && /[a-z]/.test(name) && !name.includes('--')
    ? undefined
    : 'expected an IANA service name (at most 15 lowercase letters, digits and "-", with a letter, no "--", not starting or ending with "-")';
}

function metadataIssues(o: KubeObject): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const meta = o.metadata;
  if (meta == null || typeof meta !== 'object')
    return [{ path: 'metadata', message: 'expected an object with a name' }];
  if (typeof meta.name === 'string' && meta.name !== '') {
    const problem = nameProblem(o.kind, meta.name);
    if (problem) issues.push({ path: 'metadata.name', message: `invalid name "${meta.name}": ${problem}` });
  } else if (typeof meta.generateName !== 'string' || meta.generateName === '') {
    issues.push({ path: 'metadata.name', message: 'missing required field "name"' });
  }
  if (typeof meta.namespace === 'string') {
    if (isClusterScoped(o.kind)) {
      issues.push({ path: 'metadata.namespace', message: `${o.kind} is cluster-scoped and takes no namespace` });
    } else if (!(DNS1123_LABEL.test(meta.namespace) && meta.namespace.length <= 63)) {
      issues.push({
        path: 'metadata.namespace',
        message: `invalid namespace "${meta.namespace}": ${nameProblem('Namespace', meta.namespace)}`,
      });
    }
  }
  for (const field of ['labels', 'annotations'] as const) {
    const map = meta[field];
    if (map == null || typeof map !== 'object') continue;
    for (const [key, value] of Object.entries(map)) {
      const keyProblem = qualifiedNameProblem(key);
      if (keyProblem)
        issues.push({ path: `metadata.${field}${pathKey(key)}`, message: `invalid key "${key}": ${keyProblem}` });
      if (field === 'labels' && typeof value === 'string') {
        const valueProblem = labelValueProblem(value);
        if (valueProblem)
          issues.push({
            path: `metadata.${field}${pathKey(key)}`,
            message: `invalid label value "${value}": ${valueProblem}`,
          });
      }
    }
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Schema validation with unknown-field detection

interface AjvError {
  instancePath: string;
  keyword: string;
  /** What the keyword reports: `missingProperty` (required), `type`, `allowedValues` (enum), `format`. */
  params: { missingProperty?: string; type?: string; allowedValues?: unknown[]; format?: string };
  message?: string;
}

/** A field path segment: `.name`, `[3]`, or `["app.kubernetes.io/name"]`. */
function pathKey(key: string | number): string {
  if (typeof key === 'number') return `[${key}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** A field path from its segments: `spec.ports[0].name`, `metadata.labels["app.kubernetes.io/name"]`. */
export function joinPath(segments: Array<string | number>): string {
  return segments.map(pathKey).join('').replace(/^\./, '');
}

/** Decodes an ajv instancePath (`/spec/ports/0/port`) against the data, so array indexes print as `[0]`. */
function decodePointer(data: unknown, pointer: string): { segments: Array<string | number>; value: unknown } {
  const segments: Array<string | number> = [];
  let value: unknown = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(value)) {
      segments.push(Number(key));
      value = value[Number(key)];
    } else {
      segments.push(key);
      value = value != null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    }
  }
  return { segments, value };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined)
    return `${typeof value} ${String(value)}`;
  return typeof value; // not found in parsed YAML or JSON (a bigint, symbol or function)
}

/** A value as messages show it; Secret contents only by their type, so no message carries a secret. */
function shown(data: unknown, segments: Array<string | number>, value: unknown): string {
  const secret = (data as KubeObject).kind === 'Secret' && (segments[0] === 'data' || segments[0] === 'stringData');
  if (!secret) return describe(value);
  return value === null
    ? 'null'
    : Array.isArray(value)
      ? 'a list'
      : typeof value === 'object'
        ? 'an object'
        : `a ${typeof value}`;
}

function issueFromAjv(data: unknown, e: AjvError): ValidationIssue {
  const { segments, value: raw } = decodePointer(data, e.instancePath);
  const value = shown(data, segments, raw);
  switch (e.keyword) {
    case 'required':
      return {
        path: joinPath([...segments, e.params.missingProperty ?? '']),
        message: `missing required field "${e.params.missingProperty}"`,
      };
    case 'type':
      return {
        path: joinPath(segments),
        message: `expected ${e.params.type === 'integer' ? 'an integer' : `a ${e.params.type}`}, got ${value}`,
      };
    case 'enum':
      return {
        path: joinPath(segments),
        message: `expected one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, got ${value}`,
      };
    case 'format':
      return { path: joinPath(segments), message: `expected ${e.params.format} format, got ${value}` };
    default:
      return { path: joinPath(segments), message: e.message ?? `fails schema rule "${e.keyword}"` };
  }
}

/** What the validator did with one object of the document (one per field path, children by key). */
interface Reads {
  /** Keys the validator read. */
  read: Set<string>;
  /** True when it enumerated the keys: a free-form map. */
  enumerated: boolean;
  children: Map<string, Reads>;
}

function newReads(): Reads {
  return { read: new Set(), enumerated: false, children: new Map() };
}

// The generated validators read the same property many times (`data.spec` once per check of it):
// each proxy keeps its child proxies, so a repeated read costs a lookup, not a new Proxy; reads
// are recorded in a tree beside the object, so no path strings are built per read.
function tracked(value: unknown, reads: Reads): unknown {
  if (value === null || typeof value !== 'object') return value;
  const proxies = new Map<string, { value: object; proxy: unknown }>();
  return new Proxy(value, {
    get(target, key, receiver) {
      const v: unknown = Reflect.get(target, key, receiver);
      if (typeof key !== 'string') return v;
      reads.read.add(key);
      if (v === null || typeof v !== 'object') return v;
      const cached = proxies.get(key);
      if (cached && cached.value === v) return cached.proxy;
      let child = reads.children.get(key);
      if (!child) reads.children.set(key, (child = newReads()));
      const proxy = tracked(v, child);
      proxies.set(key, { value: v, proxy });
      return proxy;
    },
    ownKeys(target) {
      reads.enumerated = true;
      return Reflect.ownKeys(target);
    },
  });
}

// kubernetes-models' generator strips every `description` key from the schemas, including the
// real fields of that name (PriorityClass, CRD columns and JSONSchemaProps): they are known.
const SCHEMA_GAPS = new Set(['description']);

/** `segments` is the path of `value`, extended and restored in place while walking. */
function unknownFields(
  value: unknown,
  reads: Reads | undefined,
  segments: Array<string | number>,
  out: ValidationIssue[],
): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      segments.push(i);
      unknownFields(value[i], reads?.children.get(String(i)), segments, out);
      segments.pop();
    }
    return;
  }
  if (!reads || reads.read.size === 0) return; // never looked into: free-form
  if (reads.enumerated) return; // a map: any key is allowed
  for (const key of Object.keys(value)) {
    segments.push(key);
    if (!reads.read.has(key) && !SCHEMA_GAPS.has(key)) {
      out.push({ path: joinPath(segments), message: `unknown field "${key}"` });
    } else {
      unknownFields((value as Record<string, unknown>)[key], reads.children.get(key), segments, out);
    }
    segments.pop();
  }
}

function schemaIssues(o: KubeObject, model: ModelClass): ValidationIssue[] {
  const reads = newReads();
  const issues: ValidationIssue[] = [];
  try {
    model.prototype.validate.call(tracked(o, reads));
  } catch (err) {
    const errors = (err as { errors?: AjvError[] }).errors;
    if (!Array.isArray(errors)) throw err;
    for (const e of errors) issues.push(issueFromAjv(o, e));
  }
  unknownFields(o, reads, [], issues);
  return issues;
}

// Container and container-port names are validated by the API server beyond the OpenAPI schema.
function containerIssues(o: KubeObject): ValidationIssue[] {
  const template = podTemplateOf(o);
  if (!template) return [];
  const issues: ValidationIssue[] = [];
  for (const { container, path } of containersOf(template)) {
    if (typeof container.name === 'string' && !(DNS1123_LABEL.test(container.name) && container.name.length <= 63)) {
      issues.push({
        path: `${path}.name`,
        message: `invalid container name "${container.name}": ${nameProblem('Namespace', container.name)}`,
      });
    }
    (Array.isArray(container.ports) ? container.ports : []).forEach((port, i) => {
      const problem = typeof port?.name === 'string' ? portNameProblem(port.name) : undefined;
      if (problem)
        issues.push({ path: `${path}.ports[${i}].name`, message: `invalid port name "${port.name}": ${problem}` });
    });
  }
  return issues;
}

/**
 * Problems the API server of the pinned version would reject `o` for: schema (types, required
 * fields, enums), unknown fields, names and labels. Custom resources of the groups crd-models.ts
 * has models for are validated against them; others get only the metadata checks (their schema
 * lives in a CRD). Removed API versions are reported by `apiVersionChange`.
 */
export function validateObject(o: KubeObject): ValidationIssue[] {
  if (o == null || typeof o !== 'object') return [{ path: '', message: 'expected an object' }];
  if (typeof o.apiVersion !== 'string' || o.apiVersion === '')
    return [{ path: 'apiVersion', message: 'missing required field "apiVersion"' }];
  if (typeof o.kind !== 'string' || o.kind === '') return [{ path: 'kind', message: 'missing required field "kind"' }];
  const issues = metadataIssues(o);
  const model = modelFor(o.apiVersion, o.kind) ?? crdModelFor(o.apiVersion, o.kind);
  if (model) {
    issues.push(...schemaIssues(o, model), ...containerIssues(o));
  }
  return issues;
}
