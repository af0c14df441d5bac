// `shipshape plan <input> [--json]`: the rollout phases, what each waits for, and why.
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
      .command('plan')
      .description('rollout plan: phases in dependency order, what each waits for, and why each object is where it is')
      .argument('<input>', INPUT_HELP),
    { json: 'print the plan as JSON: {phases: [{index, objects, waitFor, reasons}], cycles}', format: 'text | json' },
  ).action(
    action(async (input: string, opts: InputCliOptions) => {
      const format = outputFormat(opts, ['text', 'json']);
      const { loadGraph } = await import('../pipeline/input.js');
      const { computePlan, planToText } = await import('../plan/index.js');
      const { graph } = await loadGraph(input, opts);
      reportMessages(graph.messages);
      const plan = computePlan(graph);
      if (format === 'json') printJson(plan);
      else process.stdout.write(planToText(plan, colors()));
    }),
  );
}
