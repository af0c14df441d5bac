// Issue 15, part A: every new component field is accepted where it is valid and rejected, with
// `file:line path`, where it is not (containers, volumes, pod settings, CPU limit none, PersistentVolumes).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/diagnostics/index.js';
import { specJsonSchema } from '../../src/spec/json-schema.js';
import { loadArchitecture } from '../../src/spec/load.js';
import { specFile, yamlSpec } from './helpers.js';

/** A web component `w` with the given extra YAML lines (indented under it). */
function web(lines: string): string {
  return `  w:\n    type: web\n    image: w:1.0\n    ports:\n      http: 8080\n${lines
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => `    ${l}\n`)
    .join('')}`;
}

async function problems(components: string, extra = ''): Promise<string[]> {
  const file = specFile('architecture.yaml', yamlSpec(components, extra));
  try {
    await loadArchitecture(file);
  } catch (err) {
    if (err instanceof InputError) return err.details.map((d) => d.replace(file, 'FILE'));
    throw err;
  }
  return [];
}

describe('initContainers and sidecars', () => {
  it('accepts init containers and sidecars with image, command, env, resources, security and mounts', async () => {
    expect(
      await problems(
        web(`initContainers:
  - {name: migrate, image: "m:1.0", command: [migrate, up], env: {A: "1"}, resources: {limits: {cpu: none, memory: 64Mi}}, security: {runAsUser: 2000}}
  - {name: proxy, image: "p:1.0", restartPolicy: Always, ports: {proxy: 9000}, probes: {readiness: {http: {path: /ready}}}, mounts: [{volume: tmp, mountPath: /cache}]}`),
      ),
    ).toEqual([]);
  });

  it('rejects ports and probes on a plain init container', async () => {
    expect(await problems(web('initContainers:\n  - {name: init, image: "i:1.0", ports: {p: 9000}}'))).toEqual([
      'FILE:10 components.w.initContainers[0].ports: only for sidecars (restartPolicy: Always): an init container runs to completion',
    ]);
  });

  it('rejects a sidecar on a Kubernetes version that lacks them, and accepts it from 1.29', async () => {
    const sidecar = web('initContainers:\n  - {name: proxy, image: "p:1.0", restartPolicy: Always}');
    expect(await problems(sidecar, 'kubernetesVersion: "1.28"\n')).toEqual([
      'FILE:11 components.w.initContainers[0].restartPolicy: native sidecars (init containers with restartPolicy: Always) need Kubernetes 1.29 or later; kubernetesVersion is 1.28',
    ]);
    expect(await problems(sidecar, 'kubernetesVersion: "1.29"\n')).toEqual([]);
    expect(await problems(sidecar, 'kubernetesVersion: "v1.29"\n')).toEqual([
      'FILE:3 kubernetesVersion: expected a Kubernetes minor version such as 1.33, received "v1.29"',
    ]);
  });

  it('rejects a container name used twice in the pod, and a sidecar port name the main container uses', async () => {
    expect(
      await problems(
        web(
          'initContainers:\n  - {name: w, image: "i:1.0"}\n  - {name: proxy, image: "p:1.0", restartPolicy: Always, ports: {http: 9000}}',
        ),
      ),
    ).toEqual([
      'FILE:10 components.w.initContainers[0].name: container name "w" is already used in this pod',
      'FILE:11 components.w.initContainers[1].ports.http: port name "http" is already used in this pod',
    ]);
  });

  it('rejects a sidecar probe on a port the sidecar does not have', async () => {
    expect(
      await problems(
        web(
          'initContainers:\n  - {name: proxy, image: "p:1.0", restartPolicy: Always, probes: {liveness: {tcp: http}}}',
        ),
      ),
    ).toEqual([
      'FILE:10 components.w.initContainers[0].probes.liveness.tcp: no port named "http" on this sidecar (expected one of: none declared)',
    ]);
  });

  it("checks an init container's Secret references like the main container's", async () => {
    expect(
      await problems(web('initContainers:\n  - {name: init, image: "i:1.0", env: {A: {secret: nope, key: k}}}')),
    ).toEqual([
      'FILE:10 components.w.initContainers[0].env.A.secret: Secret "nope" is not declared (declare it under secrets with its keys)',
    ]);
  });
});

describe('volumes and mounts', () => {
  it('accepts every volume source and mounts of declared and generated volumes', async () => {
    expect(
      await problems(
        web(`volumes:
  scratch: {emptyDir: {sizeLimit: 1Gi, medium: Memory}}
  settings: {configMap: shared-settings, items: [{key: a.yaml, path: conf/a.yaml}]}
  certs: {secret: certs, items: [{key: tls.crt, path: tls.crt, mode: 0400}]}
  bundle: {projected: [{secret: certs}, {configMap: shared-settings}, {serviceAccountToken: {path: token, audience: vault}}]}
  shared: {claim: shared-data, readOnly: true}
mounts:
  - {volume: scratch, mountPath: /scratch}
  - {volume: settings, mountPath: /etc/app/a.yaml, subPath: conf/a.yaml, readOnly: true}
  - {volume: tmp, mountPath: /var/run/app, subPath: run}`),
        'secrets:\n  certs:\n    keys: [tls.crt, tls.key]\n',
      ),
    ).toEqual([]);
  });

  it('rejects a mount naming no volume, a mount path used twice and a volume name taken by a generated one', async () => {
    expect(
      await problems(
        web(`volumes:
  tmp: {emptyDir: {}}
mounts:
  - {volume: nope, mountPath: /a}
  - {volume: tmp, mountPath: /tmp}`),
      ),
    ).toEqual([
      'FILE:10 components.w.volumes.tmp: volume name "tmp" is taken by a generated volume (the writable /tmp)',
      'FILE:12 components.w.mounts[0].volume: no volume "nope" (expected one of: tmp)',
      'FILE:13 components.w.mounts[1].mountPath: /tmp is already mounted (volume tmp)',
    ]);
  });

  it('rejects a Secret volume of an undeclared Secret or key, and an unknown volume source', async () => {
    expect(
      await problems(
        web(`volumes:
  a: {secret: nope}
  b: {secret: certs, items: [{key: ca.crt, path: ca.crt}]}
  c: {hostPath: /etc}`),
        'secrets:\n  certs:\n    keys: [tls.crt]\n',
      ),
    ).toEqual([
      'FILE:15 components.w.volumes.c.hostPath: unknown field',
      'FILE:15 components.w.volumes.c: expected exactly one of emptyDir, configMap, secret, projected, claim',
    ]);
    expect(
      await problems(
        web(`volumes:
  a: {secret: nope}
  b: {secret: certs, items: [{key: ca.crt, path: ca.crt}]}`),
        'secrets:\n  certs:\n    keys: [tls.crt]\n',
      ),
    ).toEqual([
      'FILE:13 components.w.volumes.a.secret: Secret "nope" is not declared (declare it under secrets with its keys)',
      'FILE:14 components.w.volumes.b.items[0].key: Secret "certs" has no key "ca.crt" (declared keys: tls.crt)',
    ]);
  });

  it('generated volumes take the names users choose, and two of one name are rejected', async () => {
    expect(
      await problems(
        web(`config: {data: {a: b}, mountPath: /etc/app, volumeName: cfg}
writablePaths: [{path: /var/cache, volumeName: cfg}]`),
      ),
    ).toEqual(['FILE:9 components.w.config.mountPath: volume name "cfg" is used twice']);
  });
});

describe('pod settings', () => {
  it('accepts every pod setting', async () => {
    expect(
      await problems(
        web(`terminationGracePeriodSeconds: 45
lifecycle: {preStop: {sleep: 5}}
imagePullSecrets: [registry]
hostAliases: [{ip: 10.1.2.3, hostnames: [legacy.internal]}]
dnsConfig: {options: [{name: ndots, value: "2"}], searches: [svc.example.com]}
shareProcessNamespace: true
scheduling: {priorityClassName: high, topologySpread: [{over: zone, maxSkew: 1, whenUnsatisfiable: DoNotSchedule}, {over: hostname}]}
service: {sessionAffinity: ClientIP, sessionAffinityTimeoutSeconds: 600}`),
        'secrets:\n  registry:\n    keys: [.dockerconfigjson]\n',
      ),
    ).toEqual([]);
  });

  it('rejects bad values of each pod setting with its line', async () => {
    expect(
      await problems(
        web(`terminationGracePeriodSeconds: -1
lifecycle: {preStop: {exec: [drain], sleep: 5}}
hostAliases: [{ip: 10.1.2, hostnames: [legacy.internal]}]
dnsConfig: {nameservers: [1.1.1.1, 8.8.8.8, 9.9.9.9, 1.0.0.1]}
shareProcessNamespace: "yes"
scheduling: {topologySpread: [{over: rack}]}
service: {sessionAffinity: Sticky}`),
      ),
    ).toEqual([
      'FILE:14 components.w.scheduling.topologySpread[0].over: expected one of "zone", "hostname", received "rack"',
      'FILE:15 components.w.service.sessionAffinity: expected one of "None", "ClientIP", received "Sticky"',
      'FILE:9 components.w.terminationGracePeriodSeconds: expected >= 0, received -1',
      'FILE:10 components.w.lifecycle.preStop: expected exactly one of exec, http, sleep',
      'FILE:11 components.w.hostAliases[0].ip: expected an IPv4 or IPv6 address, received "10.1.2"',
      'FILE:12 components.w.dnsConfig.nameservers: expected at most 3 item(s), received a list',
      'FILE:13 components.w.shareProcessNamespace: expected boolean, received "yes"',
    ]);
  });

  it('imagePullSecrets name declared Secrets only', async () => {
    expect(await problems(web('imagePullSecrets: [registry]'))).toEqual([
      'FILE:9 components.w.imagePullSecrets[0]: Secret "registry" is not declared (declare it under secrets with its keys)',
    ]);
  });

  it('a sleep hook needs Kubernetes 1.30; a session timeout needs ClientIP; an http hook names a port of the container', async () => {
    expect(
      await problems(
        web('lifecycle: {preStop: {sleep: 5}}\nservice: {sessionAffinityTimeoutSeconds: 60}'),
        'kubernetesVersion: "1.29"\n',
      ),
    ).toEqual([
      'FILE:10 components.w.lifecycle.preStop.sleep: the sleep action of lifecycle hooks need Kubernetes 1.30 or later; kubernetesVersion is 1.29',
      'FILE:11 components.w.service.sessionAffinityTimeoutSeconds: only with sessionAffinity ClientIP',
    ]);
    expect(await problems(web('lifecycle: {preStop: {http: {path: /drain, port: admin}}}'))).toEqual([
      'FILE:9 components.w.lifecycle.preStop.http.port: no port named "admin" (expected one of: http)',
    ]);
  });
});

describe('limits.cpu: none', () => {
  it('is accepted for CPU and rejected for memory', async () => {
    expect(await problems(web('resources: {requests: {cpu: 250m}, limits: {cpu: none, memory: 1Gi}}'))).toEqual([]);
    expect(await problems(web('resources: {limits: {memory: none}}'))).toEqual([
      'FILE:9 components.w.resources.limits.memory: expected a Kubernetes quantity such as 250m, 0.5, 512Mi or 1Gi, received "none"',
    ]);
  });
});

describe('storage.volume (pre-provisioned PersistentVolume)', () => {
  const worker = (storage: string) =>
    `  w:\n    type: worker\n    image: w:1.0\n    storage: {size: 10Gi, mountPath: /data, accessMode: ReadWriteMany, ${storage}}\n`;

  it('accepts csi, nfs and hostPath volumes', async () => {
    for (const source of [
      'csi: {driver: efs.csi.aws.com, volumeHandle: fs-123}',
      'nfs: {server: nfs.example.com, path: /exports/a}',
      'hostPath: {path: /mnt/data, type: DirectoryOrCreate}',
    ])
      expect(await problems(worker(`volume: {name: data-pv, ${source}}`)), source).toEqual([]);
  });

  it('rejects no or two sources, a capacity below the claim, a class other than the claim’s, and a StatefulSet', async () => {
    expect(await problems(worker('volume: {name: data-pv}'))).toEqual([
      'FILE:7 components.w.storage.volume: expected exactly one of csi, nfs, hostPath',
    ]);
    expect(
      await problems(
        worker(
          'class: fast, volume: {name: data-pv, capacity: 5Gi, storageClassName: slow, nfs: {server: n, path: /x}}',
        ),
      ),
    ).toEqual([
      "FILE:7 components.w.storage.volume.capacity: expected at least the claim's size (10Gi), received 5Gi: a claim binds only to a volume that large",
      'FILE:7 components.w.storage.volume.storageClassName: the claim asks for class fast: a claim binds only to a volume of its class',
    ]);
    expect(
      await problems(
        '  db:\n    type: database\n    image: pg:16.4\n    storage: {size: 1Gi, mountPath: /d, volumeName: x, volume: {name: pv, nfs: {server: n, path: /x}}}\n',
      ),
    ).toEqual([
      "FILE:7 components.db.storage.volumeName: a StatefulSet's volume is named after its claim template: set storage.claimName instead",
      'FILE:7 components.db.storage.volume: a StatefulSet claims one volume per pod through its volumeClaimTemplate; a pre-provisioned volume binds one claim only',
    ]);
  });
});

describe('a spec error writes nothing', () => {
  it('build exits 2 on a mount naming no volume and creates no output folder', () => {
    const file = specFile('architecture.yaml', yamlSpec(web('mounts: [{volume: nope, mountPath: /a}]')));
    const out = join(dirname(file), 'out');
    const run = spawnSync('node', ['bin/shipshape.js', 'build', file, '--out', out], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${file}:9 components.w.mounts[0].volume: no volume "nope" (expected one of: tmp)`);
    expect(existsSync(out)).toBe(false);
  });
});

describe('the JSON Schema (shipshape schema)', () => {
  it('carries every new field, with the default it states', () => {
    const s = specJsonSchema() as any;
    expect(s.properties.kubernetesVersion.description).toMatch(/default 1\.33/);
    const c = s.properties.components.additionalProperties.properties;
    for (const field of [
      'initContainers',
      'volumes',
      'mounts',
      'terminationGracePeriodSeconds',
      'lifecycle',
      'imagePullSecrets',
      'hostAliases',
      'dnsConfig',
      'shareProcessNamespace',
    ])
      expect(c[field], field).toBeDefined();
    expect(c.initContainers.items.properties.restartPolicy.const).toBe('Always');
    expect(c.scheduling.properties.topologySpread.items.properties.over.enum).toEqual(['zone', 'hostname']);
    expect(c.service.properties.sessionAffinity.enum).toEqual(['None', 'ClientIP']);
    expect(JSON.stringify(c.resources.properties.limits.properties.cpu)).toContain('"none"');
    expect(c.storage.properties.volume.properties.reclaimPolicy.description).toMatch(/default Retain/);
    expect(c.storage.properties.volumeName.description).toMatch(/default `data`/);
    expect(c.terminationGracePeriodSeconds.description).toMatch(/30/);
  });
});
