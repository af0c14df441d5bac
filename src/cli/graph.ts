// `shipshape graph <input>`: the derived architecture graph, as documented JSON or a summary.
import type { Command } from 'commander';
import {
  action,
  reportMessages,
  colors,
  INPUT_HELP,
  inputOptions,
  outputFormat,
  printJson,
  type InputCliOptions,
} from './common.js';

export function register(program: Command): void {
  inputOptions(
    program
      .command('graph')
      .description('derive the architecture graph (objects and typed edges) from a spec or manifests')
      .argument('<input>', INPUT_HELP),
    { json: 'print the graph as JSON: {nodes, edges, messages}', format: 'text | json' },
  ).action(
    action(async (input: string, opts: InputCliOptions) => {
      const format = outputFormat(opts, ['text', 'json']);
      const { loadGraph } = await import('../pipeline/input.js');
      const { graph } = await loadGraph(input, opts);
      reportMessages(graph.messages);
      const { graphToJson, summarizeGraph } = await import('../graph/index.js');
      if (format === 'json') printJson(graphToJson(graph));
      else process.stdout.write(summarizeGraph(graph, colors()));
    }),
  );
}
