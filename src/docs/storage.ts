// 7. Storage: StorageClass → PersistentVolumeClaims and StatefulSet volumeClaimTemplates →
// the workloads that mount them, with sizes and access modes. A claim with no storageClassName
// uses the cluster's default StorageClass, drawn as such. A pre-provisioned PersistentVolume is
// drawn before the claim bound to it by `volumeName`.
import type { Graph, GraphNode } from '../graph/model.js';
import type { Volume } from 'kubernetes-types/core/v1.js';
import { podTemplateOf } from '../k8s/podspec.js';
import type { PersistentVolumeClaimSpec, PersistentVolumeSpec } from 'kubernetes-types/core/v1.js';
import type { StatefulSetSpec } from 'kubernetes-types/apps/v1.js';
import { presentItems, specOf } from './fields.js';
import type { FlowchartModel } from './diagram.js';
import { flowchartModel, type FlowLink, type FlowNode } from './flow.js';
import { namespaceGroup, shortName, type Component, type Topology } from './topology.js';

const DEFAULT_CLASS = 'storageclass:(default)';

const CLASS_DEFS = {
  sc: 'fill:#f3eefa,stroke:#7d4bb3',
  claim: 'fill:#fff4e0,stroke:#c77c02',
  volume: 'fill:#eef7ee,stroke:#2f8a3b',
  workload: 'fill:#e8f1fb,stroke:#2e6fb7',
};

function claimLine(spec: PersistentVolumeClaimSpec | undefined): string {
  const size = spec?.resources?.requests?.storage ?? '?';
  const modes = Array.isArray(spec?.accessModes) ? spec.accessModes.join(', ') : 'no access mode';
  return `${size}, ${modes}`;
}

/** Where a PersistentVolume's data lives: its CSI driver, NFS export or node directory. */
function volumeSourceLine(spec: PersistentVolumeSpec | undefined): string {
  if (spec?.csi) return `CSI ${spec.csi.driver}`;
  if (spec?.nfs) return `NFS ${spec.nfs.server}:${spec.nfs.path}`;
  if (spec?.hostPath) return `hostPath ${spec.hostPath.path}`;
  return 'other source';
}

function hasClaimTemplates(statefulSet: GraphNode): boolean {
  const templates = specOf<StatefulSetSpec>(statefulSet)?.volumeClaimTemplates;
  return Array.isArray(templates) && templates.length > 0;
}

export function hasStorage(graph: Graph): boolean {
  return graph.nodes.some(
    (n) =>
      n.kind === 'PersistentVolumeClaim' ||
      n.kind === 'PersistentVolume' ||
      n.kind === 'StorageClass' ||
      (n.kind === 'StatefulSet' && hasClaimTemplates(n)),
  );
}

export function storageDiagram(
  graph: Graph,
  topo: Topology,
  replicas: (id: string) => number,
  singleNamespace: boolean,
): FlowchartModel {
  const nodes = new Map<string, FlowNode>();
  const links: FlowLink[] = [];
  const classNode = (name: string | undefined): string => {
    const key = name === undefined ? DEFAULT_CLASS : `${name}[StorageClass]`;
    if (!nodes.has(key)) {
      const sc = graph.byId.get(key);
      const provisioner = sc?.object.provisioner;
      const lines =
        name === undefined
          ? ['default StorageClass']
          : // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a malformed provisioner is shown as labels show any field: String() of it
            [`StorageClass ${name}`, sc ? String(provisioner ?? '') : 'not in the input'];
      nodes.set(key, { key, lines, shape: 'hex', className: 'sc', groups: [], summaryAs: 'StorageClass' });
    }
    return key;
  };
  for (const sc of graph.nodes.filter((n) => n.kind === 'StorageClass')) classNode(sc.name);
  const workloadNode = (c: Component): void => {
    if (!nodes.has(c.id))
      nodes.set(c.id, {
        key: c.id,
        lines: [shortName(c, singleNamespace), c.kind],
        className: 'workload',
        groups: [namespaceGroup(c.namespace)],
        summaryAs: c.kind,
      });
  };
  for (const pvc of graph.nodes.filter((n) => n.kind === 'PersistentVolumeClaim')) {
    const spec = specOf<PersistentVolumeClaimSpec>(pvc) ?? {};
    nodes.set(pvc.id, {
      key: pvc.id,
      lines: [`PVC ${shortName(pvc, singleNamespace)}`, claimLine(spec)],
      shape: 'db',
      className: 'claim',
      groups: [namespaceGroup(pvc.namespace)],
      summaryAs: 'PersistentVolumeClaim',
    });
    // storageClassName "" asks for no class (static binding); unset means the default class.
    if (spec.storageClassName !== '')
      links.push({
        from: classNode(spec.storageClassName ?? undefined),
        to: pvc.id,
        evidence: [{ kind: 'field', object: pvc.id, path: 'spec.storageClassName' }],
      });
  }
  for (const pv of graph.nodes.filter((n) => n.kind === 'PersistentVolume')) {
    const spec = specOf<PersistentVolumeSpec>(pv);
    const reclaim = spec?.persistentVolumeReclaimPolicy ?? 'Retain';
    nodes.set(pv.id, {
      key: pv.id,
      lines: [`PV ${pv.name}`, `${spec?.capacity?.storage ?? '?'}, ${volumeSourceLine(spec)}, ${reclaim}`],
      shape: 'db',
      className: 'volume',
      groups: [],
      summaryAs: 'PersistentVolume',
    });
  }
  for (const edge of graph.edges.filter(
    (e) => e.type === 'claims' && nodes.has(e.to) && e.to.endsWith('[PersistentVolume]'),
  ))
    links.push({ from: edge.to, to: edge.from, evidence: [{ kind: 'field', object: edge.from, path: edge.evidence }] });
  for (const c of topo.components) {
    const w = c.node;
    const template = podTemplateOf(w.object)!;
    for (const v of presentItems<Volume>(template.spec.volumes)) {
      const claim = v.persistentVolumeClaim?.claimName;
      if (!claim) continue;
      const pvcId = `${w.namespace}/${claim}[PersistentVolumeClaim]`;
      if (!nodes.has(pvcId))
        nodes.set(pvcId, {
          key: pvcId,
          lines: [`PVC ${claim}`, 'not in the input'],
          shape: 'db',
          className: 'claim',
          groups: [namespaceGroup(w.namespace)],
          summaryAs: 'PersistentVolumeClaim',
        });
      workloadNode(c);
      links.push({
        from: pvcId,
        to: c.id,
        text: v.name,
        evidence: [
          {
            kind: 'field',
            object: c.id,
            path: `${template.path}.volumes[${(template.spec.volumes ?? []).indexOf(v)}].persistentVolumeClaim.claimName`,
          },
        ],
      });
    }
    const templates = w.kind === 'StatefulSet' ? specOf<StatefulSetSpec>(w)?.volumeClaimTemplates : undefined;
    if (!Array.isArray(templates)) continue;
    for (const [i, t] of templates.entries()) {
      const key = `${c.id}/volumeClaimTemplate/${t?.metadata?.name}`;
      nodes.set(key, {
        key,
        lines: [
          `volumeClaimTemplate ${t?.metadata?.name}`,
          `${claimLine(t?.spec)}, × ${replicas(c.id)} pod${replicas(c.id) === 1 ? '' : 's'}`,
        ],
        shape: 'db',
        className: 'claim',
        groups: [namespaceGroup(w.namespace)],
        summaryAs: 'volumeClaimTemplate',
      });
      workloadNode(c);
      const templateField = `spec.volumeClaimTemplates[${i}]`;
      if (t?.spec?.storageClassName !== '')
        links.push({
          from: classNode(t?.spec?.storageClassName ?? undefined),
          to: key,
          evidence: [{ kind: 'field', object: c.id, path: `${templateField}.spec.storageClassName` }],
        });
      links.push({ from: key, to: c.id, evidence: [{ kind: 'field', object: c.id, path: templateField }] });
    }
  }
  return flowchartModel([...nodes.values()], links, { direction: 'LR', classDefs: CLASS_DEFS });
}
