// IPv4 address ranges for NetworkPolicy ipBlocks. Peers outside the cluster are reported as ranges
// `a.b.c.d-e.f.g.h`: the space is cut at every boundary that some ipBlock (cidr or except) draws, so
// each piece is treated the same by every rule, and adjacent pieces treated alike print as one range.

export interface Ipv4Range {
  /** First address, as an unsigned 32-bit integer. */
  start: number;
  /** Last address, inclusive. */
  end: number;
}

export const IPV4_SPACE: Ipv4Range = { start: 0, end: 0xffffffff };

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

function parseAddress(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p))) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

/**
 * Parses an IPv4 CIDR (`10.0.0.0/24`). Returns 'ipv6' for an IPv6 CIDR (valid in a NetworkPolicy,
 * but outside the IPv4 space shipshape reports) and undefined for anything that is not a CIDR.
 * Host bits set below the prefix are accepted, as the API server does, and masked off.
 */
export function parseCidr(text: string): Ipv4Range | 'ipv6' | undefined {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(text.trim());
  if (!m) return undefined;
  const prefix = Number(m[2]);
  if (m[1].includes(':')) return prefix <= 128 && /^[0-9a-fA-F:.]+$/.test(m[1]) ? 'ipv6' : undefined;
  const addr = parseAddress(m[1]);
  if (addr === undefined || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  const start = Math.floor(addr / size) * size;
  return { start, end: start + size - 1 };
}

export function formatAddress(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

export function formatRange(r: Ipv4Range): string {
  return `${formatAddress(r.start)}-${formatAddress(r.end)}`;
}

/** Reads `a.b.c.d-e.f.g.h` (as formatRange writes it); undefined for anything else. */
export function parseRange(text: string): Ipv4Range | undefined {
  const [first, last, ...rest] = text.split('-');
  if (last === undefined || rest.length > 0) return undefined;
  const start = parseAddress(first);
  const end = parseAddress(last);
  return start !== undefined && end !== undefined && start <= end ? { start, end } : undefined;
}

export function contains(outer: Ipv4Range, inner: Ipv4Range): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** Cuts the whole IPv4 space at the edges of every given range; the pieces cover it exactly, in order. */
export function cutSpace(blocks: Ipv4Range[]): Ipv4Range[] {
  const starts = new Set<number>([IPV4_SPACE.start]);
  for (const b of blocks) {
    starts.add(b.start);
    if (b.end < IPV4_SPACE.end) starts.add(b.end + 1);
  }
  const sorted = [...starts].sort((a, b) => a - b);
  return sorted.map((start, i) => ({ start, end: i + 1 < sorted.length ? sorted[i + 1] - 1 : IPV4_SPACE.end }));
}

export function overlaps(a: Ipv4Range, b: Ipv4Range): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/**
 * The pieces of a cut (adjacent, in order) with a value each, consecutive pieces with the same
 * value joined into one range: a run of adjacent pieces is itself one range, and no two returned
 * neighbours that touch have the same value.
 */
export function runsOf<T>(
  cut: readonly Ipv4Range[],
  valueOf: (piece: Ipv4Range) => T,
  same: (a: T, b: T) => boolean,
): Array<{ range: Ipv4Range; value: T }> {
  const runs: Array<{ range: Ipv4Range; value: T }> = [];
  for (const piece of cut) {
    const value = valueOf(piece);
    const last = runs[runs.length - 1];
    if (last && last.range.end + 1 === piece.start && same(last.value, value)) last.range.end = piece.end;
    else runs.push({ range: { ...piece }, value });
  }
  return runs;
}
