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
    lines.push(style.bold(`Phase ${phase.index}`) + style.dim(` (${phase.objects.length} object${phase.objects.length === 1 ? '' : 's'})`));
    for (const id of phase.objects) {
      lines.push(`  ${id}`);
      for (const r of phase.reasons.filter((x) => x.object === id)) lines.push(style.dim(`      after ${r.after}: ${r.because}`));
    }
    if (phase.waitFor.length) {
      lines.push(`  wait for: ${phase.waitFor.map((w) => `${w.object} ${w.condition}`).join(', ')}`);
    }
  }
  if (plan.cycles.length) {
    lines.push('');
    lines.push(style.yellow(`${plan.cycles.length} dependency cycle${plan.cycles.length === 1 ? '' : 's'} (members share a phase):`));
    for (const c of plan.cycles) lines.push(style.yellow(`  ${c.join(' ↔ ')}`));
  }
  return `${lines.join('\n')}\n`;
}
