// The rollout plan: the one source of deployment order. `plan --json` prints exactly this shape;
// the emitters (sync waves, Kustomize/Flux, kubectl script) and the docs' deployment-sequence
// diagram all read it.

/** How to tell that an applied object is ready for what comes after it. */
export type WaitCondition =
  /** Deployment, StatefulSet, DaemonSet: `kubectl rollout status`. */
  | 'rolled-out'
  /** Job: `kubectl wait --for=condition=complete`. */
  | 'complete'
  /** CustomResourceDefinition: `kubectl wait --for=condition=established`. */
  | 'established'
  /** Pod: `kubectl wait --for=condition=Ready`. */
  | 'ready';

export interface WaitFor {
  /** Node id, as in `graph --json`. */
  object: string;
  condition: WaitCondition;
}

export interface Reason {
  /** The object placed in this phase. */
  object: string;
  /** The node id it comes after; `phase N` when only the order of kinds puts it after phase N. */
  after: string;
  /** Which edge (or rule) put it there, with the edge's evidence. */
  because: string;
}

export interface Phase {
  index: number;
  /** Node ids, sorted. Objects of one phase do not depend on each other and are applied together. */
  objects: string[];
  /** What must be ready before the next phase starts. */
  waitFor: WaitFor[];
  /** Why each object is not in an earlier phase: the dependencies that sit in the phase just before. */
  reasons: Reason[];
}

export interface Plan {
  phases: Phase[];
  /** Dependency cycles in intent (connections, `after`), each a sorted list of node ids. Members of a
   *  cycle share a phase: the cycle is reported, not looped on. */
  cycles: string[][];
}

/** One object must be in place (and, if it has a wait condition, ready) before another. */
export interface Dependency {
  /** The object that must come first. */
  on: string;
  because: string;
}
