// The RBAC a spec's `rbac` generates is what the RBAC checks ask for: for every example under every
// one of its profiles, no rbac-* finding, no wildcard or cluster-admin finding, and no token mounted
// where nothing is granted. The examples that declare rbac are named, so the test cannot pass by
// generating none.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/checks/index.js';
import { loadGraph } from '../../src/pipeline/input.js';
import { loadArchitecture } from '../../src/spec/load.js';
import { EXAMPLES } from '../examples/built.js';

const RBAC_CHECKS = (id: string) =>
  id.startsWith('rbac-') ||
  ['wildcard-rbac', 'cluster-admin-binding', 'service-account-token-automount', 'default-service-account'].includes(id);

/** Examples whose spec declares rbac, and the kinds it must generate (under the default profile). */
const WITH_RBAC: Record<string, string[]> = {
  'cartridge-warp': ['Role', 'RoleBinding'],
  'kitchen-sink': ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'],
};

const examples = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

describe.each(examples)('examples/%s: generated RBAC passes the RBAC checks', (name) => {
  const file = `${EXAMPLES}${name}/architecture.ts`;

  it('under every profile', async () => {
    const profiles = Object.keys((await loadArchitecture(file)).profiles ?? {});
    for (const profile of [undefined, ...profiles]) {
      const { graph } = await loadGraph(file, { profile });
      const kinds = new Set(graph.nodes.map((n) => n.kind));
      for (const kind of WITH_RBAC[name] ?? []) expect(kinds, `${name} --profile ${profile}`).toContain(kind);
      const found = runChecks(graph)
        .filter((f) => RBAC_CHECKS(f.check))
        .map((f) => `${profile ?? 'default'}: ${f.check} ${f.object} ${f.message}`);
      expect(found).toEqual([]);
    }
  });
});
