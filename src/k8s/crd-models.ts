// Models of the custom resources shipshape writes or reads often, from the pinned
// @kubernetes-models packages (STACK.md): External Secrets Operator, Gateway API, Flux and Argo CD.
// An object of one of their groups is validated against its model like a built-in kind; other
// custom resources get metadata checks only (their schema lives in a CRD).
import { bundledCrdModel, modelLoader } from './bundled-models.js';

/** A generated model class: `validate()` throws ajv errors for the object it is called on. */
export interface CrdModelClass {
  apiVersion: string;
  kind: string;
  prototype: { validate(this: unknown): void };
}

/** API group → the package whose modules are `<package>/<group>/<version>/<Kind>`. */
const PACKAGES: Record<string, string> = {
  'external-secrets.io': '@kubernetes-models/external-secrets',
  'generators.external-secrets.io': '@kubernetes-models/external-secrets',
  'gateway.networking.k8s.io': '@kubernetes-models/gateway-api',
  'kustomize.toolkit.fluxcd.io': '@kubernetes-models/flux-cd',
  'source.toolkit.fluxcd.io': '@kubernetes-models/flux-cd',
  'helm.toolkit.fluxcd.io': '@kubernetes-models/flux-cd',
  'notification.toolkit.fluxcd.io': '@kubernetes-models/flux-cd',
  'image.toolkit.fluxcd.io': '@kubernetes-models/flux-cd',
  'argoproj.io': '@kubernetes-models/argo-cd',
};

/** The packages above, each once. */
export const CRD_MODEL_PACKAGES = [...new Set(Object.values(PACKAGES))];

/** The module `<package>/<apiVersion>/<Kind>`: from the build's bundle of them (k8s/bundled-models.ts), or the package. */
const requireModel = modelLoader(bundledCrdModel);

/**
 * Models built on @kubernetes-models/base 4 (gateway-api 0.5.1) keep their schema id under symbol
 * keys of the prototype, and `validate()` silently passes an object without them. Validation runs
 * on plain objects: show it those keys through a view that reads everything else from the object.
 */
function onPlainObjects(cls: CrdModelClass): CrdModelClass {
  const proto = cls.prototype as unknown as Record<symbol, unknown>;
  return {
    apiVersion: cls.apiVersion,
    kind: cls.kind,
    prototype: {
      validate(this: unknown) {
        const view = new Proxy(this as object, {
          get: (target, key, receiver) =>
            typeof key === 'symbol' && key in proto ? proto[key] : (Reflect.get(target, key, receiver) as unknown),
        });
        cls.prototype.validate.call(view);
      },
    },
  };
}
const models = new Map<string, CrdModelClass | null>();

/** The model of a custom resource of a group above, or null (another group, or a version/kind the package lacks). */
export function crdModelFor(apiVersion: string, kind: string): CrdModelClass | null {
  const key = `${apiVersion} ${kind}`;
  const known = models.get(key);
  if (known !== undefined) return known;
  let model: CrdModelClass | null = null;
  const match = /^([a-z0-9.-]+)\/(v[0-9a-z]+)$/.exec(apiVersion);
  const pkg = match ? PACKAGES[match[1]] : undefined;
  // Only plain identifiers reach the module path.
  if (pkg && /^[A-Z][A-Za-z0-9]*$/.test(kind)) {
    try {
      const mod = requireModel(`${pkg}/${apiVersion}/${kind}`) as Record<string, CrdModelClass>;
      const cls = mod[kind];
      if (cls && cls.apiVersion === apiVersion && cls.kind === kind) model = onPlainObjects(cls);
    } catch {
      model = null;
    }
  }
  models.set(key, model);
  return model;
}
