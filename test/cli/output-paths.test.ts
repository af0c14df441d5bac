// Output paths the file system refuses and a stdout closed early, as users hit them with the
// compiled CLI: exit 2 with one line (never "internal error", never a spin), or a quiet exit 0.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS } from '../shared-paths.js';

const BIN = new URL('../../bin/shipshape.js', import.meta.url).pathname;

function run(args: string[], timeout = 10_000) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    timeout,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

describe('an output folder the file system refuses', () => {
  const parent = mkdtempSync(join(tmpdir(), 'shipshape-outpath-'));
  const file = join(parent, 'a-file');
  writeFileSync(file, 'x');

  it.each([
    ['under a regular file (ENOTDIR)', join(file, 'docs'), 'ENOTDIR'],
    ['deeper under a regular file (ENOTDIR)', join(file, 'a', 'b'), 'ENOTDIR'],
    ['in /proc, where mkdir answers ENOENT (recursive mkdir spun there)', '/proc/nope', 'ENOENT'],
    ['in /sys (EPERM)', '/sys/shipshape-nope', 'EPERM'],
  ])('docs --out %s: exit 2, one line, nothing written', (_what, out, code) => {
    const r = run(['docs', 'examples/sagaz', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringContaining(`shipshape: ${out}: cannot write`)]);
    expect(r.stderr).toContain(code);
    expect(r.stderr).not.toContain('internal error');
    expect(existsSync(out)).toBe(false);
  });

  it('build --out under a regular file: exit 2, and nothing is written beside it', () => {
    const r = run(['build', 'examples/sagaz', '--out', join(file, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write the output folder: ENOTDIR/);
    expect(readdirSync(parent)).toEqual(['a-file']);
  });

  it('/proc/nope fails fast (it spun at 100% CPU before)', () => {
    const r = run(['build', 'examples/sagaz', '--out', '/proc/nope'], 5_000);
    expect(r.code).toBe(2);
    expect(r.ms).toBeLessThan(5_000);
  });

  it('missing parents of the output folder are still created', () => {
    const out = join(parent, 'new', 'deeper', 'docs');
    const r = run(['docs', 'examples/sagaz', '--out', out]);
    expect(r.code).toBe(0);
    expect(existsSync(join(out, 'ARCHITECTURE.md'))).toBe(true);
  });
});

describe('a closed stdout', () => {
  it.each([['reach'], ['graph', '--json'], ['check']])(
    '`shipshape %s … | head -1` ends quietly with exit 0',
    (...args) => {
      const r = spawnSync(
        'bash',
        ['-c', `"${process.execPath}" "${BIN}" ${args.join(' ')} "$1" | head -1; exit \${PIPESTATUS[0]}`, '-', CORPUS],
        { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
      );
      expect(r.stderr).not.toMatch(/EPIPE|Error/);
      expect(r.stdout.split('\n').length).toBe(2);
      expect(r.status).toBe(0);
    },
  );
});
