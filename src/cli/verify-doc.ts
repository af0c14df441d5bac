// `shipshape verify-doc DOC INPUT`: a hand-written architecture document (Mermaid flowcharts,
// Markdown tables, YAML blocks) held against the input's objects. Exit 0 nothing found, 1 items
// found, 2 bad input (including a document with no diagram and no table).
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import {
  action,
  colors,
  EXIT,
  INPUT_HELP,
  inputOptions,
  outputFormat,
  printJson,
  type InputCliOptions,
} from './common.js';
import { InputError } from '../diagnostics/index.js';

export function register(program: Command): void {
  inputOptions(
    program
      .command('verify-doc')
      .description('hold a hand-written architecture document against the manifests: diagrams, tables, YAML blocks')
      .argument('<doc>', 'Markdown document')
      .argument('<input>', INPUT_HELP),
    {
      json: 'print {"diagrams", "tables", "yamlBlocks", "items": [{"kind", "line", "message"}]}',
      format: 'text | json',
    },
  ).action(
    action(async (doc: string, input: string, opts: InputCliOptions) => {
      const format = outputFormat(opts, ['text', 'json']);
      let text: string;
      try {
        text = readFileSync(doc, 'utf8');
      } catch (err) {
        throw new InputError(`${doc}: cannot read: ${(err as Error).message}`, [], { file: doc });
      }
      const { loadGraph } = await import('../pipeline/input.js');
      const { verifyDocument } = await import('../review/verify-doc.js');
      const { graph } = await loadGraph(input, opts);
      const report = await verifyDocument(text, doc, graph);
      if (format === 'json') printJson(report);
      else {
        const c = colors();
        for (const item of report.items)
          process.stdout.write(`${doc}:${item.line}: ${c.bold(item.kind)}: ${item.message}\n`);
        process.stdout.write(
          c.dim(
            `${report.items.length} item(s) in ${report.diagrams} flowchart(s), ${report.tables} table(s), ${report.yamlBlocks} YAML block(s)\n`,
          ),
        );
      }
      return report.items.length ? EXIT.findings : EXIT.ok;
    }),
  );
}
