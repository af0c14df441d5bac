// `shipshape docs <input> --out DIR [--html] [--profile P]`: ARCHITECTURE.md with Mermaid diagrams
// and tables, one `.mmd` per diagram and, with --html, a self-contained index.html.
import type { Command } from 'commander';
import { action, reportMessages, INPUT_HELP, inputOptions, outputFormat, type InputCliOptions } from './common.js';

export function register(program: Command): void {
  inputOptions(
    program
      .command('docs')
      .description('living architecture docs: ARCHITECTURE.md with Mermaid diagrams and tables, one .mmd per diagram')
      .argument('<input>', INPUT_HELP)
      .requiredOption(
        '-o, --out <dir>',
        'output folder (written atomically; files shipshape did not write are never touched)',
      )
      .option('--html', 'also write index.html: a self-contained page that renders every diagram')
      .option(
        '--format <format>',
        'markdown: ARCHITECTURE.md and one .mmd per diagram; json: diagrams.json, every diagram as data (docs/diagram-model.md)',
        'markdown',
      )
      .option('--title <title>', 'document title (default: the architecture name, else "Architecture")'),
  ).action(
    action(
      async (input: string, opts: Omit<InputCliOptions, 'json'> & { out: string; html?: boolean; title?: string }) => {
        const { DOCS_FORMATS, generateDocs } = await import('../pipeline/docs.js');
        const format = DOCS_FORMATS.find((f) => f === outputFormat({ format: opts.format }, DOCS_FORMATS));
        const { writeOutputDir } = await import('../pipeline/write-output.js');
        const { files, messages } = await generateDocs(input, {
          profile: opts.profile,
          namespace: opts.namespace,
          render: opts.render,
          strict: opts.strict,
          html: opts.html,
          title: opts.title,
          format,
        });
        // Bad documents were skipped and the rest documented: say so, without failing.
        reportMessages(messages);
        const { written, removed } = await writeOutputDir(opts.out, files, { set: 'docs' });
        process.stdout.write(
          `wrote ${written.length} files to ${opts.out}${removed.length ? ` (removed ${removed.length} stale)` : ''}\n`,
        );
      },
    ),
  );
}
