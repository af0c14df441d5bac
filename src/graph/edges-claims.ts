// `claims` edges: storage. PVC → StorageClass and → the PersistentVolume it is bound to,
// PersistentVolume → StorageClass, StatefulSet volumeClaimTemplates → the StorageClass they ask
// for and → the PVCs the controller generated from them (`<template>-<statefulset>-<ordinal>`).
import { nodeId } from '../k8s/object.js';
import { str, type BuildContext } from './context.js';
import { isRecord } from '../k8s/object.js';
import type { GraphNode } from './model.js';

const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

export function addClaimsEdges(ctx: BuildContext): void {
  for (const node of ctx.nodes) {
    const spec = (node.object as { spec?: unknown }).spec;
    if (!isRecord(spec)) continue;
    if (node.kind === 'PersistentVolumeClaim') {
      addStorageClass(ctx, node, spec, node.object.metadata.annotations, 'spec');
      const volumeName = str(spec.volumeName);
      if (volumeName)
        ctx.add({
          type: 'claims',
          from: node.id,
          to: nodeId('PersistentVolume', volumeName),
          evidence: 'spec.volumeName',
        });
    } else if (node.kind === 'PersistentVolume') {
      addStorageClass(ctx, node, spec, node.object.metadata.annotations, 'spec');
    } else if (node.kind === 'StatefulSet' && Array.isArray(spec.volumeClaimTemplates)) {
      addVolumeClaimTemplates(ctx, node, spec, spec.volumeClaimTemplates as unknown[]);
    }
  }
}

// No storageClassName means the cluster's default class, and "" means no class at all (static
// binding): neither names an object, so neither draws an edge. The beta annotation predates the field.
function addStorageClass(
  ctx: BuildContext,
  node: GraphNode,
  spec: Record<string, unknown>,
  annotations: unknown,
  at: string,
): void {
  const fromField = str(spec.storageClassName);
  const fromAnnotation = isRecord(annotations) ? str(annotations[BETA_CLASS_ANNOTATION]) : undefined;
  const evidence = fromField ? `${at}.storageClassName` : `metadata.annotations["${BETA_CLASS_ANNOTATION}"]`;
  const name = fromField ?? fromAnnotation;
  if (name) ctx.add({ type: 'claims', from: node.id, to: nodeId('StorageClass', name), evidence });
}

function addVolumeClaimTemplates(
  ctx: BuildContext,
  node: GraphNode,
  spec: Record<string, unknown>,
  templates: unknown[],
): void {
  // Generated claims exist only once the controller ran; only those in the input get an edge.
  const replicas = typeof spec.replicas === 'number' && spec.replicas >= 0 ? spec.replicas : 1; // API default 1
  templates.forEach((t, i) => {
    if (!isRecord(t)) return;
    const at = `spec.volumeClaimTemplates[${i}]`;
    const claimSpec = isRecord(t.spec) ? t.spec : {};
    const meta = isRecord(t.metadata) ? t.metadata : {};
    addStorageClass(ctx, node, claimSpec, meta.annotations, `${at}.spec`);
    const name = str(meta.name);
    if (!name) return;
    for (let ordinal = 0; ordinal < replicas; ordinal++) {
      const pvc = nodeId('PersistentVolumeClaim', `${name}-${node.name}-${ordinal}`, node.namespace);
      if (ctx.byId.has(pvc)) ctx.add({ type: 'claims', from: node.id, to: pvc, evidence: at });
    }
  });
}
