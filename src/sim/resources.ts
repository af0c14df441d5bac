// Resource requirements per component and in total: the one place these numbers are computed
// (`summary --json`, the docs' resource table and the capacity checks all read this).
// Quantities are exact integers (milli-cores, bytes) from k8s/quantity.ts, so totals add up.
import type { Graph, GraphNode } from '../graph/model.js';
import { workloadsOf, type Workload } from '../graph/workloads.js';
import { fieldAt, isRecord, nodeId, type KubeObject } from '../k8s/object.js';
import { hpaSpec, pvcSpec } from '../k8s/kinds.js';
import { ANNOTATIONS } from '../k8s/annotations.js';
import { containersOf, type PodTemplate } from '../k8s/podspec.js';
import { parseMillis, parseUnits, QuantityError } from '../vocabulary/quantity.js';
import { InputError } from '../diagnostics/index.js';

export interface Totals {
  cpuRequestMillis: number;
  cpuLimitMillis: number;
  memoryRequestBytes: number;
  memoryLimitBytes: number;
}

export interface ComponentResources {
  /** Node id as in `graph --json`, e.g. `sagaz/outbox-worker[Deployment]`. */
  id: string;
  replicas: { min: number; max: number };
  perReplica: Totals;
  atMin: Totals;
  atMax: Totals;
  storageBytes: number;
}

/** What one run of a Job or CronJob takes: its pods at once (0 while suspended) × the pod's requests and limits. */
export interface RunResources {
  id: string;
  /** `spec.suspend` (a CronJob's, or its jobTemplate's): no pods start until it is resumed. */
  suspended: boolean;
  pods: number;
  total: Totals;
}

export interface ResourceSummary {
  components: ComponentResources[];
  totals: {
    /** Every component counted as if its pods ran all the time (Jobs and CronJobs included). */
    atMin: Totals;
    atMax: Totals;
    storageBytes: number;
    /** Long-running pods only: every workload that is not a Job or CronJob. */
    steady: { atMin: Totals; atMax: Totals };
    /** One run of each Job and CronJob. */
    runs: RunResources[];
    /** Steady state at max plus one run of every Job and CronJob that is not suspended (see peakOf). */
    peak: Totals;
  };
}

const ZERO: Totals = { cpuRequestMillis: 0, cpuLimitMillis: 0, memoryRequestBytes: 0, memoryLimitBytes: 0 };
const FIELDS = Object.keys(ZERO) as Array<keyof Totals>;

function add(a: Totals, b: Totals): Totals {
  return Object.fromEntries(FIELDS.map((f) => [f, a[f] + b[f]])) as unknown as Totals;
}
function max(a: Totals, b: Totals): Totals {
  return Object.fromEntries(FIELDS.map((f) => [f, Math.max(a[f], b[f])])) as unknown as Totals;
}
function times(a: Totals, n: number): Totals {
  return Object.fromEntries(FIELDS.map((f) => [f, a[f] * n])) as unknown as Totals;
}

/** Reads quantities of one object, naming the object and field path when one is malformed. */
class QuantityReader {
  constructor(private readonly node: GraphNode) {}

  read(value: unknown, path: string, parse: (q: string | number) => number): number {
    if (value === undefined || value === null) return 0;
    if (typeof value !== 'string' && typeof value !== 'number')
      this.fail(path, `expected a Kubernetes quantity, got ${JSON.stringify(value)}`);
    try {
      return parse(value);
    } catch (err) {
      if (!(err instanceof QuantityError)) throw err;
      this.fail(path, err.message);
    }
  }

  private fail(path: string, message: string): never {
    const { file, line, document } = this.node.source;
    const where = file ? `${file}${line ? `:${line}` : document !== undefined ? ` document ${document}` : ''} ` : '';
    throw new InputError(`${where}${this.node.id} ${path}: ${message}`, [], {
      file,
      line,
      objectId: this.node.id,
      fieldPath: path,
    });
  }

  /**
   * Requests and limits of one `resources` block. A resource with a limit but no request
   * requests its limit, as the API server defaults it. A missing limit counts 0 (unbounded).
   */
  totals(resources: unknown, path: string): Totals {
    const r = isRecord(resources) ? resources : {};
    const requests = isRecord(r.requests) ? r.requests : {};
    const limits = isRecord(r.limits) ? r.limits : {};
    const cpuLimit = this.read(limits.cpu, `${path}.limits.cpu`, parseMillis);
    const memoryLimit = this.read(limits.memory, `${path}.limits.memory`, parseUnits);
    return {
      cpuRequestMillis:
        requests.cpu !== undefined ? this.read(requests.cpu, `${path}.requests.cpu`, parseMillis) : cpuLimit,
      cpuLimitMillis: cpuLimit,
      memoryRequestBytes:
        requests.memory !== undefined ? this.read(requests.memory, `${path}.requests.memory`, parseUnits) : memoryLimit,
      memoryLimitBytes: memoryLimit,
    };
  }
}

/**
 * A pod's effective requests and limits, as the scheduler computes them (Kubernetes docs,
 * "Resource sharing within containers" and component-helpers' AggregateContainerRequests):
 * the higher of the sum of app and sidecar containers and the largest init container (plus the
 * sidecars started before it), then pod overhead added. Pod-level `spec.resources` take
 * precedence where set.
 */
function podTotals(template: PodTemplate, reader: QuantityReader): Totals {
  let app = ZERO;
  let sidecars = ZERO;
  let init = ZERO;
  for (const ref of containersOf(template)) {
    if (ref.group === 'ephemeralContainers') continue; // no resources: they are not scheduled
    const own = reader.totals(ref.container.resources, `${ref.path}.resources`);
    if (ref.group === 'containers') {
      app = add(app, own);
    } else if (ref.container.restartPolicy === 'Always') {
      sidecars = add(sidecars, own);
      init = max(init, sidecars);
    } else {
      init = max(init, add(own, sidecars));
    }
  }
  let pod = max(add(app, sidecars), init);
  const spec = template.spec as unknown as Record<string, unknown>;
  if (isRecord(spec.resources)) {
    const level = reader.totals(spec.resources, `${template.path}.resources`);
    const set = (group: string, resource: string) => fieldAt(spec.resources, group, resource) !== undefined;
    pod = {
      cpuRequestMillis: set('requests', 'cpu') || set('limits', 'cpu') ? level.cpuRequestMillis : pod.cpuRequestMillis,
      cpuLimitMillis: set('limits', 'cpu') ? level.cpuLimitMillis : pod.cpuLimitMillis,
      memoryRequestBytes:
        set('requests', 'memory') || set('limits', 'memory') ? level.memoryRequestBytes : pod.memoryRequestBytes,
      memoryLimitBytes: set('limits', 'memory') ? level.memoryLimitBytes : pod.memoryLimitBytes,
    };
  }
  if (isRecord(spec.overhead)) {
    const overhead = reader.totals({ requests: spec.overhead, limits: spec.overhead }, `${template.path}.overhead`);
    pod = add(pod, {
      ...overhead,
      cpuLimitMillis: pod.cpuLimitMillis ? overhead.cpuLimitMillis : 0,
      memoryLimitBytes: pod.memoryLimitBytes ? overhead.memoryLimitBytes : 0,
    });
  }
  return pod;
}

function nonNegativeInt(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}

/** Pods a Job runs at once: `parallelism` (default 1), never more than `completions`. */
function jobPods(jobSpec: unknown): number {
  const spec = isRecord(jobSpec) ? jobSpec : {};
  const parallelism = nonNegativeInt(spec.parallelism) ?? 1;
  const completions = nonNegativeInt(spec.completions);
  return completions === undefined ? parallelism : Math.min(parallelism, completions);
}

const autoscalersIndex = new WeakMap<Graph, ReadonlyMap<string, KubeObject>>();

/**
 * The HorizontalPodAutoscaler (any autoscaling/* version) scaling each workload, keyed by node id
 * (the first by id when several name one); indexed once per graph: five checks and the summary ask.
 */
export function autoscalersByTarget(graph: Graph): ReadonlyMap<string, KubeObject> {
  let index = autoscalersIndex.get(graph);
  if (!index) {
    index = indexAutoscalers(graph);
    autoscalersIndex.set(graph, index);
  }
  return index;
}

function indexAutoscalers(graph: Graph): Map<string, KubeObject> {
  const out = new Map<string, KubeObject>();
  const hpas = graph.nodes
    .filter((n) => n.kind === 'HorizontalPodAutoscaler')
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const hpa of hpas) {
    const ref: unknown = hpaSpec(hpa.object)?.scaleTargetRef;
    if (!isRecord(ref) || typeof ref.kind !== 'string' || typeof ref.name !== 'string') continue;
    const target = nodeId(ref.kind, ref.name, hpa.namespace);
    if (graph.byId.has(target) && !out.has(target)) out.set(target, hpa.object);
  }
  return out;
}

/**
 * How many pods a component runs. Defaults, as Kubernetes applies them: `spec.replicas` 1;
 * an HPA's `minReplicas` 1. A DaemonSet runs on the node count declared in the
 * `shipshape.dev/nodes` annotation, 1 when that is absent (the cluster's size is not in the manifests).
 */
export function replicasOf(node: GraphNode, hpa: KubeObject | undefined): { min: number; max: number } {
  const spec = isRecord(node.object.spec) ? node.object.spec : {};
  switch (node.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet':
    case 'ReplicationController': {
      if (hpa) {
        const h = hpaSpec(hpa);
        const min = nonNegativeInt(h?.minReplicas) ?? 1;
        return { min, max: Math.max(min, nonNegativeInt(h?.maxReplicas) ?? min) };
      }
      const n = nonNegativeInt(spec.replicas) ?? 1;
      return { min: n, max: n };
    }
    case 'DaemonSet': {
      const declared = Number(node.object.metadata.annotations?.[ANNOTATIONS.nodes]);
      const n = Number.isInteger(declared) && declared >= 0 ? declared : 1;
      return { min: n, max: n };
    }
    case 'Job': {
      const n = jobPods(spec);
      return { min: n, max: n };
    }
    case 'CronJob': {
      const n = jobPods(fieldAt(spec, 'jobTemplate', 'spec'));
      return { min: n, max: n };
    }
    default:
      return { min: 1, max: 1 };
  }
}

/**
 * How many pods a component runs: replicasOf its representative, except for Pods standing for an
 * owner the input lacks (a `kubectl get pods` dump), where the count is the distinct pods seen —
 * the owner's replica count is not in the input.
 */
export function componentReplicas(
  component: Pick<Workload, 'id' | 'node' | 'pods'>,
  hpas: ReadonlyMap<string, KubeObject>,
): { min: number; max: number } {
  if (component.node.kind === 'Pod' && component.id !== component.node.id)
    return { min: component.pods, max: component.pods };
  return replicasOf(component.node, hpas.get(component.node.id));
}

/** Storage of one claim spec: `resources.requests.storage`. */
function claimBytes(claimSpec: unknown, path: string, reader: QuantityReader): number {
  return reader.read(
    fieldAt(claimSpec, 'resources', 'requests', 'storage'),
    `${path}.resources.requests.storage`,
    parseUnits,
  );
}

/**
 * Storage a component claims: the PVCs its pods mount (a claim shared by several components counts
 * once, for the first by id), plus volumeClaimTemplates and generic ephemeral volumes, which
 * exist once per pod, × the maximum replicas (claims outlive a scale-down).
 */
function storageOf(
  node: GraphNode,
  template: PodTemplate,
  maxReplicas: number,
  graph: Graph,
  counted: Set<string>,
  reader: QuantityReader,
): number {
  let bytes = 0;
  const volumes = Array.isArray(template.spec.volumes) ? template.spec.volumes : [];
  volumes.forEach((v, i) => {
    const claimName = v?.persistentVolumeClaim?.claimName;
    if (typeof claimName === 'string') {
      const pvc = graph.byId.get(nodeId('PersistentVolumeClaim', claimName, node.namespace));
      if (pvc && !counted.has(pvc.id)) {
        counted.add(pvc.id);
        bytes += claimBytes(pvcSpec(pvc.object), 'spec', new QuantityReader(pvc));
      }
    }
    if (v?.ephemeral?.volumeClaimTemplate) {
      bytes +=
        claimBytes(
          v.ephemeral.volumeClaimTemplate.spec,
          `${template.path}.volumes[${i}].ephemeral.volumeClaimTemplate.spec`,
          reader,
        ) * maxReplicas;
    }
  });
  const templates = node.kind === 'StatefulSet' ? fieldAt(node.object, 'spec', 'volumeClaimTemplates') : undefined;
  if (Array.isArray(templates)) {
    templates.forEach((t: unknown, i) => {
      bytes += claimBytes(fieldAt(t, 'spec'), `spec.volumeClaimTemplates[${i}].spec`, reader) * maxReplicas;
    });
  }
  return bytes;
}

/** Kinds whose pods run to completion; every other workload's pods run all the time. */
const RUN_KINDS = new Set(['Job', 'CronJob']);

/** Whether a Job or CronJob starts no pods until resumed: its `spec.suspend`, or a CronJob's jobTemplate's. */
function isSuspended(node: GraphNode): boolean {
  const spec = isRecord(node.object.spec) ? node.object.spec : {};
  if (spec.suspend === true) return true;
  return node.kind === 'CronJob' && fieldAt(spec, 'jobTemplate', 'spec', 'suspend') === true;
}

/**
 * The most the application can take at once. Every Job and every CronJob that is not suspended can
 * be running at the same moment as the steady state and as each other (schedules are not compared:
 * a long run overlaps the next schedule of another), each counted as one run: concurrencyPolicy
 * Forbid and Replace keep a CronJob to one run at a time, and under Allow (the default) a run
 * overlaps its own successor only when it outlasts the schedule's interval, which manifests do not say.
 */
function peakOf(steadyAtMax: Totals, runs: RunResources[]): Totals {
  return add(steadyAtMax, runsTotal(runs));
}

/** One run of each Job and CronJob together (suspended ones take nothing). */
export function runsTotal(runs: RunResources[]): Totals {
  return runs.reduce((t, r) => add(t, r.total), ZERO);
}

/** Requests, limits and storage of every component at minimum and maximum replicas, and their totals. */
export function summarizeResources(graph: Graph): ResourceSummary {
  const hpas = autoscalersByTarget(graph);
  const counted = new Set<string>();
  const runs: RunResources[] = [];
  const steady = { atMin: ZERO, atMax: ZERO };
  const components = workloadsOf(graph).map((component): ComponentResources => {
    const { node, template } = component;
    const reader = new QuantityReader(node);
    const replicas = componentReplicas(component, hpas);
    const perReplica = podTotals(template, reader);
    if (RUN_KINDS.has(component.kind)) {
      // The Job's own pod count: for pods of an absent Job, the distinct pods seen.
      const suspended = isSuspended(node);
      const pods = suspended ? 0 : replicas.max;
      runs.push({ id: component.id, suspended, pods, total: times(perReplica, pods) });
    } else {
      steady.atMin = add(steady.atMin, times(perReplica, replicas.min));
      steady.atMax = add(steady.atMax, times(perReplica, replicas.max));
    }
    return {
      id: component.id,
      replicas,
      perReplica,
      atMin: times(perReplica, replicas.min),
      atMax: times(perReplica, replicas.max),
      storageBytes: storageOf(node, template, replicas.max, graph, counted, reader),
    };
  });
  return {
    components,
    totals: {
      atMin: components.reduce((t, c) => add(t, c.atMin), ZERO),
      atMax: components.reduce((t, c) => add(t, c.atMax), ZERO),
      storageBytes: components.reduce((t, c) => t + c.storageBytes, 0),
      steady,
      runs,
      peak: peakOf(steady.atMax, runs),
    },
  };
}
