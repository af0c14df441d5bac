// What `build` makes of synthesized objects: every object validated against the pinned Kubernetes
// schemas (an object that fails is a bug in synthesis, reported with its file, object and field;
// one this build found valid in an earlier run is not validated again, k8s/validation-cache.ts),
// then serialized. The pipeline (pipeline/spec.ts) runs it from a spec file.
import { validateObjects, type ValidationCacheFile } from '../k8s/validation-cache.js';
import { objectsToYaml } from '../k8s/write.js';
import type { OutputFile } from '../vocabulary/output-file.js';
import type { SynthResult } from './index.js';

export interface BuiltFile extends OutputFile {
  objects: Array<{ kind: string; name: string }>;
}

export class SynthesisBug extends Error {
  constructor(
    message: string,
    readonly details: string[],
  ) {
    super(`${message}\n${details.map((d) => `  ${d}`).join('\n')}`);
    this.name = 'SynthesisBug';
  }
}

/**
 * Throws SynthesisBug naming every invalid object and field; `cache` (k8s/validation-cache.ts) keeps
 * which objects were valid, across runs.
 */
export function validateSynthesized(result: SynthResult, cache?: ValidationCacheFile): void {
  const problems: string[] = [];
  const placed = result.files.flatMap((f) => f.objects.map((o) => ({ file: f.file, o })));
  validateObjects(
    placed.map(({ o }) => o),
    cache,
  ).forEach((issues, i) => {
    const { file, o } = placed[i];
    for (const issue of issues)
      problems.push(`${file}: ${o.kind}/${o.metadata.name} ${issue.path || '(object)'}: ${issue.message}`);
  });
  if (problems.length > 0) throw new SynthesisBug(`synthesized ${problems.length} invalid field(s)`, problems);
}

/** The manifests (one YAML stream per file), then the families' other files (runbooks, dashboards, …). */
export function renderFiles(result: SynthResult): BuiltFile[] {
  return [
    ...result.files.map((f) => ({
      path: f.file,
      content: objectsToYaml(f.objects),
      objects: f.objects.map((o) => ({ kind: o.kind, name: o.metadata.name ?? '' })),
    })),
    ...(result.extraFiles ?? []).map((f) => ({ path: f.file, content: f.content, objects: [] })),
  ];
}
