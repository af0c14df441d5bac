// Docs never contradict reach: every arrow of the network flow of every corpus folder, example and
// profile (the diagram model `docs --format json` writes) is held against the connections
// `reach --json` lists. A solid or thick arrow is a path reach allows on the ports it names, a red
// dashed one an intended path reach denies; outside peers (address blocks, anywhere, the
// internet) and exposed Services' pods are checked on the address ranges reach reports. Arrows
// that are no reach path are only the entries (Internet → Ingress/Gateway/Service, an Ingress or
// route to its backends: the controller's pods are not in the input) and peers that are pods of
// namespaces the input does not hold.
import { describe, it, expect, beforeAll } from 'vitest';
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDocs } from '../../src/pipeline/docs.js';
import { loadGraph } from '../../src/pipeline/input.js';
import { computeReachability } from '../../src/graph/reach.js';
import { hasPublicAddress } from '../../src/graph/outside.js';
import { cutSpace, parseCidr, type Ipv4Range } from '../../src/graph/netpol/ipv4.js';
import type { DiagramEdge, DiagramNode, FlowItem } from '../../src/docs/diagram.js';
import type { DiagramsJson } from '../../src/docs/diagrams-json.js';
import { CORPUS } from '../shared-paths.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PROFILES: Record<string, Array<string | undefined>> = {
  sagaz: [undefined, 'dev', 'prod'],
  openrsvp: [undefined, 'scheduler-deployment', 'managed-database'],
  vibebox: [undefined],
  'cartridge-warp': [undefined, 'blue-green', 'canary'],
};
const corpus = readdirSync(CORPUS, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'LICENSES')
  .map((d) => d.name)
  .sort();

beforeAll(() => {
  process.chdir(ROOT);
});

type ReachPorts = 'All' | Array<{ protocol: string; port: number; endPort?: number }>;
interface ReachJson {
  connections: Array<{ from: string; to: string; ports: ReachPorts }>;
}

/** The `reach --json` output, computed as the command computes it. */
async function reachJson(input: string, profile?: string): Promise<{ json: ReachJson; namedPorts: NamedPorts }> {
  const { graph } = await loadGraph(input, { profile });
  const reach = computeReachability(graph);
  const json = {
    connections: reach.connections().map(({ from, to, ports }) => ({ from, to, ports: ports.toJSON() })),
  };
  const namedPorts: NamedPorts = new Map(reach.workloads.map((w) => [w.id, w.namedPorts]));
  return { json: JSON.parse(JSON.stringify(json)) as ReachJson, namedPorts };
}
type NamedPorts = Map<string, Array<{ name: string; protocol: string; port: number }>>;

function parseRangeName(name: string): Ipv4Range | undefined {
  const m = /^(\d+\.\d+\.\d+\.\d+)-(\d+\.\d+\.\d+\.\d+)$/.exec(name);
  if (!m) return undefined;
  const n = (a: string) => a.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
  return { start: n(m[1]), end: n(m[2]) };
}

/** A port token of an arrow's evidence: `TCP 5432`, `TCP 8000-8080`, `TCP all`, `TCP metrics`, `All`, `all ports`. */
interface PortToken {
  protocol?: string;
  from?: number;
  to?: number;
  name?: string;
}
function portTokens(text: string): PortToken[] {
  if (text === 'All' || text === 'all ports') return [{}];
  return text.split(', ').map((t) => {
    const [protocol, port] = t.split(' ');
    if (port === 'all') return { protocol };
    const range = /^(\d+)(?:-(\d+))?$/.exec(port);
    return range ? { protocol, from: Number(range[1]), to: Number(range[2] ?? range[1]) } : { protocol, name: port };
  });
}

function covers(ports: ReachPorts | undefined, token: PortToken, named: NamedPorts, workload: string): boolean {
  if (!ports) return false;
  if (ports === 'All') return true;
  if (token.protocol === undefined) return false;
  let [from, to] = [token.from ?? 1, token.to ?? 65535];
  if (token.name !== undefined) {
    const p = named.get(workload)?.find((x) => x.name === token.name && x.protocol === token.protocol);
    if (!p) return true; // a named port the workload does not declare allows nothing: nothing to hold
    [from, to] = [p.port, p.port];
  }
  // Ranges in reach --json are merged, so one range holds the token when it is allowed.
  return ports.some((r) => r.protocol === token.protocol && r.port <= from && to <= (r.endPort ?? r.port));
}

/** The ranges of reach's cut of the address space that an outside endpoint stands for; undefined: not an address peer. */
function rangesOf(endpoint: string, all: Ipv4Range[]): { ranges: Ipv4Range[]; every: boolean } | undefined {
  if (endpoint === 'outside:internet') return { ranges: all.filter(hasPublicAddress), every: false };
  if (endpoint === 'peer:anywhere') return { ranges: all, every: true };
  const block = endpoint.startsWith('outside:')
    ? [endpoint.slice('outside:'.length)]
    : endpoint.startsWith('peer:ip:')
      ? endpoint.slice('peer:ip:'.length).split(/ except |, /)
      : undefined;
  if (!block) return undefined;
  const [cidr, ...except] = block.map((b) => parseCidr(b) as Ipv4Range);
  const inside = (outer: Ipv4Range, r: Ipv4Range) => outer.start <= r.start && r.end <= outer.end;
  const overlaps = (r: Ipv4Range) => r.start <= cidr.end && cidr.start <= r.end;
  return { ranges: all.filter((r) => overlaps(r) && !except.some((e) => inside(e, r))), every: true };
}

function edgesOf(items: FlowItem[]): DiagramEdge[] {
  return items.flatMap((i) => (i.kind === 'edge' ? [i] : i.kind === 'group' ? edgesOf(i.items) : []));
}
function nodesOf(items: FlowItem[]): DiagramNode[] {
  return items.flatMap((i) => (i.kind === 'node' ? [i] : i.kind === 'group' ? nodesOf(i.items) : []));
}

const ENTRY_KEY = /^external:internet$|\[(Ingress|Gateway|HTTPRoute|GRPCRoute|TLSRoute|TCPRoute|UDPRoute)\]$/;

/** Contradictions between the network flow's arrows and reach --json, and how many arrows were held. */
async function contradictions(input: string, profile?: string): Promise<{ problems: string[]; held: number }> {
  const { files } = await generateDocs(input, { format: 'json', profile });
  const diagrams = (JSON.parse(files[0].content) as DiagramsJson).diagrams.filter((d) => d.section === 'Network flow');
  const { json, namedPorts } = await reachJson(input, profile);
  const byPair = new Map(json.connections.map((c) => [`${c.from}|${c.to}`, c.ports]));
  // reach prints, per workload and direction, disjoint ranges (adjacent pieces allowed alike merged);
  // cut at all their edges, each piece lies inside at most one range of each workload and direction.
  const outsideOf = new Map<string, Array<{ range: Ipv4Range; ports: ReachPorts }>>();
  for (const c of json.connections) {
    const from = parseRangeName(c.from);
    const to = parseRangeName(c.to);
    if (from) outsideOf.set(`in|${c.to}`, [...(outsideOf.get(`in|${c.to}`) ?? []), { range: from, ports: c.ports }]);
    if (to) outsideOf.set(`out|${c.from}`, [...(outsideOf.get(`out|${c.from}`) ?? []), { range: to, ports: c.ports }]);
  }
  const all = cutSpace([...outsideOf.values()].flat().map((o) => o.range));
  const outsidePorts = (direction: 'in' | 'out', workload: string, piece: Ipv4Range) =>
    outsideOf.get(`${direction}|${workload}`)?.find((o) => o.range.start <= piece.start && piece.end <= o.range.end)
      ?.ports;

  const problems: string[] = [];
  let held = 0;
  for (const { model, name } of diagrams) {
    if (model.type !== 'flowchart') continue;
    const keyOf = new Map(nodesOf(model.items).map((n) => [n.id, n]));
    for (const edge of edgesOf(model.items)) {
      const from = keyOf.get(edge.from);
      const where = `${name}: ${from?.key} → ${keyOf.get(edge.to)?.key} (${edge.text ?? ''})`;
      const reachEvidence = edge.evidence.filter((e) => e.kind === 'reach');
      if (reachEvidence.length === 0) {
        if (!ENTRY_KEY.test(from?.key ?? ''))
          problems.push(`${where}: an arrow that is neither an entry nor a reach path`);
        continue;
      }
      const denied = edge.style === 'denied';
      if (denied !== (edge.line === 'dashed')) problems.push(`${where}: denied arrows are dashed, others are not`);
      for (const e of reachEvidence) {
        if (e.kind !== 'reach') continue;
        if (e.allowed === denied)
          problems.push(`${where}: drawn ${denied ? 'denied' : 'allowed'}, evidence says otherwise`);
        if (e.from.startsWith('peer:pods:') || e.to.startsWith('peer:pods:')) continue; // pods not in the input
        const workload = rangesOf(e.from, all) ? e.to : e.from;
        const outside = rangesOf(e.from, all) ?? rangesOf(e.to, all);
        for (const token of portTokens(e.ports)) {
          let allowed: boolean;
          if (!outside) {
            allowed = covers(byPair.get(`${e.from}|${e.to}`), token, namedPorts, e.to);
          } else {
            const results = outside.ranges.map((r) =>
              covers(outsidePorts(e.from === workload ? 'out' : 'in', workload, r), token, namedPorts, workload),
            );
            allowed = results.length > 0 && (outside.every ? results.every(Boolean) : results.some(Boolean));
          }
          held++;
          if (allowed !== !denied)
            problems.push(`${where}: reach --json ${allowed ? 'allows' : 'denies'} ${e.from} → ${e.to} ${e.ports}`);
        }
      }
    }
  }
  return { problems, held };
}

describe('network flow arrows agree with reach --json', () => {
  it('computes reach --json as the command prints it', async () => {
    const cli = spawnSync(process.execPath, ['bin/shipshape.js', 'reach', 'examples/vibebox', '--json'], {
      encoding: 'utf8',
    });
    expect(cli.status, cli.stderr).toBe(0);
    // reach --json streams connections group by group (pod classes), so compare them as a set.
    const printed = JSON.parse(cli.stdout) as ReachJson;
    const asSet = (json: ReachJson) => json.connections.map((c) => JSON.stringify(c)).sort();
    expect(asSet(printed)).toEqual(asSet((await reachJson('examples/vibebox')).json));
  });

  for (const [example, profiles] of Object.entries(PROFILES)) {
    for (const profile of profiles) {
      it(`examples/${example}${profile ? ` --profile ${profile}` : ''}`, async () => {
        const { problems, held } = await contradictions(`examples/${example}`, profile);
        expect(problems).toEqual([]);
        expect(held).toBeGreaterThan(0);
      });
    }
  }

  for (const folder of corpus) {
    it(`corpus/${folder}`, async () => {
      const { problems } = await contradictions(join(CORPUS, folder));
      expect(problems).toEqual([]);
    });
  }
});
