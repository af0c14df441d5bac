// `shipshape graph <input>`: the derived architecture graph, as documented JSON or a summary.
import type { Command } from 'commander';
import { action, colors, printJson } from './common.js';

export function register(program: Command): void {
  program
    .command('graph')
    .description('derive the architecture graph (objects and typed edges) from a spec or manifests')
    .argument('<input>', 'spec file, folder holding one, manifest file or folder, or - for stdin')
    .option('--json', 'print the graph as JSON: {nodes, edges, messages}')
    .option('--format <format>', 'text | json', 'text')
    .option('-n, --namespace <ns>', 'namespace for manifest objects that have none', 'default')
    .option('--profile <profile>', 'spec profile to apply')
    .action(action(async (input: string, opts: { json?: boolean; format: string; namespace: string; profile?: string }) => {
      const { InputError } = await import('./common.js');
      if (!['text', 'json'].includes(opts.format)) throw new InputError(`--format: expected text or json, got ${JSON.stringify(opts.format)}`);
      const { loadGraph } = await import('./input.js');
      const { graph } = await loadGraph(input, { namespace: opts.namespace, profile: opts.profile });
      const { graphToJson, summarizeGraph } = await import('../graph/index.js');
      if (opts.json || opts.format === 'json') printJson(graphToJson(graph));
      else process.stdout.write(summarizeGraph(graph, colors()));
      // Bad documents are reported in the output and the rest is still read: not a failure.
    }));
}
