// The rollout plan, computed once from the graph: phases of objects that can be applied together,
// what each phase waits for, and why every object is where it is.
//
// An object's phase is the smallest one that (1) comes after every lower stage of kinds
// (kind-stages.ts: foundation → configuration → workloads → finishing) and (2) comes after every
// object it depends on (dependencies.ts). So independent objects share a phase — PostgreSQL and
// RabbitMQ are waited on together — and only real dependencies add phases.
import { byCodePoint } from '../vocabulary/order.js';
import type { DaemonSet, StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { Graph, GraphNode } from '../graph/model.js';
import { stronglyConnected } from './components.js';
import { controllerOwned, planDependencies } from './dependencies.js';
import { KIND_STAGES, kindStageOf } from './kind-stages.js';
import type { Dependency, Phase, Plan, Reason, WaitCondition } from './types.js';

export function computePlan(graph: Graph): Plan {
  const owned = controllerOwned(graph);
  const ids = graph.nodes
    .map((n) => n.id)
    .filter((id) => !owned.has(id))
    .sort();
  const inPlan = new Set(ids);
  const node = (id: string) => graph.byId.get(id)!;
  const rank = (id: string) => KIND_STAGES[kindStageOf(node(id).kind)].rank;

  // The order of kinds wins over an edge pointing the other way (which would need a workload
  // before its own configuration); such edges are dropped.
  const all = planDependencies(graph);
  const deps = new Map<string, Dependency[]>();
  for (const id of ids)
    deps.set(
      id,
      (all.get(id) ?? []).filter((d) => inPlan.has(d.on) && rank(d.on) <= rank(id)),
    );

  // Tarjan closes a component after everything it depends on: this order is already topological.
  const components = stronglyConnected(ids, (id) => deps.get(id)!.map((d) => d.on));
  const componentOf = new Map<string, number>();
  components.forEach((c, i) => c.forEach((id) => componentOf.set(id, i)));
  const external = (id: string) => deps.get(id)!.filter((d) => componentOf.get(d.on) !== componentOf.get(id));

  const level = new Map<string, number>();
  let floor = 0;
  for (let r = 0; r <= KIND_STAGES.finishing.rank; r++) {
    let highest = -1;
    for (const component of components) {
      if (rank(component[0]) !== r) continue; // a cycle never spans stages: edges only point down
      let l = floor;
      for (const id of component) for (const d of external(id)) l = Math.max(l, level.get(d.on)! + 1);
      for (const id of component) level.set(id, l);
      highest = Math.max(highest, l);
    }
    if (highest >= 0) floor = highest + 1;
  }

  const dependedOn = new Set<string>();
  for (const id of ids) for (const d of deps.get(id)!) dependedOn.add(d.on);

  const phases: Phase[] = [];
  for (const id of ids) {
    const l = level.get(id)!;
    while (phases.length <= l) phases.push({ index: phases.length, objects: [], waitFor: [], reasons: [] });
    const phase = phases[l];
    phase.objects.push(id);
    const condition = waitCondition(node(id), dependedOn.has(id));
    if (condition) phase.waitFor.push({ object: id, condition });
  }
  for (const phase of phases) {
    if (phase.index === 0) continue;
    const previousStage = Math.max(...phases[phase.index - 1].objects.map(rank));
    for (const id of phase.objects) phase.reasons.push(...reasonsFor(id, phase.index, previousStage));
  }

  function reasonsFor(id: string, index: number, previousStage: number): Reason[] {
    const binding = external(id).filter((d) => level.get(d.on) === index - 1);
    if (binding.length) return binding.map((d) => ({ object: id, after: d.on, because: d.because }));
    const component = components[componentOf.get(id)!];
    const partner = component.find((m) => m !== id && external(m).some((d) => level.get(d.on) === index - 1));
    if (partner)
      return [{ object: id, after: partner, because: `in a dependency cycle with ${partner}, which must wait` }];
    const stage = Object.values(KIND_STAGES).find((t) => t.rank === previousStage)!;
    return [
      { object: id, after: `phase ${index - 1}`, because: `${node(id).kind} is applied after ${stage.description}` },
    ];
  }

  const cycles = components
    .filter((c) => c.length > 1)
    .map((c) => [...c].sort())
    .sort((a, b) => byCodePoint(a[0], b[0]));
  return { phases, cycles };
}

/** Rollouts and CRDs are always waited on; Jobs and bare Pods only when something later needs
 *  them (a benchmark Job nobody waits for must not hold up the rollout). */
function waitCondition(n: GraphNode, needed: boolean): WaitCondition | undefined {
  switch (n.kind) {
    case 'CustomResourceDefinition':
      return 'established';
    case 'Deployment':
      return 'rolled-out';
    case 'StatefulSet':
    case 'DaemonSet':
      // `kubectl rollout status` only follows the RollingUpdate strategy.
      return (n.object as Partial<StatefulSet | DaemonSet>).spec?.updateStrategy?.type === 'OnDelete'
        ? undefined
        : 'rolled-out';
    case 'Job':
      return needed ? 'complete' : undefined;
    case 'Pod':
      return needed ? 'ready' : undefined;
    default:
      return undefined;
  }
}
