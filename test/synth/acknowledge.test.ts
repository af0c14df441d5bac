import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/index.js';
import { runChecks } from '../../src/checks/index.js';
import { arch, find, objects } from './helpers.js';

describe('acknowledge → ignore-check annotations', () => {
  const docker = (acknowledge?: Record<string, string>) =>
    arch({
      docker: {
        type: 'daemon',
        image: 'docker:27-dind',
        ports: { docker: 2375 },
        security: { runAsUser: 0, privileged: true },
        ...(acknowledge && { acknowledge }),
      },
    });

  it('writes each reason on the workload', () => {
    const ds = find(objects(docker({ 'privileged-container': 'dockerd needs it' })), 'DaemonSet', 'docker');
    expect(ds.metadata.annotations['ignore-check.shipshape.dev/privileged-container']).toBe('dockerd needs it');
  });

  it('silences exactly the acknowledged checks', () => {
    const findings = (a: ReturnType<typeof docker>) =>
      runChecks(buildGraph(objects(a).map((object) => ({ object, source: { file: 'x' } }))))
        .filter((f) => f.object === 'shop/docker[DaemonSet]')
        .map((f) => f.check);
    expect(findings(docker())).toEqual(expect.arrayContaining(['privileged-container', 'run-as-root']));
    const rest = findings(docker({ 'privileged-container': 'dockerd needs it' }));
    expect(rest).not.toContain('privileged-container');
    expect(rest).toContain('run-as-root');
  });
});

describe('acknowledge on Services', () => {
  it('an exposed Service carries the acknowledgement, so service-exposed is silenced there', () => {
    const a = arch({
      dev: {
        type: 'worker',
        image: 'd:1',
        ports: { http: 8080 },
        service: { type: 'NodePort' },
        acknowledge: { 'service-exposed': 'debug access' },
      },
    });
    expect(find(objects(a), 'Service', 'dev').metadata.annotations['ignore-check.shipshape.dev/service-exposed']).toBe(
      'debug access',
    );
    const checks = runChecks(buildGraph(objects(a).map((object) => ({ object, source: { file: 'x' } })))).map(
      (f) => f.check,
    );
    expect(checks).not.toContain('service-exposed');
  });
});
