// Rolling updates against the worked examples of the Kubernetes documentation
// (concepts/workloads/controllers/deployment, tutorials/stateful-application/basic-stateful-set,
// tasks/manage-daemon/update-daemon-set, API reference RollingUpdateDeployment/DaemonSet).
import { describe, expect, it } from 'vitest';
import { loadGraph } from '../../src/pipeline/input.js';
import {
  daemonSetRollout,
  deploymentRollout,
  scaledValue,
  statefulSetCreationSeconds,
  statefulSetRollout,
} from '../../src/sim/rollout.js';
import { rolloutOf } from '../../src/sim/rollout-spec.js';

describe('Deployment', () => {
  it('docs: 3 replicas with the default 25%/25% keep at least 3 available and at most 4 pods', () => {
    const r = deploymentRollout(3, {}, 10);
    expect(r.limits).toEqual(['maxSurge 25% → 1 (rounded up)', 'maxUnavailable 25% → 0 (rounded down)']);
    expect([r.minAvailable, r.maxPods]).toEqual([3, 4]);
    // it first creates a new Pod, then deletes an old Pod, and creates another new one
    expect(r.timeline.map((p) => p.action)).toEqual(['+1 new', '+1 new, −1 old', '+1 new, −1 old', '−1 old']);
    expect(r.durationSeconds).toBe(30);
  });
  it('API reference: maxUnavailable 30% scales the old ReplicaSet to 70% at once; maxSurge 30% keeps old + new ≤ 130%', () => {
    const r = deploymentRollout(10, { maxSurge: '30%', maxUnavailable: '30%' }, 20);
    expect(r.timeline[0]).toMatchObject({ t: 0, old: 7, new: 6, available: 7 });
    expect(r.maxPods).toBe(13);
    expect(r.minAvailable).toBe(7);
  });
  it('both limits rounding to 0 take maxUnavailable 1; bad values name their field', () => {
    expect(deploymentRollout(1, { maxSurge: 0, maxUnavailable: '25%' }, 5).minAvailable).toBe(0);
    expect(() => deploymentRollout(3, { maxSurge: 'lots' }, 5)).toThrow(
      /spec\.strategy\.rollingUpdate\.maxSurge: expected/,
    );
    expect(scaledValue('25%', 3, true, 'f')).toBe(1);
    expect(scaledValue('25%', 3, false, 'f')).toBe(0);
  });
});

describe('StatefulSet', () => {
  it('tutorial: pods are updated one at a time from the highest ordinal; a partition keeps lower ordinals', () => {
    const all = statefulSetRollout(3, 0, 15);
    expect(all.timeline.filter((p) => p.action.startsWith('recreate')).map((p) => p.action)).toEqual([
      'recreate pod 2',
      'recreate pod 1',
      'recreate pod 0',
    ]);
    expect([all.minAvailable, all.durationSeconds]).toEqual([2, 45]);
    const staged = statefulSetRollout(3, 2, 15);
    expect(staged.notUpdated).toBe(2);
    expect(staged.timeline.map((p) => p.action)).toEqual(['start', 'recreate pod 2', 'pod 2 available']);
    expect(statefulSetRollout(3, 3, 15).notUpdated).toBe(3);
  });
  it('podManagementPolicy changes creation, not updates: OrderedReady one after another, Parallel together', () => {
    expect(statefulSetCreationSeconds(3, 'OrderedReady', 20)).toBe(60);
    expect(statefulSetCreationSeconds(3, 'Parallel', 20)).toBe(20);
  });
});

describe('DaemonSet', () => {
  it('API reference: maxUnavailable 30% of 10 nodes rounds up to 3 at a time', () => {
    const r = daemonSetRollout(10, { maxUnavailable: '30%' }, 10);
    expect(r.minAvailable).toBe(7);
    expect(r.durationSeconds).toBe(40);
  });
  it('maxSurge: the new pod starts before the old one goes, so nothing is unavailable', () => {
    const r = daemonSetRollout(10, { maxSurge: '30%', maxUnavailable: 0 }, 10);
    expect([r.minAvailable, r.maxPods]).toEqual([10, 13]);
  });
});

describe('from objects: replicas, probe delays, minReadySeconds and breaches', () => {
  const manifests = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  minReadySeconds: 5
  selector: {matchLabels: {app: web}}
  strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 1}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: example/web:1.0
          readinessProbe: {httpGet: {path: /, port: 8080}, initialDelaySeconds: 15}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web, namespace: shop}
spec: {minAvailable: 3, selector: {matchLabels: {app: web}}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 3
  maxReplicas: 6
`;
  it('reports going below the PDB and the HPA minimum, at the HPA minimum replicas', async () => {
    const { graph } = await loadGraph('-', { stdinText: manifests });
    const r = rolloutOf(graph, 'web', {});
    expect([r.replicas, r.podStartSeconds, r.minAvailable]).toEqual([3, 20, 2]);
    expect(r.breaches).toEqual([
      'PodDisruptionBudget web: 2 available at 0s, below its minAvailable 3',
      'HorizontalPodAutoscaler web: 2 available at 0s, below its minReplicas 3',
    ]);
    expect(rolloutOf(graph, 'web', { replicas: 4 }).breaches).toEqual([]);
  });
});
