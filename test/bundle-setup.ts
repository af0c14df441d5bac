// Vitest global setup: the CLI tests run bin/shipshape.js, which loads the bundle in dist/bin/;
// remaking it here (about a second) means a test never runs a bundle older than src/.
import { spawnSync } from 'node:child_process';

export default function setup(): void {
  const r = spawnSync(process.execPath, [new URL('../scripts/bundle.mjs', import.meta.url).pathname], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`scripts/bundle.mjs failed:\n${r.stderr}`);
}
