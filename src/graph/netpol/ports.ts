// Sets of transport ports per protocol, as closed intervals. NetworkPolicy ports are unions of
// such sets (one NetworkPolicyPort each), and a connection's allowed ports are the intersection of
// what egress at the source and ingress at the destination allow.

export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export const MIN_PORT = 1;
export const MAX_PORT = 65535;

/** Sorted, disjoint, non-adjacent closed intervals. */
type Intervals = Array<[number, number]>;

export class PortSet {
  private constructor(private readonly byProtocol: Record<Protocol, Intervals>) {}

  static empty(): PortSet {
    return new PortSet({ TCP: [], UDP: [], SCTP: [] });
  }

  /** Every port of TCP, UDP and SCTP (a rule without `ports`). */
  static all(): PortSet {
    return new PortSet({ TCP: [[MIN_PORT, MAX_PORT]], UDP: [[MIN_PORT, MAX_PORT]], SCTP: [[MIN_PORT, MAX_PORT]] });
  }

  static range(protocol: Protocol, from: number, to: number): PortSet {
    const s = PortSet.empty();
    s.byProtocol[protocol].push([from, to]);
    return s;
  }

  isEmpty(): boolean {
    return PROTOCOLS.every((p) => this.byProtocol[p].length === 0);
  }

  isAll(): boolean {
    return PROTOCOLS.every((p) => {
      const iv = this.byProtocol[p];
      return iv.length === 1 && iv[0][0] === MIN_PORT && iv[0][1] === MAX_PORT;
    });
  }

  equals(other: PortSet): boolean {
    return PROTOCOLS.every((p) => {
      const a = this.byProtocol[p];
      const b = other.byProtocol[p];
      return a.length === b.length && a.every(([lo, hi], i) => lo === b[i][0] && hi === b[i][1]);
    });
  }

  has(protocol: Protocol, port: number): boolean {
    return this.byProtocol[protocol].some(([lo, hi]) => lo <= port && port <= hi);
  }

  union(other: PortSet): PortSet {
    const out = PortSet.empty();
    for (const p of PROTOCOLS) out.byProtocol[p] = merge([...this.byProtocol[p], ...other.byProtocol[p]]);
    return out;
  }

  intersect(other: PortSet): PortSet {
    const out = PortSet.empty();
    for (const p of PROTOCOLS) {
      const a = this.byProtocol[p];
      const b = other.byProtocol[p];
      const res: Intervals = [];
      let i = 0;
      let j = 0;
      while (i < a.length && j < b.length) {
        const lo = Math.max(a[i][0], b[j][0]);
        const hi = Math.min(a[i][1], b[j][1]);
        if (lo <= hi) res.push([lo, hi]);
        if (a[i][1] < b[j][1]) i++;
        else j++;
      }
      out.byProtocol[p] = res;
    }
    return out;
  }

  /** The ports of this set that `other` lacks (what a change of policy gained or lost). */
  minus(other: PortSet): PortSet {
    const out = PortSet.empty();
    for (const p of PROTOCOLS) {
      const res: Intervals = [];
      for (const [lo, hi] of this.byProtocol[p]) {
        let from = lo;
        for (const [olo, ohi] of other.byProtocol[p]) {
          if (ohi < from || olo > hi) continue;
          if (olo > from) res.push([from, olo - 1]);
          from = Math.max(from, ohi + 1);
        }
        if (from <= hi) res.push([from, hi]);
      }
      out.byProtocol[p] = res;
    }
    return out;
  }

  /** The `reach --json` shape: "All", or ranges in protocol order TCP, UDP, SCTP, then by port. */
  toJSON(): 'All' | PortRange[] {
    if (this.isAll()) return 'All';
    const out: PortRange[] = [];
    for (const protocol of PROTOCOLS) {
      for (const [lo, hi] of this.byProtocol[protocol]) {
        out.push(lo === hi ? { protocol, port: lo } : { protocol, port: lo, endPort: hi });
      }
    }
    return out;
  }

  /** Short text for tables: `All`, or `TCP 80, TCP 8000-8080, UDP 53`. */
  toString(): string {
    const json = this.toJSON();
    if (json === 'All') return 'All';
    return json.map((r) => `${r.protocol} ${r.port}${r.endPort !== undefined ? `-${r.endPort}` : ''}`).join(', ');
  }
}

export interface PortRange {
  protocol: Protocol;
  port: number;
  endPort?: number;
}

function merge(iv: Intervals): Intervals {
  const sorted = iv.slice().sort((x, y) => x[0] - y[0]);
  const out: Intervals = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}
