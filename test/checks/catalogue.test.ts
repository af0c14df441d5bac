// Every check of the schema, references, security, availability and capacity families against a
// fixture that trips it and one that passes; the catalogue is complete and docs/checks.md current.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allChecks } from '../../src/checks/index.js';
import { catalogueMarkdown, catalogueText } from '../../src/checks/catalogue.js';
import { cases } from './cases.js';
import { CLEAN_APP, findingsOf } from './fixtures.js';

const OWN_FAMILIES = new Set(['schema', 'references', 'security', 'availability', 'capacity']);

describe.each(cases)('$id: $title', (c) => {
  it('finds the defect', async () => {
    const findings = await findingsOf(c.id, c.fail, c.options);
    expect(findings).toContainEqual(expect.objectContaining({ check: c.id, ...c.expect }));
  });
  it('passes the fixed fixture', async () => {
    expect(await findingsOf(c.id, c.pass ?? CLEAN_APP, c.options)).toEqual([]);
  });
});

describe('the catalogue', () => {
  it('has a failing and a passing fixture for every check of these families', () => {
    const covered = new Set(cases.map((c) => c.id));
    const missing = allChecks.filter((c) => OWN_FAMILIES.has(c.family) && !covered.has(c.id)).map((c) => c.id);
    expect(missing).toEqual([]);
  });

  it('has unique kebab-case ids and a rationale and hint for each check', () => {
    const ids = allChecks.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of allChecks) {
      expect(c.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(c.rationale.length).toBeGreaterThan(10);
      expect(c.hint.length).toBeGreaterThan(10);
    }
  });

  it('lists every check with family and severity', () => {
    const text = catalogueText(allChecks);
    for (const c of allChecks)
      expect(text).toMatch(
        new RegExp(`^${c.id}${c.optIn ? ' \\(opt-in\\)' : ''}\\s+${c.family}\\s+${c.severity}\\s`, 'm'),
      );
  });

  it('is current in docs/checks.md', () => {
    const file = readFileSync(new URL('../../docs/checks.md', import.meta.url), 'utf8');
    expect(file).toBe(catalogueMarkdown(allChecks));
  });
});
