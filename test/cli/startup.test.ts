// Start-up stays light: `--version` and `--help` load the command files, commander and Node's own
// modules only; every heavy module (zod, yaml, kubernetes-models, mermaid, jiti, the graph, checks,
// synthesis, docs) is imported inside the action that needs it.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).href;
const BIN = new URL('../../bin/shipshape.js', import.meta.url).pathname;
const LOG_IMPORTS = new URL('./fixtures/log-imports.mjs', import.meta.url).pathname;

function modulesLoadedBy(...args: string[]): string[] {
  const r = spawnSync(process.execPath, ['--import', LOG_IMPORTS, BIN, ...args], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return r.stderr
    .split('\n')
    .filter((l) => l.startsWith('resolved '))
    .map((l) =>
      l
        .slice('resolved '.length)
        .replace(ROOT, '')
        // A worktree may link node_modules from elsewhere: name packages by their path inside it.
        .replace(/^file:\/\/.*?\/node_modules\//, 'node_modules/'),
    );
}

const ALLOWED =
  /^(node:.*|bin\/shipshape\.js|dist\/cli\/[a-z-]+\.js|dist\/diagnostics\/index\.js|node_modules\/commander\/.*)$/;

describe('CLI start-up', () => {
  for (const args of [['--version'], ['--help']]) {
    it(`shipshape ${args.join(' ')} imports only the command files and commander`, () => {
      const loaded = modulesLoadedBy(...args);
      expect(loaded).toContain('dist/cli/main.js'); // the log works: it saw the entry's imports
      expect(loaded.filter((url) => !ALLOWED.test(url))).toEqual([]);
    });
  }

  it('a command loads its heavy modules when it runs (the log sees lazy imports too)', () => {
    const loaded = modulesLoadedBy('schema');
    expect(loaded.some((url) => url.includes('node_modules/zod/'))).toBe(true);
  });
});
