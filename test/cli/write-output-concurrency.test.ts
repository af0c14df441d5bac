// writeOutputDir works on all files at once (issue 16): the guard stats and hashes every path in
// one concurrent pass, and the files are written concurrently. Counted through node:fs/promises.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => {
  const track = { stat: [] as string[], inFlight: { stat: 0, writeFile: 0 }, most: { stat: 0, writeFile: 0 } };
  return track;
});

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const counted =
    <A extends unknown[], R>(name: 'stat' | 'writeFile', fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (name === 'stat') calls.stat.push(String(args[0]));
      calls.most[name] = Math.max(calls.most[name], ++calls.inFlight[name]);
      try {
        return await fn(...args);
      } finally {
        calls.inFlight[name]--;
      }
    };
  return { ...fs, stat: counted('stat', fs.stat), writeFile: counted('writeFile', fs.writeFile) };
});

const { writeOutputDir } = await import('../../src/pipeline/write-output.js');

const parent = mkdtempSync(join(tmpdir(), 'shipshape-out-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));
const files = (n: number, content: string) =>
  Array.from({ length: n }, (_, i) => ({ path: `dir${i % 3}/f${i}.yaml`, content }));

beforeEach(() => {
  calls.stat.length = 0;
  calls.most = { stat: 0, writeFile: 0 };
});

describe('writeOutputDir: one concurrent pass', () => {
  it('writes the files concurrently', async () => {
    await writeOutputDir(join(parent, 'a'), files(12, 'one\n'));
    expect(calls.most.writeFile).toBeGreaterThan(1);
  });

  it('stats each path once, concurrently, on a re-run that rewrites some files and drops others', async () => {
    const out = join(parent, 'b');
    await writeOutputDir(out, files(12, 'one\n'));
    calls.stat.length = 0;
    calls.most = { stat: 0, writeFile: 0 };
    const { removed } = await writeOutputDir(out, files(8, 'two\n'));
    expect(removed).toHaveLength(4);
    const perPath = calls.stat.filter((p) => p !== out);
    expect(perPath).toHaveLength(12);
    expect(new Set(perPath).size).toBe(12);
    expect(calls.most.stat).toBeGreaterThan(1);
  });
});
