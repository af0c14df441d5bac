// From a spec to the files of one delivery format. Each profile is synthesized, planned from its
// own graph (so the order is the one `plan` prints) and annotated with its sync waves.
import type { Message } from '../diagnostics/index.js';
import type { Architecture } from '../spec/schema.js';
import type { KubeObject } from '../k8s/object.js';
import { buildGraph } from '../graph/build.js';
import { validationCacheFile, type ValidationCacheFile } from '../k8s/validation-cache.js';
import { loadArchitectureProfiles, sourcedObjects } from './spec.js';
import { profileOf } from '../spec/load.js';
import { synthesize, type SynthResult } from '../synth/index.js';
import { renderFiles, validateSynthesized, type BuiltFile } from '../synth/build.js';
import { computePlan } from '../plan/plan.js';
import { planDependencies } from '../plan/dependencies.js';
import { withSyncWaves } from '../plan/emit/argo.js';
import { emitKustomize } from '../plan/emit/kustomize.js';
import { emitFlux } from '../plan/emit/flux.js';
import { emitScript } from '../plan/emit/script.js';
import type { Plan } from '../plan/types.js';

export const DELIVERY_FORMATS = ['plain', 'kustomize', 'script'] as const;
export type DeliveryFormat = (typeof DELIVERY_FORMATS)[number];

export interface DeliveryOptions {
  format: DeliveryFormat;
  /** plain/script: the profile to build; kustomize: the one overlay to write (default: every profile). */
  profile?: string;
  /** kustomize only: also one Flux Kustomization per phase. */
  flux?: boolean;
  /** With `flux`: the output folder's path from the root of the Git repository Flux reads. */
  repositoryPath?: string;
  /** script: the script's file name. */
  scriptFile?: string;
}

export interface Delivery {
  architecture: Architecture;
  files: BuiltFile[];
  /** What synthesis noted (kinds of extra objects no schema checks), for stderr. */
  messages: Message[];
}

interface Planned {
  architecture: Architecture;
  result: SynthResult;
  objects: KubeObject[];
  plan: Plan;
}

/**
 * Synthesizes one profile's architecture (or the base's), plans it, and puts each object in its
 * sync wave; validation keeps which objects were valid in the spec's cache file.
 */
function planProfile(architecture: Architecture, cache: ValidationCacheFile | undefined): Planned {
  const synthesized = synthesize(architecture);
  validateSynthesized(synthesized, cache);
  const { result, plan } = inSyncWaves(synthesized);
  return { architecture, result, objects: result.files.flatMap((f) => f.objects), plan };
}

/** Plans synthesized objects from their own graph and puts each in its sync wave, file by file. */
function inSyncWaves(synthesized: SynthResult): { result: SynthResult; plan: Plan } {
  const graph = buildGraph(sourcedObjects(synthesized.files), []);
  const plan = computePlan(graph);
  const dependencies = planDependencies(graph);
  // One pass over every object (withSyncWaves indexes the plan once per call), then cut back into files.
  const waved = withSyncWaves(
    synthesized.files.flatMap((f) => f.objects),
    plan,
    dependencies,
  );
  let next = 0;
  const result: SynthResult = {
    ...synthesized,
    files: synthesized.files.map((f) => ({ file: f.file, objects: waved.slice(next, (next += f.objects.length)) })),
  };
  return { result, plan };
}

function uniqueMessages(messages: Message[]): Message[] {
  return [...new Map(messages.map((m) => [m.message, m])).values()];
}

const summary = (objects: KubeObject[]) => objects.map((o) => ({ kind: o.kind, name: o.metadata.name ?? '' }));

/** The files `build --format plain` writes for what an architecture synthesized: name → content. */
export function plainFiles(synthesized: SynthResult): Map<string, string> {
  return new Map(renderFiles(inSyncWaves(synthesized).result).map((f) => [f.path, f.content]));
}

export async function deliver(specFile: string, opts: DeliveryOptions): Promise<Delivery> {
  // The spec is read once; every profile it declares is validated then (a broken one fails all).
  const loaded = await loadArchitectureProfiles(specFile, { profile: opts.profile });
  const architectureOf = (profile: string | undefined) => profileOf(loaded, profile, specFile);
  const cache = validationCacheFile(specFile);
  if (opts.format === 'plain') {
    const p = planProfile(architectureOf(opts.profile), cache);
    return { architecture: p.architecture, files: renderFiles(p.result), messages: p.result.messages ?? [] };
  }
  if (opts.format === 'script') {
    const p = planProfile(architectureOf(opts.profile), cache);
    const title = opts.profile ? `${p.architecture.name} (profile ${opts.profile})` : p.architecture.name;
    const content = emitScript({ title, objects: p.objects, plan: p.plan });
    return {
      architecture: p.architecture,
      files: [{ path: opts.scriptFile ?? 'deploy.sh', content, objects: summary(p.objects) }],
      messages: p.result.messages ?? [],
    };
  }

  const base = planProfile(architectureOf(undefined), cache);
  const profiles = opts.profile ? [opts.profile] : Object.keys(base.architecture.profiles ?? {});
  const overlays = profiles.map((profile) => ({ profile, planned: planProfile(architectureOf(profile), cache) }));
  const emitted = emitKustomize({
    base: base.result.files.filter((f) => f.objects.length > 0),
    overlays: overlays.map((o) => ({ profile: o.profile, objects: o.planned.objects })),
  });
  if (opts.flux) {
    // Without profiles, Flux applies the base phase by phase.
    const targets = overlays.length
      ? overlays.map((o) => ({ profile: o.profile, plan: o.planned.plan, source: `overlays/${o.profile}` }))
      : [{ profile: 'base', plan: base.plan, source: 'base' }];
    for (const t of targets)
      emitted.push(...emitFlux({ name: base.architecture.name, ...t, repositoryPath: opts.repositoryPath ?? '' }));
  }
  // Files that are not objects (runbooks, dashboards) stay where the plain layout puts them.
  const extra = renderFiles({ files: [], extraFiles: base.result.extraFiles });
  const objectsOf = new Map(base.result.files.map((f) => [`base/${f.file}`, summary(f.objects)]));
  return {
    architecture: base.architecture,
    files: [...emitted.map((f) => ({ ...f, objects: objectsOf.get(f.path) ?? [] })), ...extra],
    // Each overlay synthesizes the same extra objects again: one line per distinct message.
    messages: uniqueMessages([base, ...overlays.map((o) => o.planned)].flatMap((p) => p.result.messages ?? [])),
  };
}
