// Flux delivery: one Flux Kustomization per phase, each depending on the one before and waiting
// for its objects to be ready (`wait: true`), so Flux applies the plan phase by phase.
// https://fluxcd.io/flux/components/kustomize/kustomizations/
// Each phase's folder is a kustomization over the profile's overlay that keeps only that phase's
// objects, selected by the sync-wave annotation the plain emitter puts on every object.
import { validateObject } from '../../k8s/validate.js';
import type { KubeObject } from '../../k8s/object.js';
import { ARGO } from './argo.js';
import { yamlDocument, yamlDocuments, type EmittedFile } from './yaml.js';
import type { Plan } from '../types.js';

export interface FluxInput {
  /** Architecture name: prefixes the Flux Kustomizations' names. */
  name: string;
  /** `base` when the spec has no profiles. */
  profile: string;
  plan: Plan;
  /** Folder of the kustomization to split, relative to the output folder (`overlays/prod`). */
  source: string;
  /** The output folder's path from the root of the Git repository Flux reads. */
  repositoryPath: string;
}

/** Defaults, as `flux bootstrap` sets things up: its GitRepository is `flux-system/flux-system`. */
export const FLUX_DEFAULTS = {
  namespace: 'flux-system',
  sourceName: 'flux-system',
  interval: '10m',
  timeout: '5m',
} as const;

export function emitFlux(input: FluxInput): EmittedFile[] {
  const dir = `flux/${input.profile}`;
  const files: EmittedFile[] = [];
  const kustomizations: KubeObject[] = [];
  const name = (index: number) => `${input.name}-${input.profile}-phase-${index}`;
  const root = input.repositoryPath.replace(/\/+$/, '').replace(/^\.\//, '');
  for (const phase of input.plan.phases) {
    const phaseDir = `${dir}/phase-${phase.index}`;
    files.push({
      path: `${phaseDir}/kustomization.yaml`,
      content: yamlDocument({
        apiVersion: 'kustomize.config.k8s.io/v1beta1',
        kind: 'Kustomization',
        resources: [`../../../${input.source}`],
        // Deletes every object of another phase (placeholder kind/name: the target selects).
        patches: [
          {
            target: { annotationSelector: `${ARGO.syncWave} notin (${phase.index})` },
            patch: yamlDocument({ $patch: 'delete', apiVersion: 'v1', kind: 'Any', metadata: { name: 'any' } }),
          },
        ],
      }),
    });
    kustomizations.push({
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: name(phase.index), namespace: FLUX_DEFAULTS.namespace },
      spec: {
        ...(phase.index > 0 ? { dependsOn: [{ name: name(phase.index - 1) }] } : {}),
        interval: FLUX_DEFAULTS.interval,
        path: `./${root ? `${root}/` : ''}${phaseDir}`,
        prune: true,
        sourceRef: { kind: 'GitRepository', name: FLUX_DEFAULTS.sourceName },
        timeout: FLUX_DEFAULTS.timeout,
        wait: true,
      },
    });
  }
  // Validated against the Flux model (@kubernetes-models/flux-cd): an invalid one is a bug here, not bad input.
  const problems = kustomizations.flatMap((k) =>
    validateObject(k).map((i) => `Kustomization/${k.metadata.name} ${i.path}: ${i.message}`),
  );
  if (problems.length > 0) throw new Error(`generated invalid Flux Kustomizations:\n  ${problems.join('\n  ')}`);
  files.push({ path: `${dir}/kustomizations.yaml`, content: yamlDocuments(kustomizations) });
  return files;
}
