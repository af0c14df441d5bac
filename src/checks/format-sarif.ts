// Findings as SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html) for
// code-scanning UIs: one run, the catalogue as the driver's rules, one result per finding with
// the file and line of the offending object (relative to the working directory, as code
// scanning resolves URIs against the repository root) and the object as a logical location.
import { isAbsolute, relative, sep } from 'node:path';
import type { Check, Finding } from './types.js';
import type { Severity } from '../diagnostics/index.js';
import { fingerprint } from './baseline.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** A file path as a relative URI reference: forward slashes, each segment percent-encoded. */
function fileUri(file: string, cwd: string): string {
  const rel = isAbsolute(file) ? relative(cwd, file) : file;
  return rel.split(sep).join('/').split('/').map(encodeURIComponent).join('/');
}

export function toSarif(findings: Finding[], checks: Check[], tool: { version: string }, cwd = process.cwd()): object {
  // Rules: every check that ran, plus any finding's check missing from them (input problems).
  const rules = [...checks].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'shipshape',
            version: tool.version,
            informationUri: 'https://shipshape.dev',
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)([a-z])/g, (_, __, ch: string) => ch.toUpperCase()),
              shortDescription: { text: r.rationale },
              fullDescription: { text: `${r.rationale} ${r.hint}` },
              help: { text: r.hint },
              defaultConfiguration: { level: LEVEL[r.severity] },
              properties: { family: r.family },
            })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.check,
          ...(index.has(f.check) ? { ruleIndex: index.get(f.check) } : {}),
          level: LEVEL[f.severity],
          message: { text: `${f.object}${f.path ? ` ${f.path}` : ''}: ${f.message}` },
          locations: [
            {
              ...(f.file && !f.file.startsWith('<')
                ? {
                    physicalLocation: {
                      artifactLocation: { uri: fileUri(f.file, cwd) },
                      ...(f.line
                        ? { region: { startLine: f.line, ...(f.column ? { startColumn: f.column } : {}) } }
                        : {}),
                    },
                  }
                : {}),
              logicalLocations: [{ fullyQualifiedName: f.object, kind: 'resource' }],
            },
          ],
          partialFingerprints: { 'shipshape/v1': fingerprint(f) },
        })),
      },
    ],
  };
}
