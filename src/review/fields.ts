// Objects compared field by field. What the API server fills in on its own (the defaults the
// Kubernetes API reference documents, e.g. a Service's `type: ClusterIP`, a container's
// `terminationMessagePath`) and what it records about the object (`status`, `managedFields`,
// `resourceVersion` …) are left out on both sides first, so writing a default out or leaving it
// implicit is no change. Lists whose items all carry a distinct `name` are matched by name, so
// inserting a container does not show every later one as changed.
import { isRecord, type KubeObject } from '../k8s/object.js';

export interface FieldChange {
  /** e.g. `spec.template.spec.containers[name=app].image`; list items without names by index. */
  path: string;
  /** JSON values; absent on the side that has no such field. Secret values are `"(hidden)"`. */
  before?: unknown;
  after?: unknown;
}

export const HIDDEN = '(hidden)';

/** Metadata the API server writes (or tools write for themselves): never part of a change. */
const SERVER_METADATA = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
];
const TOOL_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration', 'deployment.kubernetes.io/revision'];

type Defaulted = (value: unknown, parent: Record<string, unknown>) => boolean;
const is =
  (expected: unknown): Defaulted =>
  (v) =>
    JSON.stringify(v) === JSON.stringify(expected);

/**
 * Defaults by field path relative to a pod spec (`[]` is any list item), from the API reference of
 * PodSpec, Container and Probe. A container's imagePullPolicy defaults to Always for `:latest` or
 * an untagged image, IfNotPresent otherwise.
 */
const POD_DEFAULTS: Array<[string, Defaulted]> = [
  ['restartPolicy', is('Always')],
  ['dnsPolicy', is('ClusterFirst')],
  ['schedulerName', is('default-scheduler')],
  ['terminationGracePeriodSeconds', is(30)],
  ['securityContext', is({})],
  ['enableServiceLinks', is(true)],
  ...['containers', 'initContainers'].flatMap((group): Array<[string, Defaulted]> => [
    [`${group}[].terminationMessagePath`, is('/dev/termination-log')],
    [`${group}[].terminationMessagePolicy`, is('File')],
    [`${group}[].ports[].protocol`, is('TCP')],
    [`${group}[].imagePullPolicy`, (v, c) => v === defaultPullPolicy(c.image)],
    ...['livenessProbe', 'readinessProbe', 'startupProbe'].flatMap((probe): Array<[string, Defaulted]> => [
      [`${group}[].${probe}.timeoutSeconds`, is(1)],
      [`${group}[].${probe}.periodSeconds`, is(10)],
      [`${group}[].${probe}.successThreshold`, is(1)],
      [`${group}[].${probe}.failureThreshold`, is(3)],
      [`${group}[].${probe}.httpGet.scheme`, is('HTTP')],
    ]),
  ]),
];

/** Defaults by kind and path from the object's root (API reference of each kind's spec). */
const KIND_DEFAULTS: Record<string, Array<[string, Defaulted]>> = {
  Deployment: [
    ['spec.replicas', is(1)],
    ['spec.revisionHistoryLimit', is(10)],
    ['spec.progressDeadlineSeconds', is(600)],
    ['spec.strategy.type', is('RollingUpdate')],
    ['spec.strategy.rollingUpdate.maxSurge', is('25%')],
    ['spec.strategy.rollingUpdate.maxUnavailable', is('25%')],
  ],
  StatefulSet: [
    ['spec.replicas', is(1)],
    ['spec.revisionHistoryLimit', is(10)],
    ['spec.podManagementPolicy', is('OrderedReady')],
    ['spec.updateStrategy.type', is('RollingUpdate')],
    ['spec.updateStrategy.rollingUpdate.partition', is(0)],
    ['spec.persistentVolumeClaimRetentionPolicy.whenDeleted', is('Retain')],
    ['spec.persistentVolumeClaimRetentionPolicy.whenScaled', is('Retain')],
    ['spec.volumeClaimTemplates[].spec.volumeMode', is('Filesystem')],
  ],
  DaemonSet: [
    ['spec.revisionHistoryLimit', is(10)],
    ['spec.updateStrategy.type', is('RollingUpdate')],
    ['spec.updateStrategy.rollingUpdate.maxUnavailable', is(1)],
    ['spec.updateStrategy.rollingUpdate.maxSurge', is(0)],
  ],
  Job: [
    ['spec.backoffLimit', is(6)],
    ['spec.completionMode', is('NonIndexed')],
    ['spec.suspend', is(false)],
  ],
  CronJob: [
    ['spec.concurrencyPolicy', is('Allow')],
    ['spec.suspend', is(false)],
    ['spec.successfulJobsHistoryLimit', is(3)],
    ['spec.failedJobsHistoryLimit', is(1)],
    ['spec.jobTemplate.spec.backoffLimit', is(6)],
    ['spec.jobTemplate.spec.completionMode', is('NonIndexed')],
  ],
  Service: [
    ['spec.type', is('ClusterIP')],
    ['spec.sessionAffinity', is('None')],
    ['spec.internalTrafficPolicy', is('Cluster')],
    ['spec.externalTrafficPolicy', is('Cluster')],
    ['spec.ports[].protocol', is('TCP')],
    ['spec.ports[].targetPort', (v, port) => v === port.port],
    // Assigned by the cluster, never written by hand: an address, not an intent.
    ['spec.clusterIP', () => true],
    ['spec.clusterIPs', () => true],
    ['spec.ipFamilies', () => true],
    ['spec.ipFamilyPolicy', is('SingleStack')],
  ],
  PersistentVolumeClaim: [['spec.volumeMode', is('Filesystem')]],
  NetworkPolicy: [
    ['spec.ingress[].ports[].protocol', is('TCP')],
    ['spec.egress[].ports[].protocol', is('TCP')],
  ],
};

/** Where each workload kind keeps its pod spec. */
const POD_SPEC_AT: Record<string, string> = {
  Pod: 'spec',
  Deployment: 'spec.template.spec',
  StatefulSet: 'spec.template.spec',
  DaemonSet: 'spec.template.spec',
  ReplicaSet: 'spec.template.spec',
  Job: 'spec.template.spec',
  CronJob: 'spec.jobTemplate.spec.template.spec',
};

function defaultPullPolicy(image: unknown): string | undefined {
  if (typeof image !== 'string') return undefined;
  if (image.includes('@')) return 'IfNotPresent';
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  const tag = lastPart.includes(':') ? lastPart.slice(lastPart.indexOf(':') + 1) : undefined;
  return tag === undefined || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultsOf(kind: string): Map<string, Defaulted> {
  const rules = new Map<string, Defaulted>(KIND_DEFAULTS[kind] ?? []);
  const pod = POD_SPEC_AT[kind];
  // A Job's pod template has no restartPolicy default: the API server requires Never or OnFailure.
  if (pod)
    for (const [path, rule] of POD_DEFAULTS)
      if (!(path === 'restartPolicy' && (kind === 'Job' || kind === 'CronJob'))) rules.set(`${pod}.${path}`, rule);
  return rules;
}

/** Every leaf of an object as path → value, without noise and server defaults; Secret values hidden. */
export function fieldsOf(object: KubeObject): Map<string, unknown> {
  return leaves(object, { rules: defaultsOf(object.kind), objectNoise: true, secret: object.kind === 'Secret' });
}

/** Every leaf of any JSON value (a config file inside a ConfigMap) as path → value, paths as in `fieldsOf`. */
export function leavesOf(value: unknown): Map<string, unknown> {
  return leaves(value, { rules: new Map(), objectNoise: false, secret: false });
}

function leaves(
  root: unknown,
  { rules, objectNoise, secret }: { rules: Map<string, Defaulted>; objectNoise: boolean; secret: boolean },
): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (value: unknown, path: string, generic: string, parent: Record<string, unknown>): void => {
    const rule = rules.get(generic);
    if (rule?.(value, parent)) return;
    if (Array.isArray(value)) {
      const names = value.map((item) => (isRecord(item) && typeof item.name === 'string' ? item.name : undefined));
      const byName = value.length > 0 && names.every((n) => n !== undefined) && new Set(names).size === names.length;
      if (value.length === 0) out.set(path, []);
      value.forEach((item, i) =>
        walk(item, `${path}[${byName ? `name=${names[i]}` : i}]`, `${generic}[]`, isRecord(item) ? item : parent),
      );
      return;
    }
    if (isRecord(value)) {
      const keys = Object.keys(value);
      if (keys.length === 0 && path) out.set(path, {});
      for (const key of keys) {
        if (objectNoise && path === '' && key === 'status') continue;
        if (objectNoise && path === 'metadata' && SERVER_METADATA.includes(key)) continue;
        if (objectNoise && path === 'metadata.annotations' && TOOL_ANNOTATIONS.includes(key)) continue;
        const segment = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : JSON.stringify(key);
        const join = (p: string) => (p ? `${p}.${segment}` : segment);
        walk(value[key], join(path), join(generic), value);
      }
      return;
    }
    const hidden = secret && (path.startsWith('data.') || path.startsWith('stringData.'));
    out.set(path, hidden ? { secret: value } : value);
  };
  walk(root, '', '', {});
  return out;
}

/** A value of `fieldsOf` as printed: a Secret's value is `(hidden)`. */
export function masked(value: unknown): unknown {
  return isRecord(value) && 'secret' in value && Object.keys(value).length === 1 ? HIDDEN : value;
}

/** The fields that differ between two versions of one object, in path order. */
export function fieldChanges(before: KubeObject, after: KubeObject): FieldChange[] {
  const a = fieldsOf(before);
  const b = fieldsOf(after);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  const changes: FieldChange[] = [];
  for (const path of paths) {
    const x = a.get(path);
    const y = b.get(path);
    if (a.has(path) && b.has(path) && JSON.stringify(x) === JSON.stringify(y)) continue;
    const change: FieldChange = { path };
    if (a.has(path)) change.before = masked(x);
    if (b.has(path)) change.after = masked(y);
    changes.push(change);
  }
  return changes;
}
