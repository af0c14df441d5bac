// Synthesis: a validated architecture → Kubernetes objects, one file per component (named after
// it) plus one for the namespace-wide objects. Deterministic: the same spec gives the same objects
// in the same order. Pure, except that a spec naming a `localSecrets` file has it read.
import { ANNOTATIONS } from '../k8s/annotations.js';
import { nodeId, type KubeObject } from '../k8s/object.js';
import { withoutDisabled } from '../spec/enabled.js';
import type { Architecture, Component } from '../spec/schema.js';
import { architectureContext, componentContext } from './context.js';
import { LOCAL_SECRETS_FILE, localSecretObjects } from './local-secrets.js';
import { FAMILIES } from './registry.js';
import { InputError, type Message } from '../diagnostics/index.js';
import { applyPatches, extraObjectsOf, throwEscapeHatchProblems, type EscapeHatchReport } from './escape-hatch.js';
import type { ExtraFile, GeneratorFamily } from './family.js';

export interface SynthFile {
  /** File name relative to the output folder, e.g. `outbox-worker.yaml`. */
  file: string;
  objects: KubeObject[];
}

export interface SynthResult {
  files: SynthFile[];
  /** Files that are not Kubernetes objects, from the families' `files` hook (see registry.ts). */
  extraFiles?: ExtraFile[];
  /** What synthesis noted for people: extra or patched objects of kinds no schema checks. */
  messages?: Message[];
}

/** The namespace-wide objects' file; `00-` sorts it first, so `kubectl apply -f <folder>` creates the Namespace before anything in it. */
export const NAMESPACE_FILE = '00-namespace.yaml';

export function componentFile(name: string): string {
  return `${name}.yaml`;
}

export function synthesize(spec: Architecture, families: GeneratorFamily[] = FAMILIES): SynthResult {
  // Disabled components are not part of what is deployed (the loader has usually dropped them already).
  const arch = withoutDisabled(spec);
  const base = architectureContext(arch);
  const files: SynthFile[] = [{ file: NAMESPACE_FILE, objects: families.flatMap((f) => f.forNamespace?.(base) ?? []) }];
  // Only when the spec explicitly names a development secrets file (see local-secrets.ts).
  const localSecrets = localSecretObjects(arch);
  if (localSecrets.length > 0) files.push({ file: LOCAL_SECRETS_FILE, objects: localSecrets });
  const escapeHatch: EscapeHatchReport = { problems: [], messages: [] };
  const componentFiles: Array<{ name: string; component: Component; file: SynthFile }> = [];
  for (const [name, component] of Object.entries(arch.components)) {
    const ctx = componentContext(base, name, component);
    const file = {
      file: componentFile(name),
      objects: [
        ...families.flatMap((f) => f.forComponent?.(ctx) ?? []),
        ...extraObjectsOf(spec, name, component, ctx.namespace, escapeHatch),
      ],
    };
    files.push(file);
    componentFiles.push({ name, component, file });
  }
  const seen = new Map<string, string>();
  for (const f of files) {
    for (const o of f.objects) {
      o.metadata.annotations = { ...o.metadata.annotations, [ANNOTATIONS.generatedBy]: arch.name };
      // Names are unique per namespace (cluster-scoped objects have none).
      const key = `${o.metadata.namespace ?? ''}/${o.kind}/${o.metadata.name}`;
      const other = seen.get(key);
      if (other !== undefined) {
        const where = o.metadata.namespace ? ` in namespace ${o.metadata.namespace}` : '';
        throw new InputError(
          `two objects named ${o.kind}/${o.metadata.name}: one from ${other}, one from ${f.file}${where} (rename a component or its config)`,
          [],
          { objectId: nodeId(o.kind, o.metadata.name ?? '', o.metadata.namespace) },
        );
      }
      seen.set(key, f.file);
    }
  }
  // Patches come last, after everything shipshape sets (the annotation included).
  for (const { name, component, file } of componentFiles)
    file.objects = applyPatches(spec, name, component, file.objects, escapeHatch);
  throwEscapeHatchProblems(escapeHatch);
  return {
    files,
    extraFiles: families.flatMap((f) => f.files?.(base) ?? []),
    ...(escapeHatch.messages.length > 0 ? { messages: escapeHatch.messages } : {}),
  };
}
