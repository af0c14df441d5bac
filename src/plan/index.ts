// Rollout planning: the order of a deployment, computed from the graph, and its emitters.
export { computePlan } from './plan.js';
export { planDependencies, controllerOwned } from './dependencies.js';
export { kindStageOf, KIND_STAGES } from './kind-stages.js';
export type { Plan, Phase, WaitFor, WaitCondition, Reason, Dependency } from './types.js';
export { planToText, type TextStyle } from './text.js';
export { withSyncWaves, phaseIndex, ARGO } from './emit/argo.js';
export { emitKustomize, type KustomizeInput, type BaseFile } from './emit/kustomize.js';
export { emitFlux, FLUX_DEFAULTS, type FluxInput } from './emit/flux.js';
export { emitScript, DEFAULT_PHASE_TIMEOUT, type ScriptInput } from './emit/script.js';
export type { EmittedFile } from './emit/yaml.js';
