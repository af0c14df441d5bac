// Spec errors for people: `file:line path: expected …, received …`. zod issues are rewritten into
// that form (a union is reported through the alternative the input came closest to), and a
// locator maps each path to its file and line.
import type * as z from 'zod';
import { knownKeysAt, nearest } from './did-you-mean.js';

export type SpecPath = Array<PropertyKey>;
/** Where a path of the spec was written, e.g. `architecture.yaml:14`, or just the file. */
export type Locate = (path: SpecPath) => string;

/** A problem the schema cannot express, with its path in the spec. */
export interface SpecIssue {
  path: Array<string | number>;
  message: string;
}

export function formatPath(path: SpecPath): string {
  return path.reduce<string>((out, seg) => {
    if (typeof seg === 'number') return `${out}[${seg}]`;
    const s = String(seg);
    return out === '' ? s : `${out}.${s}`;
  }, '');
}

function describe(input: unknown): string {
  if (input === undefined) return 'nothing';
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'an object';
  if (typeof input === 'string') return JSON.stringify(input.length > 60 ? `${input.slice(0, 57)}...` : input);
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- what is left (number, boolean, bigint, function) is written as String() writes it
  return String(input);
}

interface Flat {
  path: SpecPath;
  message: string;
}

/** Lower is better: how far the input is from matching one alternative of a union. */
function distance(issues: readonly z.core.$ZodIssue[]): number {
  const atRoot = issues.filter((i) => i.path.length === 0).length;
  return atRoot * 1000 + issues.length;
}

/** The known field names of the object at a path, for "did you mean"; none when unknown. */
type KnownKeys = (path: SpecPath) => string[];

function flatten(issue: z.core.$ZodIssue, base: SpecPath, known: KnownKeys): Flat[] {
  const path = [...base, ...issue.path];
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      return [
        {
          path,
          message:
            input === undefined
              ? `expected ${issue.expected}, but it is missing`
              : `expected ${issue.expected}, received ${describe(input)}`,
        },
      ];
    case 'unrecognized_keys':
      return issue.keys.map((k) => {
        const near = nearest(k, known(path));
        return { path: [...path, k], message: `unknown field${near ? `; did you mean \`${near}\`?` : ''}` };
      });
    case 'invalid_union': {
      const best = [...issue.errors].sort((a, b) => distance(a) - distance(b))[0];
      const rootOnly = !best || best.every((i) => i.path.length === 0 && i.code === 'invalid_type');
      if (rootOnly) {
        const custom = issue.message !== 'Invalid input' ? issue.message : undefined;
        const expected = [
          ...new Set(
            issue.errors
              .flat()
              .filter((i) => i.code === 'invalid_type')
              .map((i) => (i as { expected: string }).expected),
          ),
        ];
        return [{ path, message: `${custom ?? `expected ${expected.join(' or ')}`}, received ${describe(input)}` }];
      }
      return best.flatMap((i) => flatten(i, path, known));
    }
    case 'too_small': {
      const what =
        issue.origin === 'array'
          ? `at least ${issue.minimum} item(s)`
          : issue.origin === 'string'
            ? `at least ${issue.minimum} character(s)`
            : `${issue.inclusive ? '>=' : '>'} ${issue.minimum}`;
      return [{ path, message: `expected ${what}, received ${describe(input)}` }];
    }
    case 'too_big': {
      const what =
        issue.origin === 'array'
          ? `at most ${issue.maximum} item(s)`
          : issue.origin === 'string'
            ? `at most ${issue.maximum} character(s)`
            : `${issue.inclusive ? '<=' : '<'} ${issue.maximum}`;
      return [{ path, message: `expected ${what}, received ${describe(input)}` }];
    }
    case 'invalid_value':
      return [
        {
          path,
          message: `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, received ${describe(input)}`,
        },
      ];
    case 'invalid_key':
      // A record key (a component, port or Secret name): the path already ends in the key.
      return [{ path, message: `invalid name: ${issue.issues.map((i) => i.message).join('; ')}` }];
    default: {
      // Our own refinements carry "expected …" messages; add what was received when it is a value.
      const received = input !== undefined && typeof input !== 'object' ? `, received ${describe(input)}` : '';
      return [{ path, message: `${issue.message}${received}` }];
    }
  }
}

/** One line per problem, in the spec's own order of appearance of the issues. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], locate: Locate, schema?: z.core.$ZodType): string[] {
  const known: KnownKeys = (path) => (schema ? knownKeysAt(schema, path) : []);
  return issues
    .flatMap((i) => flatten(i, [], known))
    .map((f) => `${locate(f.path)} ${formatPath(f.path)}: ${f.message}`);
}

export function formatSpecIssues(issues: Array<{ path: SpecPath; message: string }>, locate: Locate): string[] {
  return issues.map((f) => `${locate(f.path)} ${formatPath(f.path)}: ${f.message}`);
}
