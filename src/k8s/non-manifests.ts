// Well-known YAML files that sit beside manifests and are not manifests (Helm values and chart
// metadata, Kustomize's own files, Compose files, GitHub workflows). Found while walking a folder,
// they are skipped with an info line; a file named explicitly is still read as a manifest.
import { basename, sep } from 'node:path';

/** File names that make a folder a Kustomize root (kustomize v5 accepts exactly these three). */
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
/** The file that makes a folder a Helm chart. */
export const CHART_FILE = 'Chart.yaml';

const KNOWN: Array<[RegExp, string]> = [
  [/^values[^/]*\.ya?ml$/i, 'Helm values'],
  [/^Chart\.ya?ml$/, 'Helm chart metadata'],
  [/^kustomization\.ya?ml$|^Kustomization$/, 'a Kustomization'],
  [/^kustomizeconfig[^/]*\.ya?ml$/i, 'Kustomize configuration'],
  [/^(?:docker-)?compose(?:[.-][^/]*)?\.ya?ml$/i, 'a Compose file'],
];

/** What a well-known non-manifest file is, or undefined for any other file. */
export function nonManifestKind(path: string): string | undefined {
  const parts = path.split(sep);
  if (parts.includes('.github')) return 'GitHub configuration';
  if (parts.slice(0, -1).includes('kustomizeconfig')) return 'Kustomize configuration';
  const name = basename(path);
  return KNOWN.find(([pattern]) => pattern.test(name))?.[1];
}
