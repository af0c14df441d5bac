// Outside peers: where a need that leaves the cluster goes. A `connects` edge to an outside peer
// has `to` = `outside:<cidr>` when the address is known (an IPv4 literal in the configuration),
// else `outside:internet` (a host name: its addresses are not known before it is resolved); the
// port is on the edge. The graph JSON, `reach`-based checks and the network diagram all read these
// ids through this module.
import { parseCidr, type Ipv4Range } from './netpol/ipv4.js';

const PREFIX = 'outside:';
export const OUTSIDE_INTERNET = `${PREFIX}internet`;

/** The peer id of an IPv4 address or CIDR outside the cluster (`outside:203.0.113.7/32`). */
export function outsideBlockId(address: string): string {
  return `${PREFIX}${address.includes('/') ? address : `${address}/32`}`;
}

export function isOutsidePeer(id: string): boolean {
  return id.startsWith(PREFIX);
}

/** The address block of an outside peer; undefined for `outside:internet` (any public address). */
export function outsideBlock(id: string): Ipv4Range | undefined {
  const range = parseCidr(id.slice(PREFIX.length));
  return range === undefined || range === 'ipv6' ? undefined : range;
}

// IPv4 special-purpose blocks (RFC 6890 and the IANA registry) no public host name resolves to:
// this network, private, shared (CGNAT), loopback, link-local, documentation, benchmarking,
// multicast and reserved.
const NOT_PUBLIC = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/3',
]
  .map((cidr) => parseCidr(cidr) as Ipv4Range)
  .sort((a, b) => a.start - b.start);

/** Whether some address of `range` is public (outside every special-purpose block). */
export function hasPublicAddress(range: Ipv4Range): boolean {
  let next = range.start;
  for (const block of NOT_PUBLIC) {
    if (block.end < next) continue;
    if (block.start > next) return next <= range.end;
    next = block.end + 1;
    if (next > range.end) return false;
  }
  return next <= range.end;
}

/**
 * The ranges (of a cut of the address space) that a need to `peer` may go to: those inside its
 * block, or for the internet every range holding a public address.
 */
export function peerRanges(peer: string, ranges: readonly Ipv4Range[]): Ipv4Range[] {
  const block = outsideBlock(peer);
  if (!block) return ranges.filter(hasPublicAddress);
  return ranges.filter((r) => r.start <= block.end && block.start <= r.end);
}
