// `shipshape reach <input>`: who can talk to whom, on which ports, under the NetworkPolicies.
import type { Command } from 'commander';
import {
  action,
  colors,
  INPUT_HELP,
  inputOptions,
  outputFormat,
  reportMessages,
  type InputCliOptions,
} from './common.js';
import { InputError } from '../diagnostics/index.js';
import type { ConnectionGroup } from '../graph/reach.js';

interface ReachCliOptions extends InputCliOptions {
  pairs?: boolean;
  from?: string;
  to?: string;
}

/** Whether an endpoint (workload id `ns/name[Kind]` or address range) is the one named: by id, namespace or name. */
function matches(endpoint: string, wanted: string): boolean {
  if (endpoint === wanted || endpoint.startsWith(`${wanted}/`)) return true;
  const name = /\/([^/[]+)\[/.exec(endpoint)?.[1];
  return name === wanted;
}

/** The groups, each narrowed to the endpoints `--from` and `--to` name; groups left empty are dropped. */
function filteredGroups(groups: Iterable<ConnectionGroup>, opts: ReachCliOptions): ConnectionGroup[] {
  const out: ConnectionGroup[] = [];
  for (const g of groups) {
    const from = opts.from === undefined ? g.from : g.from.filter((e) => matches(e, opts.from!));
    const to = opts.to === undefined ? g.to : g.to.filter((e) => matches(e, opts.to!));
    // A one-workload group to itself has no pair.
    if (from.length > 0 && to.length > 0 && !(from.length === 1 && to.length === 1 && from[0] === to[0]))
      out.push({ from, to, ports: g.ports });
  }
  return out;
}

/** How many distinct outside address ranges the groups name (each workload's own cut: see graph/reach.ts). */
async function rangesNamed(groups: ConnectionGroup[]): Promise<number> {
  const { parseRange } = await import('../graph/netpol/ipv4.js'); // lazily: every bundle holds this file, to register the command
  return new Set(groups.flatMap((g) => [...g.from, ...g.to]).filter((e) => parseRange(e) !== undefined)).size;
}

/** `default/api[Deployment]`, or `3 workloads (a, b, c)` for a group. */
function endpoints(ids: string[]): string {
  if (ids.length === 1) return ids[0];
  const listed = ids.slice(0, 3).join(', ');
  return `${ids.length} workloads (${listed}${ids.length > 3 ? ', …' : ''})`;
}

/** `{"connections": [...], "groups": [...]}` written a chunk at a time, waiting for a slow reader, never as one string. */
async function writeJson(groups: ConnectionGroup[]): Promise<void> {
  let chunk = '{\n  "connections": [';
  let first = true;
  const flush = async () => {
    if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once('drain', resolve));
    chunk = '';
  };
  for (const { from, to, ports } of groups) {
    const portsJson = JSON.stringify(ports.toJSON());
    for (const a of from)
      for (const b of to) {
        if (a === b) continue;
        chunk += `${first ? '' : ','}\n    {"from":${JSON.stringify(a)},"to":${JSON.stringify(b)},"ports":${portsJson}}`;
        first = false;
        if (chunk.length > 1 << 16) await flush();
      }
  }
  chunk += '\n  ],\n  "groups": [';
  groups.forEach(({ from, to, ports }, i) => {
    chunk += `${i ? ',' : ''}\n    ${JSON.stringify({ from, to, ports: ports.toJSON() })}`;
  });
  chunk += '\n  ]\n}\n';
  await flush();
}

export function register(program: Command): void {
  inputOptions(
    program
      .command('reach')
      .description('list the connections the NetworkPolicies allow between workloads and to/from outside the cluster')
      .argument('<input>', INPUT_HELP),
    {
      json: 'print {"connections": [{"from", "to", "ports"}], "groups": [{"from": [ids], "to": [ids], "ports"}]}',
      format: 'text | json',
    },
  )
    .option('--pairs', 'text: one line per allowed pair instead of one per group of alike workloads')
    .option('--from <endpoint>', 'only connections from this workload id, namespace, name or address range')
    .option('--to <endpoint>', 'only connections to this workload id, namespace, name or address range')
    .action(
      action(async (input: string, opts: ReachCliOptions) => {
        const format = outputFormat(opts, ['text', 'json']);
        const { loadGraph } = await import('../pipeline/input.js');
        const { graph } = await loadGraph(input, opts);
        reportMessages(graph.messages);
        const { computeReachability } = await import('../graph/reach.js');
        const reach = computeReachability(graph);
        if (reach.problems.length > 0) {
          // A policy the API server would reject never exists in a cluster: reachability without it would mislead.
          throw new InputError(
            `${reach.problems.length} NetworkPolicy field(s) the API server would reject`,
            reach.problems.map((p) => {
              const source = graph.byId.get(p.object)?.source;
              const where = source?.file
                ? `${source.file}${source.line ? `:${source.line}` : source.document !== undefined ? ` document ${source.document}` : ''} `
                : '';
              return `${where}${p.object} ${p.path}: ${p.message}`;
            }),
          );
        }
        const groups = filteredGroups(reach.groups(), opts);
        if (format === 'json') {
          await writeJson(groups);
          return;
        }
        const c = colors();
        if (!opts.pairs) {
          let count = 0;
          for (const g of groups) {
            count++;
            process.stdout.write(`${endpoints(g.from)} → ${endpoints(g.to)} : ${g.ports.toString()}\n`);
          }
          process.stdout.write(
            c.dim(
              `${count} group(s) of allowed connections between ${reach.workloads.length} workload(s) and ${await rangesNamed(groups)} external range(s), under ${reach.policies.length} NetworkPolicy object(s); --pairs lists every pair\n`,
            ),
          );
          return;
        }
        const connections = groups.flatMap(({ from, to, ports }) =>
          from.flatMap((a) => to.filter((b) => b !== a).map((b) => ({ from: a, to: b, ports }))),
        );
        const rows = connections.map(({ from, to, ports }) => [from, to, ports.toString()]);
        // A loop, not Math.max(...rows): hundreds of thousands of arguments overflow the stack.
        const widths = [0, 1].map((i) => rows.reduce((w, r) => Math.max(w, r[i].length), i === 0 ? 4 : 2));
        const line = (cells: string[]) =>
          `${cells[0].padEnd(widths[0])}  ${cells[1].padEnd(widths[1])}  ${cells[2]}`.trimEnd();
        process.stdout.write(`${c.bold(line(['FROM', 'TO', 'PORTS']))}\n`);
        for (const r of rows) process.stdout.write(`${line(r)}\n`);
        process.stdout.write(
          c.dim(
            `${connections.length} allowed connection(s) between ${reach.workloads.length} workload(s) and ${await rangesNamed(groups)} external range(s), under ${reach.policies.length} NetworkPolicy object(s)\n`,
          ),
        );
      }),
    );
}
