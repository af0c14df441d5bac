import { buildGraph, type Graph, type GraphEdge } from '../../src/graph/index.js';
import { readManifests } from '../../src/k8s/read.js';

/** The graph of a YAML text, read as `-` would be. */
export async function graphOf(yamlText: string, namespace?: string): Promise<Graph> {
  const r = await readManifests(['-'], { stdinText: yamlText, namespace });
  return buildGraph(r.objects, r.messages);
}

/** Edges of one type as `from -> to[:port]` strings, with ` (missing)` for dangling ones. */
export function edgeList(g: Graph, type: GraphEdge['type']): string[] {
  return g.edges
    .filter((e) => e.type === type)
    .map((e) => `${e.from} -> ${e.to}${e.port !== undefined ? `:${e.port}` : ''}${e.missing ? ' (missing)' : ''}`);
}

/** A Deployment with the given pod labels and containers. */
export function deployment(
  name: string,
  labels: Record<string, string>,
  podSpec: object = {},
  extra: { namespace?: string; annotations?: Record<string, string> } = {},
): string {
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      ...(extra.namespace && { namespace: extra.namespace }),
      ...(extra.annotations && { annotations: extra.annotations }),
    },
    spec: {
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'main', image: 'x' }], ...podSpec } },
    },
  });
}

export function service(
  name: string,
  selector: Record<string, string> | undefined,
  ports: number[] = [80],
  namespace?: string,
): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, ...(namespace && { namespace }) },
    spec: { ...(selector && { selector }), ports: ports.map((port) => ({ port })) },
  });
}

/** Joins JSON/YAML documents into one multi-document text. */
export const docs = (...texts: string[]): string => texts.join('\n---\n');
