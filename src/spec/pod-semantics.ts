// Checks of a component's pod the schema cannot express: mounts name volumes that exist, volume
// and container names are unique, sidecars and hooks exist on the target Kubernetes version,
// sidecar ports and probes are consistent, and a pre-provisioned volume fits its claim.
import { COMPONENT_TYPE_TRAITS } from '../vocabulary/components.js';
import { parseUnits } from '../vocabulary/quantity.js';
import type { SpecIssue } from './errors.js';
import { featureMissing } from './kubernetes-version.js';
import type { Architecture, Component, Mount } from './schema.js';
import { containerPortsOf } from './ports.js';
import { generatedVolumes } from './volume-names.js';

type Path = Array<string | number>;

function normalized(path: string): string {
  return path.replace(/\/+$/, '') || '/';
}

/** Each mount names a volume of the pod, and no two mounts of one container share a path. */
function mountIssues(
  mounts: readonly Mount[] | undefined,
  at: Path,
  volumes: readonly string[],
  taken: ReadonlyArray<[string, string]>,
): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const paths = new Map<string, string>(taken.map(([path, what]) => [normalized(path), what]));
  (mounts ?? []).forEach((m, i) => {
    if (!volumes.includes(m.volume))
      issues.push({
        path: [...at, i, 'volume'],
        message: `no volume "${m.volume}" (expected one of: ${volumes.join(', ')})`,
      });
    const other = paths.get(normalized(m.mountPath));
    if (other) issues.push({ path: [...at, i, 'mountPath'], message: `${m.mountPath} is already mounted (${other})` });
    paths.set(normalized(m.mountPath), `mounts[${i}]`);
  });
  return issues;
}

export function podIssues(arch: Architecture, name: string, c: Component): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const generated = generatedVolumes(c);
  for (const declared of Object.keys(c.volumes ?? {})) {
    const clash = generated.find((g) => g.name === declared);
    if (clash)
      issues.push({
        path: ['volumes', declared],
        message: `volume name "${declared}" is taken by a generated volume${clash.field.length ? ` (${clash.field.join('.')})` : ' (the writable /tmp)'}`,
      });
  }
  const seenGenerated = new Set<string>();
  for (const g of generated) {
    if (seenGenerated.has(g.name))
      issues.push({
        path: [...g.field, ...(g.field[0] === 'writablePaths' ? ['volumeName'] : [])],
        message: `volume name "${g.name}" is used twice`,
      });
    seenGenerated.add(g.name);
  }
  const volumes = [...new Set([...generated.map((g) => g.name), ...Object.keys(c.volumes ?? {})])];
  issues.push(
    ...mountIssues(
      c.mounts,
      ['mounts'],
      volumes,
      generated.map((g) => [g.mountPath, `volume ${g.name}`]),
    ),
  );

  const mainName = c.containerName ?? name;
  const containerNames = new Set([mainName]);
  const mainPorts = containerPortsOf(c);
  const portNames = new Set([...mainPorts.map((p) => p.name), ...(c.metrics ? ['metrics'] : [])]);
  (c.initContainers ?? []).forEach((init, i) => {
    const at = (...path: Path): Path => ['initContainers', i, ...path];
    if (containerNames.has(init.name))
      issues.push({ path: at('name'), message: `container name "${init.name}" is already used in this pod` });
    containerNames.add(init.name);
    issues.push(...mountIssues(init.mounts, at('mounts'), volumes, [['/tmp', 'volume tmp']]));
    if (init.restartPolicy !== 'Always') return;
    const missing = featureMissing(arch.kubernetesVersion, 'sidecars');
    if (missing) issues.push({ path: at('restartPolicy'), message: missing });
    const own = containerPortsOf(init);
    for (const p of own) {
      if (portNames.has(p.name))
        issues.push({ path: at('ports', p.name), message: `port name "${p.name}" is already used in this pod` });
      portNames.add(p.name);
    }
    const ownNames = own.map((p) => p.name);
    for (const [kind, probe] of Object.entries(init.probes ?? {})) {
      if (!probe) continue;
      if (probe.http && probe.http.port === undefined && own.length === 0)
        issues.push({
          path: at('probes', kind, 'http', 'port'),
          message: 'expected a port: the sidecar declares none to default to',
        });
      for (const [handler, port] of [
        ['http', probe.http?.port],
        ['tcp', probe.tcp],
      ] as const) {
        if (typeof port === 'string' && !ownNames.includes(port))
          issues.push({
            path: at('probes', kind, handler, ...(handler === 'http' ? ['port'] : [])),
            message: `no port named "${port}" on this sidecar (expected one of: ${ownNames.join(', ') || 'none declared'})`,
          });
      }
    }
  });

  if (c.lifecycle?.preStop.sleep !== undefined) {
    const missing = featureMissing(arch.kubernetesVersion, 'sleepAction');
    if (missing) issues.push({ path: ['lifecycle', 'preStop', 'sleep'], message: missing });
  }
  const hookPort = c.lifecycle?.preStop.http?.port;
  if (typeof hookPort === 'string' && !mainPorts.some((p) => p.name === hookPort))
    issues.push({
      path: ['lifecycle', 'preStop', 'http', 'port'],
      message: `no port named "${hookPort}" (expected one of: ${mainPorts.map((p) => p.name).join(', ') || 'none declared'})`,
    });

  issues.push(...storageIssues(c));
  return issues;
}

/** `storage.volumeName` and `storage.volume` against the workload kind, the claim's size and class. */
function storageIssues(c: Component): SpecIssue[] {
  const s = c.storage;
  if (!s) return [];
  const issues: SpecIssue[] = [];
  const stateful = COMPONENT_TYPE_TRAITS[c.type].workload(c) === 'StatefulSet';
  if (stateful && s.volumeName !== undefined)
    issues.push({
      path: ['storage', 'volumeName'],
      message: "a StatefulSet's volume is named after its claim template: set storage.claimName instead",
    });
  const v = s.volume;
  if (!v) return issues;
  if (stateful) {
    issues.push({
      path: ['storage', 'volume'],
      message:
        'a StatefulSet claims one volume per pod through its volumeClaimTemplate; a pre-provisioned volume binds one claim only',
    });
    return issues;
  }
  if (v.capacity !== undefined && parseUnits(v.capacity) < parseUnits(s.size))
    issues.push({
      path: ['storage', 'volume', 'capacity'],
      message: `expected at least the claim's size (${s.size}), received ${v.capacity}: a claim binds only to a volume that large`,
    });
  if (v.storageClassName !== undefined && s.class !== undefined && v.storageClassName !== s.class)
    issues.push({
      path: ['storage', 'volume', 'storageClassName'],
      message: `the claim asks for class ${s.class}: a claim binds only to a volume of its class`,
    });
  return issues;
}
