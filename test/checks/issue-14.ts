// The checks issue 14 added, for the tests that review them as a group (corpus snapshot, examples).
/** The checks of issue 14 whose findings are listed one by one (default-namespace, info on nearly every corpus object, is counted only). */
export const ISSUE_14_CHECKS = [
  'hpa-conflict',
  'hpa-scale-target-unscaled',
  'data-on-emptydir',
  'statefulset-service-not-headless',
  'credentials-in-args',
  'env-duplicate',
  'pdb-missing',
  'spread-missing',
  'probes-identical',
  'default-service-account',
  'privileged-port',
  'ssh-port',
  'restart-policy-invalid',
  'service-account-field-deprecated',
  'rbac-secrets-read',
  'rbac-workload-create',
  'rbac-exec',
  'rbac-escalate',
  'rbac-node-proxy',
  'rbac-dangling-binding',
];
