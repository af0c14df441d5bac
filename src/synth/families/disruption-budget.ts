// PodDisruptionBudget (policy/v1) for replicated components: by default at most one pod of a
// component whose minimum replica count is at least 2 may be evicted at a time (node drains,
// upgrades). A budget declared in the spec is always emitted; `disruptionBudget: false` emits none.
import { replicaRange } from '../component-types.js';
import type { GeneratorFamily } from '../family.js';

export const DEFAULT_MAX_UNAVAILABLE = 1;

export const disruptionBudgetFamily: GeneratorFamily = {
  name: 'disruption-budget',
  forComponent: (ctx) => {
    const declared = ctx.component.disruptionBudget;
    const range = replicaRange(ctx.component);
    if (declared === false || !range) return [];
    if (declared === undefined && range.min < 2) return [];
    const budget = declared ?? { maxUnavailable: DEFAULT_MAX_UNAVAILABLE };
    return [
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: ctx.meta(ctx.name),
        spec: { ...budget, selector: { matchLabels: { ...ctx.selector } } },
      },
    ];
  },
};
