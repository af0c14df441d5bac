// Schema: would the API server of the pinned Kubernetes version accept each object? Built-in kinds
// against the OpenAPI schema (k8s/validate.ts), custom resources against a CRD in the input, API
// versions that were removed or are deprecated, and input documents that are no objects at all.
import type { GraphNode } from '../graph/model.js';
import { apiVersionChange, hasSchema, isBuiltinKind, KUBERNETES_VERSION, validateObject } from '../k8s/validate.js';
import { crdSchemaFor, validateCustomResource } from './crd-schema.js';
import type { Check } from './types.js';
import { nodesOfKind } from './workloads.js';

/** API groups that Kubernetes itself serves: a kind unknown in one of them is a typo, not a custom resource. */
const BUILTIN_GROUPS = new Set([
  '',
  'apps',
  'batch',
  'autoscaling',
  'policy',
  'extensions',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'admissionregistration.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'node.k8s.io',
  'scheduling.k8s.io',
]);

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

const invalidObject: Check = {
  id: 'schema-invalid',
  family: 'schema',
  severity: 'error',
  rationale: `The API server (Kubernetes ${KUBERNETES_VERSION}) rejects objects with wrong types, missing required fields, unknown fields or invalid names.`,
  hint: 'Fix the field as the message says; `kubectl explain <kind>.<field>` shows what the schema expects.',
  run: (ctx) =>
    ctx.graph.nodes.flatMap((n) =>
      validateObject(n.object).map((i) => ({ object: n.id, path: i.path || undefined, message: i.message })),
    ),
};

const removedApi: Check = {
  id: 'api-version-removed',
  family: 'schema',
  severity: 'error',
  rationale: `An apiVersion that Kubernetes ${KUBERNETES_VERSION} no longer serves cannot be applied at all.`,
  hint: 'Move the object to the replacement apiVersion (and adapt the fields that changed with it).',
  run: (ctx) =>
    ctx.graph.nodes.flatMap((n) => {
      const change = apiVersionChange(n.apiVersion, n.kind);
      if (!change?.removedIn) return [];
      const instead = change.replacement ? `use ${change.replacement}` : (change.note ?? 'it has no replacement');
      return [
        {
          object: n.id,
          path: 'apiVersion',
          message: `${n.apiVersion} ${n.kind} was removed in Kubernetes ${change.removedIn}: ${instead}`,
        },
      ];
    }),
};

const deprecatedApi: Check = {
  id: 'api-version-deprecated',
  family: 'schema',
  severity: 'warning',
  rationale:
    'A deprecated apiVersion still works but will be removed; migrating before the upgrade is cheaper than after.',
  hint: 'Move the object to the replacement apiVersion.',
  run: (ctx) =>
    ctx.graph.nodes.flatMap((n) => {
      const change = apiVersionChange(n.apiVersion, n.kind);
      if (!change || change.removedIn) return [];
      const instead = change.replacement ? `; use ${change.replacement}${change.note ? ` (${change.note})` : ''}` : '';
      return [
        {
          object: n.id,
          path: 'apiVersion',
          message: `${n.apiVersion} ${n.kind} is deprecated since Kubernetes ${change.deprecatedIn}${instead}`,
        },
      ];
    }),
};

const unknownKind: Check = {
  id: 'unknown-kind',
  family: 'schema',
  severity: 'error',
  rationale: 'A kind that the built-in API group does not have (a typo, or the wrong apiVersion for it) is rejected.',
  hint: "Check the kind's spelling and its apiVersion (`kubectl api-resources` lists them).",
  run: (ctx) =>
    ctx.graph.nodes
      .filter(
        (n) =>
          BUILTIN_GROUPS.has(groupOf(n.apiVersion)) &&
          !isBuiltinKind(n.apiVersion, n.kind) &&
          !apiVersionChange(n.apiVersion, n.kind),
      )
      .map((n) => ({ object: n.id, path: 'kind', message: `${n.apiVersion} has no kind ${n.kind}` })),
};

function customResources(nodes: GraphNode[]): GraphNode[] {
  return nodes.filter((n) => !BUILTIN_GROUPS.has(groupOf(n.apiVersion)));
}

const customResourceInvalid: Check = {
  id: 'custom-resource-invalid',
  family: 'schema',
  severity: 'error',
  rationale: 'A custom resource that does not match the schema of its CustomResourceDefinition is rejected.',
  hint: "Fix the field as the CRD's openAPIV3Schema defines it (`kubectl explain` works for CRDs too).",
  run: (ctx) => {
    const crds = nodesOfKind(ctx.graph, 'CustomResourceDefinition');
    return customResources(ctx.graph.nodes).flatMap((n) => {
      const schema = crdSchemaFor(n.object, crds);
      return schema
        ? validateCustomResource(n.object, schema).map((i) => ({ object: n.id, path: i.path, message: i.message }))
        : [];
    });
  },
};

const customResourceUnchecked: Check = {
  id: 'custom-resource-unchecked',
  family: 'schema',
  severity: 'info',
  rationale:
    'A custom resource can only be validated against its CustomResourceDefinition or a model shipshape carries (External Secrets, Gateway API, Flux, Argo CD); without either, its fields go unchecked.',
  hint: 'Include the CRD in the input to have its custom resources validated.',
  run: (ctx) => {
    const crds = nodesOfKind(ctx.graph, 'CustomResourceDefinition');
    return customResources(ctx.graph.nodes)
      .filter((n) => !crdSchemaFor(n.object, crds) && !hasSchema(n.apiVersion, n.kind))
      .map((n) => ({
        object: n.id,
        message: `${n.apiVersion} ${n.kind} is a custom resource whose CRD (with a schema) is not in the input: not validated`,
      }));
  },
};

const unreadableDocument: Check = {
  id: 'input-document',
  family: 'schema',
  severity: 'error',
  rationale: 'A document that is not valid YAML or not a Kubernetes object cannot be applied (kubectl stops at it).',
  hint: 'Fix the document at the file and line given; render templates (helm template) before checking them.',
  run: (ctx) =>
    ctx.graph.messages.map((m) => ({
      object: m.file ? `${m.file}${m.document !== undefined ? `#${m.document}` : ''}` : '<input>',
      message: m.message,
      severity: m.severity,
      file: m.file,
      line: m.line,
    })),
};

export const schemaChecks: Check[] = [
  invalidObject,
  removedApi,
  deprecatedApi,
  unknownKind,
  customResourceInvalid,
  customResourceUnchecked,
  unreadableDocument,
];
