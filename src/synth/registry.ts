// The generator families synthesis runs, in order (cdk8s-plus style: one file per resource family).
//
// How a family plugs in: export a `GeneratorFamily` from its own file and add it to FAMILIES.
// - `forComponent(ctx)` is called once per component, in declaration order. `ctx` (context.ts)
//   holds the whole architecture, the component's spec, its resolved ports, and `ctx.meta(name)`
//   for metadata with the recommended labels and the namespace already set. It returns that
//   component's objects; they go into the component's file (`<component>.yaml`).
// - `forNamespace(ctx)` is called once; its objects go into the namespace-wide file.
// - Families return plain objects and never mutate others' objects. Synthesis adds the
//   `shipshape.dev/architecture` annotation to everything afterwards, and rejects two objects of
//   one kind and name. Order within a file follows this list, so output is deterministic.
import type { GeneratorFamily } from './family.js';
import { autoscalerFamily } from './families/autoscaler.js';
import { configMapFamily } from './families/config-map.js';
import { disruptionBudgetFamily } from './families/disruption-budget.js';
import { externalSecretFamily } from './families/external-secret.js';
import { ingressFamily } from './families/ingress.js';
import { namespaceFamily } from './families/namespace.js';
import { networkPolicyFamily } from './families/network-policy.js';
import { persistentVolumeFamily } from './families/persistent-volume.js';
import { rbacFamily } from './families/rbac.js';
import { serviceAccountFamily } from './families/service-account.js';
import { serviceFamily } from './families/service.js';
import { storageFamily } from './families/storage.js';
import { storageClassFamily } from './families/storage-class.js';
import { workloadFamily } from './families/workload.js';
import { monitoringFamily } from './monitoring/index.js';

export const FAMILIES: GeneratorFamily[] = [
  namespaceFamily,
  storageClassFamily,
  externalSecretFamily,
  serviceAccountFamily,
  rbacFamily,
  configMapFamily,
  persistentVolumeFamily,
  storageFamily,
  workloadFamily,
  serviceFamily,
  autoscalerFamily,
  disruptionBudgetFamily,
  networkPolicyFamily,
  ingressFamily,
  monitoringFamily,
];
