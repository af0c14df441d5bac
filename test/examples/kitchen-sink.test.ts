// The kitchen sink (issue 15, "done when"): every field of the spec's second edition appears in
// the objects it builds. Validation, check and the graph round trip run for it with every example
// (acceptance.test.ts, graph/roundtrip.test.ts), its committed docs in docs/examples.test.ts.
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { built, type Built } from './built.js';

const BIN = new URL('../../bin/shipshape.js', import.meta.url).pathname;

let b: Built;
beforeAll(async () => {
  b = await built('kitchen-sink');
});

describe('kitchen-sink: every new field is in the output', () => {
  it('extra objects (inline and from a file) and patches of the generated Deployment', () => {
    expect(b.get('ConfigMap', 'search-synonyms').metadata.namespace).toBe('shop');
    expect(b.get('VerticalPodAutoscaler', 'search').spec.updatePolicy.updateMode).toBe('Off');
    expect(b.get('Deployment', 'search').spec.progressDeadlineSeconds).toBe(900);
    const container = b.pod('Deployment', 'search').containers.find((c) => c.name === 'search')!;
    expect(container.env).toContainEqual({ name: 'SEARCH_HEAP', value: '1g' });
    expect(container.image).toBe('registry.example.com/shop/search:1.9.0');
  });

  it('init container, sidecar with ports and probe, restricted defaults on each', () => {
    const pod = b.pod('Deployment', 'api');
    expect(pod.initContainers!.map((c) => [c.name, c.restartPolicy])).toEqual([
      ['migrate', undefined],
      ['tls-proxy', 'Always'],
    ]);
    for (const c of pod.initContainers!)
      expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
    expect(pod.initContainers![1].readinessProbe?.tcpSocket?.port).toBe('https');
    expect(b.get('Service', 'api').spec.ports.map((p: any) => p.name)).toEqual(['http', 'https']);
  });

  it('volumes of every source, mounts, and generated volumes under chosen names', () => {
    const volumes = b.pod('Deployment', 'api').volumes!;
    for (const source of ['configMap', 'secret', 'emptyDir', 'projected'] as const)
      expect(
        volumes.some((v) => v[source] !== undefined),
        source,
      ).toBe(true);
    const search = b.pod('Deployment', 'search').volumes!.map((v) => v.name);
    expect(search).toEqual(expect.arrayContaining(['search-config', 'scratch', 'index']));
  });

  it('pod settings, no CPU limit on purpose, the Service affinity and the HTTPRoute', () => {
    const pod = b.pod('Deployment', 'api');
    expect(pod).toMatchObject({
      terminationGracePeriodSeconds: 45,
      shareProcessNamespace: true,
      priorityClassName: 'shop-critical',
      imagePullSecrets: [{ name: 'registry' }],
      hostAliases: [{ ip: '10.20.0.15', hostnames: ['legacy-billing.internal'] }],
      dnsConfig: { options: [{ name: 'ndots', value: '2' }] },
    });
    expect(pod.topologySpreadConstraints).toHaveLength(2);
    expect(pod.containers[0].lifecycle?.preStop?.sleep?.seconds).toBe(10);
    expect(pod.containers[0].resources?.limits).toEqual({ memory: '512Mi' });
    expect(b.get('Service', 'api').spec.sessionAffinity).toBe('ClientIP');
    expect(b.get('HTTPRoute', 'api').spec.rules[0].backendRefs).toEqual([{ name: 'api', port: 8443 }]);
    expect(b.all('Ingress')).toEqual([]);
  });

  it('pre-provisioned volumes (NFS, EFS) bound by name, and ExternalSecrets for each declared Secret', () => {
    expect(b.get('PersistentVolumeClaim', 'search-index').spec.volumeName).toBe('search-index-pv');
    expect(b.get('PersistentVolume', 'archive-pv').spec.csi.driver).toBe('efs.csi.aws.com');
    expect(b.all('ExternalSecret').map((e: any) => e.metadata.name)).toEqual(['api-db', 'api-tls', 'registry']);
  });
});

describe('kitchen-sink: check', () => {
  it('reports the extra object of a kind no schema checks once, as custom-resource-unchecked, and nothing on stderr', () => {
    const r = spawnSync(process.execPath, [BIN, 'check', 'examples/kitchen-sink', '--format', 'json'], {
      encoding: 'utf8',
    });
    const findings = (JSON.parse(r.stdout) as { findings: Array<{ check: string; object: string; message: string }> })
      .findings;
    expect(findings.filter((f) => /VerticalPodAutoscaler/.test(`${f.object} ${f.message}`))).toEqual([
      expect.objectContaining({ check: 'custom-resource-unchecked', object: 'shop/search[VerticalPodAutoscaler]' }),
    ]);
    expect(r.stderr).not.toContain('VerticalPodAutoscaler');
  });
});
