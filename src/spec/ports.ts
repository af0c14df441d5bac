// A component's ports with defaults filled in: the main container's and its sidecars'.
import type { Component, PortSpec } from './schema.js';

export interface ResolvedPort {
  name: string;
  /** Service port. */
  port: number;
  /** Container port. */
  containerPort: number;
  protocol: 'TCP' | 'UDP' | 'SCTP';
}

/** One container's declared ports in declaration order, with defaults filled in (containerPort = port, TCP). */
export function containerPortsOf(spec: { ports?: Record<string, PortSpec> }): ResolvedPort[] {
  return Object.entries(spec.ports ?? {}).map(([name, p]: [string, PortSpec]) =>
    typeof p === 'number'
      ? { name, port: p, containerPort: p, protocol: 'TCP' as const }
      : { name, port: p.port, containerPort: p.containerPort ?? p.port, protocol: p.protocol ?? 'TCP' },
  );
}

/** The component's ports: the main container's, then its sidecars' (which join the component's ports and Service). */
export function portsOf(c: Component): ResolvedPort[] {
  return [
    ...containerPortsOf(c),
    ...(c.initContainers ?? []).filter((i) => i.restartPolicy === 'Always').flatMap(containerPortsOf),
  ];
}
