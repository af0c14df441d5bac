// Each example's generated docs are committed under examples/<name>/docs/ so they read on the
// repository page. This fails when they are out of date; regenerate with
//   node bin/shipshape.js docs examples/<name> --out examples/<name>/docs
import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { generateDocs } from '../../src/docs/generate.js';
import { parseMermaid } from './mermaid-parser.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const examples = readdirSync(join(ROOT, 'examples'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(ROOT, 'examples', d.name, 'architecture.ts')))
  .map((d) => d.name)
  .sort();

beforeAll(() => {
  // The document names its input as the user typed it: `examples/<name>` from the repository root.
  process.chdir(ROOT);
});

describe('committed example docs', () => {
  it('include sagaz', () => {
    expect(examples).toContain('sagaz');
  });

  for (const name of examples) {
    it(`examples/${name}/docs is up to date and every diagram parses`, async () => {
      const files = await generateDocs(`examples/${name}`);
      const dir = join(ROOT, 'examples', name, 'docs');
      for (const f of files) {
        const path = join(dir, f.path);
        const committed = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
        expect(committed, `examples/${name}/docs/${f.path} is out of date: run node bin/shipshape.js docs examples/${name} --out examples/${name}/docs`).toBe(f.content);
        if (f.path.endsWith('.mmd')) await expect(parseMermaid(f.content)).resolves.toMatch(/flowchart|sequence/);
      }
      // no committed diagram the generator no longer writes
      const generated = new Set(files.map((f) => f.path));
      expect(readdirSync(dir).filter((p) => p.endsWith('.mmd') && !generated.has(p))).toEqual([]);
    });
  }
});
