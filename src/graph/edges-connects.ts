// `connects` edges: workload → Service (port). Declared in the `shipshape.dev/connects`
// annotation, or inferred from what the containers are configured with: env values (literal, from
// ConfigMap keys, from Secret keys, envFrom), args and command, after Kubernetes' `$(VAR)`
// expansion, and from the network clients their commands and shell scripts run (shell-needs.ts).
// A need that leaves the cluster — a host on the internet, an IPv4 address, a cloud SDK's
// settings, a container-runtime daemon pulling images — goes to an outside peer (outside.ts).
// Secret values are decoded for inference only: edges carry the field path and key name as
// evidence, never a value (nor a host or address read from one). ConfigMaps mounted as files are
// not read (config blobs such as dashboards would name every host they mention).
import { ANNOTATIONS, splitList } from '../k8s/annotations.js';
import { nodeId } from '../k8s/object.js';
import { containersOf, type ContainerRef } from '../k8s/podspec.js';
import { str, type BuildContext, type PodSource } from './context.js';
import { isRecord } from '../k8s/object.js';
import { findEndpoints, isIpv4, isNetworkScheme, isOutsideHost, serviceNameOf, type Endpoint } from './endpoints.js';
import { OUTSIDE_INTERNET, outsideBlockId } from './outside.js';
import { argvNeeds, expandShell, isScript, scriptNeeds, withoutComments } from './shell-needs.js';
import { portValue } from './edges-routes.js';
import type { GraphNode } from './model.js';

/** A configuration string, the field path it came from and the name it is set under. */
interface ConfigValue {
  value: string;
  evidence: string;
  /** The env variable or `--flag` name, when there is one. */
  key?: string;
  /** Read from a Secret (in part): what it names is not printed. */
  secret: boolean;
  /** A host is expected here (a client's host operand), as under a host key. */
  hostExpected?: boolean;
}

/** A need found without an address to read: HTTPS to the internet. */
interface OutsideNeed {
  evidence: string;
}

// A bare word equal to a Service name (`redis`) is a host only where a host is expected: under a
// key that names one (REDIS_HOST, --broker-address) and not one that names a type, mode or
// credential (BROKER_TYPE=rabbitmq). Cluster DNS forms and explicit ports need no such key.
const HOST_KEY = /HOST|ADDR|SERVER|ENDPOINT|URL|URI|SERVICE|SVC|DSN|BROKER|UPSTREAM|BACKEND|TARGET|PEER|SEED/i;
const NOT_HOST_KEY =
  /(TYPE|KIND|MODE|DRIVER|PROTOCOL|ENABLED|PORT|(?<!HOST)NAME|PATH|USER|USERNAME|PASSWORD|TOKEN|KEY)$/i;
// A host key whose port is set beside it: `ORDER_QUEUE_HOSTNAME=rabbitmq` + `ORDER_QUEUE_PORT=5672`.
const HOST_WITH_PORT_KEY = /^(.*)_(?:HOST|HOSTNAME|ADDR|SERVER|ENDPOINT)$/i;
// Settings of the cloud SDKs, which call the provider's HTTPS APIs unless an endpoint says otherwise.
const CLOUD_SDK_KEY = /^(AWS|S3|GOOGLE)_/;
// Container-runtime daemons (Docker-in-Docker, BuildKit) pull the images they run from registries.
const RUNTIME_DAEMON_IMAGE = /(?:^|\/)(?:docker:[^/]*dind|dind(?::|$)|buildkit(?::|$))/;

export function addConnectsEdges(ctx: BuildContext): void {
  // Declared intent is authoritative: a declared workload → Service pair is not inferred again.
  const declared = new Set<string>();
  for (const pod of ctx.ownPodSources()) {
    for (const to of addDeclared(ctx, pod)) declared.add(`${pod.owner}|${to}`);
  }
  const skip = notInferred(ctx, declared);
  for (const pod of ctx.ownPodSources()) {
    for (const c of containersOf(pod.template)) {
      const values = containerValues(ctx, pod, c);
      for (const v of values) inferFrom(ctx, pod, v, skip);
      for (const need of outsideNeeds(c, values))
        ctx.add({
          type: 'connects',
          from: pod.owner,
          to: OUTSIDE_INTERNET,
          port: 443,
          evidence: need.evidence,
          declared: false,
        });
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
  const hostKey = v.hostExpected === true || (v.key !== undefined && HOST_KEY.test(v.key) && !NOT_HOST_KEY.test(v.key));
  for (const endpoint of endpoints) {
    if (isIpv4(endpoint.host) || isOutsideHost(endpoint.host, ctx.namespaces)) {
      addOutside(ctx, pod, v, endpoint);
      continue;
    }
    const ref = serviceNameOf(endpoint.host);
    if (!ref) continue;
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

/** A need of an address outside the cluster: its block when the address is written (and not secret), else the internet. */
function addOutside(ctx: BuildContext, pod: PodSource, v: ConfigValue, endpoint: Endpoint): void {
  if (endpoint.port === undefined || (endpoint.form === 'url' && !isNetworkScheme(endpoint.scheme!))) return;
  const known = isIpv4(endpoint.host) && !v.secret;
  ctx.add({
    type: 'connects',
    from: pod.owner,
    to: known ? outsideBlockId(endpoint.host) : OUTSIDE_INTERNET,
    port: endpoint.port,
    evidence: v.evidence,
    declared: false,
    ...(v.secret ? {} : { host: endpoint.host }),
  });
}

/**
 * Needs of HTTPS to the internet that no address names: a cloud SDK's settings (unless one of them
 * points the SDK at an endpoint, which is then read as any address is) and a runtime daemon's image.
 */
function outsideNeeds(c: ContainerRef, values: ConfigValue[]): OutsideNeed[] {
  const needs: OutsideNeed[] = [];
  const families = new Map<string, ConfigValue[]>();
  for (const v of values) {
    const family = v.key === undefined ? undefined : CLOUD_SDK_KEY.exec(v.key)?.[1];
    if (family) families.set(family, [...(families.get(family) ?? []), v]);
  }
  for (const [family, settings] of families) {
    if (settings.some((v) => /ENDPOINT|URL/i.test(v.key ?? '') && findEndpoints(v.value).length > 0)) continue;
    needs.push({ evidence: `${settings[0].evidence} (${family} SDK settings: HTTPS to the provider)` });
  }
  const image = c.container.image;
  if (typeof image === 'string' && RUNTIME_DAEMON_IMAGE.test(image))
    needs.push({ evidence: `${c.path}.image (a container-runtime daemon pulls images from registries over HTTPS)` });
  return needs;
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

/** A container's variables as the kubelet defines them, remembering which hold Secret data. */
class Variables {
  private readonly values = new Map<string, { value: string; secret: boolean }>();

  set(name: string, value: string, secret: boolean): void {
    this.values.set(name, { value, secret });
  }

  get(name: string): string | undefined {
    return this.values.get(name)?.value;
  }

  /**
   * Kubernetes' `$(VAR)` expansion (an unresolved `$(VAR)` stays as written, `$$` is a literal
   * `$`), or the shell's `$VAR` / `${VAR}`; `secret` is whether a Secret's value went in.
   */
  expand(s: string, shell = false): { value: string; secret: boolean } {
    let secret = false;
    const lookup = (name: string): string | undefined => {
      const hit = this.values.get(name);
      if (hit?.secret) secret = true;
      return hit?.value;
    };
    if (shell) return { value: expandShell(s, lookup), secret };
    if (!s.includes('$')) return { value: s, secret };
    const value = s.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name: string | undefined) =>
      name === undefined ? '$' : (lookup(name) ?? m),
    );
    return { value, secret };
  }
}

/**
 * The strings a container is configured with, after `$(VAR)` expansion as the kubelet does it:
 * envFrom first, then env in order, each value seeing the variables defined before it; args and
 * command see them all. A host variable with a sibling `*_PORT` is read as `host:port`; the
 * network clients the command and its shell scripts run add their addresses (shell-needs.ts).
 */
function containerValues(ctx: BuildContext, pod: PodSource, c: ContainerRef): ConfigValue[] {
  const ns = pod.node.namespace!;
  const vars = new Variables();
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
      const secret = ref[0] === 'Secret';
      for (const [key, value] of Object.entries(dataOf(ctx.byId.get(id)))) {
        vars.set(prefix + key, value, secret);
        out.push({
          value,
          evidence: `${c.path}.envFrom[${i}].${ref[2]} → ${id}.data.${key}`,
          key: prefix + key,
          secret,
        });
      }
    });
  }
  if (Array.isArray(container.env)) {
    container.env.forEach((e, i) => {
      if (!isRecord(e) || !str(e.name)) return;
      let found: { value: string; secret: boolean } | undefined;
      let evidence = `${c.path}.env[${i}].value`;
      if (typeof e.value === 'string') {
        found = vars.expand(e.value);
      } else if (
        isRecord(e.valueFrom) &&
        isRecord(e.valueFrom.fieldRef) &&
        e.valueFrom.fieldRef.fieldPath === 'metadata.namespace'
      ) {
        // The downward API's namespace is known here; the kubelet expands `$(VAR)` with it. It is
        // a namespace, not an address: expanded into later values, not read on its own.
        vars.set(e.name, ns, false);
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
          const value = dataOf(ctx.byId.get(id))[key];
          if (value !== undefined) found = { value, secret: ref[0] === 'Secret' };
          evidence = `${c.path}.env[${i}].valueFrom.${ref[2]} → ${id}.data.${key}`;
        }
      }
      if (found === undefined) return;
      vars.set(e.name, found.value, found.secret);
      out.push({ ...found, evidence, key: e.name });
    });
  }
  pairHostsWithPorts(out, vars);
  const words: Array<{ text: string; evidence: string }> = [];
  for (const field of ['command', 'args'] as const) {
    const list = container[field];
    if (!Array.isArray(list)) continue;
    list.forEach((a, i) => {
      if (typeof a !== 'string') return;
      const evidence = `${c.path}.${field}[${i}]`;
      const expanded = vars.expand(a);
      const key = /^--?([\w.-]+)=/.exec(a)?.[1];
      if (!isScript(expanded.value)) {
        out.push({ ...expanded, evidence, key });
        words.push({ text: expanded.value, evidence });
        return;
      }
      expanded.value = withoutComments(expanded.value);
      out.push({ ...expanded, evidence, key });
      // A script sees the environment through the shell's own expansion.
      const script = vars.expand(expanded.value, true);
      const secret = expanded.secret || script.secret;
      if (script.value !== expanded.value) out.push({ value: script.value, evidence, secret });
      for (const need of scriptNeeds(expanded.value, (command) => vars.expand(command, true)))
        out.push({
          value: need.address,
          evidence: `${evidence} (${need.program})`,
          secret: expanded.secret || need.secret === true,
          hostExpected: true,
        });
    });
  }
  for (const need of argvNeeds(words.map((w) => w.text))) {
    const at = words.find((w) => w.text.endsWith(need.program)) ?? words[0];
    out.push({ value: need.address, evidence: `${at.evidence} (${need.program})`, secret: false, hostExpected: true });
  }
  return out;
}

/** `X_HOST=rabbitmq` (`_HOSTNAME`, `_ADDR`, `_SERVER`, `_ENDPOINT`) with `X_PORT=5672` set: read as `rabbitmq:5672`. */
function pairHostsWithPorts(values: ConfigValue[], vars: Variables): void {
  for (const v of values) {
    const prefix = v.key === undefined ? undefined : HOST_WITH_PORT_KEY.exec(v.key)?.[1];
    const port = prefix === undefined ? undefined : vars.get(`${prefix}_PORT`)?.trim();
    if (!port || !/^\d{1,5}$/.test(port) || /[:/\s,]/.test(v.value.trim())) continue;
    v.value = `${v.value.trim()}:${port}`;
    v.evidence = `${v.evidence} with ${prefix}_PORT`;
  }
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
