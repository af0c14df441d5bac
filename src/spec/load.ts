// Finding and loading a spec: `architecture.ts` (loaded at run time with jiti, importing
// `shipshape` from this package's own build) or `architecture.yaml`/`.json` (with line numbers for
// errors). Applies the profile, validates the schema and the cross-references, and reports every
// problem at once as an InputError naming file, line and path.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsyaml from 'js-yaml';
import { LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type * as z from 'zod';
import { formatIssues, formatSpecIssues, type Locate, type SpecIssue, type SpecPath } from './errors.js';
import { applyProfile } from './profile.js';
import { architectureSchema, type Architecture } from './schema.js';
import { disabledReferences, withoutDisabled } from './enabled.js';
import { checkSemantics } from './semantics.js';
import { rememberLocator } from './locations.js';
import { InputError } from '../diagnostics/index.js';
import { createSpecJiti } from './jiti.js';
import { providedLibrary } from './library.js';

/** Spec file names, in the order they are looked for inside a folder. */
export const SPEC_FILE_NAMES = [
  'architecture.ts',
  'architecture.mts',
  'architecture.js',
  'architecture.mjs',
  'architecture.yaml',
  'architecture.yml',
  'architecture.json',
];

/** The spec file at `path`: the path itself if it is a spec file, or the spec file inside a folder. */
export function findSpec(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  const st = statSync(path);
  if (st.isFile()) return SPEC_FILE_NAMES.includes(basename(path)) ? path : undefined;
  if (st.isDirectory()) {
    for (const name of SPEC_FILE_NAMES) {
      const candidate = join(path, name);
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    }
  }
  return undefined;
}

interface RawSpec {
  value: unknown;
  /** A YAML or JSON spec (not code). */
  data?: boolean;
  /** The line a path was written at; data specs only. */
  lineOf?: (path: SpecPath) => number | undefined;
}

/** This package's library entry, which `import … from 'shipshape'` in a spec resolves to. */
function ownEntry(): string {
  const js = fileURLToPath(new URL('../index.js', import.meta.url));
  return existsSync(js) ? js : fileURLToPath(new URL('../index.ts', import.meta.url));
}

async function readCodeSpec(file: string): Promise<RawSpec> {
  const library = providedLibrary();
  const jiti = createSpecJiti(import.meta.url, {
    moduleCache: false,
    ...(library ? { virtualModules: { shipshape: library } } : { alias: { shipshape: ownEntry() } }),
  });
  let value: unknown;
  try {
    value = await jiti.import(resolve(file), { default: true });
  } catch (err) {
    throw loadError(file, err);
  }
  return { value };
}

/**
 * What jiti threw, as `file:line:col: reason` and the offending line with a caret. jiti puts the
 * position of a syntax error at the end of its message (`ParseError: Unexpected token … file:4:2`);
 * an error thrown while the spec runs (an import that is not there, a typo'd call) has it in the stack.
 */
function loadError(file: string, err: unknown): InputError {
  const e = err instanceof Error ? err : new Error(String(err));
  const reason = e.message.split('\n')[0].trim();
  const full = resolve(file);
  const position = [e.message, e.stack ?? '']
    .flatMap((text) => [...text.matchAll(/((?:file:\/\/)?\/[^\s():]+):(\d+):(\d+)/g)])
    .find((m) => fileURLToPathSafe(m[1]) === full);
  if (!position) return new InputError(`${file}: could not load the spec: ${reason}`, [], { file });
  const line = Number(position[2]);
  const text = readFileSync(file, 'utf8').split('\n')[line - 1];
  const column = sourceColumn(
    Number(position[3]) + (e.message.includes(position[0]) ? 1 : 0), // jiti's parser counts columns from 0
    text,
    reason,
  );
  const caret = column === undefined ? [] : [`${' '.repeat(Math.max(0, column - 1))}^`];
  return new InputError(
    `${file}:${line}${column === undefined ? '' : `:${column}`}: could not load the spec: ${reason}`,
    text === undefined ? [] : [text, ...caret],
    { file, line, column },
  );
}

/**
 * The column an error's position means in the spec's own line. An error thrown while the spec runs
 * is placed in the code jiti made of it, whose lines keep the source's numbers but not its columns
 * (an import becomes a longer `require`): a column past the line's end is such a one. A module not
 * found is then pointed at where the line names it; anything else has no column.
 */
function sourceColumn(column: number, text: string | undefined, reason: string): number | undefined {
  if (text === undefined || column <= text.length + 1) return column;
  const missing = /^Cannot find module '([^']+)'/.exec(reason)?.[1];
  const at = missing === undefined ? -1 : Math.max(text.indexOf(`'${missing}'`), text.indexOf(`"${missing}"`));
  return at === -1 ? undefined : at + 2; // the name, after its quote
}

function fileURLToPathSafe(path: string): string {
  return path.startsWith('file://') ? fileURLToPath(path) : path;
}

function readDataSpec(file: string): RawSpec {
  const text = readFileSync(file, 'utf8');
  // js-yaml reads a spec ~3× faster than `yaml` and keeps no positions (issue 16): `yaml` reads it
  // again when a position is asked for (a problem to report), and reads a text js-yaml refuses, so
  // that its errors are the ones reported. Both read YAML 1.2's core schema.
  let value: unknown;
  try {
    value = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
  } catch {
    return positionedSpec(file, text);
  }
  // Read with `yaml` at most once: null where it finds an error js-yaml did not (no positions then).
  let positioned: RawSpec | null | undefined;
  return {
    value,
    data: true,
    lineOf: (path) => {
      if (positioned === undefined) {
        try {
          positioned = positionedSpec(file, text);
        } catch {
          positioned = null;
        }
      }
      return positioned?.lineOf?.(path);
    },
  };
}

/** A data spec read with `yaml`, which keeps every node's position; an InputError when it is not valid YAML. */
function positionedSpec(file: string, text: string): RawSpec {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length > 0) {
    throw new InputError(
      `${file}: not valid YAML`,
      doc.errors.map(
        (e) =>
          `${file}:${e.linePos?.[0].line ?? '?'} ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
      ),
      { file, line: doc.errors[0].linePos?.[0].line, column: doc.errors[0].linePos?.[0].col },
    );
  }
  return { value: doc.toJS(), data: true, lineOf: (path) => lineIn(doc, lines, path) };
}

function lineIn(doc: Document.Parsed, lines: LineCounter, path: SpecPath): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as Array<string | number>, true) as Node | undefined;
    if (node && typeof node === 'object' && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

function has(node: unknown, key: PropertyKey): node is Record<PropertyKey, unknown> {
  return typeof node === 'object' && node !== null && Object.prototype.hasOwnProperty.call(node, key);
}

/**
 * Where a path of the merged (profile-applied) spec came from: the profile's override when the
 * profile set that value (or replaced a list or scalar above it), the base spec otherwise.
 */
function sourcePath(value: unknown, profile: string | undefined, path: SpecPath): SpecPath {
  if (profile === undefined) return path;
  const override = has(value, 'profiles') && has(value.profiles, profile) ? value.profiles[profile] : undefined;
  if (!override) return path;
  const inProfile =
    path[0] === 'components'
      ? {
          node: has(override, 'components') ? override.components : undefined,
          rest: path.slice(1),
          prefix: ['profiles', profile, 'components'],
        }
      : { node: override, rest: path, prefix: ['profiles', profile] };
  let node: unknown = inProfile.node;
  for (let i = 0; i < inProfile.rest.length; i++) {
    const key = inProfile.rest[i];
    if (!has(node, key)) return path;
    node = node[key];
    const isObject = typeof node === 'object' && node !== null && !Array.isArray(node);
    if (!isObject) return [...inProfile.prefix, ...inProfile.rest.slice(0, i + 1)];
  }
  return [...inProfile.prefix, ...inProfile.rest];
}

function locator(file: string, raw: RawSpec, profile: string | undefined): Locate {
  return (path) => {
    const source = sourcePath(raw.value, profile, path);
    const line = raw.lineOf?.(source);
    const where = line === undefined ? `${file}:` : `${file}:${line}`;
    return source === path ? where : `${where} (profile ${profile})`;
  };
}

/** Validates the spec with one profile applied (or none); returns the messages of every problem. */
function validate(
  file: string,
  raw: RawSpec,
  profile: string | undefined,
  checkIds: readonly string[] | undefined,
): { arch?: Architecture; errors: string[] } {
  const merged = applyProfile(raw.value as Record<string, unknown>, profile, file);
  const locate = locator(file, raw, profile);
  const parsed = architectureSchema.safeParse(
    { ...merged, profiles: (raw.value as Record<string, unknown>).profiles },
    { reportInput: true },
  );
  if (!parsed.success) {
    const structural = formatIssues(parsed.error.issues, locate, architectureSchema);
    const rest = semanticsOfValidComponents(merged, raw, parsed.error.issues, checkIds);
    return { errors: [...structural, ...formatSpecIssues(rest, locate)] };
  }
  const semantic = semanticIssues(parsed.data, checkIds);
  if (semantic.length > 0) return { errors: formatSpecIssues(semantic, locate) };
  const arch = withoutDisabled(parsed.data);
  rememberLocator(arch, locate);
  return { arch, errors: [] };
}

/** Reference (semantic) problems of a spec that passed the schema. */
function semanticIssues(arch: Architecture, checkIds: readonly string[] | undefined): SpecIssue[] {
  // Disabled components leave the architecture here; references to them are reported once, as such.
  const disabled = disabledReferences(arch);
  const at = new Set(disabled.map((i) => i.path.join('.')));
  return [...disabled, ...checkSemantics(withoutDisabled(arch), checkIds).filter((i) => !at.has(i.path.join('.')))];
}

/**
 * So that structural and reference problems come in one run: unknown fields are dropped (a typo
 * such as `port` leaves the rest of its component checkable), components that still fail the
 * schema are left out, and the reference checks run on what remains; a problem naming a component
 * that failed the schema is not reported (it may be a consequence: `uses: [web]` where web's
 * `ports` is misspelt). A problem outside the components stops there.
 */
function semanticsOfValidComponents(
  merged: Record<string, unknown>,
  raw: RawSpec,
  issues: readonly z.core.$ZodIssue[],
  checkIds: readonly string[] | undefined,
): SpecIssue[] {
  if (issues.some((i) => i.path[0] !== 'components' || typeof i.path[1] !== 'string')) return [];
  const components = structuredClone((merged.components ?? {}) as Record<string, unknown>);
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const holder = issue.path
      .slice(1)
      .reduce<unknown>((node, key) => (has(node, key) ? node[key] : undefined), components);
    if (typeof holder === 'object' && holder !== null)
      for (const key of issue.keys) delete (holder as Record<string, unknown>)[key];
  }
  const parse = () =>
    architectureSchema.safeParse({ ...merged, components, profiles: (raw.value as Record<string, unknown>).profiles });
  const stripped = parse();
  const left = new Set<string>();
  if (!stripped.success) {
    for (const issue of stripped.error.issues) {
      if (issue.path[0] !== 'components' || typeof issue.path[1] !== 'string') return [];
      left.add(issue.path[1]);
    }
    for (const name of left) delete components[name];
  }
  const rest = stripped.success ? stripped : parse();
  if (!rest.success) return [];
  const failed = new Set([...issues.map((i) => String(i.path[1])), ...left]);
  // Reference messages quote the component they name (`no component "x"`, `component "web" declares …`).
  return semanticIssues(rest.data, checkIds).filter(
    (i) =>
      !(i.path[0] === 'components' && failed.has(String(i.path[1]))) &&
      ![...failed].some((name) => i.message.includes(`"${name}"`)),
  );
}

export interface LoadOptions {
  /** The profile to apply; none when not given. */
  profile?: string;
  /** The check ids `acknowledge` may name (the checks' catalogue); not checked when not given. */
  checkIds?: readonly string[];
}

/**
 * Loads and validates a spec once, with every profile: the architecture without a profile (key
 * `undefined`) and with each profile the spec declares. A broken profile fails them all, and so
 * does an `opts.profile` the spec does not declare.
 */
export async function loadArchitectureProfiles(
  file: string,
  opts: LoadOptions = {},
): Promise<Map<string | undefined, Architecture>> {
  if (!existsSync(file)) throw new InputError(`${file}: no such file`, [], { file });
  const raw = /\.(ts|mts|js|mjs)$/.test(file) ? await readCodeSpec(file) : readDataSpec(file);
  if (typeof raw.value !== 'object' || raw.value === null || Array.isArray(raw.value)) {
    throw new InputError(
      `${file}: expected an architecture object${raw.data ? '' : ' as the default export (export default defineArchitecture({…}))'}`,
      [],
      { file },
    );
  }
  const profiles = (raw.value as { profiles?: unknown }).profiles;
  const profileNames = typeof profiles === 'object' && profiles !== null ? Object.keys(profiles) : [];
  if (opts.profile !== undefined && !profileNames.includes(opts.profile))
    applyProfile(raw.value as Record<string, unknown>, opts.profile, file);

  const errors = new Set<string>();
  const loaded = new Map<string | undefined, Architecture>();
  for (const profile of [undefined, ...profileNames]) {
    const result = validate(file, raw, profile, opts.checkIds);
    result.errors.forEach((e) => errors.add(e));
    if (result.arch) loaded.set(profile, result.arch);
  }
  if (errors.size > 0) {
    throw new InputError(`${file}: invalid spec (${errors.size} problem${errors.size === 1 ? '' : 's'})`, [...errors], {
      file,
    });
  }
  // Paths in the spec are relative to it; the loaded architecture carries them absolute.
  for (const arch of loaded.values()) {
    if (arch.localSecrets) arch.localSecrets = resolve(dirname(file), arch.localSecrets);
    for (const component of Object.values(arch.components)) {
      const extra = component.extraObjects;
      if (typeof extra === 'string') component.extraObjects = resolve(dirname(file), extra);
      else if (extra)
        component.extraObjects = extra.map((e) => (typeof e === 'string' ? resolve(dirname(file), e) : e));
    }
  }
  return loaded;
}

/**
 * Loads, profiles and validates a spec. Every profile is validated (a broken `prod` fails a `dev`
 * build too); the result has `profile` applied, or none when it is not given.
 */
export async function loadArchitecture(file: string, opts: LoadOptions = {}): Promise<Architecture> {
  return profileOf(await loadArchitectureProfiles(file, opts), opts.profile, file);
}

/** One profile's architecture from loadArchitectureProfiles (which has failed on an unknown one). */
export function profileOf(
  loaded: Map<string | undefined, Architecture>,
  profile: string | undefined,
  file: string,
): Architecture {
  const architecture = loaded.get(profile);
  if (!architecture) throw new Error(`${file}: profile ${profile} was not loaded`);
  return architecture;
}
