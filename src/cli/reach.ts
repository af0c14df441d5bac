// `shipshape reach <input>`: who can talk to whom, on which ports, under the NetworkPolicies.
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
import { InputError } from '../diagnostics/index.js';

export function register(program: Command): void {
  inputOptions(
    program
      .command('reach')
      .description('list the connections the NetworkPolicies allow between workloads and to/from outside the cluster')
      .argument('<input>', INPUT_HELP),
    { json: 'print {"connections": [{"from", "to", "ports"}]}', format: 'text | json' },
  ).action(
    action(async (input: string, opts: InputCliOptions) => {
      const format = outputFormat(opts, ['text', 'json']);
      const { loadGraph } = await import('../pipeline/input.js');
      const { graph } = await loadGraph(input, opts);
      reportMessages(graph.messages);
      const { computeReachability } = await import('../graph/reach.js');
      const reach = computeReachability(graph);
      if (reach.problems.length > 0) {
        // A policy the API server would reject never exists in a cluster: reachability without it would mislead.
        throw new InputError(
          `${reach.problems.length} NetworkPolicy field(s) the API server would reject`,
          reach.problems.map((p) => {
            const source = graph.byId.get(p.object)?.source;
            const where = source?.file
              ? `${source.file}${source.line ? `:${source.line}` : source.document !== undefined ? ` document ${source.document}` : ''} `
              : '';
            return `${where}${p.object} ${p.path}: ${p.message}`;
          }),
        );
      }
      const connections = reach.connections();
      if (format === 'json') {
        printJson({ connections: connections.map(({ from, to, ports }) => ({ from, to, ports: ports.toJSON() })) });
        return;
      }
      const c = colors();
      const rows = connections.map(({ from, to, ports }) => [from, to, ports.toString()]);
      const widths = [0, 1].map((i) => Math.max(i === 0 ? 4 : 2, ...rows.map((r) => r[i].length)));
      const line = (cells: string[]) =>
        `${cells[0].padEnd(widths[0])}  ${cells[1].padEnd(widths[1])}  ${cells[2]}`.trimEnd();
      process.stdout.write(`${c.bold(line(['FROM', 'TO', 'PORTS']))}\n`);
      for (const r of rows) process.stdout.write(`${line(r)}\n`);
      process.stdout.write(
        c.dim(
          `${connections.length} allowed connection(s) between ${reach.workloads.length} workload(s) and ${reach.externals.length} external range(s), under ${reach.policies.length} NetworkPolicy object(s)\n`,
        ),
      );
    }),
  );
}
