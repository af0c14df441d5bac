// summary's steady state versus runs: long-running pods apart from one run of each Job and CronJob
// (Job parallelism and completions as Kubernetes defines them; nothing while suspended), and the peak.
import { describe, expect, it } from 'vitest';
import { graphOf } from '../graph/helpers.js';
import { summarizeResources } from '../../src/sim/resources.js';

const yaml = (...docs: object[]) => docs.map((d) => JSON.stringify(d)).join('\n---\n');
const pod = (cpu: string) => ({ containers: [{ name: 'c', image: 'x', resources: { requests: { cpu } } }] });
const template = (name: string, cpu: string) => ({ metadata: { labels: { app: name } }, spec: pod(cpu) });
const meta = (name: string) => ({ name, namespace: 'shop' });

const web = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: meta('web'),
  spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: template('web', '100m') },
};
const agent = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { ...meta('agent'), annotations: { 'shipshape.dev/nodes': '3' } },
  spec: { selector: { matchLabels: { app: 'agent' } }, template: template('agent', '10m') },
};
const debug = { apiVersion: 'v1', kind: 'Pod', metadata: meta('debug'), spec: pod('5m') };
const job = (name: string, spec: object, cpu = '50m') => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: meta(name),
  spec: { ...spec, template: { ...template(name, cpu), spec: { ...pod(cpu), restartPolicy: 'Never' } } },
});
const cronJob = (name: string, spec: object, jobSpec: object = {}) => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: meta(name),
  spec: {
    schedule: '0 2 * * *',
    ...spec,
    jobTemplate: {
      spec: { ...jobSpec, template: { ...template(name, '20m'), spec: { ...pod('20m'), restartPolicy: 'Never' } } },
    },
  },
});

describe('summary: steady state, runs and peak', () => {
  it('steady counts long-running pods only; a run is parallelism (at most completions) pods; suspended runs take nothing', async () => {
    const g = await graphOf(
      yaml(
        web,
        agent,
        debug,
        job('migrate', { parallelism: 3, completions: 2 }),
        job('restore', { suspend: true, parallelism: 4 }),
        cronJob('backup', { concurrencyPolicy: 'Forbid' }, { parallelism: 2 }),
        cronJob('cleanup', { suspend: true }),
        cronJob('report', {}, { suspend: true }),
      ),
    );
    const t = summarizeResources(g).totals;
    // 2 × 100m + 3 nodes × 10m + 5m
    expect(t.steady.atMin.cpuRequestMillis).toBe(235);
    expect(t.steady.atMax.cpuRequestMillis).toBe(235);
    expect(t.runs.map((r) => [r.id, r.suspended, r.pods, r.total.cpuRequestMillis])).toEqual([
      ['shop/backup[CronJob]', false, 2, 40],
      ['shop/cleanup[CronJob]', true, 0, 0],
      ['shop/migrate[Job]', false, 2, 100],
      ['shop/report[CronJob]', true, 0, 0],
      ['shop/restore[Job]', true, 0, 0],
    ]);
    expect(t.peak.cpuRequestMillis).toBe(235 + 40 + 100);
    // The existing totals still count every pod as running, suspended ones included (4 × 50m restore).
    expect(t.atMax.cpuRequestMillis).toBe(235 + 40 + 20 + 20 + 100 + 200);
  });

  it('with an autoscaler, steady state has a minimum and a maximum, and the peak builds on the maximum', async () => {
    const hpa = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: meta('web'),
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        minReplicas: 2,
        maxReplicas: 5,
      },
    };
    const t = summarizeResources(await graphOf(yaml(web, hpa, job('once', {})))).totals;
    expect([t.steady.atMin.cpuRequestMillis, t.steady.atMax.cpuRequestMillis]).toEqual([200, 500]);
    expect(t.peak.cpuRequestMillis).toBe(500 + 50);
  });
});
