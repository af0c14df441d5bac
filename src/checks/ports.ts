// Ports a pod should not use: below 1024 without the right to bind them, and SSH.
import type { SecurityContext } from 'kubernetes-types/core/v1.js';
import type { Check, RawFinding } from './types.js';
import { containerLabel, isRecord, list, nodesOfKind, specOf } from './workloads.js';
import { containersOf } from '../k8s/podspec.js';
import { workloadsOf } from '../graph/workloads.js';

/** The first port a pod's sysctl net.ipv4.ip_unprivileged_port_start lets any user bind (1024 when unset). */
function unprivilegedPortStart(sysctls: unknown): number {
  for (const s of list(sysctls))
    if (isRecord(s) && s.name === 'net.ipv4.ip_unprivileged_port_start' && Number.isInteger(Number(s.value)))
      return Number(s.value);
  return 1024;
}

const privilegedPort: Check = {
  id: 'privileged-port',
  family: 'security',
  severity: 'warning',
  rationale:
    'A non-root process may bind a port below 1024 only with NET_BIND_SERVICE (or a lowered net.ipv4.ip_unprivileged_port_start, which some runtimes set): otherwise it fails to start.',
  hint: 'Listen on a port of 1024 or above and map it in the Service (port: 80, targetPort: 8080), or add capability NET_BIND_SERVICE.',
  run: (ctx) =>
    workloadsOf(ctx.graph).flatMap((w) => {
      const pod = w.template.spec.securityContext ?? {};
      const start = unprivilegedPortStart(pod.sysctls);
      return containersOf(w.template).flatMap((c): RawFinding[] => {
        const own: SecurityContext = isRecord(c.container.securityContext) ? c.container.securityContext : {};
        const user = own.runAsUser ?? pod.runAsUser;
        const nonRoot = user !== undefined ? user !== 0 : (own.runAsNonRoot ?? pod.runAsNonRoot) === true;
        const canBind = list(own.capabilities?.add).some(
          (cap) => String(cap).toUpperCase().replace(/^CAP_/, '') === 'NET_BIND_SERVICE',
        );
        if (!nonRoot || canBind) return [];
        return list(c.container.ports).flatMap((p, i): RawFinding[] =>
          isRecord(p) && typeof p.containerPort === 'number' && p.containerPort < start && p.hostPort === undefined
            ? [
                {
                  object: w.id,
                  path: `${c.path}.ports[${i}].containerPort`,
                  message: `${containerLabel(c)} runs as non-root but declares port ${p.containerPort}, below ${start}, without NET_BIND_SERVICE`,
                },
              ]
            : [],
        );
      });
    }),
};

const SSH_PORT = 22;

const sshPort: Check = {
  id: 'ssh-port',
  family: 'security',
  severity: 'warning',
  rationale:
    'An SSH server in a pod is a way in around the Kubernetes API and its audit log; `kubectl exec` and `kubectl debug` replace it.',
  hint: 'Remove the SSH server and port 22; use kubectl exec or kubectl debug.',
  run: (ctx) => [
    ...workloadsOf(ctx.graph).flatMap((w) =>
      containersOf(w.template).flatMap((c) =>
        list(c.container.ports).flatMap((p, i): RawFinding[] =>
          isRecord(p) && p.containerPort === SSH_PORT
            ? [
                {
                  object: w.id,
                  path: `${c.path}.ports[${i}].containerPort`,
                  message: `${containerLabel(c)} exposes port 22 (SSH)`,
                },
              ]
            : [],
        ),
      ),
    ),
    ...nodesOfKind(ctx.graph, 'Service').flatMap((n) =>
      list(specOf(n).ports).flatMap((p, i): RawFinding[] =>
        isRecord(p) && (p.port === SSH_PORT || p.targetPort === SSH_PORT)
          ? [{ object: n.id, path: `spec.ports[${i}]`, message: 'Service exposes port 22 (SSH)' }]
          : [],
      ),
    ),
  ],
};

export const portChecks: Check[] = [privilegedPort, sshPort];
