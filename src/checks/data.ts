// Data that dies with the pod: a database, cache or broker (known by its image) or any StatefulSet
// container that keeps its data directory on an emptyDir volume, which is deleted when the pod
// leaves its node (https://kubernetes.io/docs/concepts/storage/volumes/#emptydir).
import { containersOf } from '../k8s/podspec.js';
import type { Check, RawFinding } from './types.js';
import { containerLabel, isRecord, list } from './workloads.js';
import { workloadsOf } from '../graph/workloads.js';

/** Data directories of the official images (Docker Hub docs) and their Bitnami builds, by image name. */
const DATA_PATHS: Array<{ image: RegExp; paths: string[] }> = [
  { image: /^(postgres|postgresql|postgis|timescaledb)$/, paths: ['/var/lib/postgresql', '/bitnami/postgresql'] },
  {
    image: /^(mysql|mariadb|percona|percona-server)$/,
    paths: ['/var/lib/mysql', '/bitnami/mysql', '/bitnami/mariadb'],
  },
  { image: /^(mongo|mongodb)$/, paths: ['/data/db', '/bitnami/mongodb'] },
  { image: /^(redis|valkey|keydb|redis-stack-server)$/, paths: ['/data', '/bitnami/redis', '/bitnami/valkey'] },
  { image: /^rabbitmq$/, paths: ['/var/lib/rabbitmq', '/bitnami/rabbitmq'] },
  { image: /^(elasticsearch|opensearch)$/, paths: ['/usr/share/elasticsearch/data', '/usr/share/opensearch/data'] },
  { image: /^cassandra$/, paths: ['/var/lib/cassandra', '/bitnami/cassandra'] },
  { image: /^(kafka|cp-kafka)$/, paths: ['/var/lib/kafka', '/bitnami/kafka'] },
  { image: /^zookeeper$/, paths: ['/data', '/datalog', '/bitnami/zookeeper'] },
  { image: /^etcd$/, paths: ['/var/lib/etcd', '/etcd-data', '/bitnami/etcd'] },
  { image: /^minio$/, paths: ['/data'] },
];

/** Where a StatefulSet container of an image we do not know is presumed to keep its data. */
const GENERIC_DATA_PATH = /^\/(data|var\/lib\/[^/]+)(\/|$)/;

/** The image's repository name without registry, path or tag: `docker.io/bitnami/redis:7` → `redis`. */
export function imageName(image: string): string {
  const withoutDigest = image.split('@')[0];
  const last = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
  return last.split(':')[0].toLowerCase();
}

/** True when `mount` is `dir`, inside it, or a parent of it (an emptyDir at /var/lib holds /var/lib/mysql). */
function covers(mount: string, dir: string): boolean {
  const m = mount.replace(/\/+$/, '') || '/';
  return m === dir || dir.startsWith(`${m === '/' ? '' : m}/`) || m.startsWith(`${dir}/`);
}

const dataOnEmptyDir: Check = {
  id: 'data-on-emptydir',
  family: 'availability',
  severity: 'warning',
  rationale:
    'An emptyDir is deleted when its pod leaves the node (drain, eviction, rescheduling): a database, cache or broker keeping its data there loses it.',
  hint: 'Mount a PersistentVolumeClaim (a StatefulSet volumeClaimTemplate) at the data directory; opt out with an ignore annotation if the data is meant to be disposable.',
  run: (ctx) =>
    workloadsOf(ctx.graph).flatMap((w) => {
      const emptyDirs = new Set(
        list(w.template.spec.volumes).flatMap((v) =>
          isRecord(v) && isRecord(v.emptyDir) && typeof v.name === 'string' ? [v.name] : [],
        ),
      );
      if (emptyDirs.size === 0) return [];
      return containersOf(w.template)
        .filter((c) => c.group === 'containers')
        .flatMap((c): RawFinding[] => {
          const name = typeof c.container.image === 'string' ? imageName(c.container.image) : '';
          const known = DATA_PATHS.find((d) => d.image.test(name));
          if (!known && w.kind !== 'StatefulSet') return [];
          return list(c.container.volumeMounts).flatMap((m, i): RawFinding[] => {
            if (!isRecord(m) || typeof m.mountPath !== 'string' || !emptyDirs.has(String(m.name))) return [];
            const mountPath = m.mountPath;
            const dataDir = known
              ? known.paths.find((p) => covers(mountPath, p))
              : GENERIC_DATA_PATH.test(mountPath)
                ? mountPath
                : undefined;
            if (dataDir === undefined) return [];
            return [
              {
                object: w.id,
                path: `${c.path}.volumeMounts[${i}]`,
                message: `${containerLabel(c)} keeps ${known ? `its ${name} data (${dataDir})` : `data at ${mountPath}`} on emptyDir volume "${String(m.name)}": lost when the pod moves`,
              },
            ];
          });
        });
    }),
};

export const dataChecks: Check[] = [dataOnEmptyDir];
