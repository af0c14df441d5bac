// The layering of docs/design.md, enforced: every import between files of src/ (static, dynamic,
// `export … from`, type-only ones too) goes only where the table below allows, and no chain of
// imports between files comes back to where it started. No exceptions are listed.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Which parts each part may import, besides itself and the two leaves every part may import
 * (`diagnostics`, and `vocabulary`, which imports only `diagnostics`). `index` is src/index.ts,
 * the library entry of `defineArchitecture` users.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  diagnostics: [],
  vocabulary: ['diagnostics'],
  k8s: [],
  spec: [],
  synth: ['spec', 'k8s'],
  graph: ['k8s'],
  sim: ['graph', 'k8s'],
  checks: ['graph', 'k8s', 'sim'],
  docs: ['graph', 'k8s', 'sim', 'plan'],
  plan: ['graph', 'k8s'],
  review: ['graph', 'k8s', 'sim', 'checks', 'plan', 'docs'],
  pipeline: ['k8s', 'spec', 'synth', 'graph', 'sim', 'checks', 'docs', 'plan', 'review'],
  // …and the library entry, which it hands to code specs as their `shipshape` (spec/library.ts).
  cli: ['pipeline', 'k8s', 'spec', 'synth', 'graph', 'sim', 'checks', 'docs', 'plan', 'review', 'index'],
  // The library's public surface: the spec's types and defineArchitecture, the object types a spec
  // author and a program reading synthesis results name.
  index: ['spec', 'synth', 'k8s'],
};
const LEAVES = ['diagnostics', 'vocabulary'];

/** `src/graph/build.ts` → `graph`; a file directly in src/ is its own part (`src/index.ts` → `index`). */
function partOf(file: string): string {
  const [, first, second] = file.split('/');
  return second === undefined ? first.replace(/\.ts$/, '') : first;
}

function allowed(from: string, to: string): boolean {
  if (from === to) return true;
  if (from === 'diagnostics') return false;
  if (from === 'vocabulary') return to === 'diagnostics';
  return LEAVES.includes(to) || (MAY_IMPORT[from] ?? []).includes(to);
}

/** The src/ files each file imports (relative specifiers; `./x.js` names `./x.ts`). */
function importGraph(files: ReadonlyMap<string, string>): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const [file, text] of files) {
    // preProcessFile lists `import`, `import type`, `export … from`, side-effect and dynamic imports.
    const specifiers = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
    graph.set(
      file,
      specifiers
        .filter((s) => s.startsWith('.'))
        .map((s) => posix.normalize(posix.join(posix.dirname(file), s)).replace(/\.js$/, '.ts')),
    );
  }
  return graph;
}

/** Every import that breaks the layering or names no file, and every import cycle (as its path). */
function layeringProblems(files: ReadonlyMap<string, string>): string[] {
  const graph = importGraph(files);
  const problems: string[] = [];
  for (const [file, targets] of graph) {
    for (const target of targets) {
      if (!files.has(target)) problems.push(`${file} imports ${target}, which is not a file of src/`);
      else if (!allowed(partOf(file), partOf(target)))
        problems.push(`${file} imports ${target}: ${partOf(file)} may not import ${partOf(target)}`);
    }
  }
  return [...problems, ...cycles(graph).map((c) => `import cycle: ${c.join(' → ')}`)];
}

/** One cycle per strongly connected group of files (Tarjan), each written as a closed path. */
function cycles(graph: ReadonlyMap<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group = new Set<string>();
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.add(w);
    } while (w !== v);
    if (group.size > 1 || (graph.get(v) ?? []).includes(v)) found.push(pathThrough(v, group, graph));
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return found;
}

/** A shortest path from `start` back to itself inside its strongly connected group (breadth first). */
function pathThrough(start: string, group: ReadonlySet<string>, graph: ReadonlyMap<string, string[]>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!group.has(w)) continue;
      if (w === start) {
        const chain: string[] = [];
        for (let at = v; at !== start; at = previous.get(at)!) chain.unshift(at);
        return [start, ...chain, start];
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  throw new Error(`${start} is in a group of files that import each other but on no cycle`);
}

function sourceFiles(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts'))
        files.set(relative(dirname(root), path).split('\\').join('/'), readFileSync(path, 'utf8'));
    }
  };
  walk(root);
  return files;
}

describe('layering (docs/design.md)', () => {
  it('src/ has no import that breaks the layering and no import cycle', () => {
    const files = sourceFiles(new URL('../src', import.meta.url).pathname);
    expect(files.size).toBeGreaterThan(100);
    expect(layeringProblems(files)).toEqual([]);
  });

  it('catches a lower part importing a higher one, type-only and dynamic imports and re-exports included', () => {
    const files = new Map([
      ['src/k8s/read.ts', "import type { Graph } from '../graph/model.js';"],
      ['src/graph/model.ts', "export { main } from '../cli/main.js';"],
      ['src/spec/load.ts', "const m = await import('../synth/index.js');"],
      ['src/diagnostics/index.ts', "import { TIERS } from '../vocabulary/components.js';"],
      ['src/vocabulary/components.ts', "import { InputError } from '../diagnostics/index.js';"],
      ['src/synth/index.ts', "import { nope } from './missing.js';"],
      ['src/cli/main.ts', "import { x } from '../pipeline/input.js';"],
      ['src/pipeline/input.ts', "import { y } from '../vocabulary/components.js';"],
    ]);
    expect(layeringProblems(files)).toEqual([
      'src/k8s/read.ts imports src/graph/model.ts: k8s may not import graph',
      'src/graph/model.ts imports src/cli/main.ts: graph may not import cli',
      'src/spec/load.ts imports src/synth/index.ts: spec may not import synth',
      'src/diagnostics/index.ts imports src/vocabulary/components.ts: diagnostics may not import vocabulary',
      'src/synth/index.ts imports src/synth/missing.ts, which is not a file of src/',
      'import cycle: src/vocabulary/components.ts → src/diagnostics/index.ts → src/vocabulary/components.ts',
    ]);
  });

  it('reports an import cycle inside one part with its path', () => {
    const files = new Map([
      ['src/graph/a.ts', "import { b } from './b.js';"],
      ['src/graph/b.ts', "import type { C } from './c.js';"],
      ['src/graph/c.ts', "export { a } from './a.js';"],
      ['src/graph/d.ts', "import { a } from './a.js';"],
    ]);
    expect(layeringProblems(files)).toEqual([
      'import cycle: src/graph/a.ts → src/graph/b.ts → src/graph/c.ts → src/graph/a.ts',
    ]);
  });
});
