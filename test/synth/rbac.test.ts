// Spec `rbac`: a component's ServiceAccount permissions become a Role + RoleBinding, the clusterWide
// rules a ClusterRole + ClusterRoleBinding; the token is mounted; shared ServiceAccounts share rules.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/diagnostics/index.js';
import { loadArchitecture } from '../../src/spec/load.js';
import { checkSemantics } from '../../src/spec/semantics.js';
import { specFile, yamlSpec } from '../spec/helpers.js';
import { arch, find, objects } from './helpers.js';

const LEASES = { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'update'] };
const NODES = { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list'], clusterWide: true };

describe('rbac: Role and RoleBinding for the namespaced rules', () => {
  const list = objects(
    arch({ elector: { type: 'worker', image: 'e:1', rbac: [{ ...LEASES, resourceNames: ['elector'] }] } }),
  );

  it('a Role named after the ServiceAccount, with the rules as the API writes them', () => {
    const role = find(list, 'Role', 'elector');
    expect(role.apiVersion).toBe('rbac.authorization.k8s.io/v1');
    expect(role.metadata.namespace).toBe('shop');
    expect(role.rules).toEqual([
      {
        apiGroups: ['coordination.k8s.io'],
        resources: ['leases'],
        resourceNames: ['elector'],
        verbs: ['get', 'update'],
      },
    ]);
  });

  it('a RoleBinding of that Role to the component’s own ServiceAccount', () => {
    const binding = find(list, 'RoleBinding', 'elector');
    expect(binding.metadata.namespace).toBe('shop');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'elector' });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'elector', namespace: 'shop' }]);
    expect(find(list, 'Deployment', 'elector').spec.template.spec.serviceAccountName).toBe('elector');
  });

  it('no cluster-wide objects when no rule asks for them', () => {
    expect(list.filter((o) => o.kind.startsWith('Cluster'))).toEqual([]);
  });

  it('mounts the API token (pod and ServiceAccount), unless automountToken says false', () => {
    expect(find(list, 'Deployment', 'elector').spec.template.spec.automountServiceAccountToken).toBe(true);
    expect(find(list, 'ServiceAccount', 'elector').automountServiceAccountToken).toBe(true);
    const off = objects(
      arch({ e: { type: 'worker', image: 'e:1', rbac: [LEASES], serviceAccount: { automountToken: false } } }),
    );
    expect(find(off, 'Deployment', 'e').spec.template.spec.automountServiceAccountToken).toBe(false);
    const none = objects(arch({ e: { type: 'worker', image: 'e:1' } }));
    expect(find(none, 'Deployment', 'e').spec.template.spec.automountServiceAccountToken).toBe(false);
  });
});

describe('rbac: clusterWide rules', () => {
  const list = objects(arch({ agent: { type: 'daemon', image: 'a:1', namespace: 'ops', rbac: [LEASES, NODES] } }));

  it('a ClusterRole and ClusterRoleBinding named <namespace>-<serviceaccount>, without a namespace', () => {
    const role = find(list, 'ClusterRole', 'ops-agent');
    expect(role.metadata.namespace).toBeUndefined();
    expect(role.rules).toEqual([{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list'] }]);
    const binding = find(list, 'ClusterRoleBinding', 'ops-agent');
    expect(binding.metadata.namespace).toBeUndefined();
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'ops-agent' });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'agent', namespace: 'ops' }]);
  });

  it('the namespaced rules stay in a Role of the component’s namespace', () => {
    expect(find(list, 'Role', 'agent').metadata.namespace).toBe('ops');
    expect(find(list, 'Role', 'agent').rules).toHaveLength(1);
  });
});

describe('rbac on a shared ServiceAccount', () => {
  const shared = (rbac?: unknown[]) => ({
    type: 'worker' as const,
    image: 'w:1',
    serviceAccount: { name: 'cdc' },
    ...(rbac ? { rbac: rbac as never } : {}),
  });

  it('made once, with the ServiceAccount, when every sharer declares the same rules', () => {
    const a = arch({ a: shared([LEASES]), b: shared([LEASES]) });
    expect(checkSemantics(a)).toEqual([]);
    const list = objects(a);
    expect(list.filter((o) => o.kind === 'Role').map((o) => o.metadata.name)).toEqual(['cdc']);
    expect(list.filter((o) => o.kind === 'RoleBinding')).toHaveLength(1);
  });

  it('an error when sharers declare different rules, or one declares none', () => {
    expect(
      checkSemantics(arch({ a: shared([LEASES]), b: shared() })).map((i) => [i.path.join('.'), i.message]),
    ).toEqual(
      expect.arrayContaining([
        [
          'components.b.rbac',
          'ServiceAccount "cdc" is shared with a, which declares other rbac rules: components sharing a ServiceAccount share its permissions, so declare the same rules or give this component its own ServiceAccount',
        ],
      ]),
    );
    expect(checkSemantics(arch({ a: shared([LEASES]), b: shared([NODES]) })).map((i) => i.path.join('.'))).toContain(
      'components.b.rbac',
    );
  });
});

describe('rbac in the schema', () => {
  async function errorOf(components: string): Promise<InputError> {
    const file = specFile('architecture.yaml', yamlSpec(components));
    const err = await loadArchitecture(file).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(err instanceof InputError)) throw new Error(`expected an InputError, got ${String(err)}`);
    return err;
  }
  const worker = `  w:\n    type: worker\n    image: w:1\n    rbac:\n`;

  it('rejects an unknown field with the nearest known one', async () => {
    const err = await errorOf(
      `${worker}      - apiGroups: [""]\n        resources: [pods]\n        verbs: [get]\n        resourceName: [x]\n`,
    );
    expect(err.details.join('\n')).toContain(
      'components.w.rbac[0].resourceName: unknown field; did you mean `resourceNames`?',
    );
  });

  it('rejects create limited by resourceNames, which the authorizer can never match', async () => {
    const err = await errorOf(
      `${worker}      - apiGroups: [coordination.k8s.io]\n        resources: [leases]\n        verbs: [create, get]\n        resourceNames: [w]\n`,
    );
    expect(err.details.join('\n')).toContain(
      'components.w.rbac[0].verbs: create cannot be limited by resourceNames (the object has no name when it is authorized): put it in a rule of its own',
    );
  });

  it('requires apiGroups, resources and verbs', async () => {
    const err = await errorOf(`${worker}      - resources: [pods]\n        verbs: []\n`);
    const text = err.details.join('\n');
    expect(text).toContain('components.w.rbac[0].apiGroups');
    expect(text).toContain('components.w.rbac[0].verbs');
  });

  it('accepts subresources and */scale, rejects a kind name', async () => {
    const err = await errorOf(
      `${worker}      - apiGroups: [""]\n        resources: [pods/log, "*/scale", Pod]\n        verbs: [get]\n`,
    );
    expect(err.details).toHaveLength(1);
    expect(err.details[0]).toContain('components.w.rbac[0].resources[2]');
  });
});
