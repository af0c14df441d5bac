// How long after it is created a pod of a template can first be Ready, from its probes: a
// container is started when its startup probe first succeeds (no earlier than the probe's
// initialDelaySeconds), and Ready when its readiness probe then has successThreshold successes
// (the first no earlier than initialDelaySeconds, the rest periodSeconds apart; Kubernetes
// defaults: delay 0, period 10 s, threshold 1). The pod is Ready when its slowest container is.
// Image pulls and the application's own start-up are not known from the objects: this is the
// earliest the probes allow.
import { isRecord, list } from '../k8s/object.js';
import type { PodTemplate } from '../k8s/podspec.js';

const DEFAULT_PERIOD_SECONDS = 10;

/** A number of seconds from a probe field; anything else (malformed input) counts as unset. */
function seconds(probe: unknown, field: string, fallback: number): number {
  const v = isRecord(probe) ? probe[field] : undefined;
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback;
}

export function podReadySeconds(template: PodTemplate): number {
  let slowest = 0;
  for (const c of list(template.spec.containers)) {
    if (!isRecord(c)) continue;
    // A startup probe's successThreshold must be 1 (API validation): started at its first success.
    const started = seconds(c.startupProbe, 'initialDelaySeconds', 0);
    const readiness = c.readinessProbe;
    const ready = isRecord(readiness)
      ? Math.max(started, seconds(readiness, 'initialDelaySeconds', 0)) +
        (seconds(readiness, 'successThreshold', 1) - 1) * seconds(readiness, 'periodSeconds', DEFAULT_PERIOD_SECONDS)
      : started;
    slowest = Math.max(slowest, ready);
  }
  return slowest;
}
