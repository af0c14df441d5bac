// Runs vitest (with the tools scripts/install-tools.sh puts in .tools/ on PATH) with a JSON report and prints the plain "N passed, N failed" line CI reads.
// First the real tools the tests drive: installed when missing and root, else the run stops (scripts/tools.mjs).
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdirSync } from 'node:fs';
import { ensureTools, toolsPath } from './tools.mjs';

const stop = ensureTools();
if (stop) {
  console.error(stop);
  process.exit(1);
}

mkdirSync('test-artifacts', { recursive: true });
const report = 'test-artifacts/vitest-report.json';
const args = [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
];
const run = spawnSync('npx', args, {
  stdio: 'inherit',
  env: {
    ...process.env,
    NO_COLOR: process.env.NO_COLOR ?? '1',
    PATH: toolsPath(),
  },
});
let passed = 0,
  failed = 0,
  skipped = 0;
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests;
  skipped = r.numPendingTests + (r.numTodoTests ?? 0);
} catch {
  failed = Math.max(failed, 1);
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(run.status === 0 && failed === 0 && passed > 0 ? 0 : 1);
