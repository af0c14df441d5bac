// The workload of a component — Deployment, StatefulSet, DaemonSet, Job or CronJob, chosen by the
// component type (component-types.ts) — with the intent annotations on its top-level metadata.
import { ANNOTATIONS } from '../../k8s/annotations.js';
import type { KubeObject } from '../../k8s/object.js';
import { isZeroIntOrPercent, namespaceOf, resolveUses } from '../../spec/semantics.js';
import { serviceName } from '../../spec/service-options.js';
import { acknowledgeAnnotations } from '../acknowledge.js';
import { replicaRange } from '../component-types.js';
import type { ComponentContext } from '../context.js';
import { claimTemplateName, podTemplate } from '../pod.js';
import { COMPONENT_TYPE_TRAITS } from '../../vocabulary/components.js';
import type { GeneratorFamily } from '../family.js';

/** Job defaults: fail after 3 retries (Kubernetes: 6) and clean up a day after finishing, leaving time to read logs. */
export const JOB_DEFAULTS = { backoffLimit: 3, ttlSecondsAfterFinished: 86400 } as const;
/**
 * CronJob defaults: never overlap runs; keep Kubernetes' history limits; a run that could not start
 * within 5 minutes is skipped (without a deadline the controller stops scheduling after 100 misses).
 */
export const CRONJOB_DEFAULTS = {
  concurrencyPolicy: 'Forbid',
  successfulJobsHistoryLimit: 3,
  failedJobsHistoryLimit: 1,
  startingDeadlineSeconds: 300,
} as const;
/** Rolling updates add pods before removing any, so capacity never dips below the desired count. */
export const ROLLING_UPDATE_DEFAULTS = { maxSurge: '25%', maxUnavailable: 0 } as const;

/**
 * maxSurge/maxUnavailable: the given values, else `defaultSurge` (none for DaemonSets) and an
 * unavailability of 0 — or 1 when nothing may surge, since the API rejects both being 0.
 */
function rollingUpdate(
  rollout: { maxSurge?: number | string; maxUnavailable?: number | string },
  defaultSurge: string | undefined,
) {
  const maxSurge = rollout.maxSurge ?? defaultSurge;
  const maxUnavailable = rollout.maxUnavailable ?? (maxSurge === undefined || isZeroIntOrPercent(maxSurge) ? 1 : 0);
  return { ...(maxSurge !== undefined && { maxSurge }), maxUnavailable };
}

/** `.namespace` when a component lives in another namespace than this one (the annotations' `name[.namespace]` form). */
function otherNamespace(ctx: ComponentContext, component: string): string {
  const namespace = namespaceOf(ctx.arch, component);
  return namespace === ctx.namespace ? '' : `.${namespace}`;
}

export function intentAnnotations(ctx: ComponentContext): Record<string, string> {
  const c = ctx.component;
  const out: Record<string, string> = {
    [ANNOTATIONS.componentType]: c.type,
    [ANNOTATIONS.tier]: c.tier ?? COMPONENT_TYPE_TRAITS[c.type].tier,
  };
  if (c.description) out[ANNOTATIONS.description] = c.description;
  const connects = (c.uses ?? [])
    .map((u) => resolveUses(ctx.arch, u))
    .filter((t) => typeof t !== 'string')
    .map(
      (t) =>
        `${serviceName(ctx.arch.components[t.component], t.component)}${otherNamespace(ctx, t.component)}:${t.port.port}`,
    );
  if (connects.length > 0) out[ANNOTATIONS.connects] = connects.join(',');
  if (c.after?.length) out[ANNOTATIONS.after] = c.after.map((dep) => `${dep}${otherNamespace(ctx, dep)}`).join(',');
  if (c.type === 'daemon' && c.nodes !== undefined) out[ANNOTATIONS.nodes] = String(c.nodes);
  if (c.exports?.length) out[ANNOTATIONS.exportsMetrics] = c.exports.map((m) => m.name).join(',');
  return { ...out, ...acknowledgeAnnotations(c) };
}

function jobSpec(ctx: ComponentContext) {
  const j = ctx.component.job ?? {};
  return {
    backoffLimit: j.backoffLimit ?? JOB_DEFAULTS.backoffLimit,
    ttlSecondsAfterFinished: j.ttlSecondsAfterFinished ?? JOB_DEFAULTS.ttlSecondsAfterFinished,
    ...(j.activeDeadlineSeconds !== undefined && { activeDeadlineSeconds: j.activeDeadlineSeconds }),
    ...(j.completions !== undefined && { completions: j.completions }),
    ...(j.parallelism !== undefined && { parallelism: j.parallelism }),
    template: podTemplate(ctx),
  };
}

export function workload(ctx: ComponentContext): KubeObject {
  const c = ctx.component;
  const kind = COMPONENT_TYPE_TRAITS[c.type].workload(c);
  const metadata = ctx.meta(ctx.name, intentAnnotations(ctx));
  const selector = { matchLabels: { ...ctx.selector } };
  const range = replicaRange(c);
  // An autoscaled workload has no fixed `replicas`: the HPA owns the count, and re-applying the
  // manifest must not reset it.
  const replicas = range && !range.autoscaled ? { replicas: range.min } : {};
  const rollout = c.rollout ?? {};
  const history =
    rollout.revisionHistoryLimit !== undefined ? { revisionHistoryLimit: rollout.revisionHistoryLimit } : {};
  const minReady = rollout.minReadySeconds !== undefined ? { minReadySeconds: rollout.minReadySeconds } : {};
  switch (kind) {
    case 'Deployment': {
      // A Deployment with a ReadWriteOnce volume cannot run old and new pods at once: Recreate by default.
      const recreate =
        (rollout.strategy ??
          (c.storage && (c.storage.accessMode ?? 'ReadWriteOnce') !== 'ReadWriteMany'
            ? 'Recreate'
            : 'RollingUpdate')) === 'Recreate';
      const strategy = recreate
        ? { type: 'Recreate' }
        : { type: 'RollingUpdate', rollingUpdate: rollingUpdate(rollout, ROLLING_UPDATE_DEFAULTS.maxSurge) };
      return {
        apiVersion: 'apps/v1',
        kind,
        metadata,
        spec: { ...replicas, ...history, ...minReady, selector, strategy, template: podTemplate(ctx) },
      };
    }
    case 'StatefulSet': {
      const s = c.storage;
      const claims = s
        ? [
            {
              metadata: { name: claimTemplateName(ctx), labels: { ...ctx.selector } },
              spec: {
                // Default: ReadWriteOnce, one volume per replica.
                accessModes: [s.accessMode ?? 'ReadWriteOnce'],
                ...(s.class && { storageClassName: s.class }),
                resources: { requests: { storage: String(s.size) } },
              },
            },
          ]
        : [];
      // StatefulSets have no Recreate: its closest equivalent is OnDelete (pods are replaced when deleted).
      const updateStrategy = rollout.strategy === 'Recreate' ? { type: 'OnDelete' } : { type: 'RollingUpdate' };
      return {
        apiVersion: 'apps/v1',
        kind,
        metadata,
        spec: {
          ...replicas,
          ...history,
          ...minReady,
          serviceName: `${ctx.name}-headless`,
          selector,
          updateStrategy,
          template: podTemplate(ctx),
          ...(claims.length > 0 && { volumeClaimTemplates: claims }),
        },
      };
    }
    case 'DaemonSet': {
      // One node at a time by default (Kubernetes' default); Recreate maps to OnDelete as for StatefulSets.
      const updateStrategy =
        rollout.strategy === 'Recreate'
          ? { type: 'OnDelete' }
          : { type: 'RollingUpdate', rollingUpdate: rollingUpdate(rollout, undefined) };
      return {
        apiVersion: 'apps/v1',
        kind,
        metadata,
        spec: { ...history, ...minReady, selector, updateStrategy, template: podTemplate(ctx) },
      };
    }
    case 'Job': {
      // batch/v1 Job `suspend`: the Job is created but starts no pods until it is unsuspended.
      const suspend = c.job?.suspend;
      return {
        apiVersion: 'batch/v1',
        kind,
        metadata,
        spec: { ...(suspend !== undefined && { suspend }), ...jobSpec(ctx) },
      };
    }
    case 'CronJob': {
      const j = c.job ?? {};
      return {
        apiVersion: 'batch/v1',
        kind,
        metadata,
        spec: {
          schedule: c.schedule,
          ...(c.timeZone && { timeZone: c.timeZone }),
          concurrencyPolicy: j.concurrencyPolicy ?? CRONJOB_DEFAULTS.concurrencyPolicy,
          startingDeadlineSeconds: j.startingDeadlineSeconds ?? CRONJOB_DEFAULTS.startingDeadlineSeconds,
          successfulJobsHistoryLimit: j.successfulJobsHistoryLimit ?? CRONJOB_DEFAULTS.successfulJobsHistoryLimit,
          failedJobsHistoryLimit: j.failedJobsHistoryLimit ?? CRONJOB_DEFAULTS.failedJobsHistoryLimit,
          ...(j.suspend !== undefined && { suspend: j.suspend }),
          jobTemplate: { metadata: { labels: { ...ctx.labels } }, spec: jobSpec(ctx) },
        },
      };
    }
  }
}

export const workloadFamily: GeneratorFamily = {
  name: 'workload',
  forComponent: (ctx) => [workload(ctx)],
};
