// Kubernetes resource quantities, parsed exactly (as apimachinery's resource.Quantity does):
// a signed decimal number with an optional binary (Ki..Ei), decimal (n, u, m, k, M, G, T, P, E)
// or exponent (e3, E-2) suffix. Values are kept as integers of milli-units or units, rounded up
// like Quantity.MilliValue()/Value(), so sums never drift.

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

export class QuantityError extends Error {}

/** Exact rational value: numerator / denominator, both bigint, denominator > 0. */
interface Rational {
  num: bigint;
  den: bigint;
}

function parseRational(input: string | number): Rational {
  const text = typeof input === 'number' ? String(input) : input.trim();
  const m = QUANTITY.exec(text);
  if (!m) throw new QuantityError(`"${input}" is not a Kubernetes quantity (expected e.g. 100m, 0.5, 512Mi, 1G, 1e3)`);
  const [, sign, digits, suffix = ''] = m;
  const [whole, frac = ''] = digits.split('.');
  let num = BigInt((whole || '0') + frac) * (sign === '-' ? -1n : 1n);
  let den = 10n ** BigInt(frac.length);
  if (suffix in BINARY) {
    num *= 2n ** BigInt(BINARY[suffix]);
  } else {
    const exp = suffix in DECIMAL ? DECIMAL[suffix] : Number(suffix.slice(1));
    if (exp >= 0) num *= 10n ** BigInt(exp);
    else den *= 10n ** BigInt(-exp);
  }
  return { num, den };
}

function ceilDiv(num: bigint, den: bigint): bigint {
  const q = num / den;
  return num % den !== 0n && num > 0n ? q + 1n : q;
}

function toSafeNumber(v: bigint, input: string | number): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new QuantityError(`quantity "${input}" is too large`);
  }
  return Number(v);
}

/** CPU (or any quantity) in milli-units, rounded up: "100m" → 100, "0.5" → 500, "1" → 1000. */
export function parseMillis(q: string | number): number {
  const r = parseRational(q);
  return toSafeNumber(ceilDiv(r.num * 1000n, r.den), q);
}

/** Memory/storage (or any quantity) in whole units, rounded up: "512Mi" → 536870912, "1G" → 1e9. */
export function parseUnits(q: string | number): number {
  const r = parseRational(q);
  return toSafeNumber(ceilDiv(r.num, r.den), q);
}

export function isQuantity(q: unknown): boolean {
  return (typeof q === 'string' || typeof q === 'number') && QUANTITY.test(String(q).trim());
}

function trimmed(n: number, digits: number): string {
  return n.toFixed(digits).replace(/\.?0+$/, '');
}

/** Milli-cores as people write them: 250 → "250m", 6900 → "6.9", 2000 → "2". */
export function formatCpu(millis: number): string {
  if (millis !== 0 && Math.abs(millis) < 1000) return `${millis}m`;
  return trimmed(millis / 1000, 2);
}

/** Bytes as people write them, in binary units: 536870912 → "512Mi", 12992637747 → "12.1Gi". */
export function formatBytes(bytes: number): string {
  const units = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
  let value = bytes;
  let i = 0;
  while (Math.abs(value) >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return `${trimmed(value, 1)}${units[i]}`;
}
