// Kustomize and Flux output, checked with the real kustomize (`kubectl kustomize`): the overlay
// of a profile renders exactly that profile's objects, and each Flux phase folder exactly that
// phase's objects.
import { basename, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readManifests } from '../../src/k8s/read.js';
import { objectId } from '../../src/k8s/object.js';
import { emitFlux, emitKustomize } from '../../src/plan/index.js';
import { byId, kustomize, planned, writeFiles } from './tools.js';
import { CORPUS } from '../shared-paths.js';

describe('kustomize emitter', async () => {
  const { objects: read } = await readManifests([`${CORPUS}/bank-of-anthos/kubernetes-manifests`]);
  const baseObjects = read.map((r) => r.object);

  // A "prod" profile that differs from the base in every way a profile can.
  const prod = structuredClone(baseObjects).filter((o) => objectId(o) !== 'default/contacts[Service]');
  const frontend = prod.find((o) => objectId(o) === 'default/frontend[Deployment]') as any;
  frontend.spec.replicas = 3;
  frontend.spec.template.spec.containers[0].resources = {
    requests: { cpu: '500m', memory: '512Mi' },
    limits: { cpu: '1', memory: '1Gi' },
  };
  frontend.metadata.annotations = { ...(frontend.metadata.annotations ?? {}), 'example.com/tier~x': 'yes' };
  delete frontend.spec.template.spec.terminationGracePeriodSeconds;
  prod.push({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'prod-only', namespace: 'default' },
    data: { on: 'true', 'a/b': '12:30' },
  });

  const base = planned(baseObjects);
  const profile = planned(prod);
  const files = emitKustomize({
    base: [...new Set(read.map((r) => basename(r.source.file!)))].map((file) => ({
      file,
      objects: base.objects.filter((_, i) => basename(read[i].source.file!) === file),
    })),
    overlays: [{ profile: 'prod', objects: profile.objects }],
  });
  const dir = writeFiles(files);

  it('renders the base as the objects without a profile', () => {
    expect(kustomize(join(dir, 'base'))).toEqual(byId(base.objects));
  });

  it('renders overlays/prod as exactly the prod objects (changed, added, removed)', () => {
    const rendered = kustomize(join(dir, 'overlays/prod'));
    expect(rendered).toEqual(byId(profile.objects));
    expect(rendered.has('default/contacts[Service]')).toBe(false);
    expect(files.map((f) => f.path)).toContain('overlays/prod/patches/delete_service_default_contacts.yaml');
  });

  it('with --flux, renders each phase folder as exactly that phase, chained by dependsOn', () => {
    const flux = emitFlux({
      name: 'boa',
      profile: 'prod',
      plan: profile.plan,
      source: 'overlays/prod',
      repositoryPath: 'out/kustomize',
    });
    const fluxDir = writeFiles([...files, ...flux]);
    const wanted = byId(profile.objects);
    for (const phase of profile.plan.phases) {
      const rendered = kustomize(join(fluxDir, `flux/prod/phase-${phase.index}`));
      expect([...rendered.keys()].sort()).toEqual(phase.objects);
      for (const [id, o] of rendered) expect(o).toEqual(wanted.get(id));
    }
    const kustomizations = parseAllDocuments(flux.find((f) => f.path === 'flux/prod/kustomizations.yaml')!.content).map(
      (d) => d.toJS(),
    );
    expect(kustomizations).toHaveLength(profile.plan.phases.length);
    kustomizations.forEach((k, i) => {
      expect(k).toMatchObject({
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        metadata: { name: `boa-prod-phase-${i}`, namespace: 'flux-system' },
        spec: {
          path: `./out/kustomize/flux/prod/phase-${i}`,
          wait: true,
          prune: true,
          sourceRef: { kind: 'GitRepository', name: 'flux-system' },
        },
      });
      expect(k.spec.dependsOn).toEqual(i === 0 ? undefined : [{ name: `boa-prod-phase-${i - 1}` }]);
    });
  });
});
