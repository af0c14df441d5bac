// The scale benchmark's inputs (bench/scale-input.mjs) under a V8 heap cap, on the bundled CLI:
// reach lists every allowed pair of the 10 MB dump (279,641: outside ranges are merged per
// workload and direction; cut into the 3 pieces of the full cut they are 282,033) without holding
// them (twin groups, merged lines, streamed output) — before, it aborted at this cap — and the
// count is the one reach yields in this process, uncapped. check finishes on the same dump under
// the same cap (about 3 s since field positions stopped composing every document with yaml).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS } from './fixtures.js';
import { loadGraph } from '../../src/pipeline/input.js';
import { computeReachability } from '../../src/graph/reach.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const BIN = join(ROOT, 'bin', 'shipshape.js');

let work: string;
const dump = () => join(work, 'dump-10mb.yaml');

/** The CLI under `--max-old-space-size`, stdout to a file (the test process holds none of it). */
function capped(heapMb: number, args: string[], out: string) {
  const fd = openSync(out, 'w');
  try {
    return spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, BIN, ...args], {
      stdio: ['ignore', fd, 'pipe'],
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
  } finally {
    closeSync(fd);
  }
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'shipshape-memory-cap-'));
  const r = spawnSync(process.execPath, [join(ROOT, 'bench', 'scale-input.mjs'), '10', dump(), CORPUS], {
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('scale inputs under a heap cap', () => {
  it('reach --json on the 10 MB dump (7,322 objects) within 128 MB of heap, every pair streamed', async () => {
    const out = join(work, 'reach.json');
    const r = capped(128, ['reach', '--json', dump()], out);
    expect(r.stderr).not.toMatch(/heap|allocation failed/i);
    expect(r.status).toBe(0);
    expect(statSync(out).size).toBeGreaterThan(30_000_000);
    const { connections, groups } = JSON.parse(readFileSync(out, 'utf8')) as {
      connections: unknown[];
      groups: Array<{ from: string[]; to: string[] }>;
    };
    const { graph } = await loadGraph(dump());
    let expected = 0;
    for (const _ of computeReachability(graph).pairs()) expected++;
    expect(expected).toBeGreaterThan(250_000);
    expect(connections).toHaveLength(expected);
    // The groups stand for the same pairs in a few hundred lines.
    expect(groups.length).toBeLessThan(400);
    const pairs = groups.reduce(
      (n, g) => n + g.from.length * g.to.length - g.from.filter((id) => g.to.includes(id)).length,
      0,
    );
    expect(pairs).toBe(expected);
  }, 120_000);

  it('check on the 10 MB dump within 128 MB of heap, exit 1 for its findings', () => {
    const r = capped(128, ['check', dump(), '--json'], join(work, 'check.json'));
    expect(r.stderr).not.toMatch(/heap|allocation failed/i);
    expect(r.status).toBe(1);
  }, 120_000);
});
