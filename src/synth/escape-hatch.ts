// The escape hatch applied (spec/escape-hatch.ts): a component's `extraObjects` joined to its
// generated objects, its `patches` applied to them last, and every object either came from or
// changed validated here, so that every command (build, graph, docs) sees the same valid result
// or stops at the spec line that caused the problem.
import { existsSync, readFileSync } from 'node:fs';
import { InputError, type Message } from '../diagnostics/index.js';
import { isClusterScoped, type KubeObject } from '../k8s/object.js';
import { applyJsonPatch, mergePartial, PatchError } from '../k8s/patch.js';
import { parseManifestText } from '../k8s/read-documents.js';
import { hasSchema, KUBERNETES_VERSION, validateObject } from '../k8s/validate.js';
import type { SpecPath } from '../spec/errors.js';
import { specPlace } from '../spec/locations.js';
import type { Architecture, Component } from '../spec/schema.js';

/** What the escape hatch had to say, beside the objects: kinds shipshape has no schema for. */
export interface EscapeHatchReport {
  problems: string[];
  messages: Message[];
}

function describeObject(o: KubeObject): string {
  return `${o.kind}/${o.metadata.name ?? ''}`;
}

/** Problems of one object, each prefixed with `where`; an info message when its kind is unchecked. */
function check(o: KubeObject, where: string, report: EscapeHatchReport): void {
  for (const issue of validateObject(o))
    report.problems.push(`${where}: ${describeObject(o)} ${issue.path || '(object)'}: ${issue.message}`);
  if (!hasSchema(o.apiVersion, o.kind)) {
    report.messages.push({
      severity: 'info',
      message: `${where}: ${describeObject(o)} (${o.apiVersion}) not checked: shipshape has no schema for this kind`,
    });
  }
}

function readObjectsFile(
  file: string,
  where: string,
  report: EscapeHatchReport,
): Array<{ object: KubeObject; where: string }> {
  if (!existsSync(file)) {
    report.problems.push(`${where}: no such file ${file}`);
    return [];
  }
  const parsed = parseManifestText(readFileSync(file, 'utf8'), file);
  const errors = parsed.messages.filter((m) => m.severity === 'error');
  report.problems.push(...errors.map((m) => m.message));
  if (parsed.notKubernetes > 0)
    report.problems.push(
      `${file}: ${parsed.notKubernetes} document(s) without apiVersion and kind (expected Kubernetes objects)`,
    );
  return parsed.objects.map(({ object, source }) => ({
    object,
    where: `${file}:${source.line ?? ''} document ${source.document ?? 0}`,
  }));
}

/** The component's extra objects, in its namespace unless they name one (or are cluster-scoped). */
export function extraObjectsOf(
  arch: Architecture,
  name: string,
  component: Component,
  namespace: string,
  report: EscapeHatchReport,
): KubeObject[] {
  const extra = component.extraObjects;
  if (extra === undefined) return [];
  const path: SpecPath = ['components', name, 'extraObjects'];
  const entries =
    typeof extra === 'string' ? [{ entry: extra, path }] : extra.map((entry, i) => ({ entry, path: [...path, i] }));
  const objects = entries.flatMap(({ entry, path }) =>
    typeof entry === 'string'
      ? readObjectsFile(entry, specPlace(arch, path), report)
      : [{ object: structuredClone(entry), where: specPlace(arch, path) }],
  );
  for (const { object, where } of objects) {
    if (object.metadata.namespace === undefined && !isClusterScoped(object.kind)) object.metadata.namespace = namespace;
    check(object, where, report);
  }
  return objects.map((o) => o.object);
}

/** `objects` with the component's patches applied (in order), each patched object validated. */
export function applyPatches(
  arch: Architecture,
  name: string,
  component: Component,
  objects: KubeObject[],
  report: EscapeHatchReport,
): KubeObject[] {
  const out = [...objects];
  (component.patches ?? []).forEach((patch, i) => {
    const path: SpecPath = ['components', name, 'patches', i];
    const at = out.findIndex((o) => o.kind === patch.kind && o.metadata.name === patch.name);
    if (at === -1) {
      const generated = out.map(describeObject).join(', ');
      report.problems.push(
        `${specPlace(arch, path)}: no generated ${patch.kind}/${patch.name} in component ${name} (it has ${generated || 'none'})`,
      );
      return;
    }
    try {
      out[at] = patch.json ? applyJsonPatch(out[at], patch.json) : (mergePartial(out[at], patch.merge) as KubeObject);
    } catch (err) {
      if (!(err instanceof PatchError)) throw err;
      report.problems.push(`${specPlace(arch, [...path, 'json', err.operation])}: does not apply: ${err.message}`);
      return;
    }
    check(out[at], `${specPlace(arch, path)} (after the patch)`, report);
  });
  return out;
}

/** Throws one InputError (exit 2, nothing written) for every problem the escape hatch found. */
export function throwEscapeHatchProblems(report: EscapeHatchReport): void {
  if (report.problems.length === 0) return;
  throw new InputError(
    `invalid extraObjects or patches (${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}; objects are checked against Kubernetes ${KUBERNETES_VERSION})`,
    report.problems,
  );
}
