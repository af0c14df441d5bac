import { describe, expect, it } from 'vitest';
import { applyJsonPatch, mergePartial, PatchError } from '../../src/k8s/patch.js';

describe('applyJsonPatch (RFC 6902)', () => {
  it('applies add, remove, replace, move, copy and test in order, leaving the input alone', () => {
    const doc = { a: { b: 1 }, list: [1, 2], 'x/y': 0 };
    const out = applyJsonPatch(doc, [
      { op: 'add', path: '/list/1', value: 9 },
      { op: 'add', path: '/list/-', value: 3 },
      { op: 'remove', path: '/x~1y' },
      { op: 'replace', path: '/a/b', value: 2 },
      { op: 'copy', from: '/a', path: '/c' },
      { op: 'move', from: '/c/b', path: '/d' },
      { op: 'test', path: '/d', value: 2 },
    ]);
    expect(out).toEqual({ a: { b: 2 }, list: [1, 9, 2, 3], c: {}, d: 2 });
    expect(doc).toEqual({ a: { b: 1 }, list: [1, 2], 'x/y': 0 });
  });

  it('names the operation that does not apply', () => {
    const fails = (ops: Parameters<typeof applyJsonPatch>[1]) => {
      try {
        applyJsonPatch({ a: [1] }, ops);
      } catch (err) {
        expect(err).toBeInstanceOf(PatchError);
        return `${(err as PatchError).operation} ${(err as Error).message}`;
      }
      return 'applied';
    };
    expect(
      fails([
        { op: 'test', path: '/a/0', value: 1 },
        { op: 'remove', path: '/b' },
      ]),
    ).toBe('1 remove /b: /b does not exist');
    expect(fails([{ op: 'replace', path: '/a/1', value: 2 }])).toBe(
      '0 replace /a/1: index 1 is past the end of a list of 1',
    );
    expect(fails([{ op: 'test', path: '/a/0', value: 2 }])).toBe('0 test /a/0: the value is 1, not 2');
    expect(fails([{ op: 'move', from: '/a', path: '/a/x' }])).toBe('0 move /a/x: cannot move a value into itself');
  });
});

describe('mergePartial (strategic-merge-like)', () => {
  it('merges maps, merges named lists by name, replaces other lists, deletes on null', () => {
    const base = { m: { a: 1, b: 2 }, named: [{ name: 'x', v: 1, keep: true }], plain: [1, 2] };
    expect(
      mergePartial(base, { m: { b: null, c: 3 }, named: [{ name: 'x', v: 2 }, { name: 'y' }], plain: [3] }),
    ).toEqual({
      m: { a: 1, c: 3 },
      named: [{ name: 'x', v: 2, keep: true }, { name: 'y' }],
      plain: [3],
    });
    expect(base.m).toEqual({ a: 1, b: 2 });
  });
});
