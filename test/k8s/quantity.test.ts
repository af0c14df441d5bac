import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCpu,
  isQuantity,
  parseMillis,
  parseUnits,
  QuantityError,
} from '../../src/vocabulary/quantity.js';

describe('quantities', () => {
  it('parses CPU into exact milli-cores', () => {
    expect(parseMillis('100m')).toBe(100);
    expect(parseMillis('0.5')).toBe(500);
    expect(parseMillis('.25')).toBe(250);
    expect(parseMillis(2)).toBe(2000);
    expect(parseMillis('1e3')).toBe(1_000_000);
    expect(parseMillis('1.5k')).toBe(1_500_000);
    expect(parseMillis('250000u')).toBe(250);
  });
  it('rounds up below milli precision, like Quantity.MilliValue', () => {
    expect(parseMillis('1n')).toBe(1);
    expect(parseMillis('0.0001')).toBe(1);
  });
  it('parses memory into exact bytes', () => {
    expect(parseUnits('512Mi')).toBe(512 * 1024 ** 2);
    expect(parseUnits('1G')).toBe(1e9);
    expect(parseUnits('1.5Gi')).toBe(1.5 * 1024 ** 3);
    expect(parseUnits('128974848')).toBe(128974848);
    expect(parseUnits('129e6')).toBe(129_000_000);
    expect(parseUnits('100Ti')).toBe(100 * 1024 ** 4);
    expect(parseUnits('1500m')).toBe(2);
  });
  it('sums without float drift', () => {
    const total = Array.from({ length: 10 }, () => parseMillis('0.1')).reduce((a, b) => a + b, 0);
    expect(total).toBe(1000);
  });
  it('rejects what is not a quantity', () => {
    for (const bad of ['', 'abc', '1Kb', '1 Gi', '--1', '1.2.3', 'Mi']) {
      expect(isQuantity(bad)).toBe(false);
      expect(() => parseUnits(bad)).toThrow(QuantityError);
    }
  });
  it('prints quantities the way people write them', () => {
    expect(formatCpu(250)).toBe('250m');
    expect(formatCpu(6900)).toBe('6.9');
    expect(formatCpu(2000)).toBe('2');
    expect(formatBytes(512 * 1024 ** 2)).toBe('512Mi');
    expect(formatBytes(Math.round(12.1 * 1024 ** 3))).toBe('12.1Gi');
    expect(formatBytes(0)).toBe('0');
  });
});
