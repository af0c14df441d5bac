// References: names that must resolve for a deployment to work — the objects a pod reads, the
// keys inside them, what Services, HPAs and PDBs select (NetworkPolicies: network.ts), Ingress backends,
// named ports, declared and inferred connections, and labels that selectors rely on. Dangling
// object references come from the graph (edges with `missing`); this file decides how bad each is.
import { fieldAt } from '../k8s/object.js';
import { externalSecrets } from '../graph/external-secrets.js';
import type { Graph, GraphEdge, GraphNode } from '../graph/model.js';
import { containersOf, podTemplateOf, type PodTemplate } from '../k8s/podspec.js';
import { matchesMap, matchesSelector, type LabelSelector } from '../k8s/selector.js';
import type { Check, RawFinding } from './types.js';
import { findingNode, isRecord, list, nodeNamed, nodesOfKind, selectedFrom, specOf, unseenPods } from './workloads.js';
import { workloadById, workloadsOf } from '../graph/workloads.js';
import type { Severity } from '../diagnostics/index.js';
import { pathSegments } from '../k8s/field-path.js';

/** The value at a field path such as `spec.template.spec.volumes[2].configMap` (undefined when absent). */
export function valueAt(root: unknown, path: string): unknown {
  let v: unknown = root;
  for (const key of pathSegments(path)) {
    if (v == null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}

function parentPath(path: string): string {
  return path.replace(/(\.[^.[\]]+|\[[^\]]*\])$/, '');
}

function edgesOf(graph: Graph, type: GraphEdge['type']): GraphEdge[] {
  return graph.edges.filter((e) => e.type === type);
}

/** A workload's containers' declared ports by name. */
function portNames(t: PodTemplate): Set<string> {
  const names = new Set<string>();
  for (const c of containersOf(t))
    for (const p of list(c.container.ports)) if (isRecord(p) && typeof p.name === 'string') names.add(p.name);
  return names;
}

/** An Ingress annotated for cert-manager's ingress-shim, which creates the TLS Secrets it names. */
function issuedByCertManager(ingress: GraphNode): boolean {
  const a = ingress.object.metadata.annotations ?? {};
  return ['cert-manager.io/issuer', 'cert-manager.io/cluster-issuer'].some(
    (k) => typeof a[k] === 'string' && a[k] !== '',
  );
}

// --- objects a pod or Ingress reads --------------------------------------------------------------

const missingReference: Check = {
  id: 'missing-reference',
  family: 'references',
  severity: 'error',
  rationale:
    'A pod that references a ConfigMap, Secret, PVC or ServiceAccount that does not exist never starts (CreateContainerConfigError, Pending, or rejected).',
  hint: 'Create the referenced object in the same namespace, fix the name, or mark the reference optional: true.',
  run: (ctx) => {
    const external = externalSecrets(ctx.graph);
    return edgesOf(ctx.graph, 'uses')
      .filter((e) => e.missing)
      .flatMap((e): RawFinding[] => {
        const from = findingNode(ctx.graph, e.from); // a kubectl pod list's pods stand for their absent ReplicaSet
        if (!from) return [];
        if (external.has(e.to.replace(/\[Secret\]$/, ''))) return []; // declared to exist outside the manifests
        if (from.kind === 'Ingress' && issuedByCertManager(from)) return []; // cert-manager creates the TLS Secret
        const parent = valueAt(from.object, parentPath(e.evidence));
        if (isRecord(parent) && parent.optional === true) return [];
        const kind = /\[([A-Za-z]+)\]$/.exec(e.to)?.[1] ?? 'object';
        // An image pull secret or an Ingress TLS secret degrades (public pulls, the default
        // certificate) rather than blocking the pod.
        const degrades = e.evidence.includes('imagePullSecrets') || from.kind === 'Ingress';
        return [
          {
            object: e.from,
            path: e.evidence,
            message: `references ${kind} ${e.to}, which is not defined`,
            severity: degrades ? 'warning' : 'error',
          },
        ];
      });
  },
};

/** Keys a ConfigMap or Secret holds (names only: Secret values are never read). */
function keysOf(node: GraphNode): Set<string> {
  const o = node.object as Record<string, unknown>;
  const keys = new Set<string>();
  for (const field of ['data', 'binaryData', 'stringData'])
    if (isRecord(o[field])) for (const k of Object.keys(o[field])) keys.add(k);
  return keys;
}

const missingKey: Check = {
  id: 'missing-key',
  family: 'references',
  severity: 'error',
  rationale:
    'A key reference to a ConfigMap or Secret that lacks the key stops the container from starting (CreateContainerConfigError) or the volume from mounting.',
  hint: 'Add the key to the ConfigMap/Secret, fix the key name, or mark the reference optional: true.',
  run: (ctx) => {
    const external = externalSecrets(ctx.graph);
    return workloadsOf(ctx.graph).flatMap((w): RawFinding[] => {
      const ns = w.node.namespace;
      const out: RawFinding[] = [];
      const want = (kind: string, ref: Record<string, unknown>, key: unknown, path: string) => {
        const name = ref.name ?? ref.secretName;
        if (typeof name !== 'string' || ref.optional === true || typeof key !== 'string') return;
        const target = nodeNamed(ctx.graph, kind, name, ns);
        const keys = target ? keysOf(target) : kind === 'Secret' ? external.get(`${ns}/${name}`) : undefined;
        if (keys && !keys.has(key)) out.push({ object: w.id, path, message: `${kind} ${name} has no key "${key}"` });
      };
      for (const c of containersOf(w.template)) {
        list(c.container.env).forEach((e, i) => {
          const from = isRecord(e) && isRecord(e.valueFrom) ? e.valueFrom : undefined;
          if (isRecord(from?.configMapKeyRef))
            want(
              'ConfigMap',
              from.configMapKeyRef,
              from.configMapKeyRef.key,
              `${c.path}.env[${i}].valueFrom.configMapKeyRef.key`,
            );
          if (isRecord(from?.secretKeyRef))
            want('Secret', from.secretKeyRef, from.secretKeyRef.key, `${c.path}.env[${i}].valueFrom.secretKeyRef.key`);
        });
      }
      list(w.template.spec.volumes).forEach((v, i) => {
        if (!isRecord(v)) return;
        for (const [field, kind] of [
          ['configMap', 'ConfigMap'],
          ['secret', 'Secret'],
        ] as const) {
          const src = v[field];
          if (isRecord(src))
            list(src.items).forEach((item, j) =>
              want(kind, src, fieldAt(item, 'key'), `${w.template.path}.volumes[${i}].${field}.items[${j}].key`),
            );
        }
      });
      return out;
    });
  },
};

const serviceAccountMismatch: Check = {
  id: 'service-account-mismatch',
  family: 'references',
  severity: 'error',
  rationale:
    'serviceAccount is a deprecated alias of serviceAccountName; when both are set and differ, which one applies depends on the API version that wrote it.',
  hint: 'Remove serviceAccount and keep serviceAccountName.',
  run: (ctx) =>
    workloadsOf(ctx.graph).flatMap((w) => {
      const { serviceAccount, serviceAccountName } = w.template.spec;
      return typeof serviceAccount === 'string' &&
        typeof serviceAccountName === 'string' &&
        serviceAccount !== serviceAccountName
        ? [
            {
              object: w.id,
              path: `${w.template.path}.serviceAccount`,
              message: `serviceAccount "${serviceAccount}" disagrees with serviceAccountName "${serviceAccountName}"`,
            },
          ]
        : [];
    }),
};

// --- selectors ---------------------------------------------------------------------------------------

function selectsAnything(graph: Graph, node: GraphNode): boolean {
  return selectedFrom(graph, node.id).length > 0;
}

const serviceSelectsNothing: Check = {
  id: 'service-selects-nothing',
  family: 'references',
  severity: 'warning',
  rationale: 'A Service whose selector matches no pod has no endpoints: every connection to it fails.',
  hint: 'Make spec.selector match the pod template labels of the workload behind it.',
  run: (ctx) => {
    const unseen = unseenPods(ctx.graph);
    return nodesOfKind(ctx.graph, 'Service')
      .filter((n) => {
        const spec = specOf(n);
        return (
          spec.type !== 'ExternalName' &&
          isRecord(spec.selector) &&
          Object.keys(spec.selector).length > 0 &&
          !selectsAnything(ctx.graph, n)
        );
      })
      .map((n) => {
        const { severity, note } = unseen(n.namespace);
        return {
          object: n.id,
          path: 'spec.selector',
          message: `selector ${JSON.stringify(specOf(n).selector)} matches no pods in namespace ${n.namespace}${note}`,
          severity,
        };
      });
  },
};

const hpaTargetMissing: Check = {
  id: 'hpa-target-missing',
  family: 'references',
  severity: 'error',
  rationale: 'An HPA whose scaleTargetRef names no object scales nothing.',
  hint: 'Point spec.scaleTargetRef at the Deployment or StatefulSet (kind, name and apiVersion) in the same namespace.',
  run: (ctx) =>
    edgesOf(ctx.graph, 'selects')
      .filter((e) => e.missing && ctx.graph.byId.get(e.from)?.kind === 'HorizontalPodAutoscaler')
      .map((e) => ({ object: e.from, path: e.evidence, message: `scales ${e.to}, which is not defined` })),
};

const pdbSelectsNothing: Check = {
  id: 'pdb-selects-nothing',
  family: 'references',
  severity: 'warning',
  rationale: 'A PodDisruptionBudget that selects no pods protects nothing.',
  hint: 'Make spec.selector match the pod template labels of the workload it protects.',
  run: (ctx) => {
    const unseen = unseenPods(ctx.graph);
    return nodesOfKind(ctx.graph, 'PodDisruptionBudget')
      .filter((n) => !selectsAnything(ctx.graph, n))
      .map((n) => {
        const { severity, note } = unseen(n.namespace);
        return {
          object: n.id,
          path: 'spec.selector',
          message: `selects no pods in namespace ${n.namespace}${note}`,
          severity,
        };
      });
  },
};

const selectorMismatch: Check = {
  id: 'selector-template-mismatch',
  family: 'references',
  severity: 'error',
  rationale:
    'A controller whose selector does not match its own pod template labels is rejected by the API server (or, for old APIs, never counts its pods).',
  hint: 'Make spec.selector match spec.template.metadata.labels.',
  run: (ctx) =>
    workloadsOf(ctx.graph).flatMap((w): RawFinding[] => {
      const spec = specOf(w.node);
      if (w.node.kind === 'ReplicationController') {
        // An absent selector defaults to the template's labels.
        return isRecord(spec.selector) && !matchesMap(spec.selector as Record<string, string>, w.template.labels)
          ? [
              {
                object: w.id,
                path: 'spec.selector',
                message: `selector ${JSON.stringify(spec.selector)} does not match the template labels ${JSON.stringify(w.template.labels)}`,
              },
            ]
          : [];
      }
      if (
        !['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'].includes(w.node.kind) &&
        !(w.node.kind === 'Job' && spec.manualSelector === true)
      )
        return [];
      if (!isRecord(spec.selector)) return []; // required: the schema check reports it
      return matchesSelector(spec.selector, w.template.labels)
        ? []
        : [
            {
              object: w.id,
              path: 'spec.selector',
              message: `selector does not match the template labels ${JSON.stringify(w.template.labels)}`,
            },
          ];
    }),
};

const antiAffinityMatchesNothing: Check = {
  id: 'anti-affinity-matches-nothing',
  family: 'references',
  severity: 'warning',
  rationale: 'Pod anti-affinity whose labelSelector matches no pod spreads nothing: replicas can all land on one node.',
  hint: "Use the pod template's own labels in the anti-affinity labelSelector.",
  run: (ctx) => {
    const templates = workloadsOf(ctx.graph).flatMap((w) => {
      const t = podTemplateOf(w.node.object);
      return t ? [{ ns: w.node.namespace, labels: t.labels }] : [];
    });
    return workloadsOf(ctx.graph).flatMap((w) => {
      const anti = w.template.spec.affinity?.podAntiAffinity;
      if (!isRecord(anti)) return [];
      const terms = [
        ...list(anti.requiredDuringSchedulingIgnoredDuringExecution).map((t, i) => ({
          term: t,
          path: `${w.template.path}.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[${i}]`,
        })),
        ...list(anti.preferredDuringSchedulingIgnoredDuringExecution).map((t, i) => ({
          term: fieldAt(t, 'podAffinityTerm'),
          path: `${w.template.path}.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}].podAffinityTerm`,
        })),
      ];
      return terms.flatMap(({ term, path }) => {
        if (!isRecord(term) || !isRecord(term.labelSelector)) return [];
        // Namespaces: the listed ones, or the pod's own; a namespaceSelector may reach any.
        const namespaces = list(term.namespaces) as string[];
        const anyNamespace = term.namespaceSelector !== undefined;
        const matches = templates.some(
          (t) =>
            (anyNamespace || (namespaces.length ? namespaces.includes(t.ns!) : t.ns === w.node.namespace)) &&
            matchesSelector(term.labelSelector as LabelSelector, t.labels),
        );
        return matches
          ? []
          : [
              {
                object: w.id,
                path: `${path}.labelSelector`,
                message: `anti-affinity selector ${JSON.stringify(term.labelSelector)} matches no pod's labels`,
              },
            ];
      });
    });
  },
};

const statefulSetServiceMissing: Check = {
  id: 'statefulset-service-missing',
  family: 'references',
  severity: 'warning',
  rationale:
    "A StatefulSet's pods get their stable DNS names (pod-0.<serviceName>) from the headless Service it names; without that Service peers cannot find each other.",
  hint: 'Create a headless Service (clusterIP: None) named as spec.serviceName that selects the pods.',
  run: (ctx) =>
    nodesOfKind(ctx.graph, 'StatefulSet').flatMap((n) => {
      const name = specOf(n).serviceName;
      if (typeof name !== 'string' || name === '') return [];
      return nodeNamed(ctx.graph, 'Service', name, n.namespace)
        ? []
        : [
            {
              object: n.id,
              path: 'spec.serviceName',
              message: `serviceName "${name}" names no Service in namespace ${n.namespace}: pods get no stable DNS names`,
            },
          ];
    }),
};

const statefulSetServiceNotHeadless: Check = {
  id: 'statefulset-service-not-headless',
  family: 'references',
  severity: 'warning',
  rationale:
    "A StatefulSet's pods get per-pod DNS names (pod-0.<serviceName>) only from a headless Service; a Service with a cluster IP gives them none, so peers cannot address each other.",
  hint: 'Set clusterIP: None on the Service named by spec.serviceName (add a second, non-headless Service for clients if they need one).',
  run: (ctx) =>
    nodesOfKind(ctx.graph, 'StatefulSet').flatMap((n): RawFinding[] => {
      const name = specOf(n).serviceName;
      const service =
        typeof name === 'string' && name !== '' ? nodeNamed(ctx.graph, 'Service', name, n.namespace) : undefined;
      if (!service || specOf(service).clusterIP === 'None') return [];
      return [
        {
          object: n.id,
          path: 'spec.serviceName',
          message: `serviceName "${String(name)}" names ${service.id}, which is not headless (clusterIP is not None): pods get no stable DNS names`,
        },
      ];
    }),
};

// --- ports, routes and connections ------------------------------------------------------------------

const probePortUndeclared: Check = {
  id: 'probe-port-undeclared',
  family: 'references',
  severity: 'error',
  rationale:
    'A probe that names a port the container does not declare cannot resolve it: the pod is rejected or the probe always fails.',
  hint: "Name a port listed in the container's ports, or use the port number.",
  run: (ctx) =>
    workloadsOf(ctx.graph).flatMap((w) =>
      containersOf(w.template).flatMap((c) => {
        const names = new Set(
          list(c.container.ports).flatMap((p) => (isRecord(p) && typeof p.name === 'string' ? [p.name] : [])),
        );
        return (['livenessProbe', 'readinessProbe', 'startupProbe'] as const).flatMap((probe) => {
          const p: unknown = c.container[probe];
          return (['httpGet', 'tcpSocket'] as const).flatMap((handler) => {
            const port = isRecord(p) && isRecord(p[handler]) ? p[handler].port : undefined;
            return typeof port === 'string' && !/^\d+$/.test(port) && !names.has(port)
              ? [
                  {
                    object: w.id,
                    path: `${c.path}.${probe}.${handler}.port`,
                    message: `${probe} uses port "${port}", which container "${c.container.name}" does not declare`,
                  },
                ]
              : [];
          });
        });
      }),
    ),
};

const targetPortUndeclared: Check = {
  id: 'service-target-port-undeclared',
  family: 'references',
  severity: 'error',
  rationale:
    "A Service targetPort given by name resolves against the selected pods' container ports; if they do not declare it, the Service has no endpoints for that port.",
  hint: "Declare the named port in the pods' containers, or use the port number.",
  run: (ctx) =>
    nodesOfKind(ctx.graph, 'Service').flatMap((svc) => {
      const pods = selectedFrom(ctx.graph, svc.id)
        .flatMap((e) => workloadById(ctx.graph, e.to) ?? [])
        .map((w) => ({ id: w.id, names: portNames(w.template) }));
      return list(specOf(svc).ports).flatMap((p, i) => {
        const target = isRecord(p) ? p.targetPort : undefined;
        if (typeof target !== 'string' || /^\d+$/.test(target)) return [];
        const lacking = pods.filter((pod) => !pod.names.has(target));
        return lacking.length
          ? [
              {
                object: svc.id,
                path: `spec.ports[${i}].targetPort`,
                message: `targetPort "${target}" is not a port name of ${lacking.map((l) => l.id).join(', ')}`,
              },
            ]
          : [];
      });
    }),
};

/** Whether a Service has a port matching `port` (number: port; name: port name). */
function servicePortExists(svc: GraphNode, port: number | string): boolean {
  // Headless and ExternalName Services resolve to addresses: any port goes straight through.
  const spec = specOf(svc);
  if (spec.clusterIP === 'None' || spec.type === 'ExternalName') return true;
  return list(specOf(svc).ports).some(
    (p) => isRecord(p) && (typeof port === 'number' ? p.port === port : p.name === port),
  );
}

const ingressBackendMissing: Check = {
  id: 'ingress-backend-missing',
  family: 'references',
  severity: 'error',
  rationale: 'An Ingress or route whose backend Service or port does not exist answers 503 for that path.',
  hint: 'Point the backend at an existing Service and one of its ports (number or name).',
  run: (ctx) =>
    edgesOf(ctx.graph, 'routes').flatMap((e): RawFinding[] => {
      const to = ctx.graph.byId.get(e.to);
      if (e.missing) {
        const kind = /\[([A-Za-z]+)\]$/.exec(e.to)?.[1];
        if (kind === 'IngressClass') return []; // classes often come with the controller, outside the manifests
        return [{ object: e.from, path: e.evidence, message: `routes to ${e.to}, which is not defined` }];
      }
      if (to?.kind === 'Service' && e.port !== undefined && !servicePortExists(to, e.port)) {
        return [
          {
            object: e.from,
            path: e.evidence,
            message: `routes to port ${JSON.stringify(e.port)} of ${e.to}, which has no such port`,
          },
        ];
      }
      return [];
    }),
};

const connectionTargetMissing: Check = {
  id: 'connection-target-missing',
  family: 'references',
  severity: 'error',
  rationale:
    'A workload configured (or declared) to connect to a Service that does not exist, or to a port it does not have, fails at run time.',
  hint: "Define the Service, or fix the host name or port in the workload's configuration.",
  run: (ctx) =>
    edgesOf(ctx.graph, 'connects').flatMap((e): RawFinding[] => {
      // Declared connections are intent; inferred ones are a reading of configuration, so less certain.
      const severity: Severity = e.declared ? 'error' : 'warning';
      if (e.missing)
        return [{ object: e.from, path: e.evidence, message: `connects to ${e.to}, which is not defined`, severity }];
      const to = ctx.graph.byId.get(e.to);
      if (to?.kind === 'Service' && e.port !== undefined && !servicePortExists(to, e.port)) {
        return [
          {
            object: e.from,
            path: e.evidence,
            message: `connects to port ${JSON.stringify(e.port)} of ${e.to}, which has no such port`,
            severity,
          },
        ];
      }
      return [];
    }),
};

export const referenceChecks: Check[] = [
  missingReference,
  missingKey,
  serviceAccountMismatch,
  serviceSelectsNothing,
  hpaTargetMissing,
  pdbSelectsNothing,
  selectorMismatch,
  antiAffinityMatchesNothing,
  statefulSetServiceMissing,
  statefulSetServiceNotHeadless,
  probePortUndeclared,
  targetPortUndeclared,
  ingressBackendMissing,
  connectionTargetMissing,
];
