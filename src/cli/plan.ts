// `shipshape plan <input> [--json]`: the rollout phases, what each waits for, and why.
import type { Command } from 'commander';
import { action, colors, InputError, printJson } from './common.js';

export function register(program: Command): void {
  program
    .command('plan')
    .description('rollout plan: phases in dependency order, what each waits for, and why each object is where it is')
    .argument('<input>', 'spec file, folder holding one, manifest file or folder, or - for stdin')
    .option('--json', 'print the plan as JSON: {phases: [{index, objects, waitFor, reasons}], cycles}')
    .option('--format <format>', 'text | json', 'text')
    .option('-n, --namespace <ns>', 'namespace for manifest objects that have none', 'default')
    .option('--profile <profile>', 'spec profile to apply')
    .action(action(async (input: string, opts: { json?: boolean; format: string; namespace: string; profile?: string }) => {
      if (!['text', 'json'].includes(opts.format)) throw new InputError(`--format: expected text or json, got ${JSON.stringify(opts.format)}`);
      const { loadGraph } = await import('./input.js');
      const { computePlan, planToText } = await import('../plan/index.js');
      const { graph } = await loadGraph(input, { namespace: opts.namespace, profile: opts.profile });
      // Documents that could not be read are missing from the plan: say so, on stderr.
      for (const m of graph.messages) if (m.severity !== 'info') process.stderr.write(`shipshape: ${m.severity}: ${m.message}\n`);
      const plan = computePlan(graph);
      if (opts.json || opts.format === 'json') printJson(plan);
      else process.stdout.write(planToText(plan, colors()));
    }));
}
