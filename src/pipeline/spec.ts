// A spec, as every command that takes one runs it: loaded with the checks' ids (which its
// `acknowledge` may name), synthesized into objects, and for `build` validated and serialized.
import { allChecks } from '../checks/index.js';
import type { SourcedObject } from '../k8s/object.js';
import { loadArchitecture as loadSpecFile, loadArchitectureProfiles as loadSpecProfiles } from '../spec/load.js';
import type { Architecture } from '../spec/schema.js';
import { renderFiles, validateSynthesized, type BuiltFile } from '../synth/build.js';
import { synthesize, type SynthFile } from '../synth/index.js';

export interface BuildResult {
  architecture: Architecture;
  files: BuiltFile[];
}

/** Loads, profiles and validates a spec, including that each acknowledged check exists. */
export function loadArchitecture(file: string, opts: { profile?: string } = {}): Promise<Architecture> {
  return loadSpecFile(file, { ...opts, checkIds: allChecks.map((c) => c.id) });
}

/** Loads and validates a spec once, with every profile (key `undefined`: none), checking `profile` exists. */
export function loadArchitectureProfiles(
  file: string,
  opts: { profile?: string } = {},
): Promise<Map<string | undefined, Architecture>> {
  return loadSpecProfiles(file, { ...opts, checkIds: allChecks.map((c) => c.id) });
}

/**
 * Each synthesized object with the output file it would be written to and its index in that file,
 * so graph(spec) and graph(read(build(spec))) name the same places.
 */
export function sourcedObjects(files: SynthFile[]): SourcedObject[] {
  return files.flatMap(({ file, objects }) =>
    objects.map((object, document) => ({ object, source: { file, document } })),
  );
}

/** The files `build` writes (plain layout): load (with profile), synthesize, validate, serialize. */
export async function buildSpec(specFile: string, opts: { profile?: string } = {}): Promise<BuildResult> {
  const architecture = await loadArchitecture(specFile, opts);
  const result = synthesize(architecture);
  validateSynthesized(result);
  return { architecture, files: renderFiles(result) };
}
