// The reviewed snapshot of findings over the corpus (issue 14): for every folder, how many findings
// each check makes, and every finding of the checks issue 14 added, by check, object and path.
// Each was read against the manifests (the review is in test/checks/corpus-snapshot.md); a change
// here is a change in what `check` reports on real applications and needs the same review.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/checks/index.js';
import { readManifests } from '../../src/k8s/read.js';
import { buildGraph } from '../../src/graph/index.js';
import { CORPUS } from '../shared-paths.js';
import { ISSUE_14_CHECKS } from './issue-14.js';

const SNAPSHOT = new URL('./corpus-snapshot.json', import.meta.url);
const FOLDERS = readdirSync(CORPUS, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'LICENSES')
  .map((d) => d.name)
  .sort();

async function snapshotOf(folder: string) {
  const { objects, messages } = await readManifests([`${CORPUS}/${folder}`]);
  const findings = runChecks(buildGraph(objects, messages));
  const counts: Record<string, number> = {};
  for (const f of findings) counts[f.check] = (counts[f.check] ?? 0) + 1;
  return {
    counts: Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1))),
    findings: findings
      .filter((f) => ISSUE_14_CHECKS.includes(f.check))
      .map((f) => `${f.severity} ${f.check} ${f.object}${f.path ? ` ${f.path}` : ''}`),
  };
}

describe('the reviewed corpus snapshot', () => {
  const expected = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as Record<string, unknown>;
  it('covers every corpus folder', () => {
    expect(Object.keys(expected).sort()).toEqual(FOLDERS);
  });
  it.each(FOLDERS)('%s reports what was reviewed', async (folder) => {
    expect(await snapshotOf(folder)).toEqual(expected[folder]);
  });
});
