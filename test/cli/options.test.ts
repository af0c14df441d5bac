// The shared input options (cli/common.ts inputOptions/outputFormat) on build, docs and summary:
// the same flags, defaults and bad-format message as graph, reach, plan and check.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/shipshape.js', import.meta.url).pathname;
const CORPUS = new URL('../../../shared/corpus/', import.meta.url).pathname;

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('shared input options', () => {
  it('summary: --format json is --json; an unknown format is bad input (exit 2)', () => {
    const json = run('summary', `${CORPUS}sock-shop`, '--json');
    expect(json.code).toBe(0);
    const format = run('summary', `${CORPUS}sock-shop`, '--format', 'json');
    expect(format.code).toBe(0);
    expect(format.stdout).toBe(json.stdout);
    expect(JSON.parse(format.stdout).totals.atMax.cpuRequestMillis).toBeGreaterThan(0);
    const bad = run('summary', `${CORPUS}sock-shop`, '--format', 'yaml');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format: expected text or json, got "yaml"');
  });

  it('summary and docs --help name the shared namespace and profile options; docs offers no --json, and its --format picks the files', () => {
    for (const command of ['summary', 'docs']) {
      const help = run(command, '--help').stdout;
      expect(help).toMatch(
        /-n, --namespace <ns>\s+namespace for manifest objects that have none \(default:\s+"default"\)/,
      );
      expect(help).toContain('--profile <profile>');
    }
    expect(run('summary', '--help').stdout).toMatch(/--format <format>\s+text \| json \(default: "text"\)/);
    const docsHelp = run('docs', '--help').stdout;
    expect(docsHelp).not.toMatch(/--json/);
    expect(docsHelp).toMatch(/--format <format>\s+markdown:/);
    expect(docsHelp).toMatch(/json:\s+diagrams\.json/);
    expect(docsHelp).toMatch(/\(default: "markdown"\)/);
  });

  it('build --help names the environment that moves or turns off its validation cache', () => {
    const help = run('build', '--help').stdout;
    expect(help).toMatch(/Environment:\n\s+SHIPSHAPE_CACHE_DIR\s+where build keeps which objects it found valid/);
    expect(help).toMatch(/SHIPSHAPE_CACHE=off\s+validate every object and keep nothing/);
  });

  it('build: --json does not stand for --format json (it lists what a plain build wrote)', () => {
    const r = run('build', 'examples/sagaz', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).files.length).toBeGreaterThan(1);
  });
});
