// The check catalogue and the one way to run it: every family's checks in one registry, the
// --enable/--disable selection, the per-object opt-out annotation, source positions, and a
// deterministic order.
import type { Graph, GraphNode } from '../graph/model.js';
import { startStage } from '../diagnostics/progress.js';
import { IGNORE_CHECK_PREFIX } from '../k8s/annotations.js';
import { availabilityChecks } from './availability.js';
import { capacityChecks } from './capacity.js';
import { monitoringChecks } from './monitoring.js';
import { networkChecks } from './network.js';
import { exposureChecks } from './exposure.js';
import { referenceChecks } from './references.js';
import { schemaChecks } from './schema.js';
import { securityChecks } from './security.js';
import { scalingChecks } from './scaling.js';
import { disruptionChecks } from './disruption.js';
import { dataChecks } from './data.js';
import { credentialChecks } from './credentials.js';
import { identityChecks } from './identity.js';
import { portChecks } from './ports.js';
import { podRuleChecks } from './pod-rules.js';
import { rbacChecks } from './rbac.js';
import type { Check, CheckOptions, Finding } from './types.js';
import { findingNode } from './workloads.js';
import type { Severity } from '../diagnostics/index.js';

export type { Check, CheckOptions, Finding } from './types.js';

export const allChecks: Check[] = [
  ...schemaChecks,
  ...podRuleChecks,
  ...referenceChecks,
  ...securityChecks,
  ...credentialChecks,
  ...identityChecks,
  ...portChecks,
  ...rbacChecks,
  ...availabilityChecks,
  ...scalingChecks,
  ...disruptionChecks,
  ...dataChecks,
  ...networkChecks,
  ...exposureChecks,
  ...capacityChecks,
  ...monitoringChecks,
];

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export interface RunOptions {
  /** Ids of opt-in checks to turn on (and of disabled ones to turn back on). */
  enable?: string[];
  /** Ids of checks to skip. */
  disable?: string[];
  options?: CheckOptions;
  /** The catalogue to run; default `allChecks`. */
  checks?: Check[];
}

/** Ids in `ids` that name no check, so the caller can report them as bad input. */
export function unknownCheckIds(ids: string[], checks: Check[] = allChecks): string[] {
  const known = new Set(checks.map((c) => c.id));
  return ids.filter((id) => !known.has(id));
}

/** The checks that run: opt-in ones only when enabled, disabled ones never (unless also enabled). */
export function selectChecks(run: RunOptions = {}): Check[] {
  const enable = new Set(run.enable ?? []);
  const disable = new Set(run.disable ?? []);
  return (run.checks ?? allChecks).filter((c) => enable.has(c.id) || (!c.optIn && !disable.has(c.id)));
}

/** The reason given in `ignore-check.shipshape.dev/<id>` on the object, if any (blank reasons do not count). */
function ignoreReason(node: GraphNode | undefined, checkId: string): string | undefined {
  const reason = node?.object.metadata?.annotations?.[`${IGNORE_CHECK_PREFIX}${checkId}`];
  return typeof reason === 'string' && reason.trim() !== '' ? reason : undefined;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.object, b.object) ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    cmp(a.check, b.check) ||
    cmp(a.path ?? '', b.path ?? '') ||
    cmp(a.message, b.message)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Runs the selected checks over the graph; findings carry the check's severity and hint unless they set their own. */
export function runChecks(graph: Graph, run: RunOptions = {}): Finding[] {
  const options = run.options ?? {};
  const findings: Finding[] = [];
  const selected = selectChecks(run);
  const stage = startStage('checking');
  for (const [i, check] of selected.entries()) {
    stage.update(() => `check ${i + 1}/${selected.length} (${check.id}), ${graph.nodes.length} objects`);
    for (const raw of check.run({ graph, options })) {
      const node = findingNode(graph, raw.object);
      if (ignoreReason(node, check.id)) continue;
      const source = node?.source ?? { file: raw.file, line: raw.line };
      const finding: Finding = {
        check: check.id,
        severity: raw.severity ?? check.severity,
        object: raw.object,
        ...(raw.path !== undefined ? { path: raw.path } : {}),
        message: raw.message,
        hint: raw.hint ?? check.hint,
        ...(source?.file !== undefined ? { file: source.file } : {}),
        ...(source?.line !== undefined ? { line: source.line } : {}),
      };
      findings.push(finding);
    }
  }
  stage.end();
  return findings.sort(compareFindings);
}

export interface FindingSummary {
  error: number;
  warning: number;
  info: number;
  /** Objects in the graph that were checked. */
  objects: number;
  /** Ids of the checks that ran. */
  checks: number;
  /** Findings left out because the baseline (`check --baseline`) holds them. */
  baselined?: number;
}

export function summarize(graph: Graph, findings: Finding[], ran: number): FindingSummary {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return {
    error: count('error'),
    warning: count('warning'),
    info: count('info'),
    objects: graph.nodes.length,
    checks: ran,
  };
}

/** True when some finding is at or above `threshold`. */
export function failsAt(findings: Finding[], threshold: Severity): boolean {
  return findings.some((f) => SEVERITY_RANK[f.severity] <= SEVERITY_RANK[threshold]);
}
