// What other linters call the checks shipshape has, and theirs it does not take, with the reason:
// for users of kube-linter (docs/generated/checks.md), kube-score (README_CHECKS.md) and Polaris
// (docs/checks/*.md) moving over. docs/checks.md prints both (catalogue.ts).

export interface Equivalents {
  kubeLinter?: string[];
  kubeScore?: string[];
  polaris?: string[];
}

/** By shipshape check id: the checks of the other tools it covers. */
export const EQUIVALENTS: Record<string, Equivalents> = {
  'api-version-removed': { kubeLinter: ['no-extensions-v1beta'], kubeScore: ['stable-version'] },
  'api-version-deprecated': { kubeScore: ['stable-version'] },
  'schema-invalid': { kubeScore: ['label-values'] },
  'selector-template-mismatch': { kubeLinter: ['mismatching-selector'] },
  'service-selects-nothing': { kubeLinter: ['dangling-service'], kubeScore: ['service-targets-pod'] },
  'missing-reference': { kubeLinter: ['non-existent-service-account'] },
  'ingress-backend-missing': { kubeScore: ['ingress-targets-service'] },
  'hpa-target-missing': { kubeScore: ['horizontalpodautoscaler-has-target'] },
  'service-account-mismatch': { kubeLinter: ['deprecated-service-account-field'] },
  'service-account-field-deprecated': { kubeLinter: ['deprecated-service-account-field'] },
  'privileged-container': { kubeLinter: ['privileged-container'], polaris: ['runAsPrivileged'] },
  'privilege-escalation': {
    kubeLinter: ['privilege-escalation-container'],
    kubeScore: ['container-security-context'],
    polaris: ['privilegeEscalationAllowed'],
  },
  'run-as-root': {
    kubeLinter: ['run-as-non-root'],
    kubeScore: ['container-security-context'],
    polaris: ['runAsRootAllowed'],
  },
  'capabilities-added': { polaris: ['dangerousCapabilities', 'insecureCapabilities'] },
  'capabilities-not-dropped': { kubeLinter: ['drop-net-raw-capability'], polaris: ['linuxHardening'] },
  'host-namespaces': {
    kubeLinter: ['host-network', 'host-pid', 'host-ipc'],
    polaris: ['hostNetworkSet', 'hostPIDSet', 'hostIPCSet'],
  },
  'host-ports': { polaris: ['hostPortSet'] },
  'host-path-volumes': { kubeLinter: ['sensitive-host-mounts', 'docker-sock', 'writable-host-mount'] },
  'writable-root-filesystem': {
    kubeLinter: ['no-read-only-root-fs'],
    kubeScore: ['container-security-context'],
    polaris: ['notReadOnlyRootFilesystem'],
  },
  'missing-seccomp': { kubeScore: ['container-seccomp-profile'], polaris: ['linuxHardening'] },
  'unsafe-sysctls': { kubeLinter: ['unsafe-sysctls'] },
  'proc-mount-unmasked': { kubeLinter: ['unsafe-proc-mount'] },
  'secret-in-env': { kubeLinter: ['env-var-secret'], polaris: ['sensitiveContainerEnvVar'] },
  'secret-in-configmap': { polaris: ['sensitiveConfigmapContent'] },
  'service-account-token-automount': { polaris: ['automountServiceAccountToken'] },
  'latest-tag': { kubeLinter: ['latest-tag'], kubeScore: ['container-image-tag'], polaris: ['tagNotSpecified'] },
  'wildcard-rbac': {
    kubeLinter: ['wildcard-in-rules'],
    polaris: ['clusterrolebindingClusterAdmin', 'rolebindingClusterAdminClusterRole', 'rolebindingClusterAdminRole'],
  },
  'cluster-admin-binding': {
    kubeLinter: ['cluster-admin-role-binding'],
    polaris: ['clusterrolebindingClusterAdmin', 'rolebindingClusterAdminClusterRole'],
  },
  'service-exposed': { kubeLinter: ['exposed-services'], kubeScore: ['service-type'] },
  'default-namespace': { kubeLinter: ['use-namespace'] },
  'default-service-account': { kubeLinter: ['default-service-account'] },
  'privileged-port': { kubeLinter: ['privileged-ports'] },
  'ssh-port': { kubeLinter: ['ssh-port'] },
  'missing-requests': {
    kubeLinter: ['unset-cpu-requirements', 'unset-memory-requirements'],
    kubeScore: ['container-resources'],
    polaris: ['cpuRequestsMissing', 'memoryRequestsMissing'],
  },
  'missing-limits': {
    kubeLinter: ['unset-cpu-requirements', 'unset-memory-requirements'],
    kubeScore: ['container-resources'],
    polaris: ['cpuLimitsMissing', 'memoryLimitsMissing'],
  },
  'missing-readiness-probe': {
    kubeLinter: ['no-readiness-probe'],
    kubeScore: ['pod-probes'],
    polaris: ['readinessProbeMissing'],
  },
  'missing-liveness-probe': {
    kubeLinter: ['no-liveness-probe'],
    kubeScore: ['pod-probes'],
    polaris: ['livenessProbeMissing'],
  },
  'probes-identical': { kubeScore: ['pod-probes'] },
  'single-replica': { kubeLinter: ['minimum-three-replicas'], polaris: ['deploymentMissingReplicas'] },
  'pdb-missing': {
    kubeScore: ['deployment-has-poddisruptionbudget', 'statefulset-has-poddisruptionbudget'],
    polaris: ['missingPodDisruptionBudget'],
  },
  'spread-missing': {
    kubeLinter: ['no-anti-affinity'],
    kubeScore: ['deployment-has-host-podantiaffinity', 'statefulset-has-host-podantiaffinity'],
    polaris: ['topologySpreadConstraint'],
  },
  'network-namespace-without-policy': {
    kubeLinter: ['non-isolated-pod'],
    kubeScore: ['pod-networkpolicy'],
    polaris: ['missingNetworkPolicy'],
  },
  'network-policy-selects-nothing': { kubeScore: ['networkpolicy-targets-pod'] },
  'rbac-secrets-read': { kubeLinter: ['access-to-secrets'] },
  'rbac-workload-create': { kubeLinter: ['access-to-create-pods'] },
  'rbac-exec': {
    polaris: [
      'clusterrolePodExecAttach',
      'rolePodExecAttach',
      'clusterrolebindingPodExecAttach',
      'rolebindingRolePodExecAttach',
      'rolebindingClusterRolePodExecAttach',
    ],
  },
  'rbac-dangling-binding': {
    polaris: ['clusterrolebindingPodExecAttach', 'rolebindingRolePodExecAttach', 'rolebindingClusterRolePodExecAttach'],
  },
};

/** Their checks that shipshape does not take, and why. */
export const NOT_TAKEN: Array<{ tool: string; checks: string[]; because: string }> = [
  {
    tool: 'kube-linter',
    checks: ['required-annotation-email', 'required-label-owner'],
    because: 'ownership conventions are a team’s policy, not a defect of the manifests',
  },
  {
    tool: 'kube-linter',
    checks: ['read-secret-from-env-var'],
    because:
      'a secretKeyRef in env is the fix `secret-in-env` recommends; files are better still, but env from a Secret is not a defect',
  },
  {
    tool: 'kube-linter',
    checks: ['no-rolling-update-strategy'],
    because: 'Recreate is right for singletons such as schedulers (two would run every job twice)',
  },
  {
    tool: 'kube-score',
    checks: ['container-image-pull-policy'],
    because:
      'pullPolicy Always only re-checks pull credentials; with pinned tags or digests (latest-tag) it adds registry load and an outage dependency',
  },
  {
    tool: 'kube-score',
    checks: ['container-resource-requests-equal-limits'],
    because: 'Guaranteed QoS is a capacity choice; missing-requests and missing-limits cover the defects',
  },
  {
    tool: 'kube-score',
    checks: ['cronjob-has-deadline'],
    because:
      'startingDeadlineSeconds only limits late starts; cronjob-concurrency-policy covers the overlap that hurts',
  },
  {
    tool: 'Polaris',
    checks: ['pullPolicyNotAlways'],
    because: 'as kube-score’s container-image-pull-policy',
  },
  {
    tool: 'Polaris',
    checks: ['priorityClassNotSet'],
    because: 'without cluster-wide PriorityClasses to choose from, a missing one is the default, not a defect',
  },
  {
    tool: 'Polaris',
    checks: ['metadataAndNameMismatched'],
    because: 'a labelling convention; selectors that do not match are what `selector-template-mismatch` finds',
  },
  {
    tool: 'Polaris',
    checks: ['tlsSettingsMissing'],
    because: 'TLS is often terminated before the Ingress (a cloud load balancer); left to the Ingress owner for now',
  },
];
