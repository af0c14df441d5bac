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
import { parseRange } from '../graph/netpol/ipv4.js';

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

/** `default/api[Deployment]`, or `3 workloads (a, b, c)` for a group (`address ranges` for ranges: lines never mix them). */
function endpoints(ids: readonly string[]): string {
  if (ids.length === 1) return ids[0];
  const listed = ids.slice(0, 3).join(', ');
  const what = parseRange(ids[0]) ? 'address ranges' : 'workloads';
  return `${ids.length} ${what} (${listed}${ids.length > 3 ? ', …' : ''})`;
}

/** How many distinct outside address ranges the printed groups name (each workload's own cut: see graph/reach.ts). */
function rangesNamed(groups: readonly ConnectionGroup[]): number {
  return new Set(groups.flatMap((g) => [...g.from, ...g.to]).filter((e) => parseRange(e))).size;
}

/** Writes text a chunk at a time, waiting for a slow reader: output of any size, never held as one string. */
function chunkedStdout() {
  let chunk = '';
  const flush = async () => {
    if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once('drain', resolve));
    chunk = '';
  };
  return {
    async write(text: string) {
      chunk += text;
      if (chunk.length > 1 << 16) await flush();
    },
    flush,
  };
}

/** Every pair of a group, its own workload excluded. */
function* pairsOf({ from, to }: ConnectionGroup): Iterable<[string, string]> {
  for (const a of from) for (const b of to) if (a !== b) yield [a, b];
}

/** `{"connections": [...], "groups": [...]}`, the connections expanded group by group as they are written. */
async function writeJson(groups: ConnectionGroup[]): Promise<void> {
  const out = chunkedStdout();
  await out.write('{\n  "connections": [');
  let first = true;
  for (const g of groups) {
    const portsJson = JSON.stringify(g.ports.toJSON());
    for (const [a, b] of pairsOf(g)) {
      await out.write(
        `${first ? '' : ','}\n    {"from":${JSON.stringify(a)},"to":${JSON.stringify(b)},"ports":${portsJson}}`,
      );
      first = false;
    }
  }
  await out.write('\n  ],\n  "groups": [');
  for (const [i, { from, to, ports }] of groups.entries())
    await out.write(`${i ? ',' : ''}\n    ${JSON.stringify({ from, to, ports: ports.toJSON() })}`);
  await out.write('\n  ]\n}\n');
  await out.flush();
}

/**
 * The `--pairs` table, one line per pair, written as the groups expand. Column widths come from the
 * groups' endpoints (each group holds a pair: filteredGroups drops the others), not from held pairs.
 */
async function writePairs(groups: ConnectionGroup[], bold: (s: string) => string): Promise<number> {
  const widest = (ids: readonly string[], min: number) => ids.reduce((w, id) => Math.max(w, id.length), min);
  // A loop, not Math.max(...ids): hundreds of thousands of arguments overflow the stack.
  let widths = [4, 2];
  for (const g of groups) widths = [widest(g.from, widths[0]), widest(g.to, widths[1])];
  const line = (from: string, to: string, ports: string) =>
    `${from.padEnd(widths[0])}  ${to.padEnd(widths[1])}  ${ports}`.trimEnd();
  const out = chunkedStdout();
  await out.write(`${bold(line('FROM', 'TO', 'PORTS'))}\n`);
  let count = 0;
  for (const g of groups) {
    const ports = g.ports.toString();
    for (const [a, b] of pairsOf(g)) {
      count++;
      await out.write(`${line(a, b, ports)}\n`);
    }
  }
  await out.flush();
  return count;
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
        const { connectionLines } = await import('../graph/reach-lines.js');
        const groups = filteredGroups(connectionLines(reach), opts);
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
              `${count} group(s) of allowed connections between ${reach.workloads.length} workload(s) and ${rangesNamed(groups)} external range(s), under ${reach.policies.length} NetworkPolicy object(s); --pairs lists every pair\n`,
            ),
          );
          return;
        }
        const count = await writePairs(groups, c.bold);
        process.stdout.write(
          c.dim(
            `${count} allowed connection(s) between ${reach.workloads.length} workload(s) and ${rangesNamed(groups)} external range(s), under ${reach.policies.length} NetworkPolicy object(s)\n`,
          ),
        );
      }),
    );
}
