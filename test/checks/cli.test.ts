// `shipshape check` as a user runs it (against the build: `npm test` compiles first): exit codes,
// the JSON shape, SARIF 2.1.0 structure, text for people, the catalogue.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLEAN_APP, doc, variant } from './fixtures.js';

const BIN = new URL('../../bin/shipshape.js', import.meta.url).pathname;
import { CORPUS } from '../shared-paths.js';
const shipshape = (args: string[], input?: string) =>
  spawnSync(process.execPath, [BIN, 'check', ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });

const withError = variant(CLEAN_APP, (d) => {
  doc(d, 'Deployment', 'web').spec.template.spec.containers[0].securityContext.privileged = true;
});
const withWarning = variant(CLEAN_APP, (d) => {
  doc(d, 'Deployment', 'web').spec.template.spec.containers[0].image = 'example/web';
});

describe('shipshape check exit codes', () => {
  it('exits 0 when nothing reaches --fail-on, 1 when something does', () => {
    expect(shipshape(['-', '--disable', 'network-namespace-without-policy'], CLEAN_APP).status).toBe(0);
    expect(shipshape(['-'], withError).status).toBe(1);
    expect(shipshape(['-'], withWarning).status).toBe(0);
    expect(shipshape(['-', '--fail-on', 'warning'], withWarning).status).toBe(1);
    expect(
      shipshape(['-', '--fail-on', 'warning', '--disable', 'latest-tag,network-namespace-without-policy'], withWarning)
        .status,
    ).toBe(0);
  });

  it('exits 2 on bad usage, naming what was expected', () => {
    const unknown = shipshape(['-', '--disable', 'latest-tags'], CLEAN_APP);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown check id(s): latest-tags');
    const nodes = shipshape(['-', '--nodes', 'three'], CLEAN_APP);
    expect(nodes.status).toBe(2);
    expect(nodes.stderr).toContain('--nodes: node pool "three": expected <count>x<cpu>cpu<memory>');
    expect(shipshape(['-', '--fail-on', 'fatal'], CLEAN_APP).status).toBe(2);
    expect(shipshape(['-', '--format', 'xml'], CLEAN_APP).status).toBe(2);
    expect(shipshape([]).status).toBe(2);
    expect(shipshape(['/no/such/path']).status).toBe(2);
  });
});

describe('shipshape check --format json', () => {
  it('prints {findings, summary} with node ids, file and line', () => {
    const r = shipshape(['-', '--format', 'json'], withError);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['findings', 'summary']);
    const f = out.findings.find((x: any) => x.check === 'privileged-container');
    expect(f).toEqual({
      check: 'privileged-container',
      severity: 'error',
      object: 'shop/web[Deployment]',
      path: 'spec.template.spec.containers[0].securityContext.privileged',
      message: 'container "web" runs privileged',
      hint: expect.any(String),
      file: '<stdin>',
      line: expect.any(Number),
      column: expect.any(Number),
    });
    expect(out.summary).toMatchObject({ error: 1, objects: 11 });
    for (const x of out.findings)
      expect(
        Object.keys(x).every((k) =>
          ['check', 'severity', 'object', 'path', 'message', 'hint', 'file', 'line', 'column'].includes(k),
        ),
      ).toBe(true);
  });

  it('never prints a Secret value', () => {
    const leaky = variant(CLEAN_APP, (d) => {
      doc(d, 'Secret', 'web-secret').stringData = { password: 'TOPSECRET-VALUE-42' };
      doc(d, 'Deployment', 'web').spec.template.spec.containers[0].env.push(
        { name: 'API_TOKEN', value: 'ANOTHER-SECRET-99' },
        { name: 'DB_URL', value: 'postgres://u:PW-IN-URL-7@db:5432/x' },
      );
    });
    for (const format of ['json', 'sarif', 'text']) {
      const r = shipshape(['-', '--format', format], leaky);
      expect(r.stdout).not.toMatch(/TOPSECRET-VALUE-42|ANOTHER-SECRET-99|PW-IN-URL-7/);
      expect(r.stdout).toContain(format === 'json' || format === 'text' ? 'API_TOKEN' : 'secret-in-env');
    }
  });
});

// The properties SARIF 2.1.0 defines for the objects shipshape writes (sarif-schema-2.1.0.json
// declares these objects with additionalProperties: false), and the ones it requires.
const SARIF_OBJECTS: Record<string, { allowed: string[]; required: string[] }> = {
  log: {
    allowed: ['$schema', 'version', 'runs', 'inlineExternalProperties', 'properties'],
    required: ['version', 'runs'],
  },
  run: {
    allowed: [
      'tool',
      'invocations',
      'conversion',
      'language',
      'versionControlProvenance',
      'originalUriBaseIds',
      'artifacts',
      'logicalLocations',
      'graphs',
      'results',
      'automationDetails',
      'runAggregates',
      'baselineGuid',
      'redactionTokens',
      'defaultEncoding',
      'defaultSourceLanguage',
      'newlineSequences',
      'columnKind',
      'externalPropertyFileReferences',
      'threadFlowLocations',
      'taxonomies',
      'addresses',
      'translations',
      'policies',
      'webRequests',
      'webResponses',
      'specialLocations',
      'properties',
    ],
    required: ['tool'],
  },
  tool: { allowed: ['driver', 'extensions', 'properties'], required: ['driver'] },
  driver: {
    allowed: [
      'guid',
      'name',
      'organization',
      'product',
      'productSuite',
      'shortDescription',
      'fullDescription',
      'fullName',
      'version',
      'semanticVersion',
      'dottedQuadFileVersion',
      'releaseDateUtc',
      'downloadUri',
      'informationUri',
      'globalMessageStrings',
      'notifications',
      'rules',
      'taxa',
      'locations',
      'language',
      'contents',
      'isComprehensive',
      'localizedDataSemanticVersion',
      'minimumRequiredLocalizedDataSemanticVersion',
      'associatedComponent',
      'translationMetadata',
      'supportedTaxonomies',
      'properties',
    ],
    required: ['name'],
  },
  rule: {
    allowed: [
      'id',
      'deprecatedIds',
      'guid',
      'deprecatedGuids',
      'name',
      'deprecatedNames',
      'shortDescription',
      'fullDescription',
      'messageStrings',
      'defaultConfiguration',
      'helpUri',
      'help',
      'relationships',
      'properties',
    ],
    required: ['id'],
  },
  result: {
    allowed: [
      'ruleId',
      'ruleIndex',
      'rule',
      'kind',
      'level',
      'message',
      'analysisTarget',
      'locations',
      'guid',
      'correlationGuid',
      'occurrenceCount',
      'partialFingerprints',
      'fingerprints',
      'stacks',
      'codeFlows',
      'graphs',
      'graphTraversals',
      'relatedLocations',
      'suppressions',
      'baselineState',
      'rank',
      'attachments',
      'hostedViewerUri',
      'workItemUris',
      'provenance',
      'fixes',
      'taxa',
      'webRequest',
      'webResponse',
      'properties',
    ],
    required: ['message'],
  },
  location: {
    allowed: ['id', 'physicalLocation', 'logicalLocations', 'message', 'annotations', 'relationships', 'properties'],
    required: [],
  },
  physicalLocation: { allowed: ['address', 'artifactLocation', 'region', 'contextRegion', 'properties'], required: [] },
  artifactLocation: { allowed: ['uri', 'uriBaseId', 'index', 'description', 'properties'], required: [] },
  region: {
    allowed: [
      'startLine',
      'startColumn',
      'endLine',
      'endColumn',
      'charOffset',
      'charLength',
      'byteOffset',
      'byteLength',
      'snippet',
      'message',
      'sourceLanguage',
      'properties',
    ],
    required: [],
  },
  logicalLocation: {
    allowed: ['name', 'index', 'fullyQualifiedName', 'decoratedName', 'parentIndex', 'kind', 'properties'],
    required: [],
  },
  message: { allowed: ['text', 'markdown', 'id', 'arguments', 'properties'], required: [] },
  configuration: { allowed: ['enabled', 'level', 'rank', 'parameters', 'properties'], required: [] },
};
const LEVELS = ['none', 'note', 'warning', 'error'];

function shape(kind: string, value: any, at: string): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${at}: ${kind} must be an object`];
  const { allowed, required } = SARIF_OBJECTS[kind];
  return [
    ...Object.keys(value)
      .filter((k) => !allowed.includes(k))
      .map((k) => `${at}.${k}: not a property of ${kind}`),
    ...required.filter((k) => value[k] === undefined).map((k) => `${at}.${k}: required`),
  ];
}

function sarifProblems(log: any): string[] {
  const p = shape('log', log, '$');
  if (log.version !== '2.1.0') p.push('$.version: must be "2.1.0"');
  if (!Array.isArray(log.runs)) return [...p, '$.runs: must be an array'];
  log.runs.forEach((run: any, r: number) => {
    p.push(
      ...shape('run', run, `runs[${r}]`),
      ...shape('tool', run.tool, `runs[${r}].tool`),
      ...shape('driver', run.tool.driver, `runs[${r}].tool.driver`),
    );
    const rules: any[] = run.tool.driver.rules ?? [];
    const ids = new Set<string>();
    rules.forEach((rule, i) => {
      const at = `runs[${r}].tool.driver.rules[${i}]`;
      p.push(...shape('rule', rule, at));
      if (ids.has(rule.id)) p.push(`${at}.id: duplicate`);
      ids.add(rule.id);
      for (const d of ['shortDescription', 'fullDescription', 'help']) {
        if (rule[d] !== undefined) {
          p.push(...shape('message', rule[d], `${at}.${d}`));
          if (typeof rule[d].text !== 'string') p.push(`${at}.${d}.text: required`);
        }
      }
      if (rule.defaultConfiguration) {
        p.push(...shape('configuration', rule.defaultConfiguration, `${at}.defaultConfiguration`));
        if (!LEVELS.includes(rule.defaultConfiguration.level)) p.push(`${at}.defaultConfiguration.level: not a level`);
      }
    });
    (run.results ?? []).forEach((res: any, i: number) => {
      const at = `runs[${r}].results[${i}]`;
      p.push(...shape('result', res, at), ...shape('message', res.message, `${at}.message`));
      if (typeof res.message.text !== 'string' || res.message.text === '') p.push(`${at}.message.text: required`);
      if (!LEVELS.includes(res.level)) p.push(`${at}.level: not a level`);
      if (res.ruleIndex !== undefined && rules[res.ruleIndex]?.id !== res.ruleId)
        p.push(`${at}.ruleIndex: does not point at rule ${res.ruleId}`);
      if (!ids.has(res.ruleId)) p.push(`${at}.ruleId: no such rule`);
      (res.locations ?? []).forEach((loc: any, j: number) => {
        const la = `${at}.locations[${j}]`;
        p.push(...shape('location', loc, la));
        if (loc.physicalLocation) {
          p.push(
            ...shape('physicalLocation', loc.physicalLocation, `${la}.physicalLocation`),
            ...shape(
              'artifactLocation',
              loc.physicalLocation.artifactLocation,
              `${la}.physicalLocation.artifactLocation`,
            ),
          );
          const uri = loc.physicalLocation.artifactLocation.uri;
          if (typeof uri !== 'string' || /[\s\\]/.test(uri) || /^\//.test(uri))
            p.push(`${la}.physicalLocation.artifactLocation.uri: not a relative URI reference`);
          if (loc.physicalLocation.region) {
            p.push(...shape('region', loc.physicalLocation.region, `${la}.physicalLocation.region`));
            if (!Number.isInteger(loc.physicalLocation.region.startLine) || loc.physicalLocation.region.startLine < 1)
              p.push(`${la}.region.startLine: must be an integer ≥ 1`);
          }
        }
        (loc.logicalLocations ?? []).forEach((l: any, k: number) =>
          p.push(...shape('logicalLocation', l, `${la}.logicalLocations[${k}]`)),
        );
      });
      for (const [k, v] of Object.entries(res.partialFingerprints ?? {}))
        if (typeof v !== 'string') p.push(`${at}.partialFingerprints.${k}: must be a string`);
    });
  });
  return p;
}

describe('shipshape check --format sarif', () => {
  it('writes valid SARIF 2.1.0 with rules and located results (a corpus folder)', () => {
    const r = spawnSync(process.execPath, [BIN, 'check', 'bank-of-anthos', '--format', 'sarif'], {
      cwd: CORPUS,
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(sarifProblems(log)).toEqual([]);
    const results = log.runs[0].results;
    const missing = results.find((x: any) => x.ruleId === 'missing-reference');
    expect(missing.level).toBe('error');
    expect(missing.locations[0].physicalLocation.artifactLocation.uri).toMatch(
      /^bank-of-anthos\/kubernetes-manifests\/[a-z-]+\.yaml$/,
    );
    expect(missing.locations[0].physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
    expect(missing.locations[0].logicalLocations[0].fullyQualifiedName).toMatch(/\[Deployment\]$/);
    expect(log.runs[0].tool.driver.rules.map((x: any) => x.id)).toContain('latest-tag');
  });

  it('the structure check itself catches what SARIF forbids', () => {
    expect(
      sarifProblems({
        version: '2.0.0',
        runs: [{ tool: { driver: {} }, results: [{ message: {}, level: 'info', ruleId: 'x', extra: 1 }] }],
      }),
    ).toEqual([
      '$.version: must be "2.1.0"',
      'runs[0].tool.driver.name: required',
      'runs[0].results[0].extra: not a property of result',
      'runs[0].results[0].message.text: required',
      'runs[0].results[0].level: not a level',
      'runs[0].results[0].ruleId: no such rule',
    ]);
  });
});

describe('shipshape check text output', () => {
  it('groups findings by object with file:line, one line each, and a summary', () => {
    const r = shipshape(['-'], withError);
    const lines = r.stdout.split('\n');
    const head = lines.findIndex((l) => l.startsWith('shop/web[Deployment]'));
    expect(lines[head]).toMatch(/^shop\/web\[Deployment\] {2}<stdin>:\d+$/);
    expect(lines.slice(head + 1)).toContainEqual(
      '  error   privileged-container  spec.template.spec.containers[0].securityContext.privileged: container "web" runs privileged',
    );
    expect(lines.filter((l) => l.startsWith('shop/web[Deployment]'))).toHaveLength(1);
    expect(r.stdout).not.toContain('\u001b[');
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^1 error, \d+ warnings?, \d+ info \(11 objects, \d+ checks\)$/);
  });

  it('--list prints the catalogue', () => {
    const r = shipshape(['--list']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ID\s+FAMILY\s+SEVERITY\s+RATIONALE\n/);
    expect(r.stdout).toMatch(/^privileged-container\s+security\s+error\s+A privileged container/m);
  });
});
