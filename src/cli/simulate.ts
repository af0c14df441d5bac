// `shipshape simulate hpa|rollout|capacity`: what the autoscaler, a rollout and the node pool
// will do, computed from the objects before anything is deployed (sim/, through pipeline/simulate).
import type { Command } from 'commander';
import { action, EXIT, INPUT_HELP, inputOptions, outputFormat, printJson, type InputCliOptions } from './common.js';
import { InputError } from '../diagnostics/index.js';

interface HpaCliOptions extends InputCliOptions {
  component?: string;
  load?: string;
  case?: string;
  svg?: string;
  initial?: string;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r
      .map((v, i) => (i === r.length - 1 ? v : v.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

function nonNegativeInt(v: string | undefined, option: string): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new InputError(`${option}: expected a non-negative integer, got ${JSON.stringify(v)}`);
  return Number(v);
}

function registerHpa(simulate: Command): void {
  inputOptions(
    simulate
      .command('hpa')
      .description(
        'the HorizontalPodAutoscaler controller sync by sync (every 15 s) under a load, or a scripted --case',
      )
      .argument('[input]', INPUT_HELP)
      .option('--component <name>', 'the workload whose HPA to simulate (needed when the input has several)')
      .option(
        '--load <file>',
        'CSV or JSON: t (seconds) and a column per metric, METRIC (per-pod average) or METRIC:total (shared by ready pods); default: the standard ramp',
      )
      .option(
        '--case <file>',
        'a scripted controller case (JSON): hpa, tolerance, controller, recommendations, scale events, steps',
      )
      .option(
        '--initial <replicas>',
        "replicas before the first sync (default: the workload's spec.replicas, 1 when unset)",
      )
      .option('--svg <file>', 'also write a chart of replicas and load over time'),
    {
      json: 'print {"replicas": [after each step], "steps": [{t, currentReplicas, proposals, desired, stabilized, heldBy, limit, limitedBy, replicas, why}]}',
      format: 'text | json',
    },
  ).action(
    action(async (input: string | undefined, opts: HpaCliOptions) => {
      const format = outputFormat(opts, ['text', 'json']);
      const sim = await import('../pipeline/simulate.js');
      if (opts.case !== undefined) {
        if (input !== undefined || opts.load !== undefined || opts.svg !== undefined)
          throw new InputError('--case is a whole scenario: give no input, --load or --svg with it');
        const result = sim.simulateHpaCaseFile(opts.case);
        if (format === 'json') return printJson(result);
        process.stdout.write(
          table(
            ['t', 'replicas', 'limit', 'why'],
            result.steps.map((s) => [`${s.t}`, `${s.currentReplicas} → ${s.replicas}`, s.limit, s.why]),
          ),
        );
        return;
      }
      if (input === undefined) throw new InputError('simulate hpa: give an input (spec or manifests) or --case FILE');
      const { definition, target, run } = await sim.simulateHpaFromInput(input, {
        ...opts,
        initialReplicas: nonNegativeInt(opts.initial, '--initial'),
      });
      if (opts.svg !== undefined) sim.writeHpaChart(opts.svg, run, `${definition.id} → ${target}`, definition);
      if (format === 'json') return printJson({ target, ...run, replicas: run.steps.map((s) => s.replicas) });
      const metricHeads = run.metrics.map((m) => `${m.name} %`);
      process.stdout.write(
        `${definition.id} scales ${target} between ${definition.minReplicas ?? 1} and ${definition.maxReplicas}; new pods are Ready after ${run.podReadySeconds}s\n`,
      );
      process.stdout.write(
        table(
          ['t', 'replicas', 'ready', ...metricHeads, 'why'],
          run.steps.map((s) => [
            `${s.t}`,
            `${s.currentReplicas} → ${s.replicas}`,
            `${s.ready}`,
            ...s.load.map((l) => (l === undefined ? '-' : `${Math.round(l)}`)),
            s.why,
          ]),
        ),
      );
    }),
  );
}

interface RolloutCliOptions extends InputCliOptions {
  component: string;
  replicas?: string;
  nodes?: string;
}

function registerRollout(simulate: Command): void {
  inputOptions(
    simulate
      .command('rollout')
      .description(
        'a rolling update step by step: old, new and available pods, minimum availability, duration, PDB and HPA-minimum breaches',
      )
      .argument('<input>', INPUT_HELP)
      .requiredOption('--component <name>', 'the Deployment, StatefulSet or DaemonSet to roll')
      .option(
        '--replicas <n>',
        "replicas during the rollout (default: spec.replicas, else the HPA's minReplicas, else 1)",
      )
      .option('--nodes <pools>', 'DaemonSet: the nodes it runs on, as pools like 3x4cpu16Gi (default 3 nodes)'),
    {
      json: 'print {workload, kind, replicas, limits, podStartSeconds, timeline: [{t, old, new, newAvailable, available, action}], minAvailable, maxPods, durationSeconds, notUpdated, breaches}',
      format: 'text | json',
    },
  ).action(
    action(async (input: string, opts: RolloutCliOptions) => {
      const format = outputFormat(opts, ['text', 'json']);
      const { simulateRolloutFromInput } = await import('../pipeline/simulate.js');
      const r = await simulateRolloutFromInput(input, {
        ...opts,
        replicas: nonNegativeInt(opts.replicas, '--replicas'),
      });
      if (format === 'json') return printJson(r);
      const out = [
        `${r.workload}: ${r.replicas} ${r.kind === 'DaemonSet' ? 'node(s)' : 'replica(s)'}; ${r.limits.join('; ')}; a new pod is available ${r.podStartSeconds}s after it is created`,
        table(
          ['t', 'old', 'new', 'new available', 'available', 'action'],
          r.timeline.map((p) => [`${p.t}`, `${p.old}`, `${p.new}`, `${p.newAvailable}`, `${p.available}`, p.action]),
        ).trimEnd(),
        `minimum available ${r.minAvailable} of ${r.replicas}; at most ${r.maxPods} pods; done after ${r.durationSeconds}s` +
          (r.notUpdated ? `; ${r.notUpdated} pod(s) below the partition stay on the old revision` : ''),
      ];
      if (r.creation) out.push(`creating all ${r.replicas} pods (${r.creation.policy}) takes ${r.creation.seconds}s`);
      for (const b of r.breaches) out.push(`breach: ${b}`);
      process.stdout.write(`${out.join('\n')}\n`);
      return r.breaches.length > 0 ? EXIT.findings : EXIT.ok;
    }),
  );
}

interface CapacityCliOptions extends InputCliOptions {
  nodes?: string;
  at: string;
  reserve?: string;
}

function registerCapacity(simulate: Command): void {
  inputOptions(
    simulate
      .command('capacity')
      .description(
        'pack the pods onto node pools: Pending pods and why, utilisation per node, the smallest uniform pool',
      )
      .argument('<input>', INPUT_HELP)
      .option(
        '--nodes <pools>',
        "node pools, e.g. 3x4cpu16Gi,2x8cpu32Gi[pool=gpu;taint:gpu=true:NoSchedule] (default: the Namespaces' shipshape.dev/node-pool)",
      )
      .option('--at <level>', 'min | max | both: the replica counts to pack', 'both')
      .option(
        '--reserve <cpu,memory>',
        'kept back on every node for the kubelet and system (default 100m,512Mi; 0 for none)',
      ),
    {
      json: 'print {pools, reserve, min: {pods, placed, pending, nodes}, max: {…}, smallestUniformPool: [{shape, nodes}]}',
      format: 'text | json',
    },
  ).action(
    action(async (input: string, opts: CapacityCliOptions) => {
      const format = outputFormat(opts, ['text', 'json']);
      const levels = outputFormat({ format: opts.at }, ['min', 'max', 'both'], '--at');
      const { simulateCapacityFromInput } = await import('../pipeline/simulate.js');
      const r = await simulateCapacityFromInput(input, opts);
      const shown = (['min', 'max'] as const).filter((l) => levels === 'both' || levels === l);
      if (format === 'json') {
        const { min, max, ...rest } = r;
        return printJson({
          ...rest,
          ...(shown.includes('min') ? { min } : {}),
          ...(shown.includes('max') ? { max } : {}),
        });
      }
      const out: string[] = [
        `node pools ${r.pools}, ${r.reserve.cpuMillis}m CPU and ${r.reserve.memoryBytes / 1024 ** 2}Mi kept back per node`,
      ];
      for (const level of shown) {
        const a = r[level];
        out.push(`\nat ${level === 'min' ? 'the minimum' : 'the HPA maximum'}: ${a.placed} of ${a.pods} pod(s) placed`);
        out.push(
          table(
            ['node', 'pods', 'cpu %', 'memory %'],
            a.nodes.map((n) => [n.node, `${n.pods}`, `${n.cpuPercent}`, `${n.memoryPercent}`]),
          ).trimEnd(),
        );
        for (const p of a.pending) out.push(`Pending: ${p.count} pod(s) of ${p.owner}: ${p.reason}`);
      }
      out.push('\nsmallest uniform pool holding everything at the HPA maximum:');
      for (const u of r.smallestUniformPool)
        out.push(`  ${u.nodes === undefined ? `no number of ${u.shape} nodes` : `${u.nodes}x${u.shape}`}`);
      process.stdout.write(`${out.join('\n')}\n`);
      const pending = shown.some((l) => r[l].pending.length > 0);
      return pending ? EXIT.findings : EXIT.ok;
    }),
  );
}

export function register(program: Command): void {
  const simulate = program
    .command('simulate')
    .description('simulate the HPA controller, a rolling update or the packing onto node pools, from the objects');
  registerHpa(simulate);
  registerRollout(simulate);
  registerCapacity(simulate);
}
