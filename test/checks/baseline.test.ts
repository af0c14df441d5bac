// Baselines (issue 14): write today's findings, edit the manifests elsewhere, check again: nothing
// new. Fingerprints hold no line numbers, SARIF carries the same value, bad baselines exit 2.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baselineOf, fingerprint, parseBaseline, subtractBaseline } from '../../src/checks/baseline.js';
import type { Finding } from '../../src/checks/types.js';
import { CLEAN_APP, doc, variant } from './fixtures.js';

const BIN = new URL('../../bin/shipshape.js', import.meta.url).pathname;
const check = (args: string[]) =>
  spawnSync(process.execPath, [BIN, 'check', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

// Two defects: a privileged container (error) and an untagged image (warning).
const BEFORE = variant(CLEAN_APP, (d) => {
  const c = doc(d, 'Deployment', 'web').spec.template.spec.containers[0];
  c.securityContext.privileged = true;
  c.image = 'example/web';
});

describe('check --write-baseline / --baseline', () => {
  it('round trip: an edit that moves every line reports 0 new findings; a new defect is reported alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-baseline-'));
    const manifests = join(dir, 'app.yaml');
    const baselineFile = join(dir, 'baseline.json');
    writeFileSync(manifests, BEFORE);
    const written = check([manifests, '--write-baseline', baselineFile]);
    expect(written.status).toBe(0);
    const baseline = JSON.parse(readFileSync(baselineFile, 'utf8'));
    expect(baseline.fingerprints).toContain(
      'privileged-container|shop/web[Deployment]|spec.template.spec.containers[0].securityContext.privileged',
    );
    expect(JSON.stringify(baseline)).not.toMatch(/"line"|app\.yaml/);

    // Edit a line elsewhere: a comment and a ConfigMap key on top move every object down.
    const moved = `# reviewed\n${BEFORE.replace('LOG_LEVEL: info', 'LOG_LEVEL: info\n  EXTRA: "1"')}`;
    writeFileSync(manifests, moved);
    const all = JSON.parse(check([manifests, '--json']).stdout);
    expect(all.findings.length).toBeGreaterThan(0);
    const again = check([manifests, '--baseline', baselineFile, '--json']);
    expect(again.status).toBe(0);
    const out = JSON.parse(again.stdout);
    expect(out.findings).toEqual([]);
    expect(out.summary.baselined).toBe(all.findings.length);

    // A new defect in the same object is reported, and only it (exit 1: an error).
    writeFileSync(
      manifests,
      variant(moved, (d) => {
        doc(d, 'Deployment', 'web').spec.template.spec.containers[0].securityContext.runAsUser = 0;
      }),
    );
    const fresh = check([manifests, '--baseline', baselineFile, '--json']);
    expect(fresh.status).toBe(1);
    expect(JSON.parse(fresh.stdout).findings.map((f: Finding) => `${f.check} ${f.object}`)).toEqual([
      'run-as-root shop/web[Deployment]',
    ]);
  });

  it('SARIF results carry the baseline fingerprint as partialFingerprints', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-baseline-'));
    const manifests = join(dir, 'app.yaml');
    writeFileSync(manifests, BEFORE);
    const json = JSON.parse(check([manifests, '--json']).stdout) as { findings: Finding[] };
    const sarif = JSON.parse(check([manifests, '--format', 'sarif']).stdout);
    expect(sarif.runs[0].results.map((r: any) => r.partialFingerprints['shipshape/v1'])).toEqual(
      json.findings.map(fingerprint),
    );
  });

  it('exits 2 on a bad baseline file, naming the file and what was expected', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-baseline-'));
    const manifests = join(dir, 'app.yaml');
    writeFileSync(manifests, BEFORE);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"fingerprints": []}');
    const r = check([manifests, '--baseline', bad]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${bad}: not a baseline: expected "shipshapeBaseline": 1`);
    const missing = check([manifests, '--baseline', join(dir, 'none.json')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('cannot read it');
    const both = check([manifests, '--baseline', bad, '--write-baseline', bad]);
    expect(both.status).toBe(2);
  });
});

describe('baseline functions', () => {
  const f = (check: string, path?: string): Finding => ({
    check,
    severity: 'warning',
    object: 'shop/web[Deployment]',
    ...(path !== undefined ? { path } : {}),
    message: 'm',
    line: 12,
  });

  it('a fingerprint listed once covers one finding: a second with the same fingerprint is new', () => {
    const baseline = baselineOf([f('latest-tag', 'a')]);
    const { fresh, known } = subtractBaseline([f('latest-tag', 'a'), { ...f('latest-tag', 'a'), line: 40 }], baseline);
    expect(known).toBe(1);
    expect(fresh).toHaveLength(1);
  });

  it('rejects a fingerprint that is no string, with its field path', () => {
    expect(() => parseBaseline('{"shipshapeBaseline": 1, "fingerprints": ["a", 3]}', 'b.json')).toThrow(
      'b.json: fingerprints[1]: expected a string',
    );
  });
});
