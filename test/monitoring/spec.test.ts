// The monitoring fields of the spec: bad input is named by file, line and path.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alertSchema, monitoringFields } from '../../src/spec/monitoring.js';
import { loadArchitecture } from '../../src/spec/load.js';
import { z } from 'zod';

const messages = (r: { success: boolean; error?: z.ZodError }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('alertSchema', () => {
  const base = { name: 'ApiDown', summary: 'down' };

  it('takes exactly one condition', () => {
    expect(alertSchema.safeParse({ ...base, expr: 'up == 0' }).success).toBe(true);
    expect(messages(alertSchema.safeParse(base))).toEqual([
      ': expected exactly one condition: expr, above, below, absent, errorRatio, slo',
    ]);
    expect(messages(alertSchema.safeParse({ ...base, expr: 'up == 0', absent: { metric: 'up' } }))).toEqual([
      ': expected exactly one condition, got expr and absent',
    ]);
  });

  it('rejects an expr that is not PromQL', () => {
    expect(messages(alertSchema.safeParse({ ...base, expr: 'sum(rate(x[5m]) > 1' }))).toEqual([
      'expr: not PromQL: missing ")"',
    ]);
    expect(messages(alertSchema.safeParse({ ...base, expr: 'up{job="a} == 0' }))).toEqual([
      'expr: not PromQL: unterminated string starting at offset 7',
    ]);
    expect(messages(alertSchema.safeParse({ ...base, expr: 'up] == 0' }))).toEqual([
      'expr: not PromQL: unbalanced "]"',
    ]);
  });

  it('allows only the templates its unit tests can predict', () => {
    expect(
      alertSchema.safeParse({ ...base, description: '{{ $labels.pod }} at {{$value}}', expr: 'up == 0' }).success,
    ).toBe(true);
    expect(
      messages(alertSchema.safeParse({ ...base, description: '{{ $value | humanize }}', expr: 'up == 0' })),
    ).toEqual(['description: unsupported template {{ $value | humanize }}: use {{ $labels.<name> }} or {{ $value }}']);
  });

  it('checks names, durations and ratios', () => {
    expect(
      messages(alertSchema.safeParse({ ...base, above: { metric: 'http-requests', value: 1, for: '5 min' } })),
    ).toEqual([
      'above.metric: expected a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)',
      'above.for: expected a Prometheus duration such as 30s, 5m or 1h',
    ]);
    expect(
      messages(alertSchema.safeParse({ ...base, errorRatio: { errors: 'e', total: 't', threshold: 1.5 } })),
    ).toEqual(['errorRatio.threshold: Too big: expected number to be <1']);
    expect(messages(alertSchema.safeParse({ ...base, above: { metric: 'm', value: 1, by: ['code'] } }))).toEqual([
      'above.by: by needs aggregate (sum, max, min or avg)',
    ]);
  });
});

describe('monitoringFields', () => {
  const schema = z.strictObject(monitoringFields);

  it('rejects duplicate metric and alert names', () => {
    const metric = { name: 'm', type: 'gauge', help: 'h' };
    const alert = { name: 'A', summary: 's', absent: { metric: 'm' } };
    expect(messages(schema.safeParse({ exports: [metric, metric], alerts: [alert, alert] }))).toEqual([
      'exports.1.name: duplicate name m',
      'alerts.1.name: duplicate name A',
    ]);
  });

  it('rejects unknown scrape modes and reserved label names', () => {
    expect(messages(schema.safeParse({ scrape: { via: 'sidecar' } }))[0]).toMatch(/^scrape.via: /);
    expect(messages(schema.safeParse({ exports: [{ name: 'm', type: 'gauge', help: 'h', labels: ['__x'] }] }))).toEqual(
      ['exports.0.labels.0: label names starting with "__" are reserved'],
    );
  });
});

describe('in a spec file', () => {
  it('errors name the file, line and path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-spec-'));
    const file = join(dir, 'architecture.yaml');
    writeFileSync(
      file,
      [
        'name: demo',
        'namespace: demo',
        'components:',
        '  api:',
        '    type: web',
        '    image: example/api:1.0.0',
        '    ports: {http: 8080}',
        '    alerts:',
        '      - name: ApiDown',
        '        summary: down',
        '        expr: up == 0',
        '        above: {metric: up, value: 1}',
        '',
      ].join('\n'),
    );
    await expect(loadArchitecture(file)).rejects.toMatchObject({
      name: 'InputError',
      details: [`${file}:9 components.api.alerts[0]: expected exactly one condition, got expr and above`],
    });
  });
});
