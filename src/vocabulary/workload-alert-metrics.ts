// The series the alerts every workload gets (synth/monitoring/workload-alerts.ts) read. Shared
// with the monitoring checks, which accept them in declared alerts without a declared metric.

/** Metrics the generated alerts read: known to exist in a cluster monitored by kube-prometheus. */
export const WORKLOAD_ALERT_METRICS = [
  'kube_deployment_status_replicas_available',
  'kube_deployment_spec_replicas',
  'kube_statefulset_status_replicas_ready',
  'kube_statefulset_replicas',
  'kube_daemonset_status_number_available',
  'kube_daemonset_status_desired_number_scheduled',
  'kube_pod_container_status_restarts_total',
  'kube_job_failed',
  'kube_cronjob_next_schedule_time',
  'kube_cronjob_spec_suspend',
  'container_cpu_cfs_throttled_periods_total',
  'container_cpu_cfs_periods_total',
  'kubelet_volume_stats_available_bytes',
  'kubelet_volume_stats_capacity_bytes',
] as const;
