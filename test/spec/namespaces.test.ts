// A component's `namespace`, and what a pod of one namespace cannot read from another.
import { describe, expect, it } from 'vitest';
import { loadArchitecture } from '../../src/spec/load.js';
import { specFile, yamlSpec } from './helpers.js';
import { InputError } from '../../src/diagnostics/index.js';

async function problems(components: string, extra = ''): Promise<string> {
  const file = specFile('architecture.yaml', yamlSpec(components, extra));
  try {
    await loadArchitecture(file);
  } catch (err) {
    if (err instanceof InputError) return [err.message, ...err.details].join('\n');
    throw err;
  }
  return '';
}

const SECRETS = 'secrets:\n  db:\n    keys: [password]\n  tls:\n    keys: [tls.crt, tls.key]\n    namespaces: [edge]\n';

describe('component namespace', () => {
  it('is a DNS label, reported with the file line', async () => {
    const text = await problems('  w:\n    type: worker\n    image: w:1\n    namespace: Not_A_Label\n');
    expect(text).toMatch(/architecture\.yaml:7 components\.w\.namespace: expected a DNS label/);
  });

  it('accepts a component in another namespace', async () => {
    expect(await problems('  w:\n    type: worker\n    image: w:1\n    namespace: jobs\n')).toBe('');
  });

  it('rejects a Secret read in a namespace it is not declared in, and accepts it where it is', async () => {
    const text = await problems(
      '  w:\n    type: worker\n    image: w:1\n    namespace: jobs\n    env:\n      P: {secret: db, key: password}\n    envFrom:\n      - secret: db\n',
      SECRETS,
    );
    expect(text).toContain(
      'components.w.env.P.secret: Secret "db" is not in namespace jobs, where this component runs',
    );
    expect(text).toContain('components.w.envFrom[0].secret: Secret "db" is not in namespace jobs');
    expect(text).toContain('add jobs to secrets.db.namespaces');
    expect(
      await problems(
        '  w:\n    type: worker\n    image: w:1\n    namespace: jobs\n    env:\n      P: {secret: db, key: password}\n',
        'secrets:\n  db:\n    keys: [password]\n    namespaces: [shop, jobs]\n',
      ),
    ).toBe('');
  });

  it('rejects an Ingress TLS Secret declared only in another namespace; an undeclared one is left to check', async () => {
    const web = (ns: string, secret: string) =>
      `  web:\n    type: web\n    image: web:1\n    namespace: ${ns}\n    ports:\n      http: 8080\n    ingress:\n      host: shop.example.com\n      tls: {secretName: ${secret}}\n`;
    expect(await problems(web('front', 'tls'), SECRETS)).toContain(
      'components.web.ingress.tls.secretName: Secret "tls" is not in namespace front',
    );
    expect(await problems(web('edge', 'tls'), SECRETS)).toBe('');
    expect(await problems(web('front', 'issued-by-cert-manager'), SECRETS)).toBe('');
  });

  it("rejects reading another component's ConfigMap across namespaces", async () => {
    const owner = '  api:\n    type: worker\n    image: api:1\n    config:\n      data: {a: "1"}\n';
    const text = await problems(
      `${owner}  w:\n    type: worker\n    image: w:1\n    namespace: jobs\n    env:\n      A: {configMap: api-config, key: a}\n    envFrom:\n      - configMap: api-config\n`,
    );
    expect(text).toContain(
      'components.w.env.A.configMap: ConfigMap "api-config" of component api is in namespace shop, not jobs',
    );
    expect(text).toContain(
      'components.w.envFrom[0].configMap: ConfigMap "api-config" of component api is in namespace shop, not jobs',
    );
    expect(
      await problems(
        `${owner}  w:\n    type: worker\n    image: w:1\n    env:\n      A: {configMap: api-config, key: a}\n`,
      ),
    ).toBe('');
  });
});
