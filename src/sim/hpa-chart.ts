// An SVG chart of one HPA simulation: replicas and ready pods (left axis) and each metric's
// current/target in percent (right axis) over time, with the min/max replica bounds. Plain SVG
// with no script or external reference, so Markdown viewers show it as an image.
import type { HpaRun } from './hpa-run.js';
import { targetText } from './hpa-spec.js';

const W = 720;
const H = 300;
const PAD = { left: 44, right: 52, top: 28, bottom: 64 };
const COLORS = ['#d9480f', '#5f3dc4', '#2b8a3e', '#c2255c'];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function fmt(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** A stepped polyline: the value holds until the next sync. */
function stepped(points: [number, number][]): string {
  const out: string[] = [];
  points.forEach(([x, y], i) => {
    if (i > 0) out.push(`${fmt(x)},${fmt(points[i - 1][1])}`);
    out.push(`${fmt(x)},${fmt(y)}`);
  });
  return out.join(' ');
}

export function hpaChartSvg(run: HpaRun, title: string, bounds: { min: number; max: number }): string {
  const steps = run.steps;
  const t0 = steps[0]?.t ?? 0;
  const t1 = Math.max(steps[steps.length - 1]?.t ?? 1, t0 + 1);
  const maxReplicas = Math.max(bounds.max, ...steps.map((s) => s.replicas)) + 1;
  const maxLoad = Math.max(150, ...steps.flatMap((s) => s.load.map((l) => l ?? 0)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (t: number) => PAD.left + ((t - t0) / (t1 - t0)) * plotW;
  const yR = (r: number) => PAD.top + plotH - (r / maxReplicas) * plotH;
  const yL = (l: number) => PAD.top + plotH - (l / maxLoad) * plotH;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<title>${esc(title)}</title>`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${PAD.left}" y="16" font-size="13" font-weight="bold">${esc(title)}</text>`,
    `<line x1="${PAD.left}" y1="${PAD.top + plotH}" x2="${PAD.left + plotW}" y2="${PAD.top + plotH}" stroke="#868e96"/>`,
    `<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${PAD.top + plotH}" stroke="#868e96"/>`,
    `<line x1="${PAD.left + plotW}" y1="${PAD.top}" x2="${PAD.left + plotW}" y2="${PAD.top + plotH}" stroke="#868e96"/>`,
  ];
  // time ticks every minute (every 5 when long)
  const tick = t1 - t0 > 1200 ? 300 : 60;
  for (let t = Math.ceil(t0 / tick) * tick; t <= t1; t += tick) {
    parts.push(
      `<text x="${fmt(x(t))}" y="${PAD.top + plotH + 14}" text-anchor="middle" fill="#495057">${t / 60}m</text>`,
    );
  }
  for (let r = 0; r <= maxReplicas; r += Math.max(1, Math.ceil(maxReplicas / 6))) {
    parts.push(`<text x="${PAD.left - 6}" y="${fmt(yR(r) + 4)}" text-anchor="end" fill="#1c7ed6">${r}</text>`);
  }
  for (let l = 0; l <= maxLoad; l += 50) {
    parts.push(`<text x="${PAD.left + plotW + 6}" y="${fmt(yL(l) + 4)}" fill="#495057">${l}%</text>`);
  }
  // target (100% of target) and replica bounds
  parts.push(
    `<line x1="${PAD.left}" y1="${fmt(yL(100))}" x2="${PAD.left + plotW}" y2="${fmt(yL(100))}" stroke="#adb5bd" stroke-dasharray="2,3"/>`,
  );
  for (const [label, r] of [
    ['min', bounds.min],
    ['max', bounds.max],
  ] as const) {
    parts.push(
      `<line x1="${PAD.left}" y1="${fmt(yR(r))}" x2="${PAD.left + plotW}" y2="${fmt(yR(r))}" stroke="#74c0fc" stroke-dasharray="6,4"/>`,
      `<text x="${PAD.left + 4}" y="${fmt(yR(r) - 3)}" fill="#1c7ed6">${label} ${r}</text>`,
    );
  }
  run.metrics.forEach((m, i) => {
    const pts = steps.flatMap((s): [number, number][] => {
      const l = s.load[i];
      return l === undefined ? [] : [[x(s.t), yL(l)]];
    });
    parts.push(
      `<polyline fill="none" stroke="${COLORS[i % COLORS.length]}" stroke-width="1.5" points="${stepped(pts)}"/>`,
    );
  });
  parts.push(
    `<polyline fill="none" stroke="#74c0fc" stroke-width="1.5" stroke-dasharray="4,2" points="${stepped(steps.map((s) => [x(s.t), yR(s.ready)]))}"/>`,
    `<polyline fill="none" stroke="#1c7ed6" stroke-width="2.5" points="${stepped(steps.map((s) => [x(s.t), yR(s.replicas)]))}"/>`,
  );
  // legend
  const legend: [string, string][] = [
    ['#1c7ed6', 'replicas'],
    ['#74c0fc', 'ready pods'],
    ...run.metrics.map((m, i): [string, string] => [COLORS[i % COLORS.length], `${m.name} (% of ${targetText(m)})`]),
  ];
  let lx = PAD.left;
  const ly = H - 22;
  for (const [color, label] of legend) {
    parts.push(
      `<line x1="${lx}" y1="${ly}" x2="${lx + 16}" y2="${ly}" stroke="${color}" stroke-width="2.5"/>`,
      `<text x="${lx + 20}" y="${ly + 4}">${esc(label)}</text>`,
    );
    lx += 28 + label.length * 6;
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
