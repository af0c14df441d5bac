// Finding network endpoints in configuration strings: URLs (`postgresql://u:p@postgres:5432/db`,
// `mongodb://a:27017,b:27017/x`), `host:port` pairs (`productcatalogservice:3550`,
// `--redis=redis-cart:6379`) and bare host names (`redis`, `db.data.svc.cluster.local`).
// The caller decides which hosts are Services (graph/edges-connects.ts).

export interface Endpoint {
  /** Lower-case host name as written, without a trailing dot. */
  host: string;
  /** The port written, else the scheme's well-known port for URLs. */
  port?: number;
  /** `url` and `hostport` name a port explicitly or by scheme; `bare` is only a name. */
  form: 'url' | 'hostport' | 'bare';
  /** A URL's scheme, lower-case. */
  scheme?: string;
}

// Well-known ports of URL schemes that appear in workload configuration: the network schemes.
// Others (`s3://bucket`, `gs://bucket`, `file://`) name no host to dial.
const SCHEME_PORTS: Record<string, number> = {
  http: 80,
  https: 443,
  ws: 80,
  wss: 443,
  grpc: 80,
  grpcs: 443,
  h2c: 80,
  postgres: 5432,
  postgresql: 5432,
  mysql: 3306,
  mariadb: 3306,
  redis: 6379,
  rediss: 6379,
  amqp: 5672,
  amqps: 5671,
  mongodb: 27017,
  nats: 4222,
  kafka: 9092,
  memcached: 11211,
  mqtt: 1883,
  ldap: 389,
  ldaps: 636,
  smtp: 25,
  ftp: 21,
  sqlserver: 1433,
  cassandra: 9042,
  zk: 2181,
};

const URL_RE = /\b([a-z][a-z0-9+.-]*):\/\/([^/\s?#'"<>]*)/gi;
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOST = `${LABEL}(?:\\.${LABEL})*\\.?`;
// host:port not preceded by something that makes it part of a larger token (a path, userinfo, a
// longer name) and not followed by more of one (a time `12:30:00`, userinfo `user:pw@`).
const HOST_PORT_RE = new RegExp(`(?<![\\w.\\-/@:$])(${HOST}):(\\d{1,5})(?![\\w.:\\-@])`, 'gi');
const BARE_RE = new RegExp(`^${HOST}$`, 'i');
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** Every endpoint written in `value`, in order of appearance. */
export function findEndpoints(value: string): Endpoint[] {
  if (value.length > 64 * 1024) value = value.slice(0, 64 * 1024); // config blobs: the head is enough, and bounded
  const found: Endpoint[] = [];
  let rest = value;
  for (const m of value.matchAll(URL_RE)) {
    const scheme = m[1].toLowerCase();
    const authority = m[2].slice(m[2].lastIndexOf('@') + 1);
    for (const hostPort of authority.split(',')) {
      const hp = /^(\[[^\]]*\]|[^:]*)(?::(\d{1,5}))?$/.exec(hostPort);
      if (!hp || !hp[1]) continue;
      const port = hp[2] !== undefined ? Number(hp[2]) : SCHEME_PORTS[scheme];
      push(found, { host: hp[1], port, form: 'url', scheme });
    }
    rest = rest.replace(m[0], ' ');
  }
  for (const m of rest.matchAll(HOST_PORT_RE)) push(found, { host: m[1], port: Number(m[2]), form: 'hostport' });
  if (found.length === 0) {
    for (const token of rest.split(/[\s,;=]+/)) {
      if (token && BARE_RE.test(token) && /[a-z]/i.test(token)) push(found, { host: token, form: 'bare' });
    }
  }
  return found;
}

/** Whether a URL scheme dials its host over the network (one of SCHEME_PORTS). */
export function isNetworkScheme(scheme: string): boolean {
  return Object.hasOwn(SCHEME_PORTS, scheme);
}

function push(found: Endpoint[], e: Endpoint): void {
  const host = e.host.toLowerCase().replace(/\.$/, '');
  if (!isNetworkName(host)) return;
  if (e.port !== undefined && (e.port < 1 || e.port > 65535)) return;
  found.push({ ...e, host });
}

// IPv4 literals are kept (a need outside the cluster may name its address), except this host:
// the wildcard `0.0.0.0` of listen addresses and loopback.
function isNetworkName(host: string): boolean {
  if (IPV4.test(host)) return isIpv4(host) && !/^(0|127)\./.test(host);
  return host !== '' && host !== 'localhost' && !host.startsWith('[') && BARE_RE.test(host);
}

/** A dotted-quad IPv4 address. */
export function isIpv4(host: string): boolean {
  return IPV4.test(host) && host.split('.').every((o) => Number(o) <= 255);
}

// Top-level domains of names on the internet: every two-letter country code, and the generic
// ones that appear in service configuration. A name ending otherwise (`db.internal`,
// `postgres.database`, `x.cluster.local`) is not taken for an outside host.
const GENERIC_TLDS = new Set(
  'com net org io dev app ai co cloud info biz me sh tech xyz online site services systems email gov edu mil int'.split(
    ' ',
  ),
);

/**
 * A host name on the internet: at least two labels, a public top-level domain, and not the
 * `name.namespace` form of a namespace in the input. Cluster DNS (`….svc…`) never is.
 */
export function isOutsideHost(host: string, namespaces: ReadonlySet<string>): boolean {
  const labels = host.split('.');
  if (labels.length < 2 || isIpv4(host) || labels.includes('svc')) return false;
  const tld = labels[labels.length - 1];
  if (labels.length === 2 && namespaces.has(tld)) return false;
  return /^[a-z]{2}$/.test(tld) || GENERIC_TLDS.has(tld);
}

/** A host as a Service reference: `svc`, `svc.ns`, `svc.ns.svc[.cluster-domain]`, `pod.svc.ns.svc…`. */
export interface ServiceName {
  name: string;
  /** Absent for a single label (the caller's namespace). */
  namespace?: string;
  /** True when the host is unambiguously cluster DNS (has the `svc` label). */
  clusterDns: boolean;
}

export function serviceNameOf(host: string): ServiceName | undefined {
  const labels = host.split('.');
  if (labels.length === 1) return { name: labels[0], clusterDns: false };
  // `<svc>.<ns>.svc…` or, for a pod of a headless Service, `<pod>.<svc>.<ns>.svc…`.
  const svc = labels.indexOf('svc', 2);
  if (svc === 2 || svc === 3) return { name: labels[svc - 2], namespace: labels[svc - 1], clusterDns: true };
  if (labels.length === 2) return { name: labels[0], namespace: labels[1], clusterDns: false };
  return undefined;
}
