// Where a declared Secret comes from when a secret manager holds it: `secrets.<name>.from` makes
// an External Secrets Operator ExternalSecret that syncs the declared keys from a SecretStore
// (or ClusterSecretStore) into the Secret, in every namespace the Secret is declared in.
import * as z from 'zod';
import { isDnsSubdomain } from './names.js';

/** The operator's default refresh interval (ExternalSecret spec.refreshInterval), written out. */
export const DEFAULT_REFRESH_INTERVAL = '1h';

const remoteEntry = z.strictObject({
  key: z.string().min(1).describe('The entry in the secret manager, e.g. sagaz/postgres/connection.'),
  property: z.string().min(1).describe('A field of a structured (JSON) entry.').optional(),
});

export const secretSourceField = z
  .strictObject({
    store: z.string().refine(isDnsSubdomain, 'expected the name of a SecretStore or ClusterSecretStore'),
    kind: z
      .enum(['SecretStore', 'ClusterSecretStore'])
      .describe('Default SecretStore (of the same namespace).')
      .optional(),
    remoteRef: z
      .union([remoteEntry, z.record(z.string(), remoteEntry)], {
        error: 'expected {key, property} or a map of each declared key to {key, property}',
      })
      .describe(
        '`{key}`: one entry holding every declared key as a property of that name (`property` only for a Secret of one key); or `{secretKey: {key, property}}` per declared key.',
      ),
    refreshInterval: z
      .string()
      .regex(/^(\d+(ns|us|\u00b5s|ms|s|m|h))+$|^0$/, 'expected a duration such as 1h, 15m or 0 (no refresh)')
      .describe(`How often the operator syncs; default ${DEFAULT_REFRESH_INTERVAL}.`)
      .optional(),
  })
  .describe('Sync the Secret from a secret manager through an External Secrets Operator ExternalSecret.');

export type SecretSource = z.output<typeof secretSourceField>;

/** The per-key form of `remoteRef` (a `{key, property}` object is the one-entry form). */
export function perKeyRefs(source: SecretSource): Record<string, { key: string; property?: string }> | undefined {
  const ref = source.remoteRef;
  return typeof ref.key === 'string' ? undefined : (ref as Record<string, { key: string; property?: string }>);
}
