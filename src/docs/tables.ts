// 8. Tables: manifest files and the objects each creates, resource requirements (from
// sim/resources.ts, the same numbers `summary --json` prints), probes, and CronJob schedules.
import { byCodePoint } from '../vocabulary/order.js';
import type { CronJobSpec } from 'kubernetes-types/batch/v1.js';
import { specOf } from './fields.js';
import type { Graph } from '../graph/model.js';
import { containersOf, podTemplateOf } from '../k8s/podspec.js';
import { formatBytes, formatCpu } from '../vocabulary/quantity.js';
import { runsTotal, type ResourceSummary, type Totals } from '../sim/resources.js';
import type { Block } from './document.js';
import { probeHandler, probesOf, probeTimings } from './probes.js';
import { shortName, type Topology } from './topology.js';

/** Objects synthesized from a spec in memory carry no file until written. */
const NO_FILE = '(not from a file)';

/** Each file with the objects it creates, grouped by kind in the order they appear: `Deployment a, b; Service c`. */
export function manifestFilesTable(graph: Graph, fileName: (file: string) => string, singleNamespace: boolean): Block {
  const byFile = new Map<string, Map<string, string[]>>();
  for (const n of graph.nodes) {
    const file = n.source.file ? fileName(n.source.file) : NO_FILE;
    const kinds = byFile.get(file) ?? new Map<string, string[]>();
    kinds.set(n.kind, [...(kinds.get(n.kind) ?? []), shortName(n, singleNamespace)]);
    byFile.set(file, kinds);
  }
  const rows = [...byFile]
    .sort(([a], [b]) => byCodePoint(a, b))
    .map(([file, kinds]) => [
      `\`${file}\``,
      [...kinds].map(([kind, names]) => `${kind} ${names.join(', ')}`).join('; '),
    ]);
  return { kind: 'table', header: ['File', 'Objects'], rows };
}

function pair(cpu: number, memory: number): string {
  return `${formatCpu(cpu)} / ${formatBytes(memory)}`;
}

function totalsCells(t: Totals): string[] {
  return [pair(t.cpuRequestMillis, t.memoryRequestBytes), pair(t.cpuLimitMillis, t.memoryLimitBytes)];
}

export function resourcesTable(graph: Graph, summary: ResourceSummary, singleNamespace: boolean): Block {
  const rows = summary.components.map((c) => {
    const node = graph.byId.get(c.id);
    const name = node ? `${shortName(node, singleNamespace)} (${node.kind})` : c.id;
    const replicas = c.replicas.min === c.replicas.max ? `${c.replicas.min}` : `${c.replicas.min}–${c.replicas.max}`;
    return [
      name,
      replicas,
      ...totalsCells(c.perReplica),
      ...totalsCells(c.atMin),
      ...totalsCells(c.atMax),
      formatBytes(c.storageBytes),
    ];
  });
  const t = summary.totals;
  const bold = (cells: string[]) => cells.map((s) => `**${s}**`);
  const suspended = t.runs.filter((r) => r.suspended).length;
  // Steady state first: what the application takes all the time; then what its runs add at most.
  rows.push(
    [
      '**Steady state** (long-running)',
      '',
      '',
      '',
      ...bold(totalsCells(t.steady.atMin)),
      ...bold(totalsCells(t.steady.atMax)),
      '',
    ],
    [
      `**One run of each job** (${t.runs.length - suspended}${suspended ? `, ${suspended} suspended` : ''})`,
      '',
      '',
      '',
      '',
      '',
      ...bold(totalsCells(runsTotal(t.runs))),
      '',
    ],
    ['**Peak** (steady at max + runs)', '', '', '', '', '', ...bold(totalsCells(t.peak)), ''],
    [
      '**Total** (every pod as running)',
      '',
      '',
      '',
      ...bold(totalsCells(t.atMin)),
      ...bold(totalsCells(t.atMax)),
      `**${formatBytes(t.storageBytes)}**`,
    ],
  );
  return {
    kind: 'table',
    header: [
      'Component',
      'Replicas',
      'Requests per replica (CPU / memory)',
      'Limits per replica',
      'Requests at min',
      'Limits at min',
      'Requests at max',
      'Limits at max',
      'Storage',
    ],
    rows,
    align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  };
}

export const RESOURCES_NOTE =
  'CPU in cores (m = millicores), memory and storage in binary units. Replicas: min–max from the HorizontalPodAutoscaler, else `spec.replicas` (default 1); ' +
  'a DaemonSet counts its `shipshape.dev/nodes` annotation (1 when absent). A container without a limit adds 0 to the limit columns (it is unbounded). ' +
  'Storage: mounted claims, plus volumeClaimTemplates × maximum replicas. ' +
  'Steady state counts the long-running pods (every workload but Jobs and CronJobs); one run of a Job or CronJob is its pods at once (parallelism, at most completions), nothing while suspended; ' +
  'the peak adds one run of every Job and CronJob to the steady state at max, as any of them can run at the same time. `shipshape summary --json` prints the same numbers exactly.';

export function probesTable(topo: Topology, singleNamespace: boolean): Block | undefined {
  const rows: string[][] = [];
  for (const c of topo.components) {
    const template = podTemplateOf(c.node.object)!;
    for (const ref of containersOf(template)) {
      for (const p of probesOf(ref.container)) {
        const t = probeTimings(p.probe);
        rows.push([
          shortName(c, singleNamespace),
          ref.container.name,
          p.kind,
          `\`${probeHandler(p.probe)}\``,
          `${t.delay}s`,
          `${t.period}s`,
          `${t.timeout}s`,
          `${t.success}`,
          `${t.failure}`,
        ]);
      }
    }
  }
  if (rows.length === 0) return undefined;
  return {
    kind: 'table',
    header: [
      'Component',
      'Container',
      'Probe',
      'Check',
      'Initial delay',
      'Period',
      'Timeout',
      'Success threshold',
      'Failure threshold',
    ],
    rows,
  };
}

export function schedulesTable(graph: Graph, singleNamespace: boolean): Block | undefined {
  const rows = graph.nodes
    .filter((n) => n.kind === 'CronJob')
    .sort((a, b) => byCodePoint(a.id, b.id))
    .map((n) => {
      const spec = specOf<Partial<CronJobSpec>>(n) ?? {};
      // Defaults as the batch/v1 API applies them: concurrencyPolicy Allow, suspend false, zone of the controller manager.
      return [
        shortName(n, singleNamespace),
        `\`${spec.schedule ?? '?'}\``,
        spec.timeZone ?? 'controller’s local time',
        spec.concurrencyPolicy ?? 'Allow',
        spec.suspend ? 'yes' : 'no',
      ];
    });
  if (rows.length === 0) return undefined;
  return { kind: 'table', header: ['CronJob', 'Schedule', 'Time zone', 'Concurrency', 'Suspended'], rows };
}
