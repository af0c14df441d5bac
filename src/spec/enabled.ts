// Components that are declared but switched off: `enabled: false` (typically flipped by a profile,
// e.g. a managed-database profile turning the in-cluster PostgreSQL off, or option A turning a
// scheduler Deployment on). A disabled component is not part of the architecture at all: no
// objects, no connections, no policies. References to it from enabled components are errors.
import type { Architecture } from './schema.js';
import type { SpecIssue } from './errors.js';

/** The architecture without its disabled components (the same object when none is disabled). */
export function withoutDisabled(arch: Architecture): Architecture {
  const entries = Object.entries(arch.components);
  if (entries.every(([, c]) => c.enabled !== false)) return arch;
  return { ...arch, components: Object.fromEntries(entries.filter(([, c]) => c.enabled !== false)) };
}

/** `uses` and `after` of enabled components that name a disabled one. */
export function disabledReferences(arch: Architecture): SpecIssue[] {
  const disabled = new Set(
    Object.entries(arch.components)
      .filter(([, c]) => c.enabled === false)
      .map(([n]) => n),
  );
  if (disabled.size === 0) return [];
  const issues: SpecIssue[] = [];
  for (const [name, c] of Object.entries(arch.components)) {
    if (c.enabled === false) continue;
    const refs = [
      ...(c.uses ?? []).map((u, i) => ['uses', i, u.split(':')[0]] as const),
      ...(c.after ?? []).map((a, i) => ['after', i, a] as const),
    ];
    for (const [field, i, target] of refs) {
      if (disabled.has(target))
        issues.push({
          path: ['components', name, field, i],
          message: `component "${target}" is disabled (enabled: false): remove this reference where it is turned off`,
        });
    }
  }
  return issues;
}
