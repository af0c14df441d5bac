// The HPA driven by a load over objects: load files, pod start-up from probes, unready pods on a
// scale-up (K/replica_calculator.go GetResourceReplicas), the CLI's --case and --load.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/diagnostics/index.js';
import { proposeFromPods, proposeFromRatio } from '../../src/sim/hpa.js';
import { simulateHpa, standardRamp } from '../../src/sim/hpa-run.js';
import type { HpaDefinition } from '../../src/sim/hpa-spec.js';
import { loadAt, parseLoad } from '../../src/sim/load.js';
import { podReadySeconds } from '../../src/sim/pod-start.js';

const BIN = new URL('../../bin/shipshape.js', import.meta.url).pathname;
const EXAMPLES = new URL('../../examples/', import.meta.url).pathname;
const shipshape = (args: string[]) => spawnSync(process.execPath, [BIN, 'simulate', ...args], { encoding: 'utf8' });
const tmp = () => mkdtempSync(join(tmpdir(), 'shipshape-sim-'));

const cpuHpa = (behavior?: HpaDefinition['behavior']): HpaDefinition => ({
  id: 'shop/web[HorizontalPodAutoscaler]',
  minReplicas: 2,
  maxReplicas: 10,
  behavior,
  metrics: [{ name: 'cpu', source: 'Resource', target: 'Utilization', targetValue: 50 }],
});

describe('load files', () => {
  it('reads CSV and JSON alike; a load holds its value until the next point', () => {
    const csv = parseLoad('# ramp\nt,cpu:total,queue\n0,100,5\n60,400,7\n', 'l.csv');
    const json = parseLoad('[{"t":0,"cpu:total":100,"queue":5},{"t":60,"cpu:total":400,"queue":7}]', 'l.json');
    expect(json).toEqual(csv);
    expect(csv.columns).toEqual([
      { metric: 'cpu', total: true },
      { metric: 'queue', total: false },
    ]);
    expect(loadAt(csv, 59)).toEqual([100, 5]);
    expect(loadAt(csv, 60)).toEqual([400, 7]);
  });
  it('names file, line and what was expected', () => {
    expect(() => parseLoad('t,cpu\n0,10\n15,x\n', 'l.csv')).toThrow(
      /l\.csv:3: cpu: expected a non-negative number, got "x"/,
    );
    expect(() => parseLoad('t,cpu\n0,10\n15,1,2\n', 'l.csv')).toThrow(/l\.csv:3: expected 2 values/);
    expect(() => parseLoad('time,cpu\n0,1\n', 'l.csv')).toThrow(/the first column is t/);
    expect(() => parseLoad('t,cpu\n10,1\n5,1\n', 'l.csv')).toThrow(/t must increase/);
    expect(() => parseLoad('t,cpu\n0,1\n', 'l.csv')).not.toThrow();
    expect(() => parseLoad('[{"t":0,"cpu":1},{"t":15}]', 'l.json')).toThrow(/\[1\]: expected the keys t, cpu/);
  });
});

describe('pod start-up from probes (Kubernetes docs: configure liveness, readiness and startup probes)', () => {
  const template = (containers: object[]) =>
    ({ path: 'spec.template.spec', labels: {}, annotations: {}, spec: { containers } }) as never;
  it('readiness starts after the startup probe, successThreshold successes periodSeconds apart; the slowest container counts', () => {
    expect(podReadySeconds(template([{ name: 'a' }]))).toBe(0);
    expect(podReadySeconds(template([{ name: 'a', readinessProbe: { initialDelaySeconds: 10 } }]))).toBe(10);
    expect(
      podReadySeconds(
        template([
          { name: 'a', startupProbe: { initialDelaySeconds: 30 }, readinessProbe: { initialDelaySeconds: 10 } },
        ]),
      ),
    ).toBe(30);
    expect(
      podReadySeconds(template([{ name: 'a', readinessProbe: { initialDelaySeconds: 5, successThreshold: 3 } }])),
    ).toBe(25);
    expect(podReadySeconds(template([{ name: 'a' }, { name: 'b', readinessProbe: { initialDelaySeconds: 7 } }]))).toBe(
      7,
    );
  });
});

describe('unready pods on a scale-up (GetResourceReplicas: unready pods count as using 0)', () => {
  const t = { scaleUp: 0.1, scaleDown: 0.1 };
  it('recomputes the ratio over all pods and keeps the current count when it falls inside the band or below 1', () => {
    // 4 ready at 2.0 of target, 2 unready: (2.0 × 4) / 6 = 1.33 → ceil(1.33 × 6) = 8
    expect(proposeFromRatio('cpu', 2.0, 6, t, 4).replicas).toBe(8);
    // 2 ready at 1.5, 2 unready: 0.75 < 1 → no change
    expect(proposeFromRatio('cpu', 1.5, 4, t, 2).replicas).toBe(4);
    // a scale-down ignores unready pods: ceil(0.5 × 2) = 1
    expect(proposeFromRatio('cpu', 0.5, 4, t, 2).replicas).toBe(1);
  });
  it('with a total load, unready pods at 0 give the scale-up a ready pod would; on a scale-down they are left out', () => {
    const load = parseLoad('t,cpu:total\n0,100\n15,400\n30,100\n', 'l.csv');
    const hpa = cpuHpa({ scaleDown: { stabilizationWindowSeconds: 0 } });
    const fast = simulateHpa(hpa, load, { initialReplicas: 2, podReadySeconds: 0 });
    const slow = simulateHpa(hpa, load, { initialReplicas: 2, podReadySeconds: 60 });
    // 400 over 2 pods is 4 × target: ceil(4 × 2) = 8, limited by behavior {} to +4 pods per 15 s
    expect(fast.steps.map((s) => s.replicas)).toEqual([2, 6, 2]);
    // at 30 s the 4 new pods are not Ready: the 2 ready ones carry 50 each, inside the band
    expect(slow.steps.map((s) => s.replicas)).toEqual([2, 6, 6]);
    expect(slow.steps.map((s) => s.ready)).toEqual([2, 2, 2]);
  });
  it('starts from the given count: an unset spec.replicas (defaulted to 1) jumps to minReplicas at the first sync', () => {
    const run = simulateHpa(cpuHpa(), standardRamp(cpuHpa()), { initialReplicas: 1, podReadySeconds: 0 });
    expect(run.steps[0]).toMatchObject({ replicas: 2, limit: 'TooFewReplicas' });
  });
  it('reports a load column that names no metric, and a metric the load lacks', () => {
    const bad = parseLoad('t,cpux\n0,1\n', 'l.csv');
    expect(() => simulateHpa(cpuHpa(), bad, { initialReplicas: 2, podReadySeconds: 0 })).toThrow(InputError);
    expect(() => simulateHpa(cpuHpa(), bad, { initialReplicas: 2, podReadySeconds: 0 })).toThrow(
      /load column "cpux" names no metric/,
    );
  });
});

describe('pods per metric as groupPods sorts them (replica_calculator.go)', () => {
  const t = { scaleUp: 0.1, scaleDown: 0.1 };
  const groups = (ratio: number, counted: number, missing: number, missingOnScaleDown = 1) => ({
    ratio,
    counted,
    unready: 0,
    missing,
    missingOnScaleDown,
  });
  it('missing pods: at the target on a scale-down (all of the request for a utilization), at 0 on a scale-up', () => {
    // plain metric: (0.5 × 2 + 1 × 2) / 4 = 0.75 → ceil(0.75 × 4) = 3, where ignoring them gives 1
    expect(proposeFromPods('queue', groups(0.5, 2, 2), 4, t).replicas).toBe(3);
    // 50% utilization target: a missing pod counts at 100% = 2 × target: (1 + 4) / 4 = 1.25 turns the direction → keep 4
    expect(proposeFromPods('cpu', groups(0.5, 2, 2, 2), 4, t).replicas).toBe(4);
    // scale-up: (2 × 2 + 0) / 4 = 1.0 inside the band → keep 4
    expect(proposeFromPods('queue', groups(2, 2, 2), 4, t).replicas).toBe(4);
    // exactly at the target the missing pods are not filled in: within the band
    expect(proposeFromPods('queue', groups(1, 2, 2), 4, t)).toMatchObject({ replicas: 4 });
    // a new count against the ratio's direction keeps the current one: (1.5 × 1 + 0 × 3) / 4 = 0.375 < 1 after a ratio > 1
    expect(proposeFromPods('queue', groups(1.5, 1, 3), 4, t).replicas).toBe(4);
  });

  const hpa: HpaDefinition = {
    id: 'shop/web[HorizontalPodAutoscaler]',
    minReplicas: 1,
    maxReplicas: 30,
    behavior: { scaleUp: { policies: [{ type: 'Pods', value: 2, periodSeconds: 15 }] } },
    metrics: [
      { name: 'cpu', source: 'Resource', target: 'Utilization', targetValue: 50 },
      { name: 'memory', source: 'Resource', target: 'Utilization', targetValue: 50 },
      { name: 'queue', source: 'Pods', target: 'AverageValue', targetValue: 50 },
    ],
  };
  const proposalsAt = (run: ReturnType<typeof simulateHpa>, at: number) =>
    Object.fromEntries(run.steps.find((s) => s.t === at)!.proposals.map((p) => [p.metric, p.replicas]));

  it('a pod not yet Ready: unready for CPU only; sampled for memory; without a sample of its own metric', () => {
    // Every sampled pod at 2 × target; at 0 s the 2 pods go to 4 (+2 pods per 15 s), Ready after 60 s.
    const load = parseLoad('t,cpu,memory,queue\n0,100,100,100\n15,100,100,100\n', 'l.csv');
    const run = simulateHpa(hpa, load, { initialReplicas: 2, podReadySeconds: 60 });
    // cpu: 2 unready at 0 → (4 + 0) / 4 = 1.0 → 4; memory: 4 samples at 2 → 8; queue: 2 missing at 0 → 4
    expect(proposalsAt(run, 15)).toEqual({ cpu: 4, memory: 8, queue: 4 });
  });

  it('a pod Ready less than one metrics window ago, within the CPU initialization period, is unready for CPU', () => {
    const load = parseLoad('t,cpu,memory,queue\n0,100,100,100\n15,100,100,100\n', 'l.csv');
    // Created at 0 s, Ready at 5 s: at 15 s its CPU sample does not yet span a 15 s window after Ready.
    const run = simulateHpa(hpa, load, { initialReplicas: 2, podReadySeconds: 5 });
    expect(proposalsAt(run, 15)).toEqual({ cpu: 4, memory: 8, queue: 8 });
  });

  it('on a scale-down a pod without a sample of its own metric counts at the target', () => {
    const load = parseLoad('t,cpu,memory,queue\n0,100,100,100\n15,10,10,10\n', 'l.csv');
    const run = simulateHpa(hpa, load, { initialReplicas: 2, podReadySeconds: 60 });
    // cpu: 2 samples at 0.2, unready pods left out → ceil(0.4) = 1; memory: 4 at 0.2 → 1;
    // queue: (0.2 × 2 + 1 × 2) / 4 = 0.6 → 3
    expect(proposalsAt(run, 15)).toEqual({ cpu: 1, memory: 1, queue: 3 });
  });
});

describe('shipshape simulate hpa', () => {
  it('--case --json prints {replicas, steps} with a reason per step', () => {
    const dir = tmp();
    const file = join(dir, 'case.json');
    writeFileSync(
      file,
      JSON.stringify({
        hpa: { minReplicas: 1, maxReplicas: 10 },
        steps: [
          { t: 0, currentReplicas: 5, metricRatio: 1.67 },
          { t: 15, metricRatio: [0.5, 0.3] },
          { t: 30, desiredRecommendation: 12 },
        ],
      }),
    );
    const r = shipshape(['hpa', '--case', file, '--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { replicas: number[]; steps: { why: string }[] };
    expect(out.replicas).toEqual([9, 9, 10]);
    expect(out.steps[1].why).toMatch(/window \(300s\) holds it at 9/);
  });
  it('bad input exits 2 naming the file and path', () => {
    const dir = tmp();
    const file = join(dir, 'case.json');
    writeFileSync(file, '{"hpa": {"maxReplicas": 3}, "steps": [{"t": 0, "currentReplicas": 1, "metricRatio": -1}]}');
    const r = shipshape(['hpa', '--case', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/case\.json: steps\[0\]\.metricRatio/);
    expect(shipshape(['hpa', '--case', join(dir, 'none.json')]).stderr).toMatch(/--case .*none\.json: no such file/);
  });
  it('simulates a spec example under a load file, with a chart', () => {
    const dir = tmp();
    const load = join(dir, 'load.csv');
    writeFileSync(
      load,
      't,cpu:total,memory,websocket_active_connections\n0,150,40,500\n30,600,40,500\n120,600,40,500\n',
    );
    const svg = join(dir, 'hpa.svg');
    const r = shipshape([
      'hpa',
      join(EXAMPLES, 'vibebox'),
      '--component',
      'backend',
      '--load',
      load,
      '--initial',
      '3',
      '--svg',
      svg,
      '--json',
    ]);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { replicas: number[]; podReadySeconds: number };
    // +1 pod per 30 s (the spec's scaleUp policy) from 3 towards ceil(600/70) = 9
    expect(out.replicas.slice(0, 6)).toEqual([3, 3, 4, 4, 5, 5]);
    expect(out.podReadySeconds).toBe(10);
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(shipshape(['hpa', join(EXAMPLES, 'vibebox'), '--component', 'nope']).status).toBe(2);
  });
});
