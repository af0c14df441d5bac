// `shipshape docs <input> --out DIR [--html] [--profile P]`: ARCHITECTURE.md with Mermaid diagrams
// and tables, one `.mmd` per diagram and, with --html, a self-contained index.html.
import type { Command } from 'commander';
import { action } from './common.js';

export function register(program: Command): void {
  program
    .command('docs')
    .description('living architecture docs: ARCHITECTURE.md with Mermaid diagrams and tables, one .mmd per diagram')
    .argument('<input>', 'spec file, folder holding one, manifest file or folder, or - for stdin')
    .requiredOption('-o, --out <dir>', 'output folder (written atomically; files shipshape did not write are never touched)')
    .option('--html', 'also write index.html: a self-contained page that renders every diagram')
    .option('--title <title>', 'document title (default: the architecture name, else "Architecture")')
    .option('--profile <name>', 'spec profile (ignored for manifests)')
    .option('-n, --namespace <name>', 'namespace for manifest objects that carry none (default: default)')
    .action(action(async (input: string, opts: { out: string; html?: boolean; title?: string; profile?: string; namespace?: string }) => {
      const { statSync } = await import('node:fs');
      const { dirname, relative, isAbsolute } = await import('node:path');
      const { loadGraph } = await import('./input.js');
      const { buildArchitectureDocument, docsFiles } = await import('../docs/architecture.js');
      const { writeOutputDir } = await import('./write-output.js');
      const { graph, specFile } = await loadGraph(input, { profile: opts.profile, namespace: opts.namespace });
      // Manifest files are shown relative to the input folder; a spec's objects already carry the
      // relative file each would be written to.
      const base = input === '-' || specFile ? undefined : statSync(input).isDirectory() ? input : dirname(input);
      const fileName = (f: string) => (base !== undefined && (isAbsolute(f) || f.startsWith(base)) ? relative(base, f) || f : f);
      const doc = buildArchitectureDocument(graph, { source: input, title: opts.title, fileName });
      const files = await docsFiles(doc, Boolean(opts.html));
      const { written, removed } = await writeOutputDir(opts.out, files, { set: 'docs' });
      process.stdout.write(`wrote ${written.length} files to ${opts.out}${removed.length ? ` (removed ${removed.length} stale)` : ''}\n`);
    }));
}
