// End to end over the examples: `build` writes the monitoring files beside the manifests, and the
// written rule files and unit tests pass the real promtool as a user would run it.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { writeOutputDir } from '../../src/pipeline/write-output.js';
import { promtool } from './promtool.js';
import { buildSpec } from '../../src/pipeline/spec.js';

const EXAMPLES = new URL('../../examples/', import.meta.url).pathname;

async function buildExample(name: string): Promise<string> {
  const built = await buildSpec(`${EXAMPLES}${name}/architecture.ts`);
  const out = mkdtempSync(join(tmpdir(), `shipshape-${name}-`));
  await writeOutputDir(
    out,
    built.files.map(({ path, content }) => ({ path, content })),
    { set: 'build' },
  );
  return out;
}

describe.each([
  ['sagaz', ['OutboxHighLag', 'OutboxWorkerDown', 'OutboxHighErrorRate']],
  ['cartridge-warp', ['CartridgeWarpDown', 'CartridgeWarpHighErrorRate', 'CartridgeWarpReplicationLag']],
])('examples/%s', (name, seedAlerts) => {
  it('builds rule files that pass promtool check rules, and unit tests that pass promtool test rules', async () => {
    const out = await buildExample(name);
    const rules = join(out, 'monitoring/rules');
    const ruleFiles = readdirSync(rules).filter((f) => f.endsWith('.rules.yaml'));
    const testFiles = readdirSync(rules).filter((f) => f.endsWith('.test.yaml'));
    expect(ruleFiles.length).toBeGreaterThan(0);
    const check = promtool(['check', 'rules', ...ruleFiles], rules);
    expect(check.status, check.output).toBe(0);
    const test = promtool(['test', 'rules', ...testFiles], rules);
    expect(test.status, test.output).toBe(0);
    // The seed's alerts are among the tested ones.
    const tested = testFiles.flatMap((f) =>
      (
        load(readFileSync(join(rules, f), 'utf8')) as {
          tests: Array<{ alert_rule_test: Array<{ alertname: string }> }>;
        }
      ).tests.map((t) => t.alert_rule_test[0].alertname),
    );
    for (const alert of seedAlerts) expect(tested).toContain(alert);
    // A section per alert in the runbooks, and a dashboard per component.
    const runbooks = readFileSync(join(out, 'RUNBOOKS.md'), 'utf8');
    for (const alert of seedAlerts) expect(runbooks).toContain(`## ${alert}\n`);
    expect(readdirSync(join(out, 'monitoring/dashboards')).length).toBeGreaterThan(0);
  });
});
