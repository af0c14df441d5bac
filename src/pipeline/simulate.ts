// From an input (spec or manifests) or a scripted case to what `simulate` reports: the pipeline
// reads the files, the sim computes.
import { readFileSync, writeFileSync } from 'node:fs';
import { InputError } from '../diagnostics/index.js';
import { loadGraph, type InputOptions } from './input.js';
import { findHpa, hpaDefinition, type HpaDefinition } from '../sim/hpa-spec.js';
import { simulateHpa, standardRamp, type HpaRun } from '../sim/hpa-run.js';
import { parseLoad } from '../sim/load.js';
import { podReadySeconds } from '../sim/pod-start.js';
import { parseHpaCase, runHpaCase, type HpaCaseResult } from '../sim/hpa-case.js';
import { isRecord } from '../k8s/object.js';
import { hpaChartSvg } from '../sim/hpa-chart.js';
import { rolloutOf, type WorkloadRollout } from '../sim/rollout-spec.js';
import { DEFAULT_RESERVE, NodePoolError, parseNodePools, parseReserve } from '../sim/binpack.js';
import { simulateCapacity, type CapacityReport } from '../sim/capacity.js';
import { ANNOTATIONS } from '../k8s/annotations.js';

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(
      `${what} ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`,
      [],
      { file },
    );
  }
}

export function simulateHpaCaseFile(file: string): HpaCaseResult {
  return runHpaCase(parseHpaCase(readText(file, '--case'), file));
}

export interface HpaSimulation {
  definition: HpaDefinition;
  /** The workload the HPA scales, as `Kind name`. */
  target: string;
  run: HpaRun;
}

export interface HpaSimulationOptions extends InputOptions {
  component?: string;
  /** A load file; absent: the standard ramp. */
  load?: string;
  /** Replicas before the first sync; default the workload's spec.replicas, which Kubernetes defaults to 1. */
  initialReplicas?: number;
}

export async function simulateHpaFromInput(input: string, opts: HpaSimulationOptions): Promise<HpaSimulation> {
  const { graph } = await loadGraph(input, opts);
  const { hpa, target } = findHpa(graph, opts.component);
  const definition = hpaDefinition(hpa);
  const load = opts.load ? parseLoad(readText(opts.load, '--load'), opts.load) : standardRamp(definition);
  const specReplicas = target && isRecord(target.node.object.spec) ? target.node.object.spec.replicas : undefined;
  const run = simulateHpa(definition, load, {
    initialReplicas: opts.initialReplicas ?? (typeof specReplicas === 'number' ? specReplicas : 1),
    podReadySeconds: target ? podReadySeconds(target.template) : 0,
  });
  return { definition, target: target ? `${target.kind} ${target.name}` : '(target not in the input)', run };
}

/** Writes the chart of an HPA simulation (the docs embed the same chart). */
export function writeHpaChart(file: string, run: HpaRun, title: string, bounds: HpaDefinition): void {
  writeFileSync(file, hpaChartSvg(run, title, { min: bounds.minReplicas ?? 1, max: bounds.maxReplicas }));
}

export async function simulateRolloutFromInput(
  input: string,
  opts: InputOptions & { component: string; replicas?: number; nodes?: string },
): Promise<WorkloadRollout> {
  const { graph } = await loadGraph(input, opts);
  const nodes = opts.nodes === undefined ? undefined : nodeCount(opts.nodes);
  return rolloutOf(graph, opts.component, { replicas: opts.replicas, nodes });
}

function nodeCount(text: string): number {
  try {
    return parseNodePools(text).reduce((n, p) => n + p.count, 0);
  } catch (err) {
    if (err instanceof NodePoolError) throw new InputError(`--nodes: ${err.message}`);
    throw err;
  }
}

/**
 * Pools from --nodes, else the one a Namespace declares in its shipshape.dev/node-pool
 * annotation (several different ones: name one with --nodes).
 */
export async function simulateCapacityFromInput(
  input: string,
  opts: InputOptions & { nodes?: string; reserve?: string },
): Promise<CapacityReport & { pools: string }> {
  const { graph } = await loadGraph(input, opts);
  let text = opts.nodes;
  if (text === undefined) {
    const declared = [
      ...new Set(
        graph.nodes
          .filter((n) => n.kind === 'Namespace')
          .map((n) => n.object.metadata.annotations?.[ANNOTATIONS.nodePool])
          .filter((v): v is string => typeof v === 'string'),
      ),
    ];
    if (declared.length !== 1)
      throw new InputError(
        declared.length === 0
          ? `--nodes: give the node pools (e.g. 3x4cpu16Gi,2x8cpu32Gi); no Namespace declares ${ANNOTATIONS.nodePool}`
          : `--nodes: the Namespaces declare several node pools; pick one`,
        declared,
      );
    text = declared[0];
  }
  try {
    const pools = parseNodePools(text);
    const reserve = opts.reserve === undefined ? DEFAULT_RESERVE : parseReserve(opts.reserve);
    return { pools: text, ...simulateCapacity(graph, pools, reserve) };
  } catch (err) {
    if (err instanceof NodePoolError)
      throw new InputError(
        `${opts.reserve !== undefined && err.message.startsWith('reserve') ? '--reserve' : '--nodes'}: ${err.message}`,
      );
    throw err;
  }
}
