// npm test never silently skips the tests that drive chromium, promtool and shellcheck: missing
// tools are installed when root, and otherwise the run stops naming the one command to run.
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ensureTools, INSTALL_COMMAND, missingTools } from '../../scripts/tools.mjs';

const empty = mkdtempSync(join(tmpdir(), 'shipshape-tools-'));
const stubs = mkdtempSync(join(tmpdir(), 'shipshape-tools-'));
afterAll(() => [empty, stubs].forEach((d) => rmSync(d, { recursive: true, force: true })));
for (const tool of ['promtool', 'shellcheck']) {
  writeFileSync(join(stubs, tool), '#!/bin/sh\n');
  chmodSync(join(stubs, tool), 0o755);
}

describe('npm test: the real tools', () => {
  it('finds promtool and shellcheck on the PATH it is given', () => {
    expect(missingTools(empty)).toEqual(expect.arrayContaining(['promtool', 'shellcheck']));
    expect(missingTools(stubs)).not.toContain('promtool');
    expect(missingTools(stubs)).not.toContain('shellcheck');
  });

  it('not root: stops with the one command to run, installing nothing', () => {
    const install = vi.fn();
    const message = ensureTools({ path: empty, isRoot: false, install });
    expect(message).toContain(INSTALL_COMMAND);
    expect(message).toMatch(/promtool, shellcheck/);
    expect(install).not.toHaveBeenCalled();
  });

  it('root: installs, and still stops when the install did not bring them', () => {
    const install = vi.fn();
    expect(ensureTools({ path: empty, isRoot: true, install })).toMatch(/still missing/);
    expect(install).toHaveBeenCalledTimes(1);
  });

  it('nothing to do when every tool is there', () => {
    // chromium is looked for where Debian puts it; npm test has made sure of it before this runs.
    expect(existsSync('/usr/bin/chromium')).toBe(true);
    const install = vi.fn();
    expect(ensureTools({ path: stubs, isRoot: true, install })).toBeUndefined();
    expect(install).not.toHaveBeenCalled();
  });
});
