// Alerts every workload gets without declaring them, read from kube-state-metrics, cAdvisor and
// kubelet series (the metrics kube-prometheus scrapes by default). Pod names are matched by the
// pattern each controller names its pods with, so one component's alert never sees another's pods.
import type { KubeObject } from '../../k8s/object.js';
import { containersOf, podTemplateOf } from '../../k8s/podspec.js';
import { isQuantity } from '../../vocabulary/quantity.js';
import { quote, selector } from '../../vocabulary/promql.js';
import { pascalCase, podSelectorLabels, type DocumentedRule } from './model.js';

// Thresholds, documented here where they are applied and in RUNBOOKS.md.
/** More restarts than this within RESTART_WINDOW fires `…ContainerRestarting`. */
export const RESTART_LIMIT = 3;
export const RESTART_WINDOW = '15m';
/** Share of CFS periods throttled above which `…CPUThrottlingHigh` fires (kube-prometheus uses 25%). */
export const THROTTLING_RATIO = 0.25;
/** Free share of a volume below which `…PersistentVolumeFillingUp` fires. */
export const VOLUME_FREE_RATIO = 0.1;
/** Seconds a CronJob's next scheduled run may be overdue before `…CronJobMissedSchedule` fires. */
export const CRONJOB_OVERDUE_SECONDS = 600;

/** Regex (PromQL, fully anchored) of the pod names a controller gives its pods. */
export function podNamePattern(kind: string, name: string): string | undefined {
  switch (kind) {
    case 'Deployment':
      return `${name}-[a-z0-9]+-[a-z0-9]{5}`; // <deployment>-<pod-template-hash>-<random>
    case 'StatefulSet':
      return `${name}-[0-9]+`; // <statefulset>-<ordinal>
    case 'DaemonSet':
      return `${name}-[a-z0-9]{5}`;
    case 'Job':
      return `${name}-([0-9]+-)?[a-z0-9]{5}`; // Indexed Jobs add the completion index
    case 'CronJob':
      return `${name}-[0-9]+-([0-9]+-)?[a-z0-9]{5}`; // Jobs are <cronjob>-<scheduled minute>
    default:
      return undefined;
  }
}

function regexMatch(label: string, pattern: string): string {
  return `${label}=~${quote(pattern)}`;
}

/** PVC names the workload's pods mount: volume claims (exact) and volumeClaimTemplates (`<template>-<statefulset>-<ordinal>`). */
function claimPattern(workload: KubeObject): string | undefined {
  const names: string[] = [];
  const template = podTemplateOf(workload);
  for (const v of template?.spec.volumes ?? [])
    if (v.persistentVolumeClaim?.claimName) names.push(v.persistentVolumeClaim.claimName);
  const vcts =
    (workload.spec as { volumeClaimTemplates?: Array<{ metadata?: { name?: string } }> } | undefined)
      ?.volumeClaimTemplates ?? [];
  for (const t of vcts) if (t.metadata?.name) names.push(`${t.metadata.name}-${workload.metadata.name}-[0-9]+`);
  return names.length ? (names.length === 1 ? names[0] : `(${names.join('|')})`) : undefined;
}

function hasCpuLimit(workload: KubeObject): boolean {
  const template = podTemplateOf(workload);
  if (!template) return false;
  return containersOf(template).some(({ container, group }) => {
    const cpu = container.resources?.limits?.cpu;
    return group !== 'ephemeralContainers' && cpu !== undefined && isQuantity(cpu);
  });
}

/** The workload's pod selector as `kubectl -l` takes it. */
export function podSelectorText(workload: KubeObject): string {
  return Object.entries(podSelectorLabels(workload))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** The generated alerts of one workload, each with its runbook text. */
export function workloadAlerts(workload: KubeObject): DocumentedRule[] {
  const name = workload.metadata.name ?? '';
  const ns = workload.metadata.namespace ?? 'default';
  const prefix = pascalCase(name);
  const kind = workload.kind;
  const out: DocumentedRule[] = [];
  const add = (
    alert: string,
    expr: string,
    forDuration: string | undefined,
    severity: string,
    summary: string,
    description: string,
    runbook: string,
  ) =>
    out.push({
      rule: {
        alert,
        expr,
        ...(forDuration ? { for: forDuration } : {}),
        labels: { severity },
        annotations: { summary, description },
      },
      runbook,
      declared: false,
    });

  const available: Record<string, [string, string, string]> = {
    Deployment: ['kube_deployment_status_replicas_available', 'kube_deployment_spec_replicas', 'deployment'],
    StatefulSet: ['kube_statefulset_status_replicas_ready', 'kube_statefulset_replicas', 'statefulset'],
    DaemonSet: [
      'kube_daemonset_status_number_available',
      'kube_daemonset_status_desired_number_scheduled',
      'daemonset',
    ],
  };
  const replicas = available[kind];
  if (replicas) {
    const [ready, desired, label] = replicas;
    const m = { namespace: ns, [label]: name };
    add(
      `${prefix}NoReplicasAvailable`,
      `${selector(ready, m)} == 0 and ${selector(desired, m)} > 0`,
      '5m',
      'critical',
      `${kind} ${ns}/${name} has no available replicas`,
      `${kind} ${ns}/${name} wants pods but none has been available for 5 minutes.`,
      [
        `No pod of ${kind} \`${name}\` is available although some are desired.`,
        '',
        `- \`kubectl -n ${ns} get pods -l ${podSelectorText(workload)}\` and \`kubectl -n ${ns} describe ${kind.toLowerCase()} ${name}\`: pending (resources, node selector, PVC) or crashing?`,
        `- \`kubectl -n ${ns} get events --sort-by=.lastTimestamp\` for scheduling and image pull errors.`,
        `- \`kubectl -n ${ns} logs <pod> --previous\` when the containers crash.`,
      ].join('\n'),
    );
  }

  const pods = podNamePattern(kind, name);
  if (pods) {
    add(
      `${prefix}ContainerRestarting`,
      `increase(${selector('kube_pod_container_status_restarts_total', { namespace: ns }, [regexMatch('pod', pods)])}[${RESTART_WINDOW}]) > ${RESTART_LIMIT}`,
      undefined,
      'warning',
      `Container of ${ns}/${name} is restarting`,
      `Container {{ $labels.container }} of pod {{ $labels.pod }} restarted more than ${RESTART_LIMIT} times in ${RESTART_WINDOW}.`,
      [
        `A container of \`${name}\` restarted more than ${RESTART_LIMIT} times within ${RESTART_WINDOW}.`,
        '',
        `- \`kubectl -n ${ns} describe pod <pod>\`: last state, exit code, \`OOMKilled\`?`,
        `- \`kubectl -n ${ns} logs <pod> -c <container> --previous\` for the crash.`,
        '- A failing liveness probe also restarts containers: check its timings against start-up time.',
      ].join('\n'),
    );
    if (hasCpuLimit(workload)) {
      const m = (metric: string) => selector(metric, { namespace: ns }, ['container!=""', regexMatch('pod', pods)]);
      const throttled = `sum by (namespace, pod, container) (increase(${m('container_cpu_cfs_throttled_periods_total')}[5m]))`;
      const periods = `sum by (namespace, pod, container) (increase(${m('container_cpu_cfs_periods_total')}[5m]))`;
      add(
        `${prefix}CPUThrottlingHigh`,
        `${throttled} / ${periods} > ${THROTTLING_RATIO}`,
        '15m',
        'warning',
        `CPU of ${ns}/${name} is throttled`,
        `Container {{ $labels.container }} of pod {{ $labels.pod }} is throttled in more than ${THROTTLING_RATIO * 100}% of CPU periods.`,
        [
          `Containers of \`${name}\` hit their CPU limit: latency rises although the node may have CPU to spare.`,
          '',
          '- Compare usage with the limit: `kubectl top pod` or the dashboard.',
          '- Raise the CPU limit (or remove it and keep the request), or scale out.',
        ].join('\n'),
      );
    }
  }

  const claims = claimPattern(workload);
  if (claims) {
    const m = (metric: string) => selector(metric, { namespace: ns }, [regexMatch('persistentvolumeclaim', claims)]);
    add(
      `${prefix}PersistentVolumeFillingUp`,
      `${m('kubelet_volume_stats_available_bytes')} / ${m('kubelet_volume_stats_capacity_bytes')} < ${VOLUME_FREE_RATIO}`,
      '5m',
      'warning',
      `Volume of ${ns}/${name} is almost full`,
      `PersistentVolumeClaim {{ $labels.persistentvolumeclaim }} has less than ${VOLUME_FREE_RATIO * 100}% free space.`,
      [
        `A volume of \`${name}\` has less than ${VOLUME_FREE_RATIO * 100}% free space.`,
        '',
        `- \`kubectl -n ${ns} get pvc\`: is the StorageClass expandable (\`allowVolumeExpansion\`)? Then raise \`spec.resources.requests.storage\`.`,
        '- Otherwise free space (retention, vacuum, old data) before the volume fills up.',
      ].join('\n'),
    );
  }

  if (kind === 'Job' || kind === 'CronJob') {
    const jobName: Record<string, string> = kind === 'Job' ? { job_name: name } : {};
    const failed = selector(
      'kube_job_failed',
      { namespace: ns, ...jobName, condition: 'true' },
      kind === 'CronJob' ? [regexMatch('job_name', `${name}-[0-9]+`)] : [],
    );
    add(
      `${prefix}JobFailed`,
      `${failed} > 0`,
      undefined,
      'warning',
      `Job of ${ns}/${name} failed`,
      'Job {{ $labels.job_name }} failed.',
      [
        `A Job of \`${name}\` reached its backoff limit or deadline.`,
        '',
        `- \`kubectl -n ${ns} describe job <job>\` and \`kubectl -n ${ns} logs job/<job>\`.`,
        `- Delete the failed Job once understood, so the alert resolves: \`kubectl -n ${ns} delete job <job>\`.`,
      ].join('\n'),
    );
  }
  if (kind === 'CronJob') {
    const m = { namespace: ns, cronjob: name };
    add(
      `${prefix}CronJobMissedSchedule`,
      `time() - ${selector('kube_cronjob_next_schedule_time', m)} > ${CRONJOB_OVERDUE_SECONDS} unless on (namespace, cronjob) ${selector('kube_cronjob_spec_suspend', m)} == 1`,
      '5m',
      'warning',
      `CronJob ${ns}/${name} missed its schedule`,
      `CronJob ${ns}/${name} has not started a run for more than ${CRONJOB_OVERDUE_SECONDS / 60} minutes after it was due.`,
      [
        `\`${name}\` did not start a Job when it was due.`,
        '',
        `- \`kubectl -n ${ns} describe cronjob ${name}\`: events, \`concurrencyPolicy: Forbid\` with a Job still running, \`startingDeadlineSeconds\` too short?`,
        '- Check the kube-controller-manager is healthy (it runs CronJobs).',
      ].join('\n'),
    );
  }
  return out;
}
