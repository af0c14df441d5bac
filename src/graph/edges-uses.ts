// `uses` edges: what a workload's pods read — ConfigMaps, Secrets, PVCs, its ServiceAccount —
// and the TLS Secrets of an Ingress.
import { ingressSpec } from '../k8s/kinds.js';
import { nodeId } from '../k8s/object.js';
import { containersOf } from '../k8s/podspec.js';
import { str, type BuildContext, type PodSource } from './context.js';
import { isRecord } from '../k8s/object.js';

// Kubernetes creates these in every namespace, so manifests never define them: a reference to one
// that is not in the input is not dangling, and no edge is drawn for it.
const IMPLICIT = new Set(['ServiceAccount/default', 'ConfigMap/kube-root-ca.crt']);

export function addUsesEdges(ctx: BuildContext): void {
  for (const pod of ctx.ownPodSources()) addPodUses(ctx, pod);
  for (const node of ctx.nodes) {
    if (node.kind !== 'Ingress' || !node.namespace) continue;
    const tls: unknown = ingressSpec(node.object)?.tls;
    if (!Array.isArray(tls)) continue;
    tls.forEach((t: unknown, i) => {
      const name = isRecord(t) ? str(t.secretName) : undefined;
      if (name)
        ctx.add({
          type: 'uses',
          from: node.id,
          to: nodeId('Secret', name, node.namespace),
          evidence: `spec.tls[${i}].secretName`,
        });
    });
  }
}

function addPodUses(ctx: BuildContext, pod: PodSource): void {
  const { template, owner } = pod;
  const ns = pod.node.namespace!;
  const use = (kind: string, name: unknown, evidence: string) => {
    const n = str(name);
    if (!n) return;
    const to = nodeId(kind, n, ns);
    if (IMPLICIT.has(`${kind}/${n}`) && !ctx.byId.has(to)) return;
    ctx.add({ type: 'uses', from: owner, to, evidence });
  };
  const spec = template.spec as unknown as Record<string, unknown>;
  const base = template.path;

  // serviceAccountName wins over its deprecated alias serviceAccount when both are set.
  if (str(spec.serviceAccountName)) use('ServiceAccount', spec.serviceAccountName, `${base}.serviceAccountName`);
  else use('ServiceAccount', spec.serviceAccount, `${base}.serviceAccount`);

  if (Array.isArray(spec.imagePullSecrets)) {
    spec.imagePullSecrets.forEach(
      (s, i) => isRecord(s) && use('Secret', s.name, `${base}.imagePullSecrets[${i}].name`),
    );
  }

  // StatefulSet pods get the claims of volumeClaimTemplates under the template's name; a volume
  // naming one is that generated claim, not a PVC of its own (edges-claims.ts draws those).
  const vctNames = new Set(volumeClaimTemplateNames(pod));
  if (Array.isArray(spec.volumes)) {
    spec.volumes.forEach((v, i) => {
      if (!isRecord(v)) return;
      const at = `${base}.volumes[${i}]`;
      if (isRecord(v.configMap)) use('ConfigMap', v.configMap.name, `${at}.configMap.name`);
      if (isRecord(v.secret)) use('Secret', v.secret.secretName, `${at}.secret.secretName`);
      if (isRecord(v.persistentVolumeClaim) && !vctNames.has(String(v.persistentVolumeClaim.claimName))) {
        use('PersistentVolumeClaim', v.persistentVolumeClaim.claimName, `${at}.persistentVolumeClaim.claimName`);
      }
      const sources = isRecord(v.projected) ? v.projected.sources : undefined;
      if (Array.isArray(sources)) {
        sources.forEach((s, j) => {
          if (!isRecord(s)) return;
          if (isRecord(s.configMap)) use('ConfigMap', s.configMap.name, `${at}.projected.sources[${j}].configMap.name`);
          if (isRecord(s.secret)) use('Secret', s.secret.name, `${at}.projected.sources[${j}].secret.name`);
        });
      }
    });
  }

  for (const c of containersOf(template)) {
    const { container } = c;
    if (Array.isArray(container.envFrom)) {
      container.envFrom.forEach((e, i) => {
        if (!isRecord(e)) return;
        if (isRecord(e.configMapRef))
          use('ConfigMap', e.configMapRef.name, `${c.path}.envFrom[${i}].configMapRef.name`);
        if (isRecord(e.secretRef)) use('Secret', e.secretRef.name, `${c.path}.envFrom[${i}].secretRef.name`);
      });
    }
    if (Array.isArray(container.env)) {
      container.env.forEach((e, i) => {
        const from = isRecord(e) && isRecord(e.valueFrom) ? e.valueFrom : undefined;
        if (!from) return;
        if (isRecord(from.configMapKeyRef))
          use('ConfigMap', from.configMapKeyRef.name, `${c.path}.env[${i}].valueFrom.configMapKeyRef.name`);
        if (isRecord(from.secretKeyRef))
          use('Secret', from.secretKeyRef.name, `${c.path}.env[${i}].valueFrom.secretKeyRef.name`);
      });
    }
  }
}

function volumeClaimTemplateNames(pod: PodSource): string[] {
  if (pod.node.kind !== 'StatefulSet') return [];
  const vcts = (pod.node.object as { spec?: { volumeClaimTemplates?: unknown } }).spec?.volumeClaimTemplates;
  if (!Array.isArray(vcts)) return [];
  return vcts.flatMap((t) =>
    isRecord(t) && isRecord(t.metadata) && str(t.metadata.name) ? [t.metadata.name as string] : [],
  );
}
