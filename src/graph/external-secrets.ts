// Secrets an architecture declares as created outside shipshape: the Namespace annotation
// `shipshape.dev/external-secrets` lists them as `name` or `name:key1|key2` (see src/k8s/annotations.ts).
import { ANNOTATIONS, splitList } from '../k8s/annotations.js';
import type { Graph } from './model.js';

/** By `namespace/name`: the declared keys, or undefined when the declaration lists none. */
export function externalSecrets(graph: Graph): Map<string, Set<string> | undefined> {
  const out = new Map<string, Set<string> | undefined>();
  for (const ns of graph.nodes) {
    if (ns.kind !== 'Namespace') continue;
    for (const entry of splitList(ns.object.metadata.annotations?.[ANNOTATIONS.externalSecrets])) {
      const [name, keys] = entry.split(':');
      out.set(
        `${ns.name}/${name.trim()}`,
        keys === undefined
          ? undefined
          : new Set(
              keys
                .split('|')
                .map((k) => k.trim())
                .filter(Boolean),
            ),
      );
    }
  }
  return out;
}
