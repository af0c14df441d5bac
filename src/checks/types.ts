// The shape every check shares (DESIGN.md, Findings). A check is a small registered unit
// (kube-linter style): an id, a severity, a one-line rationale, a remediation hint, and a pure
// function of the graph.
import type { Severity } from '../diagnostics/index.js';
import type { Graph } from '../graph/model.js';

export interface Finding {
  check: string;
  severity: Severity;
  /** Node id as in `graph --json`, e.g. `sagaz/outbox-worker[Deployment]`. */
  object: string;
  /** Field path inside the object, e.g. `spec.template.spec.containers[0].securityContext`. */
  path?: string;
  message: string;
  hint?: string;
  file?: string;
  /** 1-based: the line of the finding's field when known, else of its object. */
  line?: number;
  /** 1-based column of the finding's field. */
  column?: number;
}

export interface CheckOptions {
  /** Declared node pools, e.g. from `--nodes 3x4cpu16Gi`. */
  nodes?: string;
}

export interface CheckContext {
  graph: Graph;
  options: CheckOptions;
}

export interface Check {
  /** Stable kebab-case id, used by --disable/--enable and the ignore annotation. */
  id: string;
  /** The family file it lives in: schema | references | security | availability | network | capacity | monitoring. */
  family: string;
  severity: Severity;
  /** One line: why this matters. */
  rationale: string;
  /** One line: how to fix it. */
  hint: string;
  /** Off unless enabled with --enable. */
  optIn?: boolean;
  /**
   * Pure: reads the graph, returns findings (severity/hint default to the check's own; file/line
   * to the source of the object, and may be given for findings about input that is no object).
   */
  run(ctx: CheckContext): RawFinding[];
}

/** What a check's run returns: a finding before runChecks fills in the check id and defaults. */
export type RawFinding = Omit<Finding, 'check' | 'severity' | 'hint' | 'file' | 'line' | 'column'> &
  Partial<Pick<Finding, 'severity' | 'hint' | 'file' | 'line'>>;
