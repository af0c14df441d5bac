// Rollout planning: the order of a deployment, computed from the graph, and its emitters.
export { computePlan } from './plan.js';
export { planDependencies, controllerOwned } from './dependencies.js';
export { tierOf, TIERS } from './tiers.js';
export type { Plan, Phase, WaitFor, WaitCondition, Reason, Dependency } from './types.js';
export { planToText, type TextStyle } from './text.js';
