// Diagrams as data: what every diagram of the docs draws, independent of Mermaid. The docs build
// these models, `render-mermaid.ts` turns them into the `.mmd` text, and `docs --format json`
// writes them as they are, so another renderer or a viewer draws exactly what the docs draw.
// Items keep their drawing order (Mermaid lays nodes out in the order they are written).
import type { EdgeType } from '../graph/model.js';

export type DiagramModel = FlowchartModel | SequenceModel;

export interface FlowchartModel {
  type: 'flowchart';
  direction: 'TB' | 'LR';
  /** Nodes, groups (each with its own items) and edges, in drawing order. */
  items: FlowItem[];
  /** Node class name → style, e.g. `fill:#e8f1fb,stroke:#2e6fb7` (a class no node uses is not drawn). */
  classDefs: Record<string, string>;
  /** Edge style name (`denied`, `unintended` …) → line style. */
  edgeStyles: Record<string, string>;
}

export type FlowItem = DiagramNode | DiagramGroup | DiagramEdge;

export type NodeShape = 'box' | 'round' | 'db' | 'stadium' | 'hex';

export interface DiagramNode {
  kind: 'node';
  /** Unique within the diagram, made of [A-Za-z0-9_]; edges refer to it. */
  id: string;
  /** What the node stands for: a graph node id (`sagaz/api[Deployment]`), or a key such as `summary:…`, `note:…`. */
  key: string;
  /** Label lines, plain text (renderers escape them). */
  lines: string[];
  shape: NodeShape;
  className?: string;
}

/** A subgraph: a namespace, a tier, a column, a pod, an autoscaler … Groups nest. */
export interface DiagramGroup {
  kind: 'group';
  id: string;
  key: string;
  lines: string[];
  items: FlowItem[];
}

/** `solid` is an ordinary arrow, `dashed` a dotted one, `thick` a bold one. */
export type EdgeLine = 'solid' | 'dashed' | 'thick';

export interface DiagramEdge {
  kind: 'edge';
  from: string;
  to: string;
  text?: string;
  line: EdgeLine;
  /** A name in `edgeStyles`. */
  style?: string;
  /** What the edge was drawn from; merged edges (summarised diagrams) carry the evidence of each. */
  evidence: Evidence[];
}

export type Evidence =
  /** An edge of the graph, with the field path (or annotation) that produced it. */
  | { kind: 'graph-edge'; type: EdgeType; from: string; to: string; port?: number | string; field: string }
  /** A field of one object, e.g. a Service's `spec.ports`, a route's `spec.parentRefs`. */
  | { kind: 'field'; object: string; path: string }
  /** A NetworkPolicy reachability result between two endpoints (workload ids, address ranges, rule peers). */
  | { kind: 'reach'; from: string; to: string; allowed: boolean; ports: string; policies?: string[] };

export interface SequenceModel {
  type: 'sequence';
  participants: Array<{ id: string; label: string }>;
  items: SequenceItem[];
}

export type SequenceItem =
  | { kind: 'message'; from: string; to: string; text: string; reply: boolean }
  | { kind: 'note'; over: [string, string]; text: string };
