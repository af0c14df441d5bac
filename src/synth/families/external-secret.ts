// External Secrets Operator ExternalSecrets (external-secrets.io/v1beta1) for the declared Secrets
// with `from`, one per namespace the Secret is declared in, in the namespace-wide file. Each
// declared key is one `data` entry, so the synced Secret holds exactly the keys the spec checks.
import type { KubeObject } from '../../k8s/object.js';
import { DEFAULT_REFRESH_INTERVAL, perKeyRefs } from '../../spec/secret-source.js';
import { secretNamespaces } from '../../spec/semantics.js';
import type { GeneratorFamily } from '../family.js';

export const EXTERNAL_SECRET_API_VERSION = 'external-secrets.io/v1beta1';

export const externalSecretFamily: GeneratorFamily = {
  name: 'external-secret',
  forNamespace: (ctx) =>
    Object.entries(ctx.arch.secrets ?? {}).flatMap(([name, secret]): KubeObject[] => {
      const source = secret.from;
      if (!source) return [];
      const perKey = perKeyRefs(source);
      const data = secret.keys.map((secretKey) => {
        // One entry for all keys: each key is the property of its own name, unless one property is named.
        const ref = perKey?.[secretKey] ?? {
          key: (source.remoteRef as { key: string }).key,
          property: (source.remoteRef as { property?: string }).property ?? secretKey,
        };
        return {
          secretKey,
          remoteRef: { key: ref.key, ...(ref.property !== undefined && { property: ref.property }) },
        };
      });
      return secretNamespaces(ctx.arch, name).map((namespace) => ({
        apiVersion: EXTERNAL_SECRET_API_VERSION,
        kind: 'ExternalSecret',
        metadata: ctx.metaIn(namespace, name),
        spec: {
          refreshInterval: source.refreshInterval ?? DEFAULT_REFRESH_INTERVAL,
          secretStoreRef: { name: source.store, kind: source.kind ?? 'SecretStore' },
          // The operator creates and owns the Secret (deleted with the ExternalSecret).
          target: { name, creationPolicy: 'Owner' },
          data,
        },
      }));
    }),
};
