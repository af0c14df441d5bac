// Kubernetes name rules the spec enforces up front, so a bad name is a spec error with a path
// rather than an API-server rejection at apply time. Rules as in apimachinery's validation
// (https://kubernetes.io/docs/concepts/overview/working-with-objects/names/).

/** RFC 1123 label: lowercase alphanumerics and '-', alphanumeric at both ends, at most 63 characters. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1035 label (Service names): like a DNS label but starting with a letter. */
export const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1123 subdomain (ConfigMap, Secret, PVC names): dot-separated DNS labels, at most 253 characters. */
export const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Component names become the names of a Service (RFC 1035 label), a StatefulSet and a CronJob.
 * The latter two are limited to 52 characters: the controller appends a revision hash
 * (`controller-revision-hash` label, at most 63) or a job suffix of 11 characters.
 */
export const COMPONENT_NAME_MAX = 52;

export function isDnsSubdomain(s: string): boolean {
  return s.length <= 253 && DNS_SUBDOMAIN.test(s);
}

/**
 * Container port names (IANA_SVC_NAME): at most 15 characters, lowercase alphanumerics and '-',
 * at least one letter, no leading, trailing or doubled '-'.
 */
export function isPortName(s: string): boolean {
  return (
    s.length >= 1 && s.length <= 15 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(s) && /[a-z]/.test(s) && !s.includes('--')
  );
}

/** Environment variable names as accepted before relaxed validation: letters, digits, '_', '-', '.', not starting with a digit. */
export const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** Label keys: optional DNS-subdomain prefix and '/', then a name of at most 63 characters. */
export function isLabelKey(s: string): boolean {
  const slash = s.lastIndexOf('/');
  const prefix = slash >= 0 ? s.slice(0, slash) : undefined;
  const name = slash >= 0 ? s.slice(slash + 1) : s;
  if (prefix !== undefined && !isDnsSubdomain(prefix)) return false;
  return name.length >= 1 && name.length <= 63 && /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(name);
}

/** Label values: empty, or at most 63 characters of alphanumerics, '-', '_', '.', alphanumeric at both ends. */
export function isLabelValue(s: string): boolean {
  return s === '' || (s.length <= 63 && /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(s));
}

/** Field bounds and names of the standard cron parser (robfig/cron, which the CronJob controller uses). */
const CRON_FIELDS: Array<{ min: number; max: number; names?: string[] }> = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

function cronValue(text: string, field: (typeof CRON_FIELDS)[number]): number | undefined {
  const byName = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (byName >= 0) return byName + field.min;
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= field.min && n <= field.max ? n : undefined;
}

function isCronField(text: string, field: (typeof CRON_FIELDS)[number]): boolean {
  return text.split(',').every((part) => {
    const m = /^([^/]+)(?:\/(\d+))?$/.exec(part);
    if (!m || (m[2] !== undefined && Number(m[2]) === 0)) return false;
    if (m[1] === '*' || m[1] === '?') return true;
    const [from, to, extra] = m[1].split('-');
    if (extra !== undefined) return false;
    const a = cronValue(from, field);
    const b = to === undefined ? a : cronValue(to, field);
    return a !== undefined && b !== undefined && a <= b;
  });
}

/**
 * Cron schedules as the CronJob controller accepts them (robfig/cron's standard parser): five
 * fields within their bounds (names for months and weekdays), one of the @-descriptors, or
 * `@every <duration>`. `TZ=`/`CRON_TZ=` prefixes are rejected by Kubernetes: use `timeZone`.
 */
export function isCronSchedule(s: string): boolean {
  const t = s.trim();
  if (/^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$/.test(t)) return true;
  if (/^@every (\d+(\.\d+)?(ns|us|\u00b5s|ms|s|m|h))+$/.test(t)) return true;
  const fields = t.split(/\s+/);
  return fields.length === 5 && fields.every((f, i) => isCronField(f, CRON_FIELDS[i]));
}

/** IPv4 CIDR (`10.0.0.0/8`) as [address as a number, prefix length]; undefined when not one. */
export function parseIpv4Cidr(s: string): [number, number] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(s);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  return [octets.reduce((a, o) => a * 256 + o, 0), prefix];
}

/** IPv4 or IPv6 CIDR, as NetworkPolicy `ipBlock.cidr` takes it. */
export function isCidr(s: string): boolean {
  return (
    parseIpv4Cidr(s) !== undefined ||
    (/^[0-9a-fA-F:]*:[0-9a-fA-F:.]*\/(\d{1,3})$/.test(s) && Number(s.split('/')[1]) <= 128)
  );
}

/** Whether IPv4 block `inner` lies strictly inside `outer` (what the API requires of `ipBlock.except`). */
export function isStrictlyInside(inner: string, outer: string): boolean {
  const a = parseIpv4Cidr(inner);
  const b = parseIpv4Cidr(outer);
  if (!a || !b) return true; // IPv6: left to the API server
  if (a[1] <= b[1]) return false;
  const block = 2 ** (32 - b[1]);
  return Math.floor(a[0] / block) === Math.floor(b[0] / block);
}
