// prometheus-adapter rules for the HPAs' per-pod metrics, and RUNBOOKS.md.
import { describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { architectureContext } from '../../src/synth/context.js';
import { architectureMonitoring, monitoringFiles, prometheusAdapterRules } from '../../src/synth/monitoring/index.js';
import { anchor } from '../../src/synth/monitoring/runbooks.js';
import { kinds, sagaz } from './fixtures.js';
import { checkQueries, promtool, tempFiles } from './promtool.js';

describe('prometheus-adapter rules', () => {
  const files = monitoringFiles(architectureContext(sagaz));
  const file = files.find((f) => f.file === 'monitoring/prometheus-adapter-rules.yaml')!;
  const { rules } = load(file.content) as { rules: Array<Record<string, any>> };

  it("serve the sagaz worker's HPA metric per pod", () => {
    expect(rules).toEqual([
      {
        seriesQuery: 'outbox_pending_events_total{namespace="sagaz",pod!=""}',
        resources: { overrides: { namespace: { resource: 'namespace' }, pod: { resource: 'pod' } } },
        name: { matches: '^outbox_pending_events_total$', as: 'outbox_pending_events_total' },
        // A gauge: its value, not a rate.
        metricsQuery: 'sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)',
      },
    ]);
  });

  it('are real PromQL once the adapter fills in its template', () => {
    const filled = rules.flatMap((r) => [
      r.seriesQuery,
      r.metricsQuery
        .replace('<<.Series>>', 'outbox_pending_events_total')
        .replace('<<.LabelMatchers>>', 'namespace="sagaz",pod=~"a|b"')
        .replace('<<.GroupBy>>', 'pod'),
    ]);
    const r = checkQueries(filled);
    expect(r.status, r.output).toBe(0);
  });

  it('serve a counter as its per-second rate, and only what HPAs use', () => {
    const api = architectureMonitoring(kinds).map((m) => m.component);
    expect(prometheusAdapterRules(api)).toEqual([]); // no HPA scales on a custom metric in `kinds`
    const worker = architectureMonitoring(sagaz).find((m) => m.component.name === 'outbox-worker')!.component;
    const counter = { ...worker, exports: worker.exports.map((e) => ({ ...e, type: 'counter' as const })) };
    expect(prometheusAdapterRules([counter])[0].metricsQuery).toBe(
      'sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m])) by (<<.GroupBy>>)',
    );
  });
});

describe('RUNBOOKS.md', () => {
  const md = monitoringFiles(architectureContext(sagaz)).find((f) => f.file === 'RUNBOOKS.md')!.content;
  const alerts = architectureMonitoring(sagaz).flatMap((m) => m.documented.map((d) => d.rule.alert));

  it('has one section per alert, declared and generated, linked from the index', () => {
    const sections = [...md.matchAll(/^## (\S+)$/gm)].map((m) => m[1]);
    expect(sections).toEqual(alerts);
    for (const a of alerts) expect(md).toContain(`[${a}](#${anchor(a)})`);
    expect(alerts).toContain('PostgresqlPersistentVolumeFillingUp');
  });

  it('explains a declared alert without runbook text from its condition, with the real selector', () => {
    const section = md.slice(md.indexOf('## OutboxWorkerDown'), md.indexOf('## OutboxHighErrorRate'));
    expect(section).toContain('No series of `outbox_pending_events_total` exists in namespace sagaz');
    expect(section).toContain(
      'kubectl -n sagaz get pods -l app.kubernetes.io/name=outbox-worker,app.kubernetes.io/instance=sagaz',
    );
    const ratio = md.slice(md.indexOf('## OutboxHighErrorRate'), md.indexOf('## OutboxWorkerNoReplicasAvailable'));
    expect(ratio).toContain(
      'Too large a share of `outbox_published_events_total + outbox_failed_events_total` is `outbox_failed_events_total`',
    );
  });

  it('carries the declared runbook text and the expression', () => {
    const section = md.slice(md.indexOf('## OutboxHighLag'), md.indexOf('## OutboxWorkerDown'));
    expect(section).toContain('Scale the worker or check the broker.');
    expect(section).toContain('sum(outbox_pending_events_total{namespace="sagaz"}) > 5000');
    expect(section).toContain('**Severity:** warning');
  });
});

describe('the written unit test file', () => {
  it('names the declared alerts it has no test for, and still runs', () => {
    const files = monitoringFiles(architectureContext(kinds));
    const test = files.find((f) => f.file === 'monitoring/rules/api.test.yaml')!;
    expect(test.content.split('\n').filter((l) => l.startsWith('#'))).toEqual([
      '# Run: promtool test rules api.test.yaml (in this folder)',
      expect.stringMatching(/^# No test generated for ApiComplex: its expression is not of the form/),
    ]);
    const rules = files.find((f) => f.file === 'monitoring/rules/api.rules.yaml')!;
    const dir = tempFiles({ 'api.rules.yaml': rules.content, 'api.test.yaml': test.content });
    const r = promtool(['test', 'rules', 'api.test.yaml'], dir);
    expect(r.status, r.output).toBe(0);
  });
});
