// architecture.ts files get type errors from defineArchitecture's types (checked with the real
// TypeScript compiler, `shipshape` resolving to this package as it does for users).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

function diagnostics(source: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-define-'));
  const file = join(dir, 'architecture.ts');
  writeFileSync(file, source);
  const program = ts.createProgram([file], {
    strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
    baseUrl: dir, paths: { shipshape: [resolve('src/index.ts')] },
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

const spec = (component: string) => `import { defineArchitecture } from 'shipshape';
export default defineArchitecture({ name: 'a', namespace: 'a', components: { w: ${component} } });
`;

describe('defineArchitecture types', () => {
  it('accepts a valid spec, and rejects a wrong type name, a misspelt field and a wrong value type', () => {
    expect(diagnostics(spec(`{ type: 'worker', image: 'w:1', replicas: { min: 2, max: 4 } }`))).toEqual([]);
    expect(diagnostics(spec(`{ type: 'wrker', image: 'w:1' }`)).join('\n')).toMatch(/"wrker"/);
    expect(diagnostics(spec(`{ type: 'worker', imagee: 'w:1' }`)).join('\n')).toMatch(/imagee/);
    expect(diagnostics(spec(`{ type: 'worker', image: 'w:1', replicas: 'three' }`)).join('\n')).toMatch(/string/);
  }, 60_000);
});
