// The PromQL reading the checks and test generation rely on.
import { describe, expect, it } from 'vitest';
import {
  durationSeconds,
  metricNames,
  parseSimpleCondition,
  PromqlSyntaxError,
  vectorSelectors,
} from '../../src/vocabulary/promql.js';
import { expandTemplate, goFloat } from '../../src/synth/monitoring/unit-tests.js';
import { formatDuration, formatThreshold } from '../../src/synth/monitoring/conditions.js';

describe('metricNames', () => {
  it.each([
    ['up{job="a"} == 0', ['up']],
    ['rate(cartridge_warp_errors_total[5m]) > 0.1', ['cartridge_warp_errors_total']],
    ['sum by (le, job) (rate(x_bucket{le!="+Inf"}[5m] offset 1h))', ['x_bucket']],
    ['a / on (pod) group_left (node) b unless ignoring (x) c', ['a', 'b', 'c']],
    ['{__name__="weird:name", job="j"}', ['weird:name']],
    ['max_over_time(deriv(m:rate5m[1h:5m])[1d:])', ['m:rate5m']],
    ['time() - kube_cronjob_next_schedule_time > 3600 and bool 1', ['kube_cronjob_next_schedule_time']],
    ['label_replace(up, "dst", "$1", "src", "(.*)")', ['up']],
    ['sum(rate(http_requests_total{code=~"5.."}[5m])) by (code) # comment', ['http_requests_total']],
    ['histogram_quantile(0.9, rate(d_bucket[5m])) > Inf', ['d_bucket']],
  ])('%s', (expr, names) => {
    expect(metricNames(expr)).toEqual(names);
  });

  it('rejects what cannot be tokenized', () => {
    expect(() => metricNames('up{job="unterminated}')).toThrow(PromqlSyntaxError);
    expect(() => metricNames('up ? 1')).toThrow(PromqlSyntaxError);
  });
});

describe('vectorSelectors', () => {
  it("reads each selector's matchers", () => {
    expect(
      vectorSelectors('sum by (job) (up{job="a", instance!~"x.*"}) / on (job) {__name__="b", job=\'c\'} > bool 0'),
    ).toEqual([
      {
        metric: 'up',
        matchers: [
          { label: 'job', op: '=', value: 'a' },
          { label: 'instance', op: '!~', value: 'x.*' },
        ],
      },
      {
        metric: 'b',
        matchers: [
          { label: '__name__', op: '=', value: 'b' },
          { label: 'job', op: '=', value: 'c' },
        ],
      },
    ]);
  });
});

describe('parseSimpleCondition', () => {
  it('reads the seed 004 expressions', () => {
    expect(parseSimpleCondition('up{job="cartridge-warp-ecommerce"} == 0')).toEqual({
      metric: 'up',
      matchers: { job: 'cartridge-warp-ecommerce' },
      op: '==',
      value: 0,
      aggregate: undefined,
      fn: undefined,
      window: undefined,
    });
    expect(parseSimpleCondition('rate(cartridge_warp_errors_total[5m]) > 0.1')).toMatchObject({
      fn: 'rate',
      window: 300,
      metric: 'cartridge_warp_errors_total',
      op: '>',
      value: 0.1,
    });
    expect(parseSimpleCondition('sum by (code) (increase(x{a="b"}[10m])) >= -3')).toMatchObject({
      aggregate: { op: 'sum', by: ['code'] },
      fn: 'increase',
      window: 600,
      value: -3,
    });
    expect(parseSimpleCondition('max(q) by (pod) < 1e3')).toMatchObject({
      aggregate: { op: 'max', by: ['pod'] },
      value: 1000,
    });
    expect(
      parseSimpleCondition('time() - kube_cronjob_status_last_successful_time{cronjob="b"} > 26 * 3600'),
    ).toMatchObject({ age: true, metric: 'kube_cronjob_status_last_successful_time', op: '>', value: 93600 });
    expect(parseSimpleCondition('x > 10 / 4 * -2')).toMatchObject({ value: -5 });
  });

  it.each([
    'up{job=~"a.*"} == 0',
    'a > b',
    'time() - rate(x[5m]) > 1',
    'x > 2 + 3',
    'histogram_quantile(0.9, rate(x[5m])) > 1',
    'rate(x[5m:1m]) > 1',
    'up == 0 and up',
    'up',
  ])('leaves %s alone', (expr) => {
    expect(parseSimpleCondition(expr)).toBeUndefined();
  });
});

describe('formatting', () => {
  it('durations', () => {
    expect(durationSeconds('1h30m')).toBe(5400);
    expect(durationSeconds('90s')).toBe(90);
    expect(formatDuration(5400)).toBe('90m');
    expect(formatDuration(3600)).toBe('1h');
    expect(formatDuration(45)).toBe('45s');
  });

  it('thresholds without float noise', () => {
    expect(formatThreshold(14.4 * (1 - 0.999))).toBe('0.0144');
    expect(formatThreshold(5000)).toBe('5000');
  });

  it('$value as Go prints a float64', () => {
    expect(goFloat(0.2)).toBe('0.2');
    expect(goFloat(1000000)).toBe('1e+06');
    expect(goFloat(123456)).toBe('123456');
    expect(goFloat(0.00001)).toBe('1e-05');
    expect(goFloat(0.0001)).toBe('0.0001');
    expect(goFloat(1.5e300)).toBe('1.5e+300');
    expect(goFloat(-2)).toBe('-2');
    expect(goFloat(Number.NaN)).toBe('NaN');
    expect(goFloat(Number.POSITIVE_INFINITY)).toBe('+Inf');
  });

  it('annotation templates', () => {
    expect(
      expandTemplate('{{ $labels.instance }} at {{$value}}, {{ $labels.missing }}.', { instance: 'i:1' }, 0.5),
    ).toBe('i:1 at 0.5, .');
  });
});
