// Autoscaling, simulated: each HPA under the standard load ramp (sim/hpa-run.ts), drawn as an
// SVG chart, with the moments that matter and what its configuration means in the controller's
// terms — where prose like "+4 pods when CPU > 70%" reads a limit as a step or a target as a
// threshold, these sentences say what really happens.
import { InputError } from '../diagnostics/index.js';
import type { Graph, GraphNode } from '../graph/model.js';
import { workloadById } from '../graph/workloads.js';
import { DEFAULT_CONTROLLER, HpaController, type ScalingRules } from '../sim/hpa.js';
import { hpaChartSvg } from '../sim/hpa-chart.js';
import { simulateHpa, standardRamp, type HpaRun } from '../sim/hpa-run.js';
import { hpaDefinition, targetText, type HpaDefinition } from '../sim/hpa-spec.js';
import { podReadySeconds } from '../sim/pod-start.js';
import type { Block } from './document.js';

const RAMP =
  'Standard ramp: each metric at half its target on minReplicas for 1 min, rising in equal steps over 5 min to 1.2 × maxReplicas pods’ worth, held for 5 min, then back to the first level for 10 min.';

function policyText(rules: ScalingRules, up: boolean): string {
  const sign = up ? '+' : '−';
  return rules.policies
    .map(
      (p) =>
        `${sign}${p.value}${p.type === 'Percent' ? '%' : p.value === 1 ? ' pod' : ' pods'} per ${p.periodSeconds} s`,
    )
    .join(up === (rules.selectPolicy === 'Max') ? ' or ' : ' and ');
}

/** What the configuration means, sentence by sentence. */
export function behaviorReading(def: HpaDefinition): string[] {
  const c = new HpaController(def, DEFAULT_CONTROLLER);
  const r = c.rules();
  const t = c.tolerances;
  const out: string[] = [];
  const metrics = def.metrics.map((m) => `${m.name} (${targetText(m)})`).join(', ');
  out.push(
    `Every 15 s the controller proposes ceil(replicas × current/target) for each metric — ${metrics} — and takes the largest. It changes nothing while a metric is within ${Math.round(t.scaleDown * 100)}% below to ${Math.round(t.scaleUp * 100)}% above its target: a target is not a threshold, and “above ${def.metrics[0].targetValue}${def.metrics[0].target === 'Utilization' ? '%' : ''}” acts only above ${Math.round(def.metrics[0].targetValue * (1 + t.scaleUp) * 100) / 100}${def.metrics[0].target === 'Utilization' ? '%' : ''}.`,
  );
  if (c.legacy) {
    out.push(
      `No behavior is set, so the legacy rules apply: a scale-up goes at most to max(${r.scaleUpLimit.factor} × current, ${r.scaleUpLimit.minimum}) per sync, and a scale-down follows the highest recommendation of the last ${r.downscaleWindowSeconds} s, with no rate limit.`,
    );
    return out;
  }
  const up = r.scaleUp;
  const down = r.scaleDown;
  if (up.selectPolicy === 'Disabled') out.push('Scale-up is disabled.');
  else
    out.push(
      `Scale-up: ${policyText(up, true)} is a limit, not a step — each sync adds what the metrics ask for, up to what the policy still allows within its period${up.stabilizationWindowSeconds ? `, and only once the lowest recommendation of the last ${up.stabilizationWindowSeconds} s is higher` : ''}.`,
    );
  if (down.selectPolicy === 'Disabled') out.push('Scale-down is disabled.');
  else
    out.push(
      `Scale-down: nothing is removed until the highest recommendation of the last ${down.stabilizationWindowSeconds} s is lower than the current count; then at most ${policyText(down, false)}.`,
    );
  return out;
}

function moments(run: HpaRun, def: HpaDefinition): string[][] {
  const min = def.minReplicas ?? 1;
  const steps = run.steps;
  const firstUp = steps.find((s) => s.replicas > s.currentReplicas);
  const atMax = steps.find((s) => s.replicas === def.maxReplicas);
  const peak = Math.max(...steps.map((s) => s.replicas));
  const firstDown = steps.find((s) => s.replicas < s.currentReplicas);
  const backAtMin = firstDown ? steps.find((s) => s.t >= firstDown.t && s.replicas === min) : undefined;
  const row = (what: string, s: (typeof steps)[number] | undefined, none: string) =>
    s ? [what, `${s.t} s`, `${s.currentReplicas} → ${s.replicas}`, s.why] : [what, '—', '—', none];
  return [
    row('first scale-up', firstUp, 'never'),
    row(`reaches maxReplicas ${def.maxReplicas}`, atMax, `peaks at ${peak}`),
    row('first scale-down', firstDown, 'not within the run'),
    row(`back at minReplicas ${min}`, backAtMin, 'not within the run'),
  ];
}

/** The blocks of one HPA's simulation, and its chart as an SVG file named `chart`. */
export function hpaSimulationBlocks(graph: Graph, hpa: GraphNode, chart: string, title: string): Block[] {
  const edge = graph.edges.find((e) => e.type === 'selects' && e.from === hpa.id);
  const target = edge ? workloadById(graph, edge.to) : undefined;
  const ready = target ? podReadySeconds(target.template) : 0;
  let def: HpaDefinition;
  let run: HpaRun;
  try {
    def = hpaDefinition(hpa);
    run = simulateHpa(def, standardRamp(def), { initialReplicas: def.minReplicas ?? 1, podReadySeconds: ready });
  } catch (err) {
    if (err instanceof InputError) return [{ kind: 'text', text: `Not simulated: ${err.message}.` }];
    throw err;
  }
  return [
    { kind: 'text', text: `${RAMP} New pods are Ready ${ready} s after they are created (their probes’ delays).` },
    {
      kind: 'image',
      name: chart,
      alt: `${title}: replicas and load over time`,
      svg: hpaChartSvg(run, title, { min: def.minReplicas ?? 1, max: def.maxReplicas }),
    },
    { kind: 'table', header: ['moment', 'at', 'replicas', 'why'], rows: moments(run, def) },
    ...behaviorReading(def).map((text): Block => ({ kind: 'text', text })),
  ];
}
