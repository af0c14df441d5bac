// 4. Deployment sequence: the rollout plan (src/plan) as a sequenceDiagram — what is applied in
// each phase and what is waited for before the next one. Drawn from the same plan the
// sync waves, Flux dependencies and the kubectl script are emitted from, so they cannot differ.
import { byCodePoint } from '../vocabulary/order.js';
import type { Graph } from '../graph/model.js';
import type { Plan, WaitCondition } from '../plan/index.js';
import type { SequenceItem, SequenceModel } from './diagram.js';
import { shortName } from './topology.js';
import { pushTo } from '../graph/multimap.js';
import { MERMAID_MAX_TEXT_SIZE, renderMermaid } from './render-mermaid.js';

/** Names listed per message before the rest is counted, so messages stay one readable line. */
const NAMES_PER_MESSAGE = 6;

const WAIT_TEXT: Record<WaitCondition, string> = {
  'rolled-out': 'rolled out',
  complete: 'complete',
  established: 'established',
  ready: 'ready',
};

const PARTICIPANTS = [
  { id: 'Op', label: 'Operator' },
  { id: 'Engine', label: 'kubectl / Argo CD / Flux' },
  { id: 'K8s', label: 'Kubernetes' },
];

function kindOf(id: string): string {
  return /\[([^\]]+)\]$/.exec(id)?.[1] ?? '';
}

/** `Names and 3 more`: the first NAMES_PER_MESSAGE of a list, the rest counted. */
function shortList(names: string[]): string {
  const more = names.length > NAMES_PER_MESSAGE ? ` and ${names.length - NAMES_PER_MESSAGE} more` : '';
  return `${names.slice(0, NAMES_PER_MESSAGE).join(', ')}${more}`;
}

/** Phases drawn at most when the named diagram is too long: consecutive phases are merged beyond it. */
const COMPACT_PHASES = 100;

/**
 * The rollout plan as messages naming what each phase applies and waits for. When that text would
 * exceed Mermaid's maxTextSize (hundreds of workloads), names give way to counts per kind and
 * consecutive phases are merged into at most COMPACT_PHASES steps; a note says so.
 */
export function sequenceDiagram(graph: Graph, plan: Plan, singleNamespace: boolean): SequenceModel {
  const named = phaseMessages(graph, plan, singleNamespace, shortList, 1);
  if (renderMermaid(named).length <= MERMAID_MAX_TEXT_SIZE) return named;
  const merge = Math.ceil(plan.phases.length / COMPACT_PHASES);
  return phaseMessages(graph, plan, singleNamespace, (names) => `× ${names.length}`, merge);
}

function phaseMessages(
  graph: Graph,
  plan: Plan,
  singleNamespace: boolean,
  list: (names: string[]) => string,
  merge: number,
): SequenceModel {
  const name = (id: string): string => {
    const n = graph.byId.get(id);
    return n ? shortName(n, singleNamespace) : id;
  };
  const items: SequenceItem[] = [];
  const message = (from: string, to: string, text: string, reply = false) =>
    items.push({ kind: 'message', from, to, text, reply });
  const note = (over: [string, string], text: string) => items.push({ kind: 'note', over, text });
  if (list !== shortList)
    note(['Op', 'K8s'], `${plan.phases.length} phases, counted per kind: names would exceed Mermaid's text limit`);
  for (let start = 0; start < plan.phases.length; start += merge) {
    const phases = plan.phases.slice(start, start + merge);
    const first = phases[0].index;
    const last = phases[phases.length - 1].index;
    message('Op', 'Engine', first === last ? `phase ${first}` : `phases ${first}–${last}`);
    const byKind = new Map<string, string[]>();
    for (const id of phases.flatMap((p) => p.objects)) pushTo(byKind, kindOf(id), name(id));
    for (const [kind, names] of [...byKind].sort(([a], [b]) => byCodePoint(a, b)))
      message('Engine', 'K8s', `apply ${kind} ${list(names)}`);
    const waits = phases
      .flatMap((p) => p.waitFor)
      .map((w) => `${kindOf(w.object)} ${name(w.object)} ${WAIT_TEXT[w.condition]}`);
    if (waits.length > 0) {
      note(['Engine', 'K8s'], `wait until ${list(waits)}`);
      message('K8s', 'Engine', 'ready', true);
    }
  }
  for (const cycle of plan.cycles) note(['Op', 'K8s'], `dependency cycle, applied together: ${list(cycle.map(name))}`);
  if (plan.phases.length === 0) note(['Op', 'K8s'], 'nothing to apply');
  return { type: 'sequence', participants: PARTICIPANTS, items };
}
