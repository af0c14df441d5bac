// A component's `external` peers: address blocks or another namespace's pods, with an optional
// `host` for the docs; bad entries are spec errors at their line, and synthesis opens exactly them.
import { describe, expect, it } from 'vitest';
import { loadArchitecture } from '../../src/spec/load.js';
import { synthesize } from '../../src/synth/index.js';
import { specFile, yamlSpec } from './helpers.js';
import { InputError } from '../../src/diagnostics/index.js';

async function load(external: string) {
  const file = specFile(
    'architecture.yaml',
    yamlSpec(`  w:\n    type: worker\n    image: w:1\n    external:\n${external}`),
  );
  try {
    return { arch: await loadArchitecture(file), problems: '' };
  } catch (err) {
    if (err instanceof InputError) return { problems: [err.message, ...err.details].join('\n') };
    throw err;
  }
}

describe('external', () => {
  it('takes an address block with a host, and another namespace with a pod selector', async () => {
    const { arch, problems } = await load(
      '      - {cidr: 0.0.0.0/0, except: [10.0.0.0/8], ports: [443], host: s3.amazonaws.com}\n' +
        '      - {namespace: infra, podSelector: {app: postgres}, ports: [5432]}\n' +
        '      - {namespace: dns-cache, ports: [{port: 53, protocol: UDP}]}\n',
    );
    expect(problems).toBe('');
    const policy = synthesize(arch!)
      .files.flatMap((f) => f.objects)
      .find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'w') as any;
    expect(policy.spec.egress).toEqual([
      { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }], ports: [{ protocol: 'TCP', port: 443 }] },
      {
        to: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'infra' } },
            podSelector: { matchLabels: { app: 'postgres' } },
          },
        ],
        ports: [{ protocol: 'TCP', port: 5432 }],
      },
      {
        to: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'dns-cache' } },
            podSelector: { matchLabels: {} },
          },
        ],
        ports: [{ protocol: 'UDP', port: 53 }],
      },
    ]);
  });

  it('reports a namespace that is no DNS label, a bad host and a bad CIDR at their line', async () => {
    const bad = await load(
      '      - {namespace: Not_A_Label, ports: [5432]}\n      - {cidr: 0.0.0.0/0, ports: [443], host: "not a host"}\n      - {cidr: 10.0.0.0/40, ports: [443]}\n',
    );
    expect(bad.problems).toMatch(/architecture\.yaml:8 components\.w\.external\[0\]\.namespace: expected a DNS label/);
    expect(bad.problems).toMatch(/architecture\.yaml:9 components\.w\.external\[1\]\.host: expected a DNS subdomain/);
    expect(bad.problems).toMatch(/architecture\.yaml:10 components\.w\.external\[2\]\.cidr: expected a CIDR/);
  });
});
