// `connects` edges: workload → Service (port). Declared in the `shipshape.dev/connects`
// annotation, or inferred from what the containers are configured with: env values (literal, from
// ConfigMap keys, from Secret keys, envFrom), args and command, after Kubernetes' `$(VAR)`
// expansion. Secret values are decoded for inference only: edges carry the field path and key
// name as evidence, never a value. ConfigMaps mounted as files are not read (config blobs such as
// dashboards would name every host they mention).
import { ANNOTATIONS, splitList } from '../k8s/annotations.js';
import { nodeId } from '../k8s/object.js';
import { containersOf, type ContainerRef } from '../k8s/podspec.js';
import { str, type BuildContext, type PodSource } from './context.js';
import { isRecord } from '../k8s/object.js';
import { findEndpoints, isNetworkScheme, serviceNameOf, type Endpoint } from './endpoints.js';
import { portValue } from './edges-routes.js';
import type { GraphNode } from './model.js';

/** A configuration string, the field path it came from and the name it is set under. */
interface ConfigValue {
  value: string;
  evidence: string;
  /** The env variable or `--flag` name, when there is one. */
  key?: string;
}

// A bare word equal to a Service name (`redis`) is a host only where a host is expected: under a
// key that names one (REDIS_HOST, --broker-address) and not one that names a type, mode or
// credential (BROKER_TYPE=rabbitmq). Cluster DNS forms and explicit ports need no such key.
const HOST_KEY = /HOST|ADDR|SERVER|ENDPOINT|URL|URI|SERVICE|SVC|DSN|BROKER|UPSTREAM|BACKEND|TARGET|PEER|SEED/i;
const NOT_HOST_KEY = /(TYPE|KIND|MODE|DRIVER|PROTOCOL|ENABLED|PORT|NAME|PATH|USER|USERNAME|PASSWORD|TOKEN|KEY)$/i;

export function addConnectsEdges(ctx: BuildContext): void {
  // Declared intent is authoritative: a declared workload → Service pair is not inferred again.
  const declared = new Set<string>();
  for (const pod of ctx.ownPodSources()) {
    for (const to of addDeclared(ctx, pod)) declared.add(`${pod.owner}|${to}`);
  }
  const skip = notInferred(ctx, declared);
  for (const pod of ctx.ownPodSources()) {
    for (const c of containersOf(pod.template)) {
      for (const v of containerValues(ctx, pod, c)) inferFrom(ctx, pod, v, skip);
    }
  }
}

/** `shipshape.dev/connects: postgresql:5432,cache.data:redis` on the workload's metadata. */
function addDeclared(ctx: BuildContext, { node, owner }: PodSource): string[] {
  const value = node.object.metadata.annotations?.[ANNOTATIONS.connects];
  if (typeof value !== 'string') return [];
  const targets: string[] = [];
  const evidence = `metadata.annotations["${ANNOTATIONS.connects}"]`;
  for (const entry of splitList(value)) {
    const colon = entry.lastIndexOf(':');
    const target = colon === -1 ? entry : entry.slice(0, colon);
    const port = colon === -1 ? undefined : portValue(entry.slice(colon + 1));
    const [name, namespace] = target.split('.');
    if (!name) continue;
    const to = nodeId('Service', name, namespace || node.namespace);
    ctx.add({ type: 'connects', from: owner, to, port, evidence, declared: true });
    targets.push(to);
  }
  return targets;
}

/** `workload|service` pairs not to infer: the workload's own Services (it does not connect to itself), and declared ones. */
function notInferred(ctx: BuildContext, declared: Set<string>): Set<string> {
  const pairs = new Set(declared);
  for (const e of ctx.edges)
    if (e.type === 'selects' && ctx.byId.get(e.from)?.kind === 'Service') pairs.add(`${e.to}|${e.from}`);
  return pairs;
}

function inferFrom(ctx: BuildContext, pod: PodSource, v: ConfigValue, skip: Set<string>): void {
  const endpoints = findEndpoints(v.value);
  const aliased = aliasedServices(endpoints, pod.node.namespace!);
  for (const endpoint of endpoints) {
    const ref = serviceNameOf(endpoint.host);
    if (!ref) continue;
    const hostKey = v.key !== undefined && HOST_KEY.test(v.key) && !NOT_HOST_KEY.test(v.key);
    if (endpoint.form === 'bare' && !ref.clusterDns && !hostKey) continue;
    if (ref.namespace && !ref.clusterDns && !ctx.namespaces.has(ref.namespace)) continue; // `example.com`
    const to = nodeId('Service', ref.name, ref.namespace ?? pod.node.namespace);
    if (aliased.has(to)) continue;
    const service = ctx.byId.get(to);
    // A name that is no Service is kept as a dangling edge only when it can mean nothing else:
    // cluster DNS, the single-label host of a network URL (not `s3://bucket`), or a single label
    // with a port under a host key (`SHOPPING_ASSISTANT_SERVICE_ADDR=shoppingassistantservice:80`,
    // not `OPTS=timeout:30`).
    const networkUrl = endpoint.form === 'url' && isNetworkScheme(endpoint.scheme!);
    const onlyAService =
      ref.clusterDns || (!ref.namespace && (networkUrl || (endpoint.form === 'hostport' && hostKey)));
    if (!service && !onlyAService) continue;
    if (skip.has(`${pod.owner}|${to}`)) continue;
    const port = endpoint.port ?? (service ? onlyPort(service) : undefined);
    ctx.add({ type: 'connects', from: pod.owner, to, port, evidence: v.evidence, declared: false });
  }
}

/**
 * Services one value names under several of their DNS names (`webhook,webhook.$(NS).svc`): a list
 * of names *for* a Service — a certificate's subject alternative names — not an address to dial,
 * which names a Service once. Pods of a headless Service (`mongo-0.mongo.db.svc`) are not aliases.
 */
function aliasedServices(endpoints: Endpoint[], namespace: string): Set<string> {
  const hostsOf = new Map<string, Set<string>>();
  for (const { host } of endpoints) {
    const ref = serviceNameOf(host);
    if (!ref || host.split('.')[0] !== ref.name) continue;
    const id = nodeId('Service', ref.name, ref.namespace ?? namespace);
    hostsOf.set(id, (hostsOf.get(id) ?? new Set()).add(host));
  }
  return new Set([...hostsOf].filter(([, hosts]) => hosts.size > 1).map(([id]) => id));
}

/** The port of a Service with exactly one, for a bare host name. */
function onlyPort(service: GraphNode): number | undefined {
  const ports = (service.object as { spec?: { ports?: unknown } }).spec?.ports;
  if (!Array.isArray(ports) || ports.length !== 1 || !isRecord(ports[0])) return undefined;
  return typeof ports[0].port === 'number' ? ports[0].port : undefined;
}

/**
 * The strings a container is configured with, after `$(VAR)` expansion as the kubelet does it:
 * envFrom first, then env in order, each value seeing the variables defined before it; args and
 * command see them all. An unresolved `$(VAR)` stays as written, `$$` is a literal `$`.
 */
function containerValues(ctx: BuildContext, pod: PodSource, c: ContainerRef): ConfigValue[] {
  const ns = pod.node.namespace!;
  const vars = new Map<string, string>();
  const out: ConfigValue[] = [];
  const { container } = c;
  if (Array.isArray(container.envFrom)) {
    container.envFrom.forEach((e, i) => {
      if (!isRecord(e)) return;
      const prefix = str(e.prefix) ?? '';
      const ref = isRecord(e.configMapRef)
        ? (['ConfigMap', e.configMapRef, 'configMapRef'] as const)
        : isRecord(e.secretRef)
          ? (['Secret', e.secretRef, 'secretRef'] as const)
          : undefined;
      if (!ref) return;
      const id = nodeId(ref[0], str(ref[1].name) ?? '', ns);
      for (const [key, value] of Object.entries(dataOf(ctx.byId.get(id)))) {
        vars.set(prefix + key, value);
        out.push({ value, evidence: `${c.path}.envFrom[${i}].${ref[2]} → ${id}.data.${key}`, key: prefix + key });
      }
    });
  }
  if (Array.isArray(container.env)) {
    container.env.forEach((e, i) => {
      if (!isRecord(e) || !str(e.name)) return;
      let value: string | undefined;
      let evidence = `${c.path}.env[${i}].value`;
      if (typeof e.value === 'string') {
        value = expand(e.value, vars);
      } else if (
        isRecord(e.valueFrom) &&
        isRecord(e.valueFrom.fieldRef) &&
        e.valueFrom.fieldRef.fieldPath === 'metadata.namespace'
      ) {
        // The downward API's namespace is known here; the kubelet expands `$(VAR)` with it. It is
        // a namespace, not an address: expanded into later values, not read on its own.
        vars.set(e.name, ns);
        return;
      } else if (isRecord(e.valueFrom)) {
        const ref = isRecord(e.valueFrom.configMapKeyRef)
          ? (['ConfigMap', e.valueFrom.configMapKeyRef, 'configMapKeyRef'] as const)
          : isRecord(e.valueFrom.secretKeyRef)
            ? (['Secret', e.valueFrom.secretKeyRef, 'secretKeyRef'] as const)
            : undefined;
        const key = ref && str(ref[1].key);
        if (ref && key) {
          const id = nodeId(ref[0], str(ref[1].name) ?? '', ns);
          value = dataOf(ctx.byId.get(id))[key];
          evidence = `${c.path}.env[${i}].valueFrom.${ref[2]} → ${id}.data.${key}`;
        }
      }
      if (value === undefined) return;
      vars.set(e.name, value);
      out.push({ value, evidence, key: e.name });
    });
  }
  for (const field of ['command', 'args'] as const) {
    const list = container[field];
    if (!Array.isArray(list)) continue;
    list.forEach((a, i) => {
      if (typeof a === 'string')
        out.push({ value: expand(a, vars), evidence: `${c.path}.${field}[${i}]`, key: /^--?([\w.-]+)=/.exec(a)?.[1] });
    });
  }
  return out;
}

function expand(s: string, vars: Map<string, string>): string {
  if (!s.includes('$')) return s;
  return s.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name: string | undefined) =>
    name === undefined ? '$' : (vars.get(name) ?? m),
  );
}

/** The string data of a ConfigMap, or of a Secret (base64 `data` decoded, `stringData` as is). */
function dataOf(node: GraphNode | undefined): Record<string, string> {
  if (!node) return {};
  const o = node.object as { data?: unknown; stringData?: unknown };
  const out: Record<string, string> = {};
  if (isRecord(o.data)) {
    for (const [k, v] of Object.entries(o.data)) {
      if (typeof v !== 'string') continue;
      out[k] = node.kind === 'Secret' ? Buffer.from(v, 'base64').toString('utf8') : v;
    }
  }
  if (node.kind === 'Secret' && isRecord(o.stringData)) {
    for (const [k, v] of Object.entries(o.stringData)) if (typeof v === 'string') out[k] = v;
  }
  return out;
}
