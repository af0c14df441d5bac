// Every check of the schema, references, security, availability and capacity families against a
// fixture that trips it and one that passes; the catalogue is complete and docs/checks.md current.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allChecks } from '../../src/checks/index.js';
import { catalogueMarkdown, catalogueText } from '../../src/checks/catalogue.js';
import { EQUIVALENTS, NOT_TAKEN } from '../../src/checks/equivalents.js';
import { cases } from './cases.js';
import { CLEAN_APP, findingsOf } from './fixtures.js';

const OWN_FAMILIES = new Set(['schema', 'references', 'security', 'availability', 'capacity']);

describe.each(cases)('$id: $title', (c) => {
  it('finds the defect', async () => {
    const findings = await findingsOf(c.id, c.fail, c.options);
    expect(findings).toContainEqual(expect.objectContaining({ check: c.id, ...c.expect }));
  });
  it('passes the fixed fixture', async () => {
    expect(await findingsOf(c.id, c.pass ?? CLEAN_APP, c.options)).toEqual([]);
  });
});

describe('the catalogue', () => {
  it('has a failing and a passing fixture for every check of these families', () => {
    const covered = new Set(cases.map((c) => c.id));
    const missing = allChecks.filter((c) => OWN_FAMILIES.has(c.family) && !covered.has(c.id)).map((c) => c.id);
    expect(missing).toEqual([]);
  });

  it('has unique kebab-case ids and a rationale and hint for each check', () => {
    const ids = allChecks.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of allChecks) {
      expect(c.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(c.rationale.length).toBeGreaterThan(10);
      expect(c.hint.length).toBeGreaterThan(10);
    }
  });

  it('lists every check with family and severity', () => {
    const text = catalogueText(allChecks);
    for (const c of allChecks)
      expect(text).toMatch(
        new RegExp(`^${c.id}${c.optIn ? ' \\(opt-in\\)' : ''}\\s+${c.family}\\s+${c.severity}\\s`, 'm'),
      );
  });

  it('is current in docs/checks.md', () => {
    const file = readFileSync(new URL('../../docs/checks.md', import.meta.url), 'utf8');
    expect(file).toBe(catalogueMarkdown(allChecks));
  });
});

// The check ids each tool documents (kube-linter docs/generated/checks.md, kube-score
// README_CHECKS.md, Polaris docs/checks/*.md): every one is covered by a shipshape check or
// listed as not taken, with the reason.
const THEIRS: Record<string, string[]> = {
  kubeLinter: [
    'access-to-create-pods',
    'access-to-secrets',
    'cluster-admin-role-binding',
    'dangling-service',
    'default-service-account',
    'deprecated-service-account-field',
    'docker-sock',
    'drop-net-raw-capability',
    'env-var-secret',
    'exposed-services',
    'host-ipc',
    'host-network',
    'host-pid',
    'latest-tag',
    'minimum-three-replicas',
    'mismatching-selector',
    'no-anti-affinity',
    'no-extensions-v1beta',
    'no-liveness-probe',
    'no-read-only-root-fs',
    'no-readiness-probe',
    'no-rolling-update-strategy',
    'non-existent-service-account',
    'non-isolated-pod',
    'privilege-escalation-container',
    'privileged-container',
    'privileged-ports',
    'read-secret-from-env-var',
    'required-annotation-email',
    'required-label-owner',
    'run-as-non-root',
    'sensitive-host-mounts',
    'ssh-port',
    'unsafe-proc-mount',
    'unsafe-sysctls',
    'unset-cpu-requirements',
    'unset-memory-requirements',
    'use-namespace',
    'wildcard-in-rules',
    'writable-host-mount',
  ],
  kubeScore: [
    'ingress-targets-service',
    'cronjob-has-deadline',
    'container-resources',
    'container-resource-requests-equal-limits',
    'container-image-tag',
    'container-image-pull-policy',
    'statefulset-has-poddisruptionbudget',
    'deployment-has-poddisruptionbudget',
    'pod-networkpolicy',
    'networkpolicy-targets-pod',
    'pod-probes',
    'container-security-context',
    'container-seccomp-profile',
    'service-targets-pod',
    'service-type',
    'stable-version',
    'deployment-has-host-podantiaffinity',
    'statefulset-has-host-podantiaffinity',
    'label-values',
    'horizontalpodautoscaler-has-target',
  ],
  polaris: [
    'automountServiceAccountToken',
    'hostIPCSet',
    'hostPIDSet',
    'linuxHardening',
    'notReadOnlyRootFilesystem',
    'privilegeEscalationAllowed',
    'runAsRootAllowed',
    'runAsPrivileged',
    'insecureCapabilities',
    'dangerousCapabilities',
    'hostNetworkSet',
    'hostPortSet',
    'tlsSettingsMissing',
    'sensitiveContainerEnvVar',
    'sensitiveConfigmapContent',
    'missingNetworkPolicy',
    'clusterrolePodExecAttach',
    'rolePodExecAttach',
    'clusterrolebindingPodExecAttach',
    'rolebindingRolePodExecAttach',
    'rolebindingClusterRolePodExecAttach',
    'clusterrolebindingClusterAdmin',
    'rolebindingClusterAdminClusterRole',
    'rolebindingClusterAdminRole',
    'readinessProbeMissing',
    'livenessProbeMissing',
    'tagNotSpecified',
    'pullPolicyNotAlways',
    'priorityClassNotSet',
    'deploymentMissingReplicas',
    'missingPodDisruptionBudget',
    'metadataAndNameMismatched',
    'topologySpreadConstraint',
    'cpuRequestsMissing',
    'memoryRequestsMissing',
    'cpuLimitsMissing',
    'memoryLimitsMissing',
  ],
};

describe('equivalents in other linters', () => {
  it('name only checks shipshape has', () => {
    const ids = new Set(allChecks.map((c) => c.id));
    expect(Object.keys(EQUIVALENTS).filter((id) => !ids.has(id))).toEqual([]);
  });

  it.each(Object.keys(THEIRS))('account for every check %s documents', (tool) => {
    const covered = new Set(Object.values(EQUIVALENTS).flatMap((e) => e[tool as keyof typeof e] ?? []));
    const notTaken = new Set(NOT_TAKEN.flatMap((n) => n.checks));
    expect(THEIRS[tool].filter((id) => !covered.has(id) && !notTaken.has(id))).toEqual([]);
  });
});
