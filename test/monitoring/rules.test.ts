// Every generated PrometheusRule is valid for promtool, and every generated unit test passes on the
// real rule engine — while a rule that drifts from its spec makes them fail.
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { architectureMonitoring } from '../../src/synth/monitoring/index.js';
import { testFile } from '../../src/synth/monitoring/unit-tests.js';
import type { Architecture } from '../../src/spec/schema.js';
import { cartridgeWarp, kinds, sagaz } from './fixtures.js';
import { checkRules, promtool, tempFiles } from './promtool.js';

const architectures: Record<string, Architecture> = { sagaz, 'cartridge-warp': cartridgeWarp, kinds };

describe.each(Object.entries(architectures))('%s', (_, arch) => {
  const all = architectureMonitoring(arch);

  it('every PrometheusRule passes promtool check rules', () => {
    const rules = all.flatMap((m) => m.objects.filter((o) => o.kind === 'PrometheusRule'));
    expect(rules.length).toBe(all.length);
    for (const rule of rules) {
      const r = checkRules(rule.spec as object);
      expect(r.output, `${rule.metadata.name}:\n${r.output}`).toContain('SUCCESS');
      expect(r.status).toBe(0);
    }
  });

  it('every declared alert has a firing and a quiet unit test, and promtool test rules passes them', () => {
    for (const m of all) {
      const declared = m.component.alerts.map((a) => a.name);
      const tested = new Set(m.tests.map((t) => t.alert_rule_test[0].alertname));
      const untested = new Set(m.untested.map((u) => u.alert));
      expect([...declared].sort()).toEqual([...new Set([...tested, ...untested])].sort());
      for (const name of tested) {
        const cases = m.tests.filter((t) => t.alert_rule_test[0].alertname === name);
        expect(cases.map((t) => t.alert_rule_test[0].exp_alerts.length).sort()).toEqual([0, 1]);
      }
      if (m.tests.length === 0) continue;
      const dir = tempFiles({ 'rules.yaml': { groups: m.groups }, 'test.yaml': testFile('rules.yaml', m.tests) });
      const r = promtool(['test', 'rules', 'test.yaml'], dir);
      expect(r.output, r.output).toContain('SUCCESS');
      expect(r.status).toBe(0);
    }
  });
});

describe('generated unit tests', () => {
  it('cover all three seed 001 and all three seed 004 alerts', () => {
    const names = [...architectureMonitoring(sagaz), ...architectureMonitoring(cartridgeWarp)].flatMap((m) =>
      m.tests.map((t) => t.alert_rule_test[0].alertname),
    );
    expect(new Set(names)).toEqual(
      new Set([
        'OutboxHighLag',
        'OutboxWorkerDown',
        'OutboxHighErrorRate',
        'CartridgeWarpDown',
        'CartridgeWarpHighErrorRate',
        'CartridgeWarpReplicationLag',
      ]),
    );
  });

  it('say why an expression they cannot model gets none', () => {
    const api = architectureMonitoring(kinds).find((m) => m.component.name === 'api')!;
    expect(api.untested).toEqual([{ alert: 'ApiComplex', reason: expect.stringContaining('not of the form') }]);
  });

  // The tests are only worth something if they catch a rule that no longer does what the spec says.
  it.each([
    ['a threshold moved', (e: string) => e.replace('> 300', '> 30000')],
    ['a comparison flipped', (e: string) => e.replace('> 0.1', '< 0.1')],
    [
      'a job renamed',
      (e: string) => e.replace('job="cartridge-warp-ecommerce"', 'job="cartridge-warp-ecommerce-metrics"'),
    ],
  ])('fail when %s', (_, mutate) => {
    const m = architectureMonitoring(cartridgeWarp)[0];
    const groups = m.groups.map((g) => ({ ...g, rules: g.rules.map((r) => ({ ...r, expr: mutate(r.expr) })) }));
    expect(JSON.stringify(groups)).not.toBe(JSON.stringify(m.groups));
    const dir = tempFiles({ 'rules.yaml': stringify({ groups }), 'test.yaml': testFile('rules.yaml', m.tests) });
    const r = promtool(['test', 'rules', 'test.yaml'], dir);
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('FAILED');
  });

  it('fail when an annotation changes', () => {
    const m = architectureMonitoring(sagaz)[0];
    const groups = m.groups.map((g) => ({
      ...g,
      rules: g.rules.map((r) => ({ ...r, annotations: { ...r.annotations, summary: `${r.annotations.summary}!` } })),
    }));
    const dir = tempFiles({ 'rules.yaml': { groups }, 'test.yaml': testFile('rules.yaml', m.tests) });
    expect(promtool(['test', 'rules', 'test.yaml'], dir).status).not.toBe(0);
  });
});
