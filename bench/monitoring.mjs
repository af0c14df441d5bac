// Benchmark: monitoring synthesis (ServiceMonitors, PrometheusRules, dashboards, unit tests,
// runbooks) for a generated 200-component spec with 4 metrics and 3 alerts each, and the time the
// real promtool takes to check and unit-test the generated rule files.
// Run after `npx tsc -p .`:   node bench/monitoring.mjs
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const { architectureSchema } = await import('../dist/spec/schema.js');
const { architectureContext } = await import('../dist/synth/context.js');
const { monitoringFiles } = await import('../dist/synth/monitoring/index.js');

const RUNS = 5;
const N = 200;

function spec(n) {
  const components = {};
  for (let i = 0; i < n; i++) {
    components[`svc-${i}`] = {
      type: 'web',
      image: `example/svc:1.0.${i}`,
      ports: { http: 8080 },
      metrics: { port: 9100 },
      exports: [
        { name: `svc${i}_requests_total`, type: 'counter', help: 'Requests' },
        { name: `svc${i}_errors_total`, type: 'counter', help: 'Errors' },
        { name: `svc${i}_queue_depth`, type: 'gauge', help: 'Queue' },
        { name: `svc${i}_latency_seconds`, type: 'histogram', help: 'Latency' },
      ],
      alerts: [
        {
          name: `Svc${i}QueueDeep`,
          summary: 'deep {{ $value }}',
          above: { metric: `svc${i}_queue_depth`, value: 100, for: '5m' },
        },
        {
          name: `Svc${i}Errors`,
          summary: 'errors',
          errorRatio: { errors: `svc${i}_errors_total`, total: `svc${i}_requests_total`, threshold: 0.05 },
        },
        { name: `Svc${i}Gone`, summary: 'gone', absent: { metric: `svc${i}_requests_total` } },
      ],
    };
  }
  return architectureSchema.parse({ name: 'large', namespace: 'large', components });
}

const arch = spec(N);
const times = [];
let files;
for (let r = 0; r < RUNS; r++) {
  const t = process.hrtime.bigint();
  files = monitoringFiles(architectureContext(arch));
  times.push(Number(process.hrtime.bigint() - t) / 1e6);
}
times.sort((a, b) => a - b);
console.log(
  `monitoring synthesis, ${N} components (${files.length} files): median ${times[Math.floor(RUNS / 2)].toFixed(0)} ms`,
);

const dir = mkdtempSync(join(tmpdir(), 'shipshape-bench-monitoring-'));
for (const f of files) {
  mkdirSync(dirname(join(dir, f.file)), { recursive: true });
  writeFileSync(join(dir, f.file), f.content);
}
const rules = join(dir, 'monitoring/rules');
const promtool = [resolve('.tools/usr/bin/promtool'), 'promtool'].find((p) => spawnSync(p, ['--version']).status === 0);
for (const [what, args] of [
  ['check rules', ['check', 'rules']],
  ['test rules', ['test', 'rules']],
]) {
  const list = readdirSync(rules).filter((f) => f.endsWith(what === 'check rules' ? '.rules.yaml' : '.test.yaml'));
  const t = process.hrtime.bigint();
  const r = spawnSync(promtool, [...args, ...list], { cwd: rules, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`promtool ${what} failed:\n${r.stdout}${r.stderr}`);
  console.log(`promtool ${what}, ${list.length} files: ${ms.toFixed(0)} ms`);
}
rmSync(dir, { recursive: true, force: true });
