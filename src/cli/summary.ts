// `shipshape summary <input> [--json | --format text|json]`: resource requirements per component and in total, at
// minimum replicas and at the HPA maximum, with storage. The numbers come from sim/resources.ts,
// the same the docs' resource table and the capacity checks use.
import type { Command } from 'commander';
import { action, colors, INPUT_HELP, inputOptions, outputFormat, printJson, type InputCliOptions } from './common.js';

export function register(program: Command): void {
  inputOptions(
    program
      .command('summary')
      .description('resource requirements per component and in total (requests and limits × replicas, storage)')
      .argument('<input>', INPUT_HELP),
    {
      json: 'print {"components": [{"id", "replicas", "perReplica", "atMin", "atMax", "storageBytes"}], "totals": {"atMin", "atMax", "storageBytes", "steady", "runs", "peak"}} with exact integers',
      format: 'text | json',
    },
  ).action(
    action(async (input: string, opts: InputCliOptions) => {
      const format = outputFormat(opts, ['text', 'json']);
      const { loadGraph } = await import('../pipeline/input.js');
      const { summarizeResources, runsTotal } = await import('../sim/resources.js');
      const { graph } = await loadGraph(input, opts);
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
      const running = t.runs.filter((r) => !r.suspended);
      const runs = runsTotal(t.runs);
      const suspended = t.runs.length - running.length;
      // Steady state first: what the application takes all the time; then what its runs add at most.
      const totals = [
        [
          'steady (long-running)',
          '',
          pair(t.steady.atMin.cpuRequestMillis, t.steady.atMin.memoryRequestBytes),
          pair(t.steady.atMax.cpuRequestMillis, t.steady.atMax.memoryRequestBytes),
          pair(t.steady.atMax.cpuLimitMillis, t.steady.atMax.memoryLimitBytes),
          '',
        ],
        [
          `one run of each job (${running.length}${suspended ? `, ${suspended} suspended` : ''})`,
          '',
          '',
          pair(runs.cpuRequestMillis, runs.memoryRequestBytes),
          pair(runs.cpuLimitMillis, runs.memoryLimitBytes),
          '',
        ],
        [
          'peak (steady at max + runs)',
          '',
          '',
          pair(t.peak.cpuRequestMillis, t.peak.memoryRequestBytes),
          pair(t.peak.cpuLimitMillis, t.peak.memoryLimitBytes),
          '',
        ],
        [
          'total (every pod as running)',
          '',
          pair(t.atMin.cpuRequestMillis, t.atMin.memoryRequestBytes),
          pair(t.atMax.cpuRequestMillis, t.atMax.memoryRequestBytes),
          pair(t.atMax.cpuLimitMillis, t.atMax.memoryLimitBytes),
          formatBytes(t.storageBytes),
        ],
      ];
      rows.push(...totals);
      const header = ['component', 'replicas', 'requests at min', 'requests at max', 'limits at max', 'storage'];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
      const line = (r: string[]) =>
        r
          .map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i])))
          .join('  ')
          .trimEnd();
      const split = rows.length - totals.length;
      const out = [
        c.bold(line(header)),
        ...rows.slice(0, split).map(line),
        ...rows.slice(split).map((r) => c.bold(line(r))),
      ];
      process.stdout.write(`${out.join('\n')}\n`);
    }),
  );
}
