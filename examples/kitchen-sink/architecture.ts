// Kitchen sink (not a seed system): a small shop that uses every field of the spec's second
// edition (issue 15) at least once, so the whole surface is built, validated, checked, drawn and
// read back in one place. Values are illustrative; where a real one must replace a placeholder,
// the comment says so.
import { defineArchitecture } from 'shipshape';

export default defineArchitecture({
  name: 'kitchen-sink',
  namespace: 'shop',
  description: 'Every field of the second edition: containers, volumes, pod settings, storage, Gateway, secret manager',
  // Native sidecars need 1.29, a preStop sleep 1.30.
  kubernetesVersion: '1.31',

  secrets: {
    // One entry in the secret manager holding both keys as properties of their names.
    'api-db': {
      keys: ['url', 'password'],
      from: { store: 'vault', kind: 'ClusterSecretStore', remoteRef: { key: 'shop/api/db' }, refreshInterval: '30m' },
    },
    // Per-key entries.
    'api-tls': {
      keys: ['tls.crt', 'tls.key'],
      from: {
        store: 'vault',
        remoteRef: {
          'tls.crt': { key: 'shop/api/tls', property: 'cert' },
          'tls.key': { key: 'shop/api/tls', property: 'key' },
        },
      },
    },
    // Pull credentials for the private registry (type kubernetes.io/dockerconfigjson).
    registry: {
      keys: ['.dockerconfigjson'],
      from: { store: 'vault', remoteRef: { key: 'shop/registry', property: 'dockerconfigjson' } },
    },
  },

  components: {
    api: {
      type: 'web',
      description: 'REST API behind the public Gateway, with a TLS-terminating proxy sidecar',
      image: 'registry.example.com/shop/api:2.4.1',
      imagePullSecrets: ['registry'],
      ports: { http: 8080 },
      env: { DATABASE_URL: { secret: 'api-db', key: 'url' } },
      // CPU is not limited on purpose (latency-sensitive, bursts into idle CPU); memory is.
      resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: 'none', memory: '512Mi' } },
      replicas: 3,
      probes: { readiness: { http: { path: '/ready' } }, liveness: { http: { path: '/live' } } },
      initContainers: [
        {
          name: 'migrate',
          image: 'registry.example.com/shop/api:2.4.1',
          command: ['api', 'migrate', 'up'],
          env: { DATABASE_URL: { secret: 'api-db', key: 'url' } },
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
        },
        {
          name: 'tls-proxy',
          image: 'envoyproxy/envoy:v1.31.2',
          restartPolicy: 'Always',
          args: ['--config-path', '/etc/envoy/envoy.yaml'],
          ports: { https: 8443 },
          probes: { readiness: { tcp: 'https', periodSeconds: 5 } },
          resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
          security: { runAsUser: 101, runAsGroup: 101 },
          mounts: [
            { volume: 'envoy', mountPath: '/etc/envoy', readOnly: true },
            { volume: 'certs', mountPath: '/etc/tls', readOnly: true },
          ],
        },
      ],
      volumes: {
        envoy: { configMap: 'api-envoy', items: [{ key: 'envoy.yaml', path: 'envoy.yaml' }] },
        certs: {
          secret: 'api-tls',
          items: [
            { key: 'tls.crt', path: 'tls.crt' },
            { key: 'tls.key', path: 'tls.key', mode: 0o400 },
          ],
        },
        cache: { emptyDir: { sizeLimit: '256Mi', medium: 'Memory' } },
        bundle: {
          projected: [
            { secret: 'api-db', items: [{ key: 'password', path: 'db-password' }] },
            { serviceAccountToken: { path: 'vault-token', audience: 'vault', expirationSeconds: 3600 } },
          ],
        },
      },
      mounts: [
        { volume: 'cache', mountPath: '/var/cache/api' },
        { volume: 'bundle', mountPath: '/var/run/secrets/shop', readOnly: true },
      ],
      terminationGracePeriodSeconds: 45,
      // Let the Gateway stop sending traffic before the process gets SIGTERM.
      lifecycle: { preStop: { sleep: 10 } },
      hostAliases: [{ ip: '10.20.0.15', hostnames: ['legacy-billing.internal'] }],
      dnsConfig: { options: [{ name: 'ndots', value: '2' }] },
      shareProcessNamespace: true,
      scheduling: {
        priorityClassName: 'shop-critical',
        topologySpread: [{ over: 'zone', maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule' }, { over: 'hostname' }],
      },
      service: { sessionAffinity: 'ClientIP', sessionAffinityTimeoutSeconds: 1800 },
      ingress: {
        host: 'shop.example.com',
        path: '/api',
        port: 'https',
        gateway: {
          name: 'public',
          namespace: 'gateways',
          sectionName: 'https',
          podLabels: { 'gateway.networking.k8s.io/gateway-name': 'public' },
        },
      },
      uses: ['search'],
    },

    // The proxy's configuration, owned by a component of its own so the API's ConfigMap stays its own.
    search: {
      type: 'worker',
      description: 'Search indexer on a pre-provisioned NFS export shared with the batch hosts',
      image: 'registry.example.com/shop/search:1.9.0',
      imagePullSecrets: ['registry'],
      ports: { http: 9200 },
      config: {
        name: 'api-envoy',
        mountPath: '/etc/search',
        volumeName: 'search-config',
        data: { 'envoy.yaml': 'static_resources: {}\n', 'search.yaml': 'shards: 3\n' },
      },
      writablePaths: [{ path: '/var/lib/search/tmp', sizeLimit: '2Gi', volumeName: 'scratch' }],
      storage: {
        size: '200Gi',
        mountPath: '/var/lib/search',
        accessMode: 'ReadWriteMany',
        claimName: 'search-index',
        volumeName: 'index',
        volume: {
          name: 'search-index-pv',
          capacity: '250Gi',
          // REPLACE with the NFS server and export of the cluster.
          nfs: { server: 'nfs.example.internal', path: '/exports/search' },
          reclaimPolicy: 'Retain',
          mountOptions: ['nfsvers=4.1', 'hard'],
        },
      },
      resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } },
      replicas: 2,
      // API permissions: one replica leads the merges (a Lease: create, and get/update of its own
      // only), and shards are placed by zone, read from the nodes' topology labels (cluster-wide).
      rbac: [
        { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] },
        {
          apiGroups: ['coordination.k8s.io'],
          resources: ['leases'],
          resourceNames: ['search-merge'],
          verbs: ['get', 'update'],
        },
        { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'], clusterWide: true },
      ],
      // The escape hatch: objects no field makes, and changes to the generated ones.
      extraObjects: [
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'search-synonyms' },
          data: { 'synonyms.txt': 'tv, television\n' },
        },
        // A VerticalPodAutoscaler in recommendation mode: a CRD kind shipshape has no model of (reported as unchecked).
        'search-vpa.yaml',
      ],
      patches: [
        {
          kind: 'Deployment',
          name: 'search',
          json: [{ op: 'add', path: '/spec/progressDeadlineSeconds', value: 900 }],
        },
        {
          kind: 'Deployment',
          name: 'search',
          merge: {
            spec: {
              template: { spec: { containers: [{ name: 'search', env: [{ name: 'SEARCH_HEAP', value: '1g' }] }] } },
            },
          },
        },
      ],
    },

    archive: {
      type: 'cronjob',
      description: 'Nightly archive to an EFS file system',
      image: 'registry.example.com/shop/archive:1.2.0',
      schedule: '0 2 * * *',
      imagePullSecrets: ['registry'],
      storage: {
        size: '1Ti',
        mountPath: '/archive',
        accessMode: 'ReadWriteMany',
        volume: {
          name: 'archive-pv',
          storageClassName: 'efs-static',
          // REPLACE with the id of the cluster's EFS file system.
          csi: { driver: 'efs.csi.aws.com', volumeHandle: 'fs-0123456789abcdef0' },
        },
      },
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: 'none', memory: '256Mi' } },
    },
  },

  profiles: {
    // A cluster without zones to spread over: spread over nodes only, a shorter grace period.
    'single-zone': {
      description: 'one zone: spread over nodes only',
      components: {
        api: {
          terminationGracePeriodSeconds: 30,
          scheduling: { topologySpread: [{ over: 'hostname', maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule' }] },
        },
      },
    },
  },
});
