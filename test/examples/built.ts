// Shared access to an example's built objects for the end-to-end fact tests. The fact tests read
// Kubernetes objects only (never the spec's shape), so each lookup here goes by kind and name and
// fails with the names that do exist, which makes a missing fact easy to diagnose.
import { fileURLToPath } from 'node:url';
import type { KubeObject } from '../../src/k8s/object.js';
import { podTemplateOf, containersOf } from '../../src/k8s/podspec.js';
import { parseMillis, parseUnits } from '../../src/vocabulary/quantity.js';
import type { Container, PodSpec } from 'kubernetes-types/core/v1.js';

export const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

export interface Built {
  objects: KubeObject[];
  /** The one object of `kind` named `name` (in `namespace` when given); throws listing what exists. */
  get(kind: string, name: string, namespace?: string): any;
  find(kind: string, name: string): any | undefined;
  all(kind: string): any[];
  pod(kind: string, name: string): PodSpec;
  podLabels(kind: string, name: string): Record<string, string>;
  /** The named container (or the first app container) of a workload's pod template. */
  container(kind: string, name: string, containerName?: string): Container;
}

export async function built(example: string, profile?: string): Promise<Built> {
  const { loadArchitecture } = await import('../../src/spec/load.js');
  const { synthesize } = await import('../../src/synth/index.js');
  const file = `${EXAMPLES}${example}/architecture.ts`;
  const objects = synthesize(await loadArchitecture(file, { profile })).files.flatMap((f) => f.objects);
  return wrap(objects);
}

export function wrap(objects: KubeObject[]): Built {
  const all = (kind: string) => objects.filter((o) => o.kind === kind) as any[];
  const find = (kind: string, name: string, namespace?: string) =>
    all(kind).find((o) => o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace));
  const get = (kind: string, name: string, namespace?: string) => {
    const o = find(kind, name, namespace);
    if (!o) {
      const names = all(kind).map((x) => `${x.metadata.namespace ?? ''}/${x.metadata.name}`);
      throw new Error(
        `no ${kind} ${namespace ? namespace + '/' : ''}${name}; ${kind}s built: ${names.join(', ') || 'none'}`,
      );
    }
    return o;
  };
  const template = (kind: string, name: string) => {
    const t = podTemplateOf(get(kind, name));
    if (!t) throw new Error(`${kind} ${name} has no pod template`);
    return t;
  };
  return {
    objects,
    get,
    find,
    all,
    pod: (kind, name) => template(kind, name).spec,
    podLabels: (kind, name) => template(kind, name).labels,
    container(kind, name, containerName) {
      const refs = containersOf(template(kind, name)).filter((r) => r.group === 'containers');
      const ref = containerName === undefined ? refs[0] : refs.find((r) => r.container.name === containerName);
      if (!ref) throw new Error(`${kind} ${name} has no container ${containerName ?? ''}`);
      return ref.container;
    },
  };
}

/** Requests and limits in exact integers (milli-cores, bytes), so `1` equals `1000m` and `2Gi` equals `2048Mi`. */
export function resourcesOf(c: Container): { cpu: [number, number]; memory: [number, number] } {
  const r = c.resources ?? {};
  const q = (group: 'requests' | 'limits', key: string, parse: (v: string) => number) => {
    const v = (r as any)[group]?.[key];
    return v === undefined ? NaN : parse(String(v));
  };
  return {
    cpu: [q('requests', 'cpu', parseMillis), q('limits', 'cpu', parseMillis)],
    memory: [q('requests', 'memory', parseUnits), q('limits', 'memory', parseUnits)],
  };
}

/** The same shape from the document's notation: `res('100m', '500m', '128Mi', '512Mi')`. */
export function res(cpuReq: string, cpuLim: string, memReq: string, memLim: string) {
  return {
    cpu: [parseMillis(cpuReq), parseMillis(cpuLim)],
    memory: [parseUnits(memReq), parseUnits(memLim)],
  };
}

export const bytes = (q: string): number => parseUnits(q);

/** env var by name: its literal value or its valueFrom. */
export function env(c: Container, name: string): any {
  const e = (c.env ?? []).find((x) => x.name === name);
  if (!e) throw new Error(`container ${c.name} has no env ${name}; has ${(c.env ?? []).map((x) => x.name).join(', ')}`);
  return e.valueFrom ?? e.value;
}

/** containerPort by port name → number. */
export function ports(c: Container): Record<string, number> {
  return Object.fromEntries((c.ports ?? []).map((p) => [p.name ?? String(p.containerPort), p.containerPort]));
}

/** Service ports as `name:port→targetPort`. */
export function servicePorts(svc: any): string[] {
  return (svc.spec.ports ?? []).map((p: any) => `${p.name ?? ''}:${p.port}→${p.targetPort ?? p.port}`);
}

/** The HPA whose scaleTargetRef names this workload. */
export function hpaFor(b: Built, kind: string, name: string): any {
  const h = b
    .all('HorizontalPodAutoscaler')
    .find((x) => x.spec.scaleTargetRef.kind === kind && x.spec.scaleTargetRef.name === name);
  if (!h) throw new Error(`no HPA targets ${kind} ${name}`);
  return h;
}

/** The PVC a workload mounts at `mountPath` (pod volume or StatefulSet volumeClaimTemplate). */
export function claimAt(b: Built, kind: string, name: string, mountPath: string): any {
  const w = b.get(kind, name);
  const pod = b.pod(kind, name);
  const mount = (pod.containers ?? []).flatMap((c) => c.volumeMounts ?? []).find((m) => m.mountPath === mountPath);
  if (!mount) throw new Error(`${kind} ${name} mounts nothing at ${mountPath}`);
  const template = (w.spec.volumeClaimTemplates ?? []).find((t: any) => t.metadata.name === mount.name);
  if (template) return template;
  const volume = (pod.volumes ?? []).find((v) => v.name === mount.name);
  const claimName = volume?.persistentVolumeClaim?.claimName;
  if (!claimName) throw new Error(`${kind} ${name}: volume ${mount.name} at ${mountPath} is not a PVC`);
  return b.get('PersistentVolumeClaim', claimName, w.metadata.namespace);
}
