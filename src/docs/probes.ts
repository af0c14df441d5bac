// Probe and env descriptions shared by the pod-internals diagrams and the probes table.
// Env vars are described by name and source only: a literal value may hold a credential.
import type { Container, EnvVar, EnvFromSource, Probe } from 'kubernetes-types/core/v1.js';
import { presentItems } from './fields.js';

/** Probe timing defaults, as the Kubernetes API applies them (core/v1 Probe field docs). */
export const PROBE_DEFAULTS = {
  initialDelaySeconds: 0,
  periodSeconds: 10,
  timeoutSeconds: 1,
  successThreshold: 1,
  failureThreshold: 3,
};

const MAX_COMMAND = 60;

export function probeHandler(p: Probe): string {
  if (p.httpGet)
    return `${p.httpGet.scheme === 'HTTPS' ? 'HTTPS' : 'HTTP'} GET :${p.httpGet.port}${p.httpGet.path ?? '/'}`;
  if (p.tcpSocket) return `TCP :${p.tcpSocket.port}`;
  if (p.grpc) return `gRPC :${p.grpc.port}${p.grpc.service ? ` ${p.grpc.service}` : ''}`;
  if (p.exec) {
    const cmd = presentItems<string>(p.exec.command).join(' ');
    return `exec ${cmd.length > MAX_COMMAND ? `${cmd.slice(0, MAX_COMMAND - 1)}…` : cmd}`;
  }
  return 'no handler';
}

export function probeTimings(p: Probe): {
  delay: number;
  period: number;
  timeout: number;
  success: number;
  failure: number;
} {
  return {
    delay: p.initialDelaySeconds ?? PROBE_DEFAULTS.initialDelaySeconds,
    period: p.periodSeconds ?? PROBE_DEFAULTS.periodSeconds,
    timeout: p.timeoutSeconds ?? PROBE_DEFAULTS.timeoutSeconds,
    success: p.successThreshold ?? PROBE_DEFAULTS.successThreshold,
    failure: p.failureThreshold ?? PROBE_DEFAULTS.failureThreshold,
  };
}

export function probeSummary(p: Probe): string {
  const t = probeTimings(p);
  return `${probeHandler(p)}, delay ${t.delay}s, every ${t.period}s, timeout ${t.timeout}s, fails after ${t.failure}`;
}

export const PROBE_KINDS = [
  ['startup', 'startupProbe'],
  ['liveness', 'livenessProbe'],
  ['readiness', 'readinessProbe'],
] as const;

export function probesOf(c: Container): Array<{ kind: string; probe: Probe }> {
  return PROBE_KINDS.flatMap(([kind, field]) => (c[field] ? [{ kind, probe: c[field] }] : []));
}

/** `NAME ← Secret db key url`; a literal value is not shown. */
export function envSource(e: EnvVar): string {
  const v = e.valueFrom;
  if (v?.secretKeyRef) return `${e.name} ← Secret ${v.secretKeyRef.name} key ${v.secretKeyRef.key}`;
  if (v?.configMapKeyRef) return `${e.name} ← ConfigMap ${v.configMapKeyRef.name} key ${v.configMapKeyRef.key}`;
  if (v?.fieldRef) return `${e.name} ← field ${v.fieldRef.fieldPath}`;
  if (v?.resourceFieldRef) return `${e.name} ← resource ${v.resourceFieldRef.resource}`;
  return `${e.name} (literal)`;
}

export function envFromSource(e: EnvFromSource): string {
  const prefix = e.prefix ? ` with prefix ${e.prefix}` : '';
  if (e.secretRef) return `all keys of Secret ${e.secretRef.name}${prefix}`;
  if (e.configMapRef) return `all keys of ConfigMap ${e.configMapRef.name}${prefix}`;
  return 'unknown envFrom source';
}
