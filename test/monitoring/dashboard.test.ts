// Dashboards: valid Grafana JSON models, panels chosen by metric type, every query real PromQL
// (parsed offline by promtool), and the ConfigMap the Grafana sidecar loads.
import { describe, expect, it } from 'vitest';
import { architectureMonitoring } from '../../src/synth/monitoring/index.js';
import { SCHEMA_VERSION, type Panel } from '../../src/synth/monitoring/dashboard.js';
import { cartridgeWarp, kinds, sagaz } from './fixtures.js';
import { checkQueries } from './promtool.js';

const all = [sagaz, cartridgeWarp, kinds].flatMap((a) => architectureMonitoring(a));
const panelsOf = (d: Record<string, unknown>) => d.panels as Panel[];

describe('every dashboard', () => {
  it.each(all.map((m) => [`${m.component.namespace}/${m.component.name}`, m] as const))(
    '%s is a valid dashboard model',
    (_, m) => {
      const d = m.dashboard;
      expect(d.schemaVersion).toBe(SCHEMA_VERSION);
      expect(typeof d.uid).toBe('string');
      expect((d.uid as string).length).toBeLessThanOrEqual(40);
      const panels = panelsOf(d);
      expect(panels.length).toBeGreaterThan(0);
      const ids = panels.map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
      // A datasource variable, and every panel queries through it.
      const vars = (d.templating as { list: Array<{ name: string; type: string; query: string }> }).list;
      expect(vars).toContainEqual(
        expect.objectContaining({ name: 'datasource', type: 'datasource', query: 'prometheus' }),
      );
      for (const p of panels) {
        expect(p.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
        expect(new Set(p.targets.map((t) => t.refId)).size).toBe(p.targets.length);
        // Panels do not overlap on the 24-column grid.
        expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
      }
      const cells = panels.map((p) => `${p.gridPos.x},${p.gridPos.y}`);
      expect(new Set(cells).size).toBe(cells.length);
    },
  );

  it('every query parses with promtool', () => {
    const queries = all.flatMap((m) => panelsOf(m.dashboard).flatMap((p) => p.targets.map((t) => t.expr)));
    expect(queries.length).toBeGreaterThan(20);
    const r = checkQueries(queries);
    expect(r.output, r.output).toContain('SUCCESS');
  });

  it('the offline query check rejects invalid PromQL', () => {
    expect(checkQueries(['sum(rate(x[5m])']).status).not.toBe(0);
    expect(checkQueries(['histogram_quantile(0.5, sum by (le) (rate(x_bucket[$__rate_interval])))']).status).toBe(0);
  });

  it('is shipped as a ConfigMap the Grafana sidecar picks up, holding the same JSON', () => {
    for (const m of all) {
      const cm = m.objects.find((o) => o.kind === 'ConfigMap')!;
      expect(cm.metadata.labels?.grafana_dashboard).toBe('1');
      const data = cm.data as Record<string, string>;
      expect(Object.keys(data)).toEqual([`${m.component.name}.json`]);
      expect(JSON.parse(data[`${m.component.name}.json`])).toEqual(m.dashboard);
    }
  });
});

describe('seed 001 dashboard (sagaz outbox worker)', () => {
  const d = architectureMonitoring(sagaz).find((m) => m.component.name === 'outbox-worker')!.dashboard;
  const panels = panelsOf(d);
  const byTitle = (s: string) => panels.find((p) => p.title.includes(s))!;

  it('graphs pending events (gauge: value)', () => {
    expect(byTitle('outbox_pending_events_total').targets[0].expr).toBe(
      'sum(outbox_pending_events_total{namespace="sagaz"})',
    );
  });

  it('graphs the publish rate (counter: rate), by event type', () => {
    expect(byTitle('outbox_published_events_total').targets[0].expr).toBe(
      'sum by (event_type) (rate(outbox_published_events_total{namespace="sagaz"}[$__rate_interval]))',
    );
  });

  it('graphs latency percentiles p50/p95/p99 (histogram)', () => {
    const p = byTitle('outbox_publish_duration_seconds');
    expect(p.targets.map((t) => t.legendFormat)).toEqual(['p50', 'p95', 'p99']);
    expect(p.targets[2].expr).toBe(
      'histogram_quantile(0.99, sum by (le) (rate(outbox_publish_duration_seconds_bucket{namespace="sagaz"}[$__rate_interval])))',
    );
    expect(p.fieldConfig.defaults.unit).toBe('s');
  });

  it('graphs the error ratio of the errorRatio alert', () => {
    const p = byTitle('Error ratio');
    expect(p.targets[0].expr).toContain(
      'sum(rate(outbox_failed_events_total{namespace="sagaz"}[$__rate_interval])) / (',
    );
    expect(p.fieldConfig.defaults.unit).toBe('percentunit');
  });

  it('graphs the summary of a summary metric as an average', () => {
    const api = architectureMonitoring(kinds).find((m) => m.component.name === 'api')!;
    const p = panelsOf(api.dashboard).find((x) => x.title.startsWith('rpc_duration_seconds'))!;
    expect(p.targets[0].expr).toBe(
      'sum(rate(rpc_duration_seconds_sum{namespace="kinds"}[$__rate_interval])) / sum(rate(rpc_duration_seconds_count{namespace="kinds"}[$__rate_interval]))',
    );
  });
});
