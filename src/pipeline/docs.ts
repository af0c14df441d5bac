// From an input (spec or manifests, as every command takes it) to the files `docs` writes.
// The docs command and the examples' up-to-date test both go through here, so they agree.
import { statSync } from 'node:fs';
import { dirname, isAbsolute, relative } from 'node:path';
import { loadGraph, type InputOptions } from './input.js';
import { buildArchitectureDocument, docsFiles, type DocsFormat } from '../docs/architecture.js';

export { DOCS_FORMATS } from '../docs/architecture.js';
import type { Message } from '../diagnostics/index.js';
import { startStage } from '../diagnostics/progress.js';
import type { OutputFile } from '../vocabulary/output-file.js';

export interface GenerateOptions extends InputOptions {
  html?: boolean;
  format?: DocsFormat;
  title?: string;
}

/** The files to write, and what the reader and graph had to say about the input (bad documents …). */
export async function generateDocs(
  input: string,
  opts: GenerateOptions = {},
): Promise<{ files: OutputFile[]; messages: Message[] }> {
  const { graph, specFile } = await loadGraph(input, opts);
  // Manifest files are shown relative to the input folder, so the document does not depend on
  // where the input sits; a spec's objects already carry the relative file each is written to.
  const base = input === '-' || specFile ? undefined : statSync(input).isDirectory() ? input : dirname(input);
  const fileName = (f: string) =>
    base !== undefined && (isAbsolute(f) || f.startsWith(base)) ? relative(base, f) || f : f;
  const stage = startStage('writing the architecture document', () => `${graph.nodes.length} objects`);
  try {
    const doc = buildArchitectureDocument(graph, { source: input, title: opts.title, fileName });
    return { files: await docsFiles(doc, Boolean(opts.html), opts.format), messages: graph.messages };
  } finally {
    stage.end();
  }
}
