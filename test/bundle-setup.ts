// Vitest global setup: the CLI tests run bin/shipshape.js, which loads the bundle in dist/bin/;
// remaking it here (about a second) means a test never runs a bundle older than src/. The CLI's
// validation cache (k8s/validation-cache.ts) goes to a folder of this test run, not the user's.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const r = spawnSync(process.execPath, [new URL('../scripts/bundle.mjs', import.meta.url).pathname], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`scripts/bundle.mjs failed:\n${r.stderr}`);
  const cache = mkdtempSync(join(tmpdir(), 'shipshape-test-cache-'));
  process.env.SHIPSHAPE_CACHE_DIR = cache; // the test processes, and the CLI they run, inherit it
  return () => rmSync(cache, { recursive: true, force: true });
}
