// The kubectl script: shellcheck-clean POSIX sh (real shellcheck, real dash), applying every
// object in its phase and waiting as the plan says.
import { execFileSync, spawnSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readManifests } from '../../src/k8s/read.js';
import { emitScript } from '../../src/plan/index.js';
import { objectId } from '../../src/k8s/object.js';
import { planned } from './tools.js';
import { CORPUS } from '../shared-paths.js';

/** The here-documents of the script, phase by phase. */
function appliedPhases(script: string): Map<number, string[]> {
  const phases = new Map<number, string[]>();
  for (const m of script.matchAll(/<<'SHIPSHAPE_PHASE_(\d+)'\n([\s\S]*?)\nSHIPSHAPE_PHASE_\1\n/g)) {
    phases.set(
      Number(m[1]),
      parseAllDocuments(m[2]).map((d) => objectId(d.toJS())),
    );
  }
  return phases;
}

describe('script emitter', () => {
  it.each(['ingress-nginx', 'prometheus-operator-examples', 'bank-of-anthos/kubernetes-manifests', 'descheduler'])(
    '%s: shellcheck-clean, phase by phase, with waits',
    async (folder) => {
      const { objects } = await readManifests([`${CORPUS}/${folder}`]);
      const { plan, objects: annotated } = planned(objects.map((o) => o.object));
      const script = emitScript({ title: folder, objects: annotated, plan });

      const shellcheck = spawnSync('shellcheck', ['--shell=sh', '--severity=style', '-'], {
        input: script,
        encoding: 'utf8',
      });
      expect(shellcheck.stdout + shellcheck.stderr).toBe('');
      expect(shellcheck.status).toBe(0);
      execFileSync('dash', ['-n'], { input: script }); // parses as POSIX sh

      const applied = appliedPhases(script);
      expect([...applied.keys()]).toEqual(plan.phases.map((p) => p.index));
      for (const p of plan.phases) expect(applied.get(p.index)).toEqual(p.objects);
      for (const w of plan.phases.flatMap((p) => p.waitFor)) {
        const o = annotated.find((x) => objectId(x) === w.object)!;
        const resource = `${o.kind.toLowerCase()}/${o.metadata.name}`;
        const command =
          w.condition === 'rolled-out'
            ? `rollout status ${resource}`
            : `wait --for=condition=${w.condition === 'ready' ? 'Ready' : w.condition} ${resource}`;
        expect(script).toContain(`"$KUBECTL" ${command}`);
      }
      expect(script).toContain('"$KUBECTL" apply --server-side');
    },
  );

  it('waits for a phase before applying the next, each wait bounded by the phase timeout', async () => {
    const { objects } = await readManifests([`${CORPUS}/bank-of-anthos/kubernetes-manifests`]);
    const { plan, objects: annotated } = planned(objects.map((o) => o.object));
    const script = emitScript({ title: 'bank-of-anthos', objects: annotated, plan });
    const waitDb = script.indexOf(
      '"$KUBECTL" rollout status statefulset/accounts-db --namespace default --timeout="$PHASE_TIMEOUT" &',
    );
    const awaitDb = script.indexOf('await_all', waitDb);
    const userservice = script.search(/^kind: Deployment\nmetadata:\n(?: {2}.*\n| {4}.*\n)*? {2}name: userservice\n/m);
    expect(waitDb).toBeGreaterThan(0);
    expect(awaitDb).toBeGreaterThan(waitDb);
    expect(userservice).toBeGreaterThan(awaitDb);
  });
});
