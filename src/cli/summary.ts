// `shipshape summary <input> [--json | --format text|json]`: resource requirements per component and in total, at
// minimum replicas and at the HPA maximum, with storage. The numbers come from sim/resources.ts,
// the same the docs' resource table and the capacity checks use.
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
      .command('summary')
      .description('resource requirements per component and in total (requests and limits × replicas, storage)')
      .argument('<input>', INPUT_HELP),
    {
      json: 'print {"components": [{"id", "replicas", "perReplica", "atMin", "atMax", "storageBytes"}], "totals"} with exact integers',
      format: 'text | json',
    },
  ).action(
    action(async (input: string, opts: InputCliOptions) => {
      const format = outputFormat(opts, ['text', 'json']);
      const { loadGraph } = await import('../pipeline/input.js');
      const { summarizeResources } = await import('../sim/resources.js');
      const { graph } = await loadGraph(input, opts);
      reportMessages(graph.messages);
      const summary = summarizeResources(graph);
      if (format === 'json') {
        printJson(summary);
        return;
      }
      const { formatCpu, formatBytes } = await import('../vocabulary/quantity.js');
      const c = colors();
      const pair = (cpu: number, mem: number) => `${formatCpu(cpu)} / ${formatBytes(mem)}`;
      const rows = summary.components.map((x) => [
        x.id,
        x.replicas.min === x.replicas.max ? `${x.replicas.min}` : `${x.replicas.min}-${x.replicas.max}`,
        pair(x.atMin.cpuRequestMillis, x.atMin.memoryRequestBytes),
        pair(x.atMax.cpuRequestMillis, x.atMax.memoryRequestBytes),
        pair(x.atMax.cpuLimitMillis, x.atMax.memoryLimitBytes),
        formatBytes(x.storageBytes),
      ]);
      const t = summary.totals;
      rows.push([
        'total',
        '',
        pair(t.atMin.cpuRequestMillis, t.atMin.memoryRequestBytes),
        pair(t.atMax.cpuRequestMillis, t.atMax.memoryRequestBytes),
        pair(t.atMax.cpuLimitMillis, t.atMax.memoryLimitBytes),
        formatBytes(t.storageBytes),
      ]);
      const header = ['component', 'replicas', 'requests at min', 'requests at max', 'limits at max', 'storage'];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
      const line = (r: string[]) =>
        r
          .map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i])))
          .join('  ')
          .trimEnd();
      const out = [c.bold(line(header)), ...rows.slice(0, -1).map(line), c.bold(line(rows[rows.length - 1]))];
      process.stdout.write(`${out.join('\n')}\n`);
    }),
  );
}
