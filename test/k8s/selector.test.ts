import { describe, expect, it } from 'vitest';
import { matchesMap, matchesSelector, selectorKey } from '../../src/k8s/selector.js';

const labels = { app: 'web', tier: 'frontend' };

describe('label selectors', () => {
  it('null matches nothing, empty matches everything', () => {
    expect(matchesSelector(null, labels)).toBe(false);
    expect(matchesSelector(undefined, labels)).toBe(false);
    expect(matchesSelector({}, labels)).toBe(true);
    expect(matchesSelector({}, {})).toBe(true);
  });
  it('ANDs matchLabels and matchExpressions', () => {
    expect(matchesSelector({ matchLabels: { app: 'web' } }, labels)).toBe(true);
    expect(matchesSelector({ matchLabels: { app: 'web', tier: 'backend' } }, labels)).toBe(false);
    expect(
      matchesSelector(
        { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend', 'x'] }] },
        labels,
      ),
    ).toBe(true);
    expect(
      matchesSelector(
        { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['frontend'] }] },
        labels,
      ),
    ).toBe(false);
  });
  it('NotIn and DoesNotExist match objects lacking the key', () => {
    expect(matchesSelector({ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, labels)).toBe(
      true,
    );
    expect(matchesSelector({ matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] }, labels)).toBe(true);
    expect(matchesSelector({ matchExpressions: [{ key: 'env', operator: 'Exists' }] }, labels)).toBe(false);
    expect(matchesSelector({ matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] }, labels)).toBe(
      false,
    );
  });
  it('a Service map selector that is empty selects nothing', () => {
    expect(matchesMap({}, labels)).toBe(false);
    expect(matchesMap(undefined, labels)).toBe(false);
    expect(matchesMap({ app: 'web' }, labels)).toBe(true);
    expect(matchesMap({ app: 'db' }, labels)).toBe(false);
  });
  it('canonical keys ignore ordering', () => {
    expect(selectorKey({ matchLabels: { a: '1', b: '2' } })).toBe(selectorKey({ matchLabels: { b: '2', a: '1' } }));
    expect(selectorKey(null)).not.toBe(selectorKey({}));
  });
});
