// Kustomize delivery: a base (the objects without a profile, in the plain layout's files) and one
// overlay per profile whose patches turn the base into exactly that profile's objects, so
// `kubectl kustomize overlays/<profile>` gives the same objects as `build --profile <profile>`.
import { byCodePoint } from '../../vocabulary/order.js';
import type { KubeObject } from '../../k8s/object.js';
import { objectId } from '../../k8s/object.js';
import { deepEqual } from '../../k8s/patch.js';
import { diffToPatch } from './json-patch.js';
import { objectsToYaml } from '../../k8s/write.js';
import { yamlDocument, type EmittedFile } from './yaml.js';

/** One file of the base, as objects (vocabulary's OutputFile is a file's text). */
export interface BaseFile {
  /** File name in the plain layout, e.g. `outbox-worker.yaml`. */
  file: string;
  objects: KubeObject[];
}

export interface KustomizeInput {
  base: BaseFile[];
  /** Each profile's complete set of objects. */
  overlays: Array<{ profile: string; objects: KubeObject[] }>;
}

const KUSTOMIZATION = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization' };
/** Objects a profile has and the base does not. */
const ADDED_FILE = 'resources.yaml';

export function emitKustomize(input: KustomizeInput): EmittedFile[] {
  const files: EmittedFile[] = [];
  for (const { file, objects } of input.base) files.push({ path: `base/${file}`, content: objectsToYaml(objects) });
  files.push({
    path: 'base/kustomization.yaml',
    content: yamlDocument({ ...KUSTOMIZATION, resources: input.base.map((f) => f.file) }),
  });
  const base = new Map(input.base.flatMap((f) => f.objects).map((o) => [objectId(o), o]));
  for (const overlay of input.overlays) files.push(...overlayFiles(overlay.profile, base, overlay.objects));
  return files;
}

function overlayFiles(profile: string, base: Map<string, KubeObject>, objects: KubeObject[]): EmittedFile[] {
  const dir = `overlays/${profile}`;
  const files: EmittedFile[] = [];
  const patches: Array<{ path: string; target?: Record<string, string> }> = [];
  const added: KubeObject[] = [];
  const wanted = new Map(objects.map((o) => [objectId(o), o]));

  for (const [id, target] of wanted) {
    const from = base.get(id);
    if (!from || from.apiVersion !== target.apiVersion) {
      if (from) patches.push(deletePatch(dir, from, files));
      added.push(target);
      continue;
    }
    if (deepEqual(from, target)) continue;
    const path = `patches/${fileStem(target)}.yaml`;
    files.push({ path: `${dir}/${path}`, content: yamlDocument(diffToPatch(from, target)) });
    patches.push({ path, target: selectorOf(target) });
  }
  for (const [id, from] of base) if (!wanted.has(id)) patches.push(deletePatch(dir, from, files));

  const resources = ['../../base'];
  if (added.length) {
    files.push({ path: `${dir}/${ADDED_FILE}`, content: objectsToYaml(added) });
    resources.push(ADDED_FILE);
  }
  const kustomization: Record<string, unknown> = { ...KUSTOMIZATION, resources };
  if (patches.length) kustomization.patches = patches.sort((a, b) => byCodePoint(a.path, b.path));
  files.push({ path: `${dir}/kustomization.yaml`, content: yamlDocument(kustomization) });
  return files;
}

/** A strategic-merge `$patch: delete` removes an object the profile does not have. */
function deletePatch(dir: string, o: KubeObject, files: EmittedFile[]): { path: string } {
  const path = `patches/delete_${fileStem(o)}.yaml`;
  const metadata = { name: o.metadata.name, ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}) };
  files.push({
    path: `${dir}/${path}`,
    content: yamlDocument({ $patch: 'delete', apiVersion: o.apiVersion, kind: o.kind, metadata }),
  });
  return { path };
}

function selectorOf(o: KubeObject): Record<string, string> {
  const slash = o.apiVersion.lastIndexOf('/');
  return {
    ...(slash >= 0 ? { group: o.apiVersion.slice(0, slash) } : {}),
    version: o.apiVersion.slice(slash + 1),
    kind: o.kind,
    name: o.metadata.name!,
    ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
  };
}

function fileStem(o: KubeObject): string {
  return [o.kind, o.metadata.namespace, o.metadata.name].filter(Boolean).join('_').toLowerCase(); // '_' occurs in no Kubernetes name
}
