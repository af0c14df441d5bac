// The one exception to "no Secret values": a development secrets file the spec explicitly names
// (`localSecrets`), turned into Secret objects for `secrets-local.yaml`, like the seed's
// hand-written file of that name. Values are checked against the declared Secrets and keys, and
// error messages never repeat a value.
import { readFileSync, existsSync } from 'node:fs';
import { LineCounter, parseDocument, isMap, isScalar, type Node } from 'yaml';
import type { KubeObject } from '../k8s/object.js';
import type { Architecture } from '../spec/schema.js';
import { secretNamespaces } from '../spec/semantics.js';
import { architectureContext } from './context.js';
import { InputError } from '../diagnostics/index.js';

export const LOCAL_SECRETS_FILE = 'secrets-local.yaml';

/** Secret objects from the spec's `localSecrets` file (a path made absolute by the loader); none when the spec names no such file. */
export function localSecretObjects(arch: Architecture): KubeObject[] {
  if (!arch.localSecrets) return [];
  const file = arch.localSecrets;
  if (!existsSync(file)) throw new InputError(`localSecrets: no such file ${file}`, [], { file });
  const lines = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lines });
  const at = (node: Node | null | undefined) => `${file}:${node?.range ? lines.linePos(node.range[0]).line : 1}`;
  if (doc.errors.length > 0)
    throw new InputError(
      `${file}: not valid YAML`,
      doc.errors.map((e) => `${file}:${e.linePos?.[0].line ?? '?'} ${e.message.split('\n')[0]}`),
      { file, line: doc.errors[0].linePos?.[0].line, column: doc.errors[0].linePos?.[0].col },
    );
  if (!isMap(doc.contents))
    throw new InputError(`${at(doc.contents)} expected a map of Secret names to {key: value}`, [], { file });
  const problems: string[] = [];
  const secrets: KubeObject[] = [];
  const ctx = architectureContext(arch);
  for (const pair of doc.contents.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : '';
    const declared = arch.secrets?.[name];
    const value = pair.value as Node | null;
    if (!declared) {
      problems.push(
        `${at(pair.key)} ${name}: not a declared Secret (expected one of: ${Object.keys(arch.secrets ?? {}).join(', ') || 'none declared'})`,
      );
      continue;
    }
    if (!isMap(value)) {
      problems.push(`${at(value)} ${name}: expected a map of keys to string values`);
      continue;
    }
    const stringData: Record<string, string> = {};
    for (const kv of value.items) {
      const key = isScalar(kv.key) ? String(kv.key.value) : '';
      if (!declared.keys.includes(key))
        problems.push(
          `${at(kv.key as Node)} ${name}.${key}: not a declared key (expected one of: ${declared.keys.join(', ')})`,
        );
      else if (!isScalar(kv.value) || typeof kv.value.value !== 'string')
        problems.push(`${at(kv.value as Node)} ${name}.${key}: expected a string (quote it)`);
      else stringData[key] = kv.value.value;
    }
    const missing = declared.keys.filter(
      (k) => !(k in stringData) && !problems.some((p) => p.includes(` ${name}.${k}:`)),
    );
    if (missing.length > 0) problems.push(`${at(value)} ${name}: missing key(s) ${missing.join(', ')}`);
    // One copy in each namespace the Secret is declared in (pods read only their own namespace's).
    for (const namespace of secretNamespaces(arch, name)) {
      secrets.push({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: ctx.metaIn(namespace, name),
        type: 'Opaque',
        stringData,
      });
    }
  }
  if (problems.length > 0)
    throw new InputError(`${file}: invalid local secrets (${problems.length} problem(s))`, problems, { file });
  return secrets;
}
