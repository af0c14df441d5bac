// Builds validated architectures in memory for synthesis tests.
import { architectureSchema, type Architecture, type ArchitectureInput } from '../../src/spec/schema.js';
import type { KubeObject } from '../../src/k8s/object.js';
import { synthesize } from '../../src/synth/index.js';

export function arch(
  components: ArchitectureInput['components'],
  extra: Partial<ArchitectureInput> = {},
): Architecture {
  return architectureSchema.parse({ name: 'shop', namespace: 'shop', ...extra, components });
}

export function objects(a: Architecture): KubeObject[] {
  return synthesize(a).files.flatMap((f) => f.objects);
}

export function find(list: KubeObject[], kind: string, name: string): any {
  const o = list.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`no ${kind}/${name} in ${list.map((x) => `${x.kind}/${x.metadata.name}`).join(', ')}`);
  return o;
}
