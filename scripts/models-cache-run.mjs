// The code caches of the models bundles (scripts/bundle.mjs, src/k8s/bundled-models.ts), taken in a
// process of their own so that k8s/validate.js, evaluated here first, loads the new bundles:
//   node scripts/models-cache-run.mjs <objects.json>
// The common part's cache after validating the objects (the examples' synthesized objects), so that
// validating such objects compiles nothing; the other part's after evaluating each of its kinds;
// the custom resources' after validating an object of each kind.
import { readFileSync } from 'node:fs';
import { MODEL_PARTS, modelsBundle, modelsBundleCache } from '../dist/k8s/bundled-models.js';
import { validateObject } from '../dist/k8s/validate.js';
import { writeWhole } from '../dist/k8s/write-whole.js';

const objects = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const invalid = objects.flatMap((o) =>
  validateObject(o).map((i) => `${o.kind}/${o.metadata?.name} ${i.path}: ${i.message}`),
);
if (invalid.length > 0) throw new Error(`the examples synthesized invalid objects:\n${invalid.join('\n')}`);
for (const load of Object.values(modelsBundle('other').kinds)) load();
// One object of each custom resource's kind: Gateway API's models compile their schema with ajv then.
for (const path of Object.keys(modelsBundle('crds').kinds)) {
  const [, apiVersion, kind] = /^(?:@[^/]+\/)?[^/]+\/(.+)\/([^/]+)$/.exec(path);
  validateObject({ apiVersion, kind, metadata: { name: 'representative' } });
}
for (const part of MODEL_PARTS) writeWhole(modelsBundleCache(part), modelsBundle(part).script.createCachedData());
