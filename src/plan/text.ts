// The plan for people: phases, what each object waits on and why, and what each phase waits for.
import type { Plan } from './types.js';

export interface TextStyle {
  bold: (s: string) => string;
  dim: (s: string) => string;
  yellow: (s: string) => string;
}

const plainStyle: TextStyle = { bold: (s) => s, dim: (s) => s, yellow: (s) => s };

export function planToText(plan: Plan, style: TextStyle = plainStyle): string {
  const lines: string[] = [];
  for (const phase of plan.phases) {
    lines.push(
      style.bold(`Phase ${phase.index}`) +
        style.dim(` (${phase.objects.length} object${phase.objects.length === 1 ? '' : 's'})`),
    );
    // When every object is there for one and the same reason (all in a namespace), say it once.
    const shared =
      phase.reasons.length === phase.objects.length &&
      phase.objects.length > 1 &&
      phase.reasons.every((r) => r.after === phase.reasons[0].after && r.because === phase.reasons[0].because);
    if (shared) lines.push(style.dim(`  all after ${phase.reasons[0].after}: ${phase.reasons[0].because}`));
    for (const id of phase.objects) {
      lines.push(`  ${id}`);
      if (shared) continue;
      for (const r of phase.reasons.filter((x) => x.object === id))
        lines.push(style.dim(`      after ${r.after}: ${r.because}`));
    }
    if (phase.waitFor.length) {
      lines.push(`  wait for: ${phase.waitFor.map((w) => `${w.object} ${w.condition}`).join(', ')}`);
    }
  }
  if (plan.cycles.length) {
    lines.push('');
    lines.push(
      style.yellow(
        `${plan.cycles.length} dependency cycle${plan.cycles.length === 1 ? '' : 's'} (members share a phase):`,
      ),
    );
    for (const c of plan.cycles) lines.push(style.yellow(`  ${c.join(' ↔ ')}`));
  }
  return `${lines.join('\n')}\n`;
}
