// Shared extractors for pod templates (in the manner of kube-linter's "objectkinds"):
// every stage that looks inside a workload reads pods through these, with field paths for evidence.
import { isRecord, type KubeObject } from './object.js';
import type { PodSpec, Container } from 'kubernetes-types/core/v1.js';

export interface PodTemplate {
  /** Field path of the pod spec within the object, e.g. `spec.template.spec`. */
  path: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  spec: PodSpec;
}

export interface ContainerRef {
  container: Container;
  /** `containers` | `initContainers` | `ephemeralContainers` */
  group: 'containers' | 'initContainers' | 'ephemeralContainers';
  index: number;
  /** Full field path, e.g. `spec.template.spec.containers[0]`. */
  path: string;
}

// One step of a field path (podTemplateOf is on every check's hot path: no rest-parameter arrays).
function child(v: unknown, key: string): unknown {
  return isRecord(v) ? v[key] : undefined;
}

/** The pod template of a workload (or the Pod itself); undefined for other kinds or malformed objects. */
export function podTemplateOf(o: KubeObject): PodTemplate | undefined {
  const spec = o.spec;
  if (!isRecord(spec)) return undefined;
  let template: unknown;
  let meta: unknown;
  let podSpec: unknown;
  let path: string;
  switch (o.kind) {
    case 'Pod':
      meta = o.metadata;
      podSpec = spec;
      path = 'spec';
      break;
    case 'CronJob':
      template = child(child(child(spec, 'jobTemplate'), 'spec'), 'template');
      meta = child(template, 'metadata');
      podSpec = child(template, 'spec');
      path = 'spec.jobTemplate.spec.template.spec';
      break;
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'Job':
      template = child(spec, 'template');
      meta = child(template, 'metadata');
      podSpec = child(template, 'spec');
      path = 'spec.template.spec';
      break;
    default:
      return undefined;
  }
  if (!isRecord(podSpec)) return undefined;
  const m = isRecord(meta) ? meta : {};
  // Typed as the API defines them; a manifest's non-string values pass through unchanged.
  return {
    path,
    labels: (isRecord(m.labels) ? m.labels : {}) as Record<string, string>,
    annotations: (isRecord(m.annotations) ? m.annotations : {}) as Record<string, string>,
    spec: podSpec as unknown as PodSpec,
  };
}

/** All containers of a pod spec with their field paths. Non-array or non-object entries are skipped. */
export function containersOf(t: PodTemplate): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const group of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    const list: unknown = t.spec[group];
    if (!Array.isArray(list)) continue;
    list.forEach((c: unknown, index: number) => {
      if (isRecord(c))
        out.push({ container: c as unknown as Container, group, index, path: `${t.path}.${group}[${index}]` });
    });
  }
  return out;
}
