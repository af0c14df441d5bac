// The one input argument every reporting command takes (DESIGN.md): a spec (file, or a folder
// holding one) is synthesized into objects first; anything else is read as manifests; `-` is stdin.
import type { SourcedObject } from '../k8s/object.js';
import type { Graph } from '../graph/model.js';
import { InputError, type Message } from '../diagnostics/index.js';
import { startStage } from '../diagnostics/progress.js';

export interface InputOptions {
  /** Spec profile (e.g. `prod`); ignored for manifests. */
  profile?: string;
  /** Namespace for namespaced manifest objects that carry none (default `default`). */
  namespace?: string;
  /** Text of `-`, for tests; stdin is read otherwise. */
  stdinText?: string;
  /** Render Kustomize folders with `kubectl kustomize` (default true; `--no-render` reads them raw). */
  render?: boolean;
  /** Any document that could not be read is bad input (exit 2) instead of a message. */
  strict?: boolean;
}

export interface LoadedInput {
  objects: SourcedObject[];
  messages: Message[];
  /** The spec file, when the input was a spec. */
  specFile?: string;
  /**
   * The text of a `file` objects carry that is not on disk: stdin, `kubectl kustomize` output, or
   * a file a spec's `build` would write (rendered on demand). Undefined for files on disk.
   */
  sourceText?: (file: string) => string | undefined;
}

export async function loadInput(input: string, opts: InputOptions = {}): Promise<LoadedInput> {
  if (input !== '-') {
    const { findSpec } = await import('../spec/load.js');
    const specFile = findSpec(input);
    if (specFile) return { ...(await synthesizeSpec(specFile, opts)), specFile };
  }
  const { readManifests } = await import('../k8s/read.js');
  const read = await readManifests([input], {
    namespace: opts.namespace,
    stdinText: opts.stdinText,
    render: opts.render,
  });
  const unreadable = read.messages.filter((m) => m.severity === 'error');
  // A glob typo in CI, an empty file or a folder of other YAML must not look like a clean pass.
  if (read.objects.length === 0)
    throw new InputError(
      `${input === '-' ? 'stdin' : input}: no Kubernetes object found (expected YAML or JSON documents with apiVersion, kind and metadata.name)${unreadable.length ? `; ${unreadable.length} document(s) could not be read:` : ''}`,
      unreadable.map((m) => m.message),
      { file: input },
    );
  if (opts.strict && unreadable.length > 0)
    throw new InputError(
      `--strict: ${unreadable.length} document(s) could not be read`,
      unreadable.map((m) => m.message),
      { file: input },
    );
  const texts = read.texts;
  return { objects: read.objects, messages: read.messages, sourceText: texts && ((file) => texts.get(file)) };
}

export async function loadGraph(
  input: string,
  opts: InputOptions = {},
): Promise<{ graph: Graph; specFile?: string; sourceText?: LoadedInput['sourceText'] }> {
  const loaded = await loadInput(input, opts);
  const { buildGraph } = await import('../graph/build.js');
  const stage = startStage('building the graph', () => `${loaded.objects.length} objects`);
  try {
    return {
      graph: buildGraph(loaded.objects, loaded.messages),
      specFile: loaded.specFile,
      sourceText: loaded.sourceText,
    };
  } finally {
    stage.end();
  }
}

async function synthesizeSpec(specFile: string, opts: InputOptions): Promise<Omit<LoadedInput, 'specFile'>> {
  const { loadArchitecture, sourcedObjects } = await import('./spec.js');
  const { synthesize } = await import('../synth/index.js');
  const arch = await loadArchitecture(specFile, { profile: opts.profile });
  const result = synthesize(arch);
  const { plainFiles } = await import('./deliver.js');
  let built: Map<string, string> | undefined;
  return {
    objects: sourcedObjects(result.files),
    // Synthesis notes only extra objects of kinds no schema checks; `build` prints that. Here they
    // are objects like any other, and `check` reports them once, as custom-resource-unchecked.
    messages: [],
    // The files `build` writes, made only when a finding asks, from the objects synthesized here
    // (not synthesized again): the same objects in the same order, plus their sync-wave
    // annotations, so a line here is that line of the built file.
    sourceText: (file) => (built ??= plainFiles(result)).get(file),
  };
}
