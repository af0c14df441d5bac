// 4. Deployment sequence: the rollout plan (src/plan) as a sequenceDiagram — what is applied in
// each phase and what is waited for before the next one. Drawn from the same plan the
// sync waves, Flux dependencies and the kubectl script are emitted from, so they cannot differ.
import type { Graph } from '../graph/model.js';
import type { Plan, WaitCondition } from '../plan/index.js';
import { sequenceText } from './mermaid.js';
import { shortName } from './topology.js';

/** Names listed per message before the rest is counted, so messages stay one readable line. */
const NAMES_PER_MESSAGE = 6;

const WAIT_TEXT: Record<WaitCondition, string> = {
  'rolled-out': 'rolled out',
  complete: 'complete',
  established: 'established',
  ready: 'ready',
};

function kindOf(id: string): string {
  return /\[([^\]]+)\]$/.exec(id)?.[1] ?? '';
}

export function sequenceDiagram(graph: Graph, plan: Plan, singleNamespace: boolean): string {
  const name = (id: string): string => {
    const n = graph.byId.get(id);
    return n ? shortName(n, singleNamespace) : id;
  };
  const lines = [
    'sequenceDiagram',
    '  participant Op as Operator',
    '  participant Engine as kubectl / Argo CD / Flux',
    '  participant K8s as Kubernetes',
  ];
  for (const phase of plan.phases) {
    lines.push(`  Op->>Engine: ${sequenceText(`phase ${phase.index}`)}`);
    const byKind = new Map<string, string[]>();
    for (const id of phase.objects) byKind.set(kindOf(id), [...(byKind.get(kindOf(id)) ?? []), name(id)]);
    for (const [kind, names] of [...byKind].sort(([a], [b]) => a.localeCompare(b))) {
      const shown = names.slice(0, NAMES_PER_MESSAGE).join(', ');
      const more = names.length > NAMES_PER_MESSAGE ? ` and ${names.length - NAMES_PER_MESSAGE} more` : '';
      lines.push(`  Engine->>K8s: ${sequenceText(`apply ${kind} ${shown}${more}`)}`);
    }
    const waits = phase.waitFor.map((w) => `${kindOf(w.object)} ${name(w.object)} ${WAIT_TEXT[w.condition]}`);
    if (waits.length > 0) {
      const shown = waits.slice(0, NAMES_PER_MESSAGE).join(', ');
      const more = waits.length > NAMES_PER_MESSAGE ? ` and ${waits.length - NAMES_PER_MESSAGE} more` : '';
      lines.push(`  Note over Engine,K8s: ${sequenceText(`wait until ${shown}${more}`)}`);
      lines.push(`  K8s-->>Engine: ${sequenceText('ready')}`);
    }
  }
  for (const cycle of plan.cycles) {
    lines.push(`  Note over Op,K8s: ${sequenceText(`dependency cycle, applied together: ${cycle.map(name).join(', ')}`)}`);
  }
  if (plan.phases.length === 0) lines.push(`  Note over Op,K8s: ${sequenceText('nothing to apply')}`);
  return `${lines.join('\n')}\n`;
}
