import { describe, expect, it } from 'vitest';
import {
  apiVersionChange,
  isBuiltinKind,
  nameProblem,
  portNameProblem,
  validateObject,
} from '../../src/k8s/validate.js';
import type { KubeObject } from '../../src/k8s/object.js';

function deployment(container: Record<string, unknown>, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', labels: { 'app.kubernetes.io/name': 'web' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.27', ...container }] },
      },
      ...extra,
    },
  };
}

describe('validateObject', () => {
  it('accepts a valid Deployment', () => {
    expect(
      validateObject(
        deployment({ ports: [{ name: 'http', containerPort: 8080 }], resources: { limits: { cpu: '1' } } }),
      ),
    ).toEqual([]);
  });

  it('reports type errors with the field path and what was expected', () => {
    const issues = validateObject(deployment({ ports: [{ containerPort: '8080' }] }, { replicas: 'three' }));
    expect(issues).toContainEqual({ path: 'spec.replicas', message: 'expected an integer, got "three"' });
    expect(issues).toContainEqual({
      path: 'spec.template.spec.containers[0].ports[0].containerPort',
      message: 'expected an integer, got "8080"',
    });
  });

  it('never shows a Secret value, even a malformed one', () => {
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      stringData: { password: 424242 },
      data: { token: ['x9z'] },
    };
    const issues = validateObject(secret);
    expect(issues).toContainEqual({ path: 'stringData.password', message: 'expected a string, got a number' });
    expect(issues).toContainEqual({ path: 'data.token', message: 'expected a string, got a list' });
    expect(JSON.stringify(issues)).not.toMatch(/424242|x9z/);
  });

  it('reports missing required fields', () => {
    const o = deployment({});
    delete (o.spec as any).selector;
    expect(validateObject(o)).toContainEqual({ path: 'spec.selector', message: 'missing required field "selector"' });
  });

  it('reports unknown fields (which the OpenAPI schema alone accepts)', () => {
    const issues = validateObject(deployment({ imagePullPolice: 'Always' }, { replica: 3 }));
    expect(issues).toContainEqual({
      path: 'spec.template.spec.containers[0].imagePullPolice',
      message: 'unknown field "imagePullPolice"',
    });
    expect(issues).toContainEqual({ path: 'spec.replica', message: 'unknown field "replica"' });
  });

  it('judges one object shared at two field paths (a YAML alias) by the schema of each path', () => {
    const shared = { containerPort: 8080, port: 8080 }; // a ContainerPort here, an HTTPGetAction there
    const issues = validateObject(deployment({ ports: [shared], readinessProbe: { httpGet: shared } }));
    expect(issues).toContainEqual({
      path: 'spec.template.spec.containers[0].ports[0].port',
      message: 'unknown field "port"',
    });
    expect(issues).toContainEqual({
      path: 'spec.template.spec.containers[0].readinessProbe.httpGet.containerPort',
      message: 'unknown field "containerPort"',
    });
  });

  it('reports every unknown field of a list, each at its index, and validates each item once', () => {
    const issues = validateObject(
      deployment({ ports: [{ containerPort: 80, nam: 'a' }, { containerPort: 81 }, { containerPort: 82, nam: 'c' }] }),
    );
    expect(issues.filter((i) => i.message === 'unknown field "nam"').map((i) => i.path)).toEqual([
      'spec.template.spec.containers[0].ports[0].nam',
      'spec.template.spec.containers[0].ports[2].nam',
    ]);
  });

  it('accepts any key in free-form maps (labels, resources, nodeSelector)', () => {
    const o = deployment({ resources: { limits: { 'nvidia.com/gpu': '1' } } });
    (o.spec as any).template.spec.nodeSelector = { 'kubernetes.io/os': 'linux' };
    expect(validateObject(o)).toEqual([]);
  });

  it('knows fields named "description" although the generated schema drops them', () => {
    const pc = {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'high' },
      value: 1000,
      description: 'important',
    };
    expect(validateObject(pc)).toEqual([]);
  });

  it('rejects invalid names per kind', () => {
    const bad = deployment({});
    bad.metadata.name = 'Web_App';
    expect(validateObject(bad)[0]).toMatchObject({ path: 'metadata.name' });
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: '1web' }, spec: { ports: [{ port: 80 }] } };
    expect(validateObject(svc).map((i) => i.path)).toEqual(['metadata.name']);
    expect(nameProblem('ClusterRole', 'system:aggregate-to-admin')).toBeUndefined();
    expect(nameProblem('Deployment', 'a.b-c')).toBeUndefined();
    expect(nameProblem('Namespace', 'a.b')).toBeDefined();
  });

  it('requires a name unless generateName is set', () => {
    const o = deployment({});
    o.metadata = {};
    expect(validateObject(o)).toContainEqual({ path: 'metadata.name', message: 'missing required field "name"' });
    o.metadata = { generateName: 'web-' };
    expect(validateObject(o)).toEqual([]);
  });

  it('rejects invalid label keys and values, container names and port names', () => {
    const o = deployment({ name: 'Web', ports: [{ name: 'http-metrics-port', containerPort: 80 }] });
    o.metadata.labels = { 'bad key': 'x', ok: 'not valid!' };
    const paths = validateObject(o).map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'metadata.labels["bad key"]',
        'metadata.labels.ok',
        'spec.template.spec.containers[0].name',
        'spec.template.spec.containers[0].ports[0].name',
      ]),
    );
    expect(portNameProblem('http')).toBeUndefined();
    expect(portNameProblem('8080')).toBeDefined();
  });

  it('reports a namespace on a cluster-scoped kind', () => {
    const ns = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'r', namespace: 'x' },
      rules: [],
    };
    expect(validateObject(ns)).toEqual([
      { path: 'metadata.namespace', message: 'ClusterRole is cluster-scoped and takes no namespace' },
    ]);
  });

  it('checks only metadata of custom resources', () => {
    const cr = {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name: 'web' },
      spec: { anything: true },
    };
    expect(isBuiltinKind(cr.apiVersion, cr.kind)).toBe(false);
    expect(validateObject(cr)).toEqual([]);
  });
});

describe('apiVersionChange', () => {
  it('knows removed versions and their replacement', () => {
    expect(apiVersionChange('batch/v1beta1', 'CronJob')).toMatchObject({ replacement: 'batch/v1', removedIn: '1.25' });
    expect(apiVersionChange('extensions/v1beta1', 'Ingress')).toMatchObject({
      replacement: 'networking.k8s.io/v1',
      removedIn: '1.22',
    });
    expect(apiVersionChange('policy/v1beta1', 'PodDisruptionBudget')).toMatchObject({ replacement: 'policy/v1' });
  });
  it('knows deprecated but served versions', () => {
    const c = apiVersionChange('v1', 'Endpoints');
    expect(c?.removedIn).toBeUndefined();
    expect(c?.replacement).toBe('discovery.k8s.io/v1');
  });
  it('leaves current versions alone', () => {
    expect(apiVersionChange('apps/v1', 'Deployment')).toBeUndefined();
    expect(apiVersionChange('autoscaling/v2', 'HorizontalPodAutoscaler')).toBeUndefined();
  });
});
