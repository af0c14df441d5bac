// Acknowledged exceptions: a component may accept a finding of one check, with the reason why
// (e.g. Docker-in-Docker needs a privileged daemon). Synthesis writes each one as the opt-out
// annotation `ignore-check.shipshape.dev/<check-id>: <reason>` on the component's workload, so the
// exception travels with the manifests and `check` honours it there (src/checks/index.ts).
import * as z from 'zod';
import type { SpecIssue } from './errors.js';

const checkId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a check id such as privileged-container');
const reason = z
  .string()
  .refine((r) => r.trim() !== '', 'expected the reason the finding is accepted, not an empty text');

export const acknowledgeField = z
  .record(checkId, reason)
  .describe(
    'Findings accepted on purpose: `{<check-id>: <reason>}`, written as `ignore-check.shipshape.dev/<check-id>` annotations on the workload.',
  );

/**
 * Acknowledgements naming a check the catalogue does not have (a typo would silence nothing). The
 * catalogue is the checks' (the pipeline passes its ids), so spec does not depend on checks.
 */
export function acknowledgeIssues(
  acknowledge: Record<string, string> | undefined,
  checkIds: readonly string[],
): SpecIssue[] {
  const known = new Set(checkIds);
  return Object.keys(acknowledge ?? {})
    .filter((id) => !known.has(id))
    .map((id) => ({
      path: ['acknowledge', id],
      message: `no check "${id}" (see \`shipshape check --list\` for the ids)`,
    }));
}
