// architecture.ts files get type errors from defineArchitecture's types (checked with the real
// TypeScript compiler, `shipshape` resolving to this package as it does for users). One program
// compiles all cases: type-checking zod's types is the slow part.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const CASES = {
  valid: `{ type: 'worker', image: 'w:1', replicas: { min: 2, max: 4 } }`,
  wrongType: `{ type: 'wrker', image: 'w:1' }`,
  misspelt: `{ type: 'worker', imagee: 'w:1' }`,
  wrongValue: `{ type: 'worker', image: 'w:1', replicas: 'three' }`,
};

function diagnosticsByCase(): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-define-'));
  const files = Object.entries(CASES).map(([name, component]) => {
    const file = join(dir, `${name}.ts`);
    writeFileSync(
      file,
      `import { defineArchitecture } from 'shipshape';\nexport default defineArchitecture({ name: 'a', namespace: 'a', components: { w: ${component} } });\n`,
    );
    return file;
  });
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    baseUrl: dir,
    paths: { shipshape: [resolve('src/index.ts')] },
  });
  const out: Record<string, string> = Object.fromEntries(Object.keys(CASES).map((k) => [k, '']));
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const name = d.file ? d.file.fileName.slice(dir.length + 1).replace(/\.ts$/, '') : 'global';
    out[name] = `${out[name] ?? ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}\n`;
  }
  return out;
}

describe('defineArchitecture types', () => {
  it('accepts a valid spec, and rejects a wrong type name, a misspelt field and a wrong value type', () => {
    const d = diagnosticsByCase();
    expect(d.valid).toBe('');
    expect(d.global).toBeUndefined();
    expect(d.wrongType).toMatch(/"wrker"/);
    expect(d.misspelt).toMatch(/imagee/);
    expect(d.wrongValue).toMatch(/string/);
  }, 120_000);
});
