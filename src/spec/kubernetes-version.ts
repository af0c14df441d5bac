// The Kubernetes version the architecture targets: fields that need a newer API than the cluster
// runs are spec errors instead of objects the API server rejects (or silently strips) at apply time.
import * as z from 'zod';

/** What shipshape validates against (kubernetes-models 4.5.1 carries the 1.33 schemas). */
export const DEFAULT_KUBERNETES_VERSION = '1.33';

export const kubernetesVersionField = z
  .string()
  .regex(/^1\.\d{1,2}$/, 'expected a Kubernetes minor version such as 1.33')
  .describe(`The cluster's Kubernetes version (\`1.<minor>\`); default ${DEFAULT_KUBERNETES_VERSION}.`);

/** Features a spec field needs, by the minor version that turns them on by default. */
export const FEATURE_SINCE = {
  // SidecarContainers: beta and on by default since 1.29 (https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/).
  sidecars: { minor: 29, what: 'native sidecars (init containers with restartPolicy: Always)' },
  // PodLifecycleSleepAction: beta and on by default since 1.30 (KEP-3960).
  sleepAction: { minor: 30, what: 'the sleep action of lifecycle hooks' },
} as const;

function minorOf(version: string): number {
  return Number(version.split('.')[1]);
}

/** A message when `version` lacks the feature, else undefined. */
export function featureMissing(version: string | undefined, feature: keyof typeof FEATURE_SINCE): string | undefined {
  const target = version ?? DEFAULT_KUBERNETES_VERSION;
  const need = FEATURE_SINCE[feature];
  if (minorOf(target) >= need.minor) return undefined;
  return `${need.what} need Kubernetes 1.${need.minor} or later; kubernetesVersion is ${target}`;
}
