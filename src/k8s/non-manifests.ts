// Well-known YAML files that sit beside manifests and are not manifests (Helm values and chart
// metadata, Kustomize's own files, Compose files, GitHub workflows), and well-known data that is
// known by its shape rather than its name (the monitoring files `build` writes beside its
// manifests). Found while walking a folder, they are skipped with an info line; a file named
// explicitly is still read as a manifest. Any other document without apiVersion and kind is an error.
import { basename, sep } from 'node:path';
import { isRecord } from './object.js';

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

const only = (value: Record<string, unknown>, keys: string[]) => Object.keys(value).every((k) => keys.includes(k));

const KNOWN_DATA: Array<[(value: Record<string, unknown>) => boolean, string]> = [
  // https://prometheus.io/docs/prometheus/latest/configuration/recording_rules/ (a rule file)
  [(v) => Array.isArray(v.groups) && only(v, ['groups']), 'a Prometheus rule file'],
  // https://prometheus.io/docs/prometheus/latest/configuration/unit_testing_rules/
  [(v) => Array.isArray(v.rule_files) && Array.isArray(v.tests), 'a Prometheus rule test file'],
  // https://grafana.com/docs/grafana/latest/dashboards/build-dashboards/view-dashboard-json-model/
  [(v) => typeof v.schemaVersion === 'number' && Array.isArray(v.panels), 'a Grafana dashboard'],
  // prometheus-adapter's config: rules for the custom, resource and external metrics APIs
  [
    (v) => only(v, ['rules', 'resourceRules', 'externalRules']) && Object.keys(v).length > 0,
    'prometheus-adapter rules',
  ],
];

/** What a document without apiVersion and kind is when it is well-known data, else undefined. */
export function knownDataKind(value: unknown): string | undefined {
  return isRecord(value) ? KNOWN_DATA.find(([matches]) => matches(value))?.[1] : undefined;
}

/** What a well-known non-manifest file is, or undefined for any other file. */
export function nonManifestKind(path: string): string | undefined {
  const parts = path.split(sep);
  if (parts.includes('.github')) return 'GitHub configuration';
  if (parts.slice(0, -1).includes('kustomizeconfig')) return 'Kustomize configuration';
  const name = basename(path);
  return KNOWN.find(([pattern]) => pattern.test(name))?.[1];
}
