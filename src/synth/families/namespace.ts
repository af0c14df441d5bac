// The Namespaces, one for every namespace the architecture uses: each claims isolation (the
// default-deny policies of network-policy.ts) and enforces the strictest Pod Security Standard every
// component in it meets (restricted unless a component there explicitly relaxes its security settings).
import { BASELINE_CAPABILITIES } from '../../vocabulary/pod-security.js';
import { ANNOTATIONS } from '../../k8s/annotations.js';
import type { Component } from '../../spec/schema.js';
import { namespaceOf, namespacesOf, secretNamespaces } from '../../spec/semantics.js';
import type { GeneratorFamily } from '../family.js';

export function podSecurityLevel(components: Component[]): 'restricted' | 'baseline' | 'privileged' {
  let level: 'restricted' | 'baseline' | 'privileged' = 'restricted';
  for (const c of components) {
    const s = c.security ?? {};
    const caps = s.addCapabilities ?? [];
    if (s.privileged || caps.some((cap) => !BASELINE_CAPABILITIES.has(cap))) return 'privileged';
    if (s.runAsUser === 0 || caps.some((cap) => cap !== 'NET_BIND_SERVICE')) level = 'baseline';
  }
  return level;
}

export const namespaceFamily: GeneratorFamily = {
  name: 'namespace',
  forNamespace: (ctx) =>
    namespacesOf(ctx.arch).map((namespace) => {
      const level = podSecurityLevel(
        Object.keys(ctx.arch.components)
          .filter((c) => namespaceOf(ctx.arch, c) === namespace)
          .map((c) => ctx.arch.components[c]),
      );
      const annotations: Record<string, string> = { [ANNOTATIONS.isolated]: 'true' };
      if (ctx.arch.nodePool) annotations[ANNOTATIONS.nodePool] = ctx.arch.nodePool;
      if (ctx.arch.description) annotations[ANNOTATIONS.description] = ctx.arch.description;
      // Each Namespace lists the declared Secrets created in it, so references are checked per namespace.
      const secrets = Object.entries(ctx.arch.secrets ?? {})
        .filter(([name]) => secretNamespaces(ctx.arch, name).includes(namespace))
        .map(([name, s]) => `${name}:${s.keys.join('|')}`);
      if (secrets.length > 0) annotations[ANNOTATIONS.externalSecrets] = secrets.join(',');
      return {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name: namespace,
          labels: {
            ...ctx.labels,
            'pod-security.kubernetes.io/enforce': level,
            'pod-security.kubernetes.io/enforce-version': 'v1.33',
          },
          annotations,
        },
      };
    }),
};
