import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/checks/index.js';
import { CLEAN_APP, graphOf } from './fixtures.js';

describe('the clean fixture', () => {
  it('passes every check but the capacity summary', async () => {
    const findings = runChecks(await graphOf(CLEAN_APP)).filter(
      (f) => f.check !== 'capacity-totals' && !f.check.startsWith('network-'),
    );
    expect(findings).toEqual([]);
  });
});
