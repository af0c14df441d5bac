// The value types under reachability: port sets per protocol and IPv4 ranges.
import { describe, it, expect } from 'vitest';
import { PortSet } from '../../src/graph/netpol/ports.js';
import { parseCidr, cutSpace, formatRange } from '../../src/graph/netpol/ipv4.js';

describe('PortSet', () => {
  it('merges overlapping and adjacent ranges, per protocol', () => {
    const s = PortSet.range('TCP', 80, 90)
      .union(PortSet.range('TCP', 91, 100))
      .union(PortSet.range('TCP', 85, 85))
      .union(PortSet.range('UDP', 53, 53));
    expect(s.toJSON()).toEqual([
      { protocol: 'TCP', port: 80, endPort: 100 },
      { protocol: 'UDP', port: 53 },
    ]);
  });

  it('intersects range by range, and never across protocols', () => {
    const a = PortSet.range('TCP', 1, 100).union(PortSet.range('TCP', 200, 300));
    const b = PortSet.range('TCP', 50, 250).union(PortSet.range('UDP', 1, 65535));
    expect(a.intersect(b).toString()).toBe('TCP 50-100, TCP 200-250');
  });

  it('is "All" only when every port of TCP, UDP and SCTP is in', () => {
    expect(PortSet.all().toJSON()).toBe('All');
    expect(
      PortSet.range('TCP', 1, 65535)
        .union(PortSet.range('UDP', 1, 65535))
        .toJSON(),
    ).not.toBe('All');
    const union = PortSet.range('TCP', 1, 65535)
      .union(PortSet.range('UDP', 1, 65535))
      .union(PortSet.range('SCTP', 1, 65535));
    expect(union.toJSON()).toBe('All');
  });

  it('does not change the sets it was made from', () => {
    const a = PortSet.range('TCP', 1, 10);
    a.union(PortSet.range('TCP', 11, 20));
    expect(a.toString()).toBe('TCP 1-10');
  });
});

describe('IPv4 ranges', () => {
  it('parses CIDRs, masking host bits as the API server accepts them', () => {
    expect(formatRange(parseCidr('10.1.2.3/16') as any)).toBe('10.1.0.0-10.1.255.255');
    expect(formatRange(parseCidr('0.0.0.0/0') as any)).toBe('0.0.0.0-255.255.255.255');
    expect(formatRange(parseCidr('192.168.1.7/32') as any)).toBe('192.168.1.7-192.168.1.7');
    expect(parseCidr('2001:db8::/32')).toBe('ipv6');
    for (const bad of ['10.0.0.0', '10.0.0.256/8', '10.0.0.0/33', '01.2.3.4/8', 'x/8'])
      expect(parseCidr(bad)).toBeUndefined();
  });

  it('cuts the whole space at every block edge, covering it exactly', () => {
    const ranges = cutSpace([parseCidr('172.17.0.0/16'), parseCidr('172.17.1.0/24'), parseCidr('0.0.0.0/0')] as any);
    expect(ranges.map(formatRange)).toEqual([
      '0.0.0.0-172.16.255.255',
      '172.17.0.0-172.17.0.255',
      '172.17.1.0-172.17.1.255',
      '172.17.2.0-172.17.255.255',
      '172.18.0.0-255.255.255.255',
    ]);
    expect(cutSpace([]).map(formatRange)).toEqual(['0.0.0.0-255.255.255.255']);
  });
});
