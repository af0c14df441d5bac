// Checks the schema cannot express: references between components and to declared Secrets, and
// cycles in the run order. Each problem is reported with its path in the spec.
import { parseMillis, parseUnits } from '../vocabulary/quantity.js';
import { acknowledgeIssues } from './acknowledge.js';
import type { SpecIssue } from './errors.js';
import { NO_LIMIT, type Architecture, type Component, type ResourcesSpec } from './schema.js';
import { COMPONENT_TYPE_TRAITS } from '../vocabulary/components.js';

import { portsOf, type ResolvedPort } from './ports.js';
import { podIssues } from './pod-semantics.js';
import { generatedVolumes } from './volume-names.js';
import { mountsApiToken } from './rbac.js';

export { containerPortsOf, portsOf, type ResolvedPort } from './ports.js';

/** The declared port a reference names: a Service port number or a port name; undefined: the first port. */
export function findPort(ports: ResolvedPort[], ref: number | string | undefined): ResolvedPort | undefined {
  if (ref === undefined) return ports[0];
  return ports.find((p) => (typeof ref === 'number' ? p.port === ref : p.name === ref));
}

/** The namespace a component lives in: its own `namespace`, default the architecture's. */
export function namespaceOf(arch: Architecture, component: string): string {
  return arch.components[component]?.namespace ?? arch.namespace;
}

/**
 * Every namespace the architecture puts objects in: the architecture's (unless every component and
 * Secret is placed elsewhere), then the components' in declaration order, then the Secrets'.
 */
export function namespacesOf(arch: Architecture): string[] {
  const used = new Set([
    ...Object.keys(arch.components).map((name) => namespaceOf(arch, name)),
    ...Object.keys(arch.secrets ?? {}).flatMap((name) => secretNamespaces(arch, name)),
  ]);
  if (used.size === 0 || used.has(arch.namespace)) return [...new Set([arch.namespace, ...used])];
  return [...used];
}

/** The namespaces a declared Secret exists in: its `namespaces`, default the architecture's. */
export function secretNamespaces(arch: Architecture, secret: string): string[] {
  return arch.secrets?.[secret]?.namespaces ?? [arch.namespace];
}

export interface UsesTarget {
  component: string;
  port: ResolvedPort;
}

/**
 * Resolves one `uses` entry: `name` means the used component's first (primary) port, `name:port`
 * names a Service port by number or by name. Returns a message when it cannot be resolved.
 */
export function resolveUses(arch: Architecture, entry: string): UsesTarget | string {
  const [target, portText] = entry.split(':');
  const used = arch.components[target];
  if (!used) return `no component "${target}" (expected one of: ${Object.keys(arch.components).join(', ')})`;
  if (used.type === 'job' || used.type === 'cronjob')
    return `component "${target}" is a ${used.type}: it has no Service to connect to`;
  const ports = portsOf(used);
  if (ports.length === 0) return `component "${target}" declares no ports to connect to`;
  if (portText === undefined) return { component: target, port: ports[0] };
  const port = /^\d+$/.test(portText)
    ? ports.find((p) => p.port === Number(portText))
    : ports.find((p) => p.name === portText);
  if (!port)
    return `component "${target}" has no port ${portText} (expected one of: ${ports.map((p) => `${p.name}=${p.port}`).join(', ')})`;
  return { component: target, port };
}

type Path = Array<string | number>;
type EnvSpec = Pick<Component, 'env' | 'envFrom'>;
/** `keyOnly`: the reference only adds a key to check (its Secret is reported by another reference). */
type SecretRef = { path: Path; secret: string; key?: string; keyOnly?: boolean };

/** The containers' environment: the main container's, then each init container's (under its path). */
function envSpecs(c: Component): Array<[Path, EnvSpec]> {
  return [[[], c], ...(c.initContainers ?? []).map((i, n): [Path, EnvSpec] => [['initContainers', n], i])];
}

/** The Secrets a component's objects name: env, envFrom, volumes, imagePullSecrets and its Ingress's TLS certificate. */
function secretRefs(c: Component): SecretRef[] {
  const refs: SecretRef[] = [];
  if (typeof c.ingress?.tls === 'object')
    refs.push({ path: ['ingress', 'tls', 'secretName'], secret: c.ingress.tls.secretName });
  for (const [at, spec] of envSpecs(c)) {
    for (const [name, v] of Object.entries(spec.env ?? {})) {
      if (typeof v === 'object' && 'secret' in v)
        refs.push({ path: [...at, 'env', name, 'secret'], secret: v.secret, key: v.key });
    }
    (spec.envFrom ?? []).forEach((e, i) => {
      if ('secret' in e) refs.push({ path: [...at, 'envFrom', i, 'secret'], secret: e.secret });
    });
  }
  for (const [name, v] of Object.entries(c.volumes ?? {})) {
    if (v.secret) refs.push(...keyRefs(['volumes', name], v.secret, v.items));
    (v.projected ?? []).forEach((source, i) => {
      if ('secret' in source) refs.push(...keyRefs(['volumes', name, 'projected', i], source.secret, source.items));
    });
  }
  (c.imagePullSecrets ?? []).forEach((secret, i) => refs.push({ path: ['imagePullSecrets', i], secret }));
  return refs;
}

/** A Secret volume's reference, and one per projected key (so an undeclared key is reported at its item). */
function keyRefs(at: Path, secret: string, items: ReadonlyArray<{ key: string }> | undefined): SecretRef[] {
  return [
    { path: [...at, 'secret'], secret },
    ...(items ?? []).map((item, i) => ({ path: [...at, 'items', i, 'secret'], secret, key: item.key, keyOnly: true })),
  ];
}

/** Each limit at least its request; `limits.cpu: none` has no limit to compare. */
function resourceIssues(r: ResourcesSpec | undefined, at: Path): SpecIssue[] {
  const issues: SpecIssue[] = [];
  for (const res of ['cpu', 'memory', 'ephemeral-storage'] as const) {
    const req = r?.requests?.[res];
    const lim = r?.limits?.[res];
    const amount = res === 'cpu' ? parseMillis : parseUnits;
    if (req === undefined || lim === undefined || lim === NO_LIMIT) continue;
    try {
      if (amount(lim) < amount(req))
        issues.push({
          path: [...at, 'resources', 'limits', res],
          message: `expected at least the request (${req}), received ${lim}`,
        });
    } catch (err) {
      issues.push({ path: [...at, 'resources', 'limits', res], message: (err as Error).message });
    }
  }
  return issues;
}

/** `checkIds`: the ids `acknowledge` may name; without them acknowledgements are not checked. */
export function checkSemantics(arch: Architecture, checkIds?: readonly string[]): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const names = Object.keys(arch.components);
  for (const [name, c] of Object.entries(arch.components)) {
    const at = (...path: Array<string | number>) => ['components', name, ...path];
    (c.uses ?? []).forEach((entry, i) => {
      const target = resolveUses(arch, entry);
      if (typeof target === 'string') issues.push({ path: at('uses', i), message: target });
      else if (target.component === name)
        issues.push({ path: at('uses', i), message: 'a component does not need to declare a connection to itself' });
    });
    (c.after ?? []).forEach((dep, i) => {
      if (dep === name) issues.push({ path: at('after', i), message: 'a component cannot run after itself' });
      else if (!arch.components[dep])
        issues.push({ path: at('after', i), message: `no component "${dep}" (expected one of: ${names.join(', ')})` });
    });
    const namespace = namespaceOf(arch, name);
    for (const ref of secretRefs(c)) {
      const declared = arch.secrets?.[ref.secret];
      // An Ingress's TLS Secret need not be declared (cert-manager may issue it); checks/references.ts judges it.
      if (!declared && (ref.path[0] === 'ingress' || ref.keyOnly)) continue;
      if (declared && !ref.keyOnly && !secretNamespaces(arch, ref.secret).includes(namespace)) {
        issues.push({
          path: at(...ref.path),
          message: `Secret "${ref.secret}" is not in namespace ${namespace}, where this component runs (a pod reads only Secrets of its own namespace; add ${namespace} to secrets.${ref.secret}.namespaces)`,
        });
      }
      if (!declared) {
        issues.push({
          path: at(...ref.path),
          message: `Secret "${ref.secret}" is not declared (declare it under secrets with its keys)`,
        });
      } else if (ref.key !== undefined && !declared.keys.includes(ref.key)) {
        issues.push({
          path: at(...ref.path.slice(0, -1), 'key'),
          message: `Secret "${ref.secret}" has no key "${ref.key}" (declared keys: ${declared.keys.join(', ')})`,
        });
      }
    }
    const configMapRefs: Array<[string, Path]> = [
      ...envSpecs(c).flatMap(([base, spec]) => [
        ...Object.entries(spec.env ?? {}).flatMap(([env, v]): Array<[string, Path]> =>
          typeof v === 'object' && 'configMap' in v ? [[v.configMap, [...base, 'env', env, 'configMap']]] : [],
        ),
        ...(spec.envFrom ?? []).flatMap((e, i): Array<[string, Path]> =>
          'configMap' in e ? [[e.configMap, [...base, 'envFrom', i, 'configMap']]] : [],
        ),
      ]),
      ...Object.entries(c.volumes ?? {}).flatMap(([volume, v]): Array<[string, Path]> => [
        ...(v.configMap ? [[v.configMap, ['volumes', volume, 'configMap']] as [string, Path]] : []),
        ...(v.projected ?? []).flatMap((source, i): Array<[string, Path]> =>
          'configMap' in source ? [[source.configMap, ['volumes', volume, 'projected', i, 'configMap']]] : [],
        ),
      ]),
    ];
    for (const [configMap, path] of configMapRefs) {
      const owner = configOwner(arch, configMap);
      if (owner && namespaceOf(arch, owner) !== namespace) {
        issues.push({
          path: at(...path),
          message: `ConfigMap "${configMap}" of component ${owner} is in namespace ${namespaceOf(arch, owner)}, not ${namespace} (a pod reads only ConfigMaps of its own namespace)`,
        });
      }
    }
    const ports = portsOf(c);
    const clash = ports.find((p) => p.name === 'metrics' && c.metrics && p.containerPort !== c.metrics.port);
    if (clash)
      issues.push({
        path: at('ports', 'metrics'),
        message: `port name "metrics" is reserved for metrics.port (${c.metrics!.port})`,
      });
    const portNames = new Set([...ports.map((p) => p.name), ...(c.metrics ? ['metrics'] : [])]);
    const declaredPorts = ports.map((p) => `${p.name}=${p.port}`).join(', ') || 'none declared';
    const ing = c.ingress?.port;
    if (ing !== undefined && !findPort(ports, ing)) {
      issues.push({ path: at('ingress', 'port'), message: `no port ${ing} (expected one of: ${declaredPorts})` });
    }
    (c.inbound ?? []).forEach((entry, i) => {
      entry.ports.forEach((ref, j) => {
        if (!findPort(ports, ref))
          issues.push({
            path: at('inbound', i, 'ports', j),
            message: `no port ${ref} (expected one of: ${declaredPorts})`,
          });
      });
    });
    for (const [kind, probe] of Object.entries(c.probes ?? {})) {
      if (!probe) continue;
      if (probe.http && probe.http.port === undefined && ports.length === 0 && !c.metrics) {
        issues.push({
          path: at('probes', kind, 'http', 'port'),
          message: 'expected a port: the component declares none to default to',
        });
      }
      const named = [
        ['http', 'port', probe.http?.port],
        ['tcp', undefined, probe.tcp],
      ] as const;
      for (const [handler, field, port] of named) {
        if (typeof port === 'string' && !portNames.has(port)) {
          issues.push({
            path: at('probes', kind, handler, ...(field ? [field] : [])),
            message: `no port named "${port}" (expected one of: ${[...portNames].join(', ') || 'none declared'})`,
          });
        }
      }
    }
    issues.push(
      ...[
        [[], c.resources] as const,
        ...(c.initContainers ?? []).map((i, n) => [['initContainers', n], i.resources] as const),
      ]
        .flatMap(([path, r]) => resourceIssues(r, [...path]))
        .map((i) => ({ ...i, path: at(...i.path) })),
      ...podIssues(arch, name, c).map((i) => ({ ...i, path: at(...i.path) })),
    );
    const mounts = generatedVolumes(c).map((g): [string, Path] => [g.mountPath, g.field]);
    const mounted = new Set<string>();
    for (const [path, where] of mounts) {
      const normalized = path.replace(/\/+$/, '') || '/';
      if (mounted.has(normalized))
        issues.push({
          path: at(...where),
          message: `${path} is already mounted (/tmp, writablePaths, config and storage need distinct paths)`,
        });
      mounted.add(normalized);
    }
    issues.push(...rolloutIssues(c).map((i) => ({ ...i, path: at('rollout', ...i.path) })));
    // Every pod of a DaemonSet mounts the one claim, on every node: only a shared access mode works.
    if (
      c.type === 'daemon' &&
      c.storage &&
      !['ReadWriteMany', 'ReadOnlyMany'].includes(c.storage.accessMode ?? 'ReadWriteOnce')
    ) {
      issues.push({
        path: at('storage', 'accessMode'),
        message: 'expected ReadWriteMany or ReadOnlyMany: every pod of a daemon, on every node, mounts the same claim',
      });
    }
    if (checkIds)
      issues.push(...acknowledgeIssues(c.acknowledge, checkIds).map((i) => ({ ...i, path: at(...i.path) })));
    issues.push(...serviceOptionIssues(c).map((i) => ({ ...i, path: at(...i.path) })));
    const seen = new Map<number, string>();
    for (const p of ports) {
      const other = seen.get(p.port);
      if (other)
        issues.push({ path: at('ports', p.name), message: `port ${p.port} is already declared as "${other}"` });
      seen.set(p.port, p.name);
    }
  }
  issues.push(...afterCycles(arch), ...sharedServiceAccountIssues(arch));
  return issues;
}

/** The component whose own ConfigMap (`config`, default name `<component>-config`) is named `configMap`. */
function configOwner(arch: Architecture, configMap: string): string | undefined {
  return Object.entries(arch.components).find(
    ([name, c]) => c.config && (c.config.name ?? `${name}-config`) === configMap,
  )?.[0];
}

/**
 * Components sharing a ServiceAccount share its token setting and its permissions (`rbac`): the one
 * object cannot have two, and a component must not silently gain another's rules.
 */
function sharedServiceAccountIssues(arch: Architecture): SpecIssue[] {
  const first = new Map<string, [string, boolean]>();
  const firstRules = new Map<string, [string, string]>();
  const issues: SpecIssue[] = [];
  for (const [name, c] of Object.entries(arch.components)) {
    const sa = c.serviceAccount;
    if (sa?.name === undefined) continue;
    if (sa.name !== name && arch.components[sa.name] && arch.components[sa.name].serviceAccount?.name !== sa.name) {
      issues.push({
        path: ['components', name, 'serviceAccount', 'name'],
        message: `"${sa.name}" is the own ServiceAccount of component ${sa.name}`,
      });
    }
    const token = mountsApiToken(c);
    const seen = first.get(sa.name);
    if (!seen) first.set(sa.name, [name, token]);
    else if (seen[1] !== token)
      issues.push({
        path: ['components', name, 'serviceAccount', 'automountToken'],
        message: `ServiceAccount "${sa.name}" is shared with ${seen[0]}, which sets automountToken ${seen[1]}`,
      });
    // One ServiceAccount per namespace: sharers in other namespaces have their own.
    const key = `${namespaceOf(arch, name)}/${sa.name}`;
    const rules = JSON.stringify(c.rbac ?? []);
    const seenRules = firstRules.get(key);
    if (!seenRules) firstRules.set(key, [name, rules]);
    else if (seenRules[1] !== rules)
      issues.push({
        path: ['components', name, 'rbac'],
        message: `ServiceAccount "${sa.name}" is shared with ${seenRules[0]}, which declares ${seenRules[1] === '[]' ? 'no rbac' : 'other rbac rules'}: components sharing a ServiceAccount share its permissions, so declare the same rules or give this component its own ServiceAccount`,
      });
  }
  return issues;
}

/** `0` or `0%`: an int-or-percent that allows nothing. */
export function isZeroIntOrPercent(v: number | string | undefined): boolean {
  return v === 0 || v === '0%';
}

/** Rollout settings the workload kind supports (Kubernetes 1.33 API validation). */
function rolloutIssues(c: Component): SpecIssue[] {
  const r = c.rollout;
  if (!r) return [];
  const kind = COMPONENT_TYPE_TRAITS[c.type].workload(c);
  const given = (['maxSurge', 'maxUnavailable'] as const).filter((k) => r[k] !== undefined);
  if (kind === 'StatefulSet')
    return given.map((k) => ({
      path: [k],
      message: `not supported by StatefulSets (a ${c.type} with storage is one)`,
    }));
  if (r.strategy === 'Recreate')
    return given.map((k) => ({ path: [k], message: 'only for the RollingUpdate strategy' }));
  if (isZeroIntOrPercent(r.maxSurge) && isZeroIntOrPercent(r.maxUnavailable))
    return [{ path: ['maxUnavailable'], message: 'maxSurge and maxUnavailable cannot both be 0' }];
  return [];
}

/** Cycles in `after`: each reported once, at the first component of the cycle in declaration order. */
function afterCycles(arch: Architecture): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): void => {
    state.set(name, 'visiting');
    stack.push(name);
    for (const dep of arch.components[name]?.after ?? []) {
      if (!arch.components[dep] || dep === name) continue;
      if (state.get(dep) === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(dep)), dep];
        issues.push({ path: ['components', dep, 'after'], message: `cycle in run order: ${cycle.join(' → ')}` });
      } else if (!state.has(dep)) {
        visit(dep);
      }
    }
    stack.pop();
    state.set(name, 'done');
  };
  for (const name of Object.keys(arch.components)) if (!state.has(name)) visit(name);
  return issues;
}

/** A component Service's options against the component's ports and pod labels. */
function serviceOptionIssues(c: Component): SpecIssue[] {
  const s = c.service;
  if (!s) return [];
  const issues: SpecIssue[] = [];
  const names = portsOf(c).map((p) => p.name);
  if (names.length === 0)
    issues.push({ path: ['service'], message: 'expected ports: the component has no Service without them' });
  for (const name of Object.keys(s.nodePorts ?? {})) {
    if (!names.includes(name))
      issues.push({
        path: ['service', 'nodePorts', name],
        message: `no port named "${name}" (expected one of: ${names.join(', ') || 'none declared'})`,
      });
  }
  // The Service must at least select this component's own pods (which carry its labels and selector labels).
  const podLabels: Record<string, string> = { ...c.labels, ...c.selectorLabels };
  for (const [key, value] of Object.entries(s.selector ?? {})) {
    if (podLabels[key] !== value)
      issues.push({
        path: ['service', 'selector', key],
        message: `this component's pods do not carry ${key}=${value} (declare it in selectorLabels or labels)`,
      });
  }
  if (s.sessionAffinityTimeoutSeconds !== undefined && s.sessionAffinity !== 'ClientIP')
    issues.push({ path: ['service', 'sessionAffinityTimeoutSeconds'], message: 'only with sessionAffinity ClientIP' });
  for (const field of ['nodePorts', 'sourceRanges'] as const) {
    if (s[field] && (s.type ?? 'ClusterIP') === 'ClusterIP')
      issues.push({ path: ['service', field], message: 'only for type NodePort or LoadBalancer' });
  }
  return issues;
}
