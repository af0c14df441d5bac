// Baselines for adopting `check` on an existing codebase: record today's findings, then report
// only new ones. A finding is known by its fingerprint — check id, object id and field path, no
// line number and no message — so edits that move lines or reword messages keep it known. The
// same value is the SARIF result's partialFingerprints entry.
import { InputError } from '../diagnostics/index.js';
import type { Finding } from './types.js';

export const BASELINE_VERSION = 1;

export interface Baseline {
  shipshapeBaseline: typeof BASELINE_VERSION;
  /** Sorted; a fingerprint listed n times covers n findings that share it. */
  fingerprints: string[];
}

export function fingerprint(f: Pick<Finding, 'check' | 'object' | 'path'>): string {
  return `${f.check}|${f.object}|${f.path ?? ''}`;
}

export function baselineOf(findings: Finding[]): Baseline {
  return {
    shipshapeBaseline: BASELINE_VERSION,
    fingerprints: findings.map(fingerprint).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
  };
}

/** A baseline file's text, validated: bad input names the file and what was expected. */
export function parseBaseline(text: string, file: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new InputError(`${file}: not a baseline: ${(err as Error).message}`, [], { file });
  }
  const record = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  if (record.shipshapeBaseline !== BASELINE_VERSION)
    throw new InputError(
      `${file}: not a baseline: expected "shipshapeBaseline": ${BASELINE_VERSION} (write one with check --write-baseline)`,
      [],
      { file, fieldPath: 'shipshapeBaseline' },
    );
  const prints = record.fingerprints;
  if (!Array.isArray(prints)) throw badField(file, 'fingerprints', 'a list of strings');
  prints.forEach((p, i) => {
    if (typeof p !== 'string') throw badField(file, `fingerprints[${i}]`, 'a string');
  });
  return { shipshapeBaseline: BASELINE_VERSION, fingerprints: prints as string[] };
}

function badField(file: string, fieldPath: string, expected: string): InputError {
  return new InputError(`${file}: ${fieldPath}: expected ${expected}`, [], { file, fieldPath });
}

/** The findings the baseline does not cover, in their order; `known` counts the ones it does. */
export function subtractBaseline(findings: Finding[], baseline: Baseline): { fresh: Finding[]; known: number } {
  const remaining = new Map<string, number>();
  for (const p of baseline.fingerprints) remaining.set(p, (remaining.get(p) ?? 0) + 1);
  const fresh: Finding[] = [];
  for (const f of findings) {
    const key = fingerprint(f);
    const left = remaining.get(key) ?? 0;
    if (left > 0) remaining.set(key, left - 1);
    else fresh.push(f);
  }
  return { fresh, known: findings.length - fresh.length };
}
