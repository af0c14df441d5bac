// runChecks: selection by id, opt-in checks, the per-object opt-out annotation, source positions,
// deterministic order and the fail-on threshold.
import { describe, expect, it } from 'vitest';
import { allChecks, failsAt, runChecks, selectChecks, unknownCheckIds } from '../../src/checks/index.js';
import type { Check } from '../../src/checks/types.js';
import { CLEAN_APP, doc, graphOf, variant } from './fixtures.js';

const insecure = variant(CLEAN_APP, (d) => {
  const c = doc(d, 'Deployment', 'web').spec.template.spec.containers[0];
  c.image = 'example/web:latest';
  c.securityContext.privileged = true;
});

describe('runChecks', () => {
  it("fills file and line from the object's source and the check's hint", async () => {
    const [f] = runChecks(await graphOf(insecure), {
      disable: allChecks.filter((c) => c.id !== 'latest-tag').map((c) => c.id),
    });
    expect(f).toMatchObject({
      check: 'latest-tag',
      severity: 'warning',
      object: 'shop/web[Deployment]',
      file: 'fixture.yaml',
    });
    expect(f.line).toBeGreaterThan(1);
    expect(f.hint).toBe(allChecks.find((c) => c.id === 'latest-tag')!.hint);
  });

  it('skips disabled checks', async () => {
    const findings = runChecks(await graphOf(insecure), { disable: ['latest-tag'] });
    expect(findings.map((f) => f.check)).toContain('privileged-container');
    expect(findings.map((f) => f.check)).not.toContain('latest-tag');
  });

  it('runs the opt-in capacity-per-component only when enabled', async () => {
    const graph = await graphOf(CLEAN_APP);
    expect(runChecks(graph).map((f) => f.check)).not.toContain('capacity-per-component');
    expect(runChecks(graph, { enable: ['capacity-per-component'] }).map((f) => f.check)).toContain(
      'capacity-per-component',
    );
  });

  it('runs opt-in checks only when enabled', () => {
    const optIn: Check = {
      id: 'opt-in-example',
      family: 'security',
      severity: 'info',
      rationale: 'r',
      hint: 'h',
      optIn: true,
      run: () => [{ object: 'x', message: 'm' }],
    };
    const checks = [...allChecks, optIn];
    expect(selectChecks({ checks })).not.toContain(optIn);
    expect(selectChecks({ checks, enable: ['opt-in-example'] })).toContain(optIn);
    expect(selectChecks({ checks, disable: ['latest-tag'], enable: ['latest-tag'] }).map((c) => c.id)).toContain(
      'latest-tag',
    );
  });

  it('honours ignore-check.shipshape.dev/<id> with a reason, and only for that check and object', async () => {
    const ignored = variant(insecure, (d) => {
      doc(d, 'Deployment', 'web').metadata.annotations = {
        'ignore-check.shipshape.dev/latest-tag': 'tracked in TICKET-12',
      };
    });
    const checks = runChecks(await graphOf(ignored)).map((f) => f.check);
    expect(checks).not.toContain('latest-tag');
    expect(checks).toContain('privileged-container');
  });

  it('does not honour an ignore annotation without a reason', async () => {
    const blank = variant(insecure, (d) => {
      doc(d, 'Deployment', 'web').metadata.annotations = { 'ignore-check.shipshape.dev/latest-tag': ' ' };
    });
    expect(runChecks(await graphOf(blank)).map((f) => f.check)).toContain('latest-tag');
  });

  it('orders findings by object, then severity, then check', async () => {
    const findings = runChecks(await graphOf(insecure));
    const keys = findings.map((f) => `${f.object}|${{ error: 0, warning: 1, info: 2 }[f.severity]}|${f.check}`);
    expect(keys).toEqual([...keys].sort());
    expect(runChecks(await graphOf(insecure))).toEqual(findings);
  });

  it('names unknown check ids', () => {
    expect(unknownCheckIds(['latest-tag', 'no-such-check'])).toEqual(['no-such-check']);
  });

  it('applies the fail-on threshold', async () => {
    const findings = runChecks(await graphOf(insecure));
    expect(failsAt(findings, 'error')).toBe(true);
    const warnings = findings.filter((f) => f.severity !== 'error');
    expect(failsAt(warnings, 'error')).toBe(false);
    expect(failsAt(warnings, 'warning')).toBe(true);
  });
});
