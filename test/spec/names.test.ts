import { describe, expect, it } from 'vitest';
import { isCronSchedule, isDnsSubdomain, isLabelKey, isLabelValue, isPortName } from '../../src/spec/names.js';

describe('Kubernetes name rules', () => {
  it('port names (IANA_SVC_NAME)', () => {
    for (const ok of ['http', 'metrics', 'amqp', 'h2c', 'grpc-web', 'a1']) expect(isPortName(ok), ok).toBe(true);
    for (const bad of ['', '8080', 'HTTP', '-http', 'http-', 'grpc--web', 'a-very-long-port-name', 'h_t'])
      expect(isPortName(bad), bad).toBe(false);
  });

  it('label keys and values', () => {
    for (const ok of ['app', 'app.kubernetes.io/name', 'example.com/a_b.c']) expect(isLabelKey(ok), ok).toBe(true);
    for (const bad of ['', '/app', 'Example.com/app', 'a/b/c', '-app', `${'a'.repeat(64)}`])
      expect(isLabelKey(bad), bad).toBe(false);
    expect(isLabelValue('')).toBe(true);
    expect(isLabelValue('v1.2_3-x')).toBe(true);
    expect(isLabelValue('-x')).toBe(false);
    expect(isLabelValue('a'.repeat(64))).toBe(false);
  });

  it('DNS subdomains', () => {
    expect(isDnsSubdomain('sagaz-db-credentials')).toBe(true);
    expect(isDnsSubdomain('a.b-c.d')).toBe(true);
    expect(isDnsSubdomain('A')).toBe(false);
    expect(isDnsSubdomain('a..b')).toBe(false);
    expect(isDnsSubdomain(`${'a'.repeat(254)}`)).toBe(false);
  });

  it('cron schedules as the CronJob controller accepts them', () => {
    for (const ok of [
      '0 * * * *',
      '*/15 0-6 * * 1-5',
      '0 0,12 1 JAN MON',
      '0 3 * jan-mar sun',
      '@hourly',
      '@daily',
      '0 */12 * * *',
      '@every 1h30m',
      '0 0 ? * *',
    ])
      expect(isCronSchedule(ok), ok).toBe(true);
    for (const bad of [
      '',
      '* * * *',
      '0 * * * * *',
      '60 * * * *',
      '0 24 * * *',
      '0 0 0 * *',
      '0 0 * 13 *',
      '0 0 * * 7',
      '*/0 * * * *',
      '5-1 * * * *',
      '@every 5',
      'TZ=UTC 0 * * * *',
      'hourly',
    ])
      expect(isCronSchedule(bad), bad).toBe(false);
  });
});

describe('CIDRs', () => {
  it('IPv4 and IPv6 blocks; except must lie strictly inside', async () => {
    const { isCidr, isStrictlyInside } = await import('../../src/spec/names.js');
    for (const ok of ['0.0.0.0/0', '10.0.0.0/8', '203.0.113.7/32', '::/0', '2001:db8::/32'])
      expect(isCidr(ok), ok).toBe(true);
    for (const bad of ['10.0.0.0', '256.0.0.0/8', '10.0.0.0/33', 'example.com/24', '2001:db8::/129'])
      expect(isCidr(bad), bad).toBe(false);
    expect(isStrictlyInside('10.1.0.0/16', '10.0.0.0/8')).toBe(true);
    expect(isStrictlyInside('10.0.0.0/8', '10.0.0.0/8')).toBe(false);
    expect(isStrictlyInside('11.0.0.0/16', '10.0.0.0/8')).toBe(false);
  });
});
