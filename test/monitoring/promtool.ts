// Runs the real promtool (Debian's prometheus package, unpacked into .tools/ by the CI script).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { stringify } from 'yaml';

function findPromtool(): string {
  const local = resolve('.tools/usr/bin/promtool');
  if (existsSync(local)) return local;
  const onPath = spawnSync('sh', ['-c', 'command -v promtool'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return onPath;
  throw new Error('promtool not found: install it into .tools/ (see .ci/run) or put it on PATH');
}

export const PROMTOOL = findPromtool();

export interface PromtoolResult {
  status: number;
  output: string;
}

/** Runs promtool in `cwd`; never throws on a non-zero exit. */
export function promtool(args: string[], cwd: string): PromtoolResult {
  const r = spawnSync(PROMTOOL, args, { cwd, encoding: 'utf8' });
  return { status: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}

/** A fresh temporary folder holding `files` (path → content; objects are written as YAML). */
export function tempFiles(files: Record<string, string | object>): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-promtool-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), typeof content === 'string' ? content : stringify(content, { lineWidth: 0 }));
  }
  return dir;
}

/** `promtool check rules` on plain rule groups (a PrometheusRule's `.spec`). */
export function checkRules(spec: object): PromtoolResult {
  const dir = tempFiles({ 'rules.yaml': spec });
  return promtool(['check', 'rules', 'rules.yaml'], dir);
}

/**
 * Checks PromQL offline: each query becomes a recording rule, and `promtool check rules` parses it.
 * Grafana's interval variables are replaced by a window first (Grafana does that before querying).
 */
export function checkQueries(queries: string[]): PromtoolResult {
  const rules = queries.map((q, i) => ({
    record: `shipshape:query_${i}`,
    expr: q.replaceAll('$__rate_interval', '5m').replaceAll('$__interval', '1m').replaceAll('$__range', '1h'),
  }));
  return checkRules({ groups: [{ name: 'queries', rules }] });
}
