// The escape hatch, for what the component fields do not say: `extraObjects` (any Kubernetes
// objects, inline or from YAML files next to the spec) and `patches` (RFC 6902 JSON patches or
// partial objects, applied to the component's generated objects last). Synthesis applies both
// and validates the result (synth/escape-hatch.ts).
import * as z from 'zod';

const kubeObject = z
  .looseObject({
    apiVersion: z.string().min(1),
    kind: z.string().min(1),
    metadata: z.looseObject({ name: z.string().min(1) }),
  })
  .describe('A Kubernetes object, written as in a manifest.');

const yamlFile = z.string().min(1).describe('A YAML file of objects, relative to the spec.');

export const extraObjectsField = z
  .union([yamlFile, z.array(z.union([kubeObject, yamlFile]))])
  .describe(
    "Objects written to the component's file as they are (validated like generated ones): a list of objects or YAML file paths (relative to the spec), or one path.",
  );

const jsonPointer = z.string().regex(/^(\/.*)?$/, 'expected a JSON pointer such as /spec/replicas');

const jsonPatchOperation = z.discriminatedUnion('op', [
  z.strictObject({ op: z.enum(['add', 'replace', 'test']), path: jsonPointer, value: z.unknown() }),
  z.strictObject({ op: z.literal('remove'), path: jsonPointer }),
  z.strictObject({ op: z.enum(['move', 'copy']), from: jsonPointer, path: jsonPointer }),
]);

export const patchesField = z
  .array(
    z
      .strictObject({
        kind: z.string().min(1).describe('Kind of the generated object, e.g. Deployment.'),
        name: z.string().min(1).describe('Name of the generated object.'),
        json: z.array(jsonPatchOperation).min(1).describe('RFC 6902 operations, applied in order.').optional(),
        merge: z
          .record(z.string(), z.unknown())
          .describe(
            'A partial object merged in: maps merge, lists of named items merge by name, other lists replace, null deletes.',
          )
          .optional(),
      })
      .refine((p) => (p.json === undefined) !== (p.merge === undefined), 'expected exactly one of json or merge'),
  )
  .describe("Changes to the component's generated objects, applied last; the result is validated.");

export type ExtraObjectsInput = z.output<typeof extraObjectsField>;
export type ObjectPatch = z.output<typeof patchesField>[number];
