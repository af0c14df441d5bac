// The Pod Security Standards' vocabulary that synthesis (the Namespace's enforced level) and the
// security checks (how bad an added capability is) must read the same way.

/** Capabilities the baseline standard allows to be added (https://kubernetes.io/docs/concepts/security/pod-security-standards/). */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);
