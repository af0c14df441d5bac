// A file a command writes (manifests, docs, a script), before it is written: docs produce them,
// the pipeline's output writer (pipeline/write-output.ts) writes them.

export interface OutputFile {
  /** Relative to the output folder, `/`-separated; subfolders are created. */
  path: string;
  content: string;
}
