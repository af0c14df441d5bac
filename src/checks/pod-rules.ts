// Pod spec rules the schema does not express: the restart policy each controller accepts
// (https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#pod-template and
// .../job/#pod-template: a Deployment, ReplicaSet, StatefulSet or DaemonSet only Always, a Job
// only OnFailure or Never; the API server applies the default Always before it validates), and an
// environment variable defined twice in one container (the later entry silently wins).
import type { Check, RawFinding } from './types.js';
import { containerLabel, isRecord, list } from './workloads.js';
import { containersOf } from '../k8s/podspec.js';
import { workloadsOf } from '../graph/workloads.js';

const ALLOWED_RESTART_POLICIES: Record<string, string[]> = {
  Deployment: ['Always'],
  ReplicaSet: ['Always'],
  ReplicationController: ['Always'],
  StatefulSet: ['Always'],
  DaemonSet: ['Always'],
  Job: ['OnFailure', 'Never'],
  CronJob: ['OnFailure', 'Never'],
};

const restartPolicyInvalid: Check = {
  id: 'restart-policy-invalid',
  family: 'schema',
  severity: 'error',
  rationale:
    'Each controller accepts only some pod restart policies (Deployment and the like: Always; Job and CronJob: OnFailure or Never); the API server rejects the others.',
  hint: 'Set restartPolicy to Always for long-running controllers, and to OnFailure or Never for Jobs and CronJobs.',
  run: (ctx) =>
    workloadsOf(ctx.graph).flatMap((w): RawFinding[] => {
      const allowed = ALLOWED_RESTART_POLICIES[w.node.kind];
      if (!allowed) return [];
      const given = w.template.spec.restartPolicy;
      const policy = given ?? 'Always';
      if (allowed.includes(policy)) return [];
      return [
        {
          object: w.id,
          path: `${w.template.path}.restartPolicy`,
          message: `${given === undefined ? 'restartPolicy defaults to Always' : `restartPolicy is ${policy}`}, which a ${w.node.kind} rejects (allowed: ${allowed.join(', ')})`,
        },
      ];
    }),
};

const envDuplicate: Check = {
  id: 'env-duplicate',
  family: 'references',
  severity: 'warning',
  rationale:
    'An environment variable defined twice in one container takes the later value silently: whoever edits the first entry changes nothing.',
  hint: 'Keep one entry per variable name.',
  run: (ctx) =>
    workloadsOf(ctx.graph).flatMap((w) =>
      containersOf(w.template).flatMap((c) => {
        const first = new Map<string, number>();
        return list(c.container.env).flatMap((e, i): RawFinding[] => {
          if (!isRecord(e) || typeof e.name !== 'string') return [];
          const earlier = first.get(e.name);
          if (earlier === undefined) {
            first.set(e.name, i);
            return [];
          }
          return [
            {
              object: w.id,
              path: `${c.path}.env[${i}].name`,
              message: `${containerLabel(c)} defines env ${e.name} again (first at env[${earlier}]): this later value wins`,
            },
          ];
        });
      }),
    ),
};

export const podRuleChecks: Check[] = [restartPolicyInvalid, envDuplicate];
