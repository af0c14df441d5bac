// 5. Pod internals, one diagram per component: its containers (init and sidecar ones marked)
// with image, ports, probes and their timings, resources; its volumes and where they are mounted;
// the env vars each container gets, by name and source only.
import type {
  ContainerPort,
  EnvFromSource,
  EnvVar,
  ResourceRequirements,
  Volume,
  VolumeMount,
  VolumeProjection,
} from 'kubernetes-types/core/v1.js';
import { presentItems } from './fields.js';
import { containersOf, podTemplateOf } from '../k8s/podspec.js';
import { formatBytes, formatCpu, parseMillis, parseUnits, isQuantity } from '../vocabulary/quantity.js';
import type {
  DiagramEdge,
  DiagramGroup,
  DiagramNode,
  Evidence,
  FlowchartModel,
  FlowItem,
  NodeShape,
} from './diagram.js';
import { diagramEdge, labelLines } from './flow.js';
import { mermaidId } from './mermaid.js';
import { envFromSource, envSource, probesOf, probeSummary } from './probes.js';
import type { Component } from './topology.js';

const CLASS_DEFS = {
  container: 'fill:#e8f1fb,stroke:#2e6fb7',
  volume: 'fill:#fff4e0,stroke:#c77c02',
  env: 'fill:#f4f4f4,stroke:#888',
};

/** Env lines per container before the rest is counted. */
const ENV_LINES = 25;

export function volumeSource(v: Volume): string {
  if (v.persistentVolumeClaim) return `PVC ${v.persistentVolumeClaim.claimName}`;
  if (v.configMap) return `ConfigMap ${v.configMap.name}`;
  if (v.secret) return `Secret ${v.secret.secretName}`;
  if (v.emptyDir)
    return `emptyDir${v.emptyDir.medium ? ` ${v.emptyDir.medium}` : ''}${v.emptyDir.sizeLimit ? ` ${v.emptyDir.sizeLimit}` : ''}`;
  if (v.hostPath) return `hostPath ${v.hostPath.path}`;
  if (v.projected) {
    const parts = presentItems<VolumeProjection>(v.projected.sources).map((s) =>
      s.secret
        ? `Secret ${s.secret.name}`
        : s.configMap
          ? `ConfigMap ${s.configMap.name}`
          : s.serviceAccountToken
            ? 'service account token'
            : s.downwardAPI
              ? 'downward API'
              : 'other',
    );
    return `projected: ${parts.join(', ')}`;
  }
  if (v.ephemeral) return 'ephemeral PVC';
  if (v.downwardAPI) return 'downward API';
  if (v.csi) return `CSI ${v.csi.driver}`;
  if (v.nfs) return `NFS ${v.nfs.server}:${v.nfs.path}`;
  const other = Object.keys(v).find((k) => k !== 'name');
  return other ?? 'unknown';
}

function quantity(v: unknown, format: (n: number) => string, parse: (q: string | number) => number): string {
  return isQuantity(v) ? format(parse(v as string | number)) : '–';
}

function resourcesLine(r: ResourceRequirements | undefined): string {
  if (!r?.requests && !r?.limits) return 'no requests or limits';
  const req = `requests ${quantity(r.requests?.cpu, formatCpu, parseMillis)} CPU / ${quantity(r.requests?.memory, formatBytes, parseUnits)}`;
  const lim = `limits ${quantity(r.limits?.cpu, formatCpu, parseMillis)} CPU / ${quantity(r.limits?.memory, formatBytes, parseUnits)}`;
  return `${req}, ${lim}`;
}

export function podDiagram(component: Component, replicasText: string): FlowchartModel {
  const template = podTemplateOf(component.node.object)!;
  const key = (part: string) => mermaidId(`${component.id}/${part}`);
  const node = (part: string, lines: string[], className: string, shape: NodeShape = 'box'): DiagramNode => ({
    kind: 'node',
    id: key(part),
    key: `${component.id}/${part}`,
    lines: labelLines(lines),
    shape,
    className,
  });
  const podItems: FlowItem[] = [];
  const edges: DiagramEdge[] = [];
  const volumes = presentItems<Volume>(template.spec.volumes);
  for (const ref of containersOf(template)) {
    const c = ref.container;
    const role =
      ref.group === 'containers'
        ? 'container'
        : ref.group === 'initContainers'
          ? c.restartPolicy === 'Always'
            ? 'sidecar'
            : 'init container'
          : 'ephemeral container';
    const cid = key(`c/${ref.path}`);
    const ports = presentItems<ContainerPort>(c.ports).map(
      (p) => `${p.name ? `${p.name} ` : ''}${p.containerPort}/${p.protocol ?? 'TCP'}`,
    );
    const lines = [`${role} ${c.name}`, `image ${c.image ?? '(none)'}`];
    if (ports.length) lines.push(`ports ${ports.join(', ')}`);
    lines.push(resourcesLine(c.resources));
    for (const p of probesOf(c)) lines.push(`${p.kind}: ${probeSummary(p.probe)}`);
    podItems.push(node(`c/${ref.path}`, lines, 'container'));
    const env = [
      ...presentItems<EnvFromSource>(c.envFrom).map(envFromSource),
      ...presentItems<EnvVar>(c.env).map(envSource),
    ];
    if (env.length) {
      const shown = env.length > ENV_LINES ? [...env.slice(0, ENV_LINES), `and ${env.length - ENV_LINES} more`] : env;
      podItems.push(node(`env/${ref.path}`, [`env of ${c.name}`, ...shown], 'env'));
      const evidence = (['envFrom', 'env'] as const)
        .filter((f) => presentItems(c[f]).length > 0)
        .map((f): Evidence => ({ kind: 'field', object: component.id, path: `${ref.path}.${f}` }));
      edges.push(diagramEdge(key(`env/${ref.path}`), cid, { line: 'dashed', evidence }));
    }
    for (const m of presentItems<VolumeMount>(c.volumeMounts)) {
      if (!volumes.some((v) => v.name === m.name)) continue;
      const evidence: Evidence[] = [
        { kind: 'field', object: component.id, path: `${ref.path}.volumeMounts[${(c.volumeMounts ?? []).indexOf(m)}]` },
      ];
      edges.push(
        diagramEdge(key(`v/${m.name}`), cid, { text: `${m.mountPath}${m.readOnly ? ' (ro)' : ''}`, evidence }),
      );
    }
  }
  for (const v of volumes) podItems.push(node(`v/${v.name}`, [`volume ${v.name}`, volumeSource(v)], 'volume', 'db'));
  const pod: DiagramGroup = {
    kind: 'group',
    id: key('pod'),
    key: `${component.id}/pod`,
    lines: labelLines([`Pod of ${component.name}`, `${component.kind}, ${replicasText}`]),
    items: podItems,
  };
  return { type: 'flowchart', direction: 'LR', items: [pod, ...edges], classDefs: CLASS_DEFS, edgeStyles: {} };
}

/** Pod internals as one table row per component: what large inputs get instead of a diagram each. */
export function podTableRow(component: Component, replicasText: string, name: string): string[] {
  const template = podTemplateOf(component.node.object)!;
  const refs = containersOf(template);
  const containers = refs.map((r) => `${r.container.name} (${r.container.image ?? 'no image'})`);
  const ports = refs.flatMap((r) =>
    presentItems<ContainerPort>(r.container.ports).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`),
  );
  const probes = refs.flatMap((r) => probesOf(r.container).map((p) => `${r.container.name} ${p.kind}`));
  const volumes = presentItems<Volume>(template.spec.volumes).map((v) => `${v.name}: ${volumeSource(v)}`);
  const env = refs.flatMap((r) => [
    ...presentItems<EnvFromSource>(r.container.envFrom).map(envFromSource),
    ...presentItems<EnvVar>(r.container.env).map(envSource),
  ]);
  return [
    name,
    replicasText,
    containers.join(', '),
    ports.join(', '),
    probes.join(', '),
    volumes.join(', '),
    env.join(', '),
  ];
}

export const POD_TABLE_HEADER = [
  'Component',
  'Replicas',
  'Containers (image)',
  'Ports',
  'Probes',
  'Volumes',
  'Env sources (names only)',
];
