// A ConfigMap value that is itself a config file (config.yaml, settings.json): a document writes it
// with its own quotes, comments and indentation, the build serializes it again, so the two texts
// differ where the settings do not. Such values are compared parsed, leaf by leaf.
import { parse } from 'yaml';
import { isRecord } from '../k8s/object.js';
import { leavesOf } from './fields.js';

/** Keys whose value is a config file by name; any other value counts as one when it parses as a mapping. */
const CONFIG_FILE = /\.(ya?ml|json)$/i;

function parsed(text: string): { value: unknown } | undefined {
  try {
    // YAML 1.2 is a superset of JSON: one parser reads both kinds of file.
    return { value: parse(text) as unknown };
  } catch {
    return undefined;
  }
}

export interface EmbeddedDifference {
  /** Path inside the file, as `fieldsOf` writes paths: `performance.read_timeout`, `schemas[name=ecommerce].tables`. */
  path: string;
  said: unknown;
  /** Absent when the built file has no such leaf. */
  built?: unknown;
  has: boolean;
}

/**
 * The leaves of the document's file that the built file lacks or has with another value; undefined
 * when the two values are not both config files (then they are compared as text).
 */
export function embeddedDifferences(key: string, said: unknown, built: unknown): EmbeddedDifference[] | undefined {
  if (typeof said !== 'string' || typeof built !== 'string') return undefined;
  const mine = parsed(said);
  const theirs = parsed(built);
  if (!mine || !theirs) return undefined;
  const isFile = (v: unknown) => isRecord(v) || Array.isArray(v);
  if (
    !(CONFIG_FILE.test(key)
      ? isFile(mine.value) && isFile(theirs.value)
      : isRecord(mine.value) && isRecord(theirs.value))
  )
    return undefined;
  const a = leavesOf(mine.value);
  const b = leavesOf(theirs.value);
  const out: EmbeddedDifference[] = [];
  for (const [path, v] of a) {
    if (b.has(path) && JSON.stringify(v) === JSON.stringify(b.get(path))) continue;
    out.push(b.has(path) ? { path, said: v, built: b.get(path), has: true } : { path, said: v, has: false });
  }
  return out;
}
