// isTimeZone answers from UTC's names, then Intl's list of canonical zones, when it can: the first
// DateTimeFormat loads ICU's locale data (~12 ms of a build), and a CronJob's zone is usually UTC or canonical.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isTimeZone } from '../../src/spec/schema.js';

afterEach(() => vi.restoreAllMocks());

describe('isTimeZone', () => {
  it('accepts canonical zones and the names of UTC without constructing a DateTimeFormat', () => {
    const dateTimeFormat = vi.spyOn(Intl, 'DateTimeFormat');
    for (const tz of ['Europe/Berlin', 'America/New_York', 'Etc/UTC', 'UTC', 'GMT', 'Etc/GMT']) {
      expect(isTimeZone(tz), tz).toBe(true);
    }
    expect(dateTimeFormat).not.toHaveBeenCalled();
  });

  it('answers the names of UTC without listing Intl’s zones (~1.5 ms of a build)', async () => {
    vi.resetModules(); // a module of its own: no list made by an earlier test
    const fresh = await import('../../src/spec/schema.js');
    const list = vi.spyOn(Intl, 'supportedValuesOf');
    for (const tz of ['Etc/UTC', 'UTC', 'GMT', 'Etc/GMT']) expect(fresh.isTimeZone(tz), tz).toBe(true);
    expect(list).not.toHaveBeenCalled();
    expect(fresh.isTimeZone('Europe/Berlin')).toBe(true);
    expect(list).toHaveBeenCalledTimes(1); // the spy works
  });

  it('agrees with DateTimeFormat: every name it accepts without one, a DateTimeFormat accepts', () => {
    for (const tz of [...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC', 'Etc/GMT', 'GMT']) {
      expect(() => new Intl.DateTimeFormat('en', { timeZone: tz }), tz).not.toThrow();
    }
  });

  it('still accepts aliases and other spellings the tz database resolves, and rejects the rest', () => {
    expect(isTimeZone('Asia/Kolkata')).toBe(true);
    expect(isTimeZone('europe/berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('Europe/ Berlin')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
