// What a diagram node or table row of a hand-written document names: workloads (by name, by their
// Services, by pod labels, by image, by a partial name) or one of the objects a document draws
// around them (ConfigMaps, Secrets, PVCs, Ingresses, HTTPRoutes: by name only). Every candidate
// gets a score; the best wins, and two different candidates with the best score are ambiguous,
// never a guess.
import type { Graph, GraphNode } from '../graph/model.js';
import type { Workload } from '../graph/workloads.js';
import { isRecord, nodeId } from '../k8s/object.js';
import { serviceSpec } from '../k8s/kinds.js';
import { matchesMap } from '../k8s/selector.js';
import { containersOf } from '../k8s/podspec.js';

export type MatchBy = 'name' | 'label' | 'text' | 'image' | 'partial name' | 'volume';

/** The kinds a document may draw beside workloads, and the words that name each kind in a label. */
export const DRAWN_OBJECT_KINDS: Readonly<Record<string, RegExp>> = {
  ConfigMap: /\bconfig ?maps?\b/,
  Secret: /\bsecrets?\b/,
  PersistentVolumeClaim: /\b(pvcs?|persistentvolumeclaims?|persistent volume claims?|volume claims?)\b/,
  Ingress: /\bingress(es)?\b/,
  HTTPRoute: /\b(httproutes?|http routes?)\b/,
};

/** A node naming workloads (a Service stands for those it selects), or one drawn object. */
export type Match =
  | { workloads: Workload[]; object?: undefined; by: MatchBy }
  | { object: GraphNode; workloads?: undefined; by: MatchBy }
  | { ambiguous: string[] }
  | undefined;

interface Candidate {
  /** What the candidate stands for: sorted workload ids, or the object's id. */
  key: string;
  workloads?: Workload[];
  object?: GraphNode;
  names: string[];
  labels: string[];
  images: string[];
  /** The name's words once the system's prefix (namespace, part-of) is taken off: what a partial mention must contain. */
  partial: string[];
  /** A pod volume's name: matched only as the whole label ("logs-volume", "PVC: logs-volume"). */
  volume?: string;
}

export const normalise = (s: string) =>
  s
    .replace(/<[^>]*>/g, ' ')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Pod labels that name a component the way people write it in a diagram. */
const NAMING_LABELS = ['app', 'app.kubernetes.io/name', 'component'];

function partialWords(name: string, prefixes: Array<string | undefined>): string[] {
  const words = normalise(name).split(' ');
  for (const p of prefixes) {
    const prefix = p ? normalise(p).split(' ') : [];
    if (prefix.length && prefix.length < words.length && prefix.every((w, i) => words[i] === w))
      return words.slice(prefix.length);
  }
  return words;
}

function candidatesOf(graph: Graph, workloads: readonly Workload[]): Candidate[] {
  const out: Candidate[] = [];
  const prefixesOf = (w: { namespace?: string; labels?: Record<string, string> }) => [
    w.labels?.['app.kubernetes.io/part-of'],
    w.labels?.['app.kubernetes.io/instance'],
    w.namespace,
  ];
  for (const w of workloads)
    out.push({
      key: w.id,
      workloads: [w],
      names: [w.name],
      labels: NAMING_LABELS.map((l) => w.labels[l]).filter((v): v is string => typeof v === 'string'),
      images: containersOf(w.template).map((c) => String(c.container.image ?? '')),
      partial: partialWords(w.name, prefixesOf(w)),
    });
  for (const w of workloads) out.push(...volumeCandidates(graph, w));
  for (const node of graph.nodes) {
    if (node.kind === 'Service') {
      const selector = serviceSpec(node.object)?.selector;
      if (!isRecord(selector) || Object.keys(selector).length === 0) continue;
      const selected = workloads.filter(
        (w) => w.namespace === node.namespace && matchesMap(selector as Record<string, string>, w.labels),
      );
      if (selected.length)
        out.push({
          key: selected
            .map((w) => w.id)
            .sort()
            .join(','),
          workloads: selected,
          names: [node.name],
          labels: [],
          images: [],
          partial: partialWords(
            node.name,
            prefixesOf({ namespace: node.namespace, labels: node.object.metadata.labels }),
          ),
        });
    } else if (node.kind in DRAWN_OBJECT_KINDS)
      out.push({ key: node.id, object: node, names: [node.name], labels: [], images: [], partial: [] });
  }
  return out;
}

/**
 * A workload's pod volumes by their names: one standing for the PVC, ConfigMap or Secret it
 * mounts, another (emptyDir, hostPath…) for the workload itself, since it lives in its pods.
 */
function volumeCandidates(graph: Graph, w: Workload): Candidate[] {
  const out: Candidate[] = [];
  for (const v of w.template.spec.volumes ?? []) {
    const [kind, name] = v.persistentVolumeClaim
      ? ['PersistentVolumeClaim', v.persistentVolumeClaim.claimName]
      : v.configMap
        ? ['ConfigMap', v.configMap.name]
        : v.secret
          ? ['Secret', v.secret.secretName]
          : [];
    const object = kind && name ? graph.byId.get(nodeId(kind, name, w.namespace)) : undefined;
    const base = { names: [], labels: [], images: [], partial: [], volume: v.name };
    out.push(object ? { ...base, key: object.id, object } : { ...base, key: w.id, workloads: [w] });
  }
  return out;
}

const imageRepository = (image: string) =>
  normalise(
    image
      .replace(/[:@].*$/, '')
      .split('/')
      .pop() ?? '',
  );

/**
 * How well `text` (normalised, padded with spaces) names the candidate, and how. Tiers: the name
 * itself; a naming pod label; the name as whole words inside the text; the image's repository;
 * all words of the name past the system's prefix. Inside a tier the longer name is the better.
 */
function score(c: Candidate, text: string): { score: number; by: MatchBy } | undefined {
  const padded = ` ${text} `;
  const squash = (s: string) => s.replace(/ /g, '');
  let best: { score: number; by: MatchBy } | undefined;
  const offer = (s: number, by: MatchBy) => {
    if (!best || s > best.score) best = { score: s, by };
  };
  if (c.volume !== undefined) {
    // Below a name of its own: a workload or object called "data" beats a volume called "data".
    const kindless = Object.values(DRAWN_OBJECT_KINDS)
      .reduce((t, words) => t.replace(words, ' '), text)
      .replace(/\bvolumes?\b/, ' ')
      .replace(/ +/g, ' ')
      .trim();
    const name = normalise(c.volume);
    // "PVC: scratch" is no emptyDir called scratch, nor a Secret mounted as scratch.
    const saysKind = Object.entries(DRAWN_OBJECT_KINDS).filter(([, words]) => words.test(text));
    const sameKind = saysKind.length === 0 || saysKind.some(([kind]) => kind === c.object?.kind);
    if (sameKind && (name === text || name === kindless)) offer(95, 'volume');
  }
  for (const name of c.names.map(normalise)) {
    if (name === text || squash(name) === squash(text)) offer(100, 'name');
    else if (padded.includes(` ${name} `)) offer(70 + name.length / 1000, 'text');
  }
  for (const label of c.labels.map(normalise)) {
    if (label === text) offer(90, 'label');
    else if (label.length > 2 && padded.includes(` ${label} `)) offer(60 + label.length / 1000, 'label');
  }
  for (const repo of c.images.map(imageRepository))
    if (repo.length > 2 && padded.includes(` ${repo} `)) offer(50 + repo.length / 1000, 'image');
  const words = new Set(text.split(' '));
  if (c.partial.join('').length > 2 && c.partial.every((w) => words.has(w)))
    offer(40 + c.partial.join(' ').length / 1000, 'partial name');
  if (best && c.object) {
    // A ConfigMap named like its workload: the kind's word in the label decides, else the workload.
    best.score += DRAWN_OBJECT_KINDS[c.object.kind].test(text) ? 5 : -5;
  }
  return best;
}

export function matcher(graph: Graph, workloads: readonly Workload[]): (text: string) => Match {
  const candidates = candidatesOf(graph, workloads);
  return (text: string) => {
    const t = normalise(text);
    if (!t) return undefined;
    let top = -Infinity;
    let hits: Array<{ c: Candidate; by: MatchBy }> = [];
    for (const c of candidates) {
      const s = score(c, t);
      if (!s || s.score < top) continue;
      if (s.score > top) hits = [];
      top = s.score;
      hits.push({ c, by: s.by });
    }
    const keys = [...new Set(hits.map((h) => h.c.key))];
    if (keys.length === 0) return undefined;
    if (keys.length > 1)
      return {
        ambiguous: [
          ...new Set(hits.flatMap((h) => (h.c.object ? [h.c.object.id] : h.c.workloads!.map((w) => w.id)))),
        ].sort(),
      };
    const { c, by } = hits[0];
    return c.object ? { object: c.object, by } : { workloads: c.workloads!, by };
  };
}

/** A node's label as Mermaid reads it: its first line usually names the thing, the rest describes it. */
export function matchLabel(match: (text: string) => Match, label: string, id: string): Match {
  const first = label.split(/<br\s*\/?>|\n/i)[0];
  return match(first) ?? match(label) ?? match(id);
}
