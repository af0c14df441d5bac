import { describe, expect, it } from 'vitest';
import { validateObject } from '../../src/k8s/validate.js';
import { arch, find, objects } from './helpers.js';

describe('job suspend', () => {
  it('a suspended Job carries spec.suspend (batch/v1) and validates', () => {
    const job = find(
      objects(arch({ restore: { type: 'job', image: 'pg:16', job: { suspend: true } } })),
      'Job',
      'restore',
    );
    expect(job.spec.suspend).toBe(true);
    expect(validateObject(job)).toEqual([]);
  });

  it('a CronJob suspends the schedule, not the Jobs it makes', () => {
    const cron = find(
      objects(arch({ nightly: { type: 'cronjob', image: 'pg:16', schedule: '@daily', job: { suspend: true } } })),
      'CronJob',
      'nightly',
    );
    expect(cron.spec.suspend).toBe(true);
    expect(cron.spec.jobTemplate.spec.suspend).toBeUndefined();
  });

  it('no suspend unless asked', () => {
    expect(
      find(objects(arch({ migrate: { type: 'job', image: 'm:1' } })), 'Job', 'migrate').spec.suspend,
    ).toBeUndefined();
  });
});
