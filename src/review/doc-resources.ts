// Resource figures written in diagram labels — "Resource: 2 CPU, 4Gi RAM", "CPU: 100m/500m",
// "Memory: 1Gi", "Storage: 10Gi", a PVC's "Size: 10Gi" — held against the manifests: a workload's
// effective per-pod requests and limits (ComponentResources.perReplica, as the scheduler computes
// them), the sizes of the claims its pods mount, a PVC's storage request. Quantities are read with
// Kubernetes quantity semantics, so "2" and "2000m", "1Gi" and "1024Mi" are the same figure.
import type { Graph, GraphNode } from '../graph/model.js';
import type { Workload } from '../graph/workloads.js';
import { fieldAt, isRecord, nodeId } from '../k8s/object.js';
import type { ComponentResources } from '../sim/resources.js';
import { formatBytes, formatCpu, parseMillis, parseUnits } from '../vocabulary/quantity.js';
import type { ParsedFlowchart } from './mermaid-parse.js';

export type ResourceFigure = 'cpu' | 'memory' | 'storage';

/** One figure of a label: a single quantity, or a request/limit pair ("100m/500m"). */
export interface ResourceClaim {
  what: ResourceFigure;
  /** CPU in millicores, memory and storage in bytes; [request, limit] when written as a pair. */
  values: number[];
  said: string;
}

const QUANTITY = String.raw`\d+(?:\.\d+)?(?:Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?`;
/** "CPU: 2", "Memory: 128Mi/512Mi", "Storage: 100Gi", "Size: 10Gi"; never a percentage ("CPU: 45%"). */
const KEY_FIRST = new RegExp(
  String.raw`\b(cpu|memory|mem|ram|storage|disk|size)\s*:\s*(${QUANTITY})(?:\s*(?:cores?|cpus?)\b)?(?:\s*/\s*(${QUANTITY}))?(?![\w.%/-])`,
  'gi',
);
/** "2 CPU", "500m CPU", "4Gi RAM", "10Gi storage"; not the upper end of a range ("2-4 CPU"). */
const VALUE_FIRST = new RegExp(
  String.raw`(?<![\w./-])(${QUANTITY})\s*(v?cpus?|cores?|ram|memory|mem|storage|disk)\b`,
  'gi',
);

const figureOf = (word: string): ResourceFigure =>
  /cpu|core/i.test(word) ? 'cpu' : /^(storage|disk|size)$/i.test(word) ? 'storage' : 'memory';

function read(what: ResourceFigure, quantity: string): number | undefined {
  // Memory and storage without a unit would be bytes: no document means that, so it is no figure.
  if (what !== 'cpu' && !/[A-Za-z]$/.test(quantity)) return undefined;
  // A lower-case m on memory is millibytes in Kubernetes and a slip in a document: no figure either.
  if (what !== 'cpu' && quantity.endsWith('m')) return undefined;
  try {
    return what === 'cpu' ? parseMillis(quantity) : parseUnits(quantity);
  } catch {
    return undefined;
  }
}

/** The resource figures of a label. */
export function resourceClaims(raw: string): ResourceClaim[] {
  const text = raw.replace(/<[^>]*>/g, '\n');
  const out: ResourceClaim[] = [];
  const taken: Array<[number, number]> = [];
  for (const m of text.matchAll(KEY_FIRST)) {
    const what = figureOf(m[1]);
    const values = [m[2], m[3]].filter((q): q is string => q !== undefined).map((q) => read(what, q));
    if (values.some((v) => v === undefined)) continue;
    out.push({ what, values: values as number[], said: m[0].trim() });
    taken.push([m.index, m.index + m[0].length]);
  }
  for (const m of text.matchAll(VALUE_FIRST)) {
    if (taken.some(([from, to]) => m.index < to && m.index + m[0].length > from)) continue;
    const what = figureOf(m[2]);
    const value = read(what, m[1]);
    if (value !== undefined) out.push({ what, values: [value], said: m[0].trim() });
  }
  return out;
}

const bytesOf = (quantity: unknown) => {
  try {
    return typeof quantity === 'string' || typeof quantity === 'number' ? parseUnits(quantity) : undefined;
  } catch {
    return undefined;
  }
};

const claimRequest = (claimSpec: unknown) => bytesOf(fieldAt(claimSpec, 'resources', 'requests', 'storage'));

/**
 * The storage one pod of the workload has, each as a figure a document may give: every claim it
 * mounts (PVCs, generic ephemeral volumes, a StatefulSet's volumeClaimTemplates) and their sum.
 */
function podStorage(graph: Graph, w: Workload): number[] {
  const sizes: number[] = [];
  for (const v of w.template.spec.volumes ?? []) {
    const claimName = v.persistentVolumeClaim?.claimName;
    const pvc = claimName ? graph.byId.get(nodeId('PersistentVolumeClaim', claimName, w.namespace)) : undefined;
    const size = pvc
      ? claimRequest(pvc.object.spec)
      : claimRequest(fieldAt(v, 'ephemeral', 'volumeClaimTemplate', 'spec'));
    if (size !== undefined) sizes.push(size);
  }
  const templates = w.kind === 'StatefulSet' ? fieldAt(w.node.object, 'spec', 'volumeClaimTemplates') : undefined;
  for (const t of Array.isArray(templates) ? (templates as unknown[]) : []) {
    const size = isRecord(t) ? claimRequest(t.spec) : undefined;
    if (size !== undefined) sizes.push(size);
  }
  return sizes.length > 1 ? [...sizes, sizes.reduce((a, b) => a + b, 0)] : sizes;
}

const amount = (what: ResourceFigure, n: number) => (n === 0 ? 'none' : what === 'cpu' ? formatCpu(n) : formatBytes(n));

/**
 * What is wrong with a figure about the workload, or undefined when the manifests say the same. A
 * single figure may be the request or the limit: a document giving a pod's size often gives its
 * ceiling (seed 004's "2 CPU, 4Gi RAM" is the limit, half of it requested), and both are true.
 */
function judgeWorkload(claim: ResourceClaim, w: Workload, c: ComponentResources, graph: Graph): string | undefined {
  if (claim.what === 'storage') {
    const sizes = podStorage(graph, w);
    if (sizes.includes(claim.values[0])) return undefined;
    return `"${claim.said}": ${w.id} ${sizes.length ? `claims ${[...new Set(sizes)].map((s) => formatBytes(s)).join(', ')} per pod` : 'claims no storage'}`;
  }
  const p = c.perReplica;
  const [request, limit] =
    claim.what === 'cpu' ? [p.cpuRequestMillis, p.cpuLimitMillis] : [p.memoryRequestBytes, p.memoryLimitBytes];
  const [said, saidLimit] = claim.values;
  const agrees = saidLimit === undefined ? said === request || said === limit : said === request && saidLimit === limit;
  if (agrees) return undefined;
  return `"${claim.said}": ${w.id} requests ${amount(claim.what, request)} and limits ${amount(claim.what, limit)} ${claim.what === 'cpu' ? 'CPU' : 'memory'} per pod`;
}

function judgeClaim(claim: ResourceClaim, pvc: GraphNode): string | undefined {
  if (claim.what !== 'storage') return undefined;
  const size = claimRequest(pvc.object.spec);
  if (size === claim.values[0]) return undefined;
  return `"${claim.said}": ${pvc.id} requests ${size === undefined ? 'no storage' : formatBytes(size)}`;
}

/**
 * The resource figures of a diagram's nodes: a node drawn as one workload or as a PVC is judged
 * against it; a node that names nothing ("Resources: CPU: 100m/500m") against the one workload it
 * is linked to, the way documents hang a pod's resources beside the pod.
 */
export function checkResourceFigures(
  flow: ParsedFlowchart,
  matched: ReadonlyMap<string, Workload[]>,
  objects: ReadonlyMap<string, GraphNode>,
  components: ReadonlyMap<string, ComponentResources>,
  graph: Graph,
): Array<{ node: string; message: string }> {
  const out: Array<{ node: string; message: string }> = [];
  const drawn = new Map([...matched.values()].flat().map((w) => [w.id, w]));
  const linkedWorkloads = (id: string) => {
    const ends = new Set<string>();
    for (const l of flow.links)
      for (const [self, other] of [
        [l.from, l.to],
        [l.to, l.from],
      ])
        if (self === id) for (const w of matched.get(other) ?? []) ends.add(w.id);
    return ends;
  };
  for (const node of flow.nodes) {
    const claims = resourceClaims(node.text);
    if (claims.length === 0) continue;
    const object = objects.get(node.id);
    let judge: ((claim: ResourceClaim) => string | undefined) | undefined;
    if (object?.kind === 'PersistentVolumeClaim') judge = (claim) => judgeClaim(claim, object);
    else if (!object) {
      const own = matched.get(node.id);
      const ids = own ? new Set(own.map((w) => w.id)) : linkedWorkloads(node.id);
      // Several workloads (a Service selecting many, a label linked to several): not guessed.
      const workload = ids.size === 1 ? drawn.get([...ids][0]) : undefined;
      const c = workload && components.get(workload.id);
      if (workload && c) judge = (claim) => judgeWorkload(claim, workload, c, graph);
    }
    if (!judge) continue;
    for (const claim of claims) {
      const message = judge(claim);
      if (message) out.push({ node: node.id, message });
    }
  }
  return out;
}
