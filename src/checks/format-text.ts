// Findings for people: grouped by object (with the file and line it came from), worst first,
// each with its hint; a one-line summary at the end. Colour comes from the caller (TTY only).
import type { Finding } from './types.js';
import type { FindingSummary } from './index.js';
import { pushTo } from '../graph/multimap.js';
import type { Severity } from '../diagnostics/index.js';

export interface Palette {
  red: (s: string) => string;
  yellow: (s: string) => string;
  cyan: (s: string) => string;
  green: (s: string) => string;
  dim: (s: string) => string;
  bold: (s: string) => string;
}

const plain: Palette = {
  red: (s) => s,
  yellow: (s) => s,
  cyan: (s) => s,
  green: (s) => s,
  dim: (s) => s,
  bold: (s) => s,
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** ` (line 80:9)` when the finding's field is not where its object's header points. */
function fieldLine(f: Finding, first: Finding): string {
  if (f.line === undefined || (f.line === first.line && f.column === first.column)) return '';
  return ` (line ${f.line}${f.column ? `:${f.column}` : ''})`;
}

export function formatText(findings: Finding[], summary: FindingSummary, c: Palette = plain): string {
  const paint: Record<Severity, (s: string) => string> = { error: c.red, warning: c.yellow, info: c.cyan };
  const groups = new Map<string, Finding[]>();
  for (const f of findings) pushTo(groups, f.object, f);
  const lines: string[] = [];
  for (const [object, list] of groups) {
    const where = list[0].file ? c.dim(`  ${list[0].file}${list[0].line ? `:${list[0].line}` : ''}`) : '';
    lines.push(`${c.bold(object)}${where}`);
    for (const f of list) {
      lines.push(
        `  ${paint[f.severity](f.severity.padEnd(7))} ${f.check}  ${f.path ? `${c.dim(`${f.path}${fieldLine(f, list[0])}`)}: ` : ''}${f.message}`,
      );
      if (f.hint) lines.push(`          ${c.dim(`hint: ${f.hint}`)}`);
    }
    lines.push('');
  }
  const counts = `${plural(summary.error, 'error')}, ${plural(summary.warning, 'warning')}, ${summary.info} info`;
  const known = summary.baselined !== undefined ? `, ${summary.baselined} more in the baseline` : '';
  const total = `${counts}${known} (${plural(summary.objects, 'object')}, ${plural(summary.checks, 'check')})`;
  lines.push(summary.error ? c.red(total) : summary.warning ? c.yellow(total) : c.green(total));
  return `${lines.join('\n')}\n`;
}
