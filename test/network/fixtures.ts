// Test inputs: graphs built from plain objects and from the corpus files, and the pods the
// netpol recipes create with `kubectl run` (which only exist in their prose).
import { readFileSync } from 'node:fs';
import { loadAll } from 'js-yaml';
import type { KubeObject } from '../../src/k8s/object.js';
import { objectId, isClusterScoped } from '../../src/k8s/object.js';
import type { Graph, GraphEdge, GraphNode } from '../../src/graph/model.js';
import { buildGraph } from '../../src/graph/build.js';

import { CORPUS } from '../shared-paths.js';
export { CORPUS };

/** Nodes exactly as the graph model defines them (namespace filled in), plus the given edges. */
export function graphOf(objects: KubeObject[], edges: GraphEdge[] = []): Graph {
  const nodes: GraphNode[] = objects.map((object) => {
    const namespace = isClusterScoped(object.kind) ? undefined : (object.metadata.namespace ?? 'default');
    const filled = { ...object, metadata: { ...object.metadata, ...(namespace ? { namespace } : {}) } };
    return {
      id: objectId(filled),
      kind: object.kind,
      apiVersion: object.apiVersion,
      namespace,
      name: object.metadata.name ?? '',
      object: filled,
      source: {},
    };
  });
  return { nodes, edges, messages: [], byId: new Map(nodes.map((n) => [n.id, n])) };
}

/** Every object of a YAML file (documents that are not objects are skipped). */
export function readObjects(file: string): KubeObject[] {
  return (loadAll(readFileSync(file, 'utf8')) as unknown[]).filter(
    (d): d is KubeObject => typeof d === 'object' && d !== null && 'kind' in d,
  );
}

type Port = { name?: string; containerPort: number; protocol?: string };

/** What `kubectl run NAME --labels=… [--port=N]` creates: a bare Pod (label run=NAME unless --labels is given). */
export function pod(namespace: string, name: string, labels?: Record<string, string>, ports: Port[] = []): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: labels ?? { run: name } },
    spec: { containers: [{ name, image: 'nginx', ports }] },
  };
}

export function deployment(
  namespace: string,
  name: string,
  labels: Record<string, string>,
  ports: Port[] = [],
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      replicas: 3,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name, image: `${name}:1`, ports }] } },
    },
  };
}

export function namespace(
  name: string,
  labels: Record<string, string> = {},
  annotations: Record<string, string> = {},
): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels, annotations } };
}

export function policy(namespace: string, name: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

export function service(
  namespace: string,
  name: string,
  selector: Record<string, string>,
  ports: Array<Record<string, unknown>>,
): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { selector, ports } };
}

export function recipe(file: string): KubeObject[] {
  return readObjects(`${CORPUS}/netpol-recipes/${file}`);
}

/** The graph the real builder derives (with inferred and declared `connects` edges). */
export function built(objects: KubeObject[]): Graph {
  return buildGraph(objects.map((object) => ({ object, source: {} })));
}

/** A Deployment that declares its connections (`shipshape.dev/connects`). */
export function connecting(
  namespace: string,
  name: string,
  labels: Record<string, string>,
  connects: string,
  ports: Port[] = [],
): KubeObject {
  const d = deployment(namespace, name, labels, ports);
  d.metadata.annotations = { 'shipshape.dev/connects': connects };
  return d;
}
