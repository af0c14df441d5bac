// The documented, stable JSON shape of `shipshape graph --json`: nodes without their objects
// (a Secret's values never leave the process), edges, messages.
import type { Message } from '../diagnostics/index.js';
import type { Graph, GraphEdge } from './model.js';

export interface GraphJson {
  nodes: Array<{
    id: string;
    kind: string;
    apiVersion: string;
    namespace?: string;
    name: string;
    file?: string;
    line?: number;
  }>;
  /** The edges as the graph holds them (GraphEdge documents each field). */
  edges: GraphEdge[];
  messages: Message[];
}

export function graphToJson(graph: Graph): GraphJson {
  return {
    nodes: graph.nodes.map((n) => ({
      id: n.id,
      kind: n.kind,
      apiVersion: n.apiVersion,
      ...(n.namespace !== undefined && { namespace: n.namespace }),
      name: n.name,
      ...(n.source.file !== undefined && { file: n.source.file }),
      ...(n.source.line !== undefined && { line: n.source.line }),
    })),
    edges: graph.edges.map((e) => ({
      type: e.type,
      from: e.from,
      to: e.to,
      ...(e.port !== undefined && { port: e.port }),
      evidence: e.evidence,
      ...(e.missing && { missing: true as const }),
      ...(e.declared !== undefined && { declared: e.declared }),
      ...(e.host !== undefined && { host: e.host }),
    })),
    messages: graph.messages.map((m) => ({
      severity: m.severity,
      ...(m.file !== undefined && { file: m.file }),
      ...(m.document !== undefined && { document: m.document }),
      ...(m.line !== undefined && { line: m.line }),
      message: m.message,
    })),
  };
}
