import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeWhole } from '../../src/k8s/write-whole.js';

const dir = mkdtempSync(join(tmpdir(), 'shipshape-write-whole-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeWhole', () => {
  it('replaces a file with the new content, leaving nothing beside it', () => {
    const file = join(dir, 'a');
    writeFileSync(file, 'old');
    writeWhole(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['a']);
  });

  it('throws when the file cannot be replaced, and leaves no temporary file behind', () => {
    const sub = join(dir, 'sub');
    const target = join(sub, 'taken');
    mkdirSync(join(target, 'inside'), { recursive: true }); // a non-empty folder: rename cannot replace it
    expect(() => writeWhole(target, 'x')).toThrow();
    expect(readdirSync(sub)).toEqual(['taken']);
  });
});
