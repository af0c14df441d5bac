// 4. Deployment sequence: the rollout plan (src/plan) as a sequenceDiagram — what is applied in
// each phase and what is waited for before the next one. Drawn from the same plan the
// sync waves, Flux dependencies and the kubectl script are emitted from, so they cannot differ.
import { byCodePoint } from '../vocabulary/order.js';
import type { Graph } from '../graph/model.js';
import type { Plan, WaitCondition } from '../plan/index.js';
import type { SequenceItem, SequenceModel } from './diagram.js';
import { shortName } from './topology.js';

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

export function sequenceDiagram(graph: Graph, plan: Plan, singleNamespace: boolean): SequenceModel {
  const name = (id: string): string => {
    const n = graph.byId.get(id);
    return n ? shortName(n, singleNamespace) : id;
  };
  const items: SequenceItem[] = [];
  const message = (from: string, to: string, text: string, reply = false) =>
    items.push({ kind: 'message', from, to, text, reply });
  const note = (over: [string, string], text: string) => items.push({ kind: 'note', over, text });
  for (const phase of plan.phases) {
    message('Op', 'Engine', `phase ${phase.index}`);
    const byKind = new Map<string, string[]>();
    for (const id of phase.objects) byKind.set(kindOf(id), [...(byKind.get(kindOf(id)) ?? []), name(id)]);
    for (const [kind, names] of [...byKind].sort(([a], [b]) => byCodePoint(a, b)))
      message('Engine', 'K8s', `apply ${kind} ${shortList(names)}`);
    const waits = phase.waitFor.map((w) => `${kindOf(w.object)} ${name(w.object)} ${WAIT_TEXT[w.condition]}`);
    if (waits.length > 0) {
      note(['Engine', 'K8s'], `wait until ${shortList(waits)}`);
      message('K8s', 'Engine', 'ready', true);
    }
  }
  for (const cycle of plan.cycles)
    note(['Op', 'K8s'], `dependency cycle, applied together: ${cycle.map(name).join(', ')}`);
  if (plan.phases.length === 0) note(['Op', 'K8s'], 'nothing to apply');
  return { type: 'sequence', participants: PARTICIPANTS, items };
}
