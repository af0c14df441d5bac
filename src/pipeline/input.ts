// The one input argument every reporting command takes (DESIGN.md): a spec (file, or a folder
// holding one) is synthesized into objects first; anything else is read as manifests; `-` is stdin.
import type { SourcedObject } from '../k8s/object.js';
import type { Graph } from '../graph/model.js';
import type { Message } from '../diagnostics/index.js';

export interface InputOptions {
  /** Spec profile (e.g. `prod`); ignored for manifests. */
  profile?: string;
  /** Namespace for namespaced manifest objects that carry none (default `default`). */
  namespace?: string;
  /** Text of `-`, for tests; stdin is read otherwise. */
  stdinText?: string;
}

export interface LoadedInput {
  objects: SourcedObject[];
  messages: Message[];
  /** The spec file, when the input was a spec. */
  specFile?: string;
}

export async function loadInput(input: string, opts: InputOptions = {}): Promise<LoadedInput> {
  if (input !== '-') {
    const { findSpec } = await import('../spec/load.js');
    const specFile = findSpec(input);
    if (specFile) return { ...(await synthesizeSpec(specFile, opts)), specFile };
  }
  const { readManifests } = await import('../k8s/read.js');
  return readManifests([input], { namespace: opts.namespace, stdinText: opts.stdinText });
}

export async function loadGraph(input: string, opts: InputOptions = {}): Promise<{ graph: Graph; specFile?: string }> {
  const loaded = await loadInput(input, opts);
  const { buildGraph } = await import('../graph/build.js');
  return { graph: buildGraph(loaded.objects, loaded.messages), specFile: loaded.specFile };
}

async function synthesizeSpec(specFile: string, opts: InputOptions): Promise<Omit<LoadedInput, 'specFile'>> {
  const { loadArchitecture, sourcedObjects } = await import('./spec.js');
  const { synthesize } = await import('../synth/index.js');
  const arch = await loadArchitecture(specFile, { profile: opts.profile });
  return { objects: sourcedObjects(synthesize(arch).files), messages: [] };
}
