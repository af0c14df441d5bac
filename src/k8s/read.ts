// Reading manifests from files, folders and stdin into SourcedObjects (DESIGN.md: manifests are
// parsed into the same objects a spec synthesizes). Problems in the input become messages; only
// an input path that cannot be read at all is an InputError.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { isClusterScoped, nodeId, type SourcedObject } from './object.js';
import { parseManifestText, type ParsedDocuments } from './read-documents.js';
import { CHART_FILE, KUSTOMIZATION_FILES, nonManifestKind } from './non-manifests.js';
import { kustomizeSource, renderKustomization } from './kustomize.js';
import { InputError, type Message } from '../diagnostics/index.js';
import { startStage, type Stage } from '../diagnostics/progress.js';

export interface ReadOptions {
  /** Namespace for namespaced objects that carry none (default: `default`, as kubectl does). */
  namespace?: string;
  /** The text of `-` (stdin); read from process.stdin when absent. */
  stdinText?: string;
  /** Render Kustomize folders with `kubectl kustomize` (default); false reads their files raw. */
  render?: boolean;
}

export interface ReadResult {
  objects: SourcedObject[];
  messages: Message[];
  /** The texts no file holds (stdin, `kubectl kustomize` output), by the `file` their objects carry. */
  texts?: Map<string, string>;
}

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
/** The `file` given to objects read from stdin. */
export const STDIN_FILE = '<stdin>';

/** Reads every manifest under `inputs` (files, folders recursively, `-` for stdin), in a stable order. */
export async function readManifests(inputs: string[], opts: ReadOptions = {}): Promise<ReadResult> {
  const result: ReadResult = { objects: [], messages: [], texts: new Map() };
  const stage = startStage('reading manifests');
  try {
    for (const input of inputs) await readInput(input, opts, result, stage);
  } finally {
    stage.end();
  }
  const namespace = opts.namespace ?? 'default';
  for (const { object } of result.objects) {
    if (!isClusterScoped(object.kind) && !object.metadata.namespace) object.metadata.namespace = namespace;
    if (isClusterScoped(object.kind)) delete object.metadata.namespace; // the API server ignores it too
  }
  result.objects = withoutDuplicates(result.objects, result.messages);
  return result;
}

/** Reads one input argument into `result`, telling `stage` the file and document it is at. */
async function readInput(input: string, opts: ReadOptions, result: ReadResult, stage: Stage): Promise<void> {
  const parse = (text: string, file: string, json: boolean, at: string) =>
    parseManifestText(text, file, {
      json,
      onDocument: (done, total, parsed) =>
        stage.update(
          () => `${at}document ${done}/${total} of ${file}, ${result.objects.length + parsed.objects.length} objects`,
        ),
    });
  if (input === '-') {
    const text = opts.stdinText ?? (await readStdin());
    result.texts?.set(STDIN_FILE, text);
    add(result, parse(text, STDIN_FILE, looksLikeJson(text), ''));
    return;
  }
  const entries = manifestEntries(input, opts.render ?? true);
  for (const [i, entry] of entries.entries()) {
    const at = entries.length > 1 ? `file ${i + 1}/${entries.length}, ` : '';
    if ('kustomize' in entry) {
      stage.update(() => `${at}kubectl kustomize ${entry.kustomize}`);
      const rendered = await renderKustomization(entry.kustomize);
      result.texts?.set(kustomizeSource(entry.kustomize), rendered);
      add(result, parse(rendered, kustomizeSource(entry.kustomize), false, at));
      continue;
    }
    const file = entry.file;
    let text: string;
    try {
      // A regular file is read synchronously: the process has nothing else to do meanwhile, and an
      // awaited read per file left it idle between files (~200 ms over the corpus' 327 files; issue
      // 16). A pipe or device is awaited: its writer may be this process (a test) or slow.
      text = entry.regular ? readFileSync(file, 'utf8') : await readFile(file, 'utf8');
    } catch (err) {
      result.messages.push({ severity: 'error', file, message: `${file}: cannot read: ${(err as Error).message}` });
      continue;
    }
    const parsed = parse(text, file, extname(file).toLowerCase() === '.json' || looksLikeJson(text), at);
    if (file !== input) {
      // Found by walking a folder: a file named like one that sits beside manifests (Helm values,
      // a Kustomization read raw …) or holding only well-known data (Prometheus rule files,
      // Grafana dashboards) is not a manifest: one note instead of an error per document. Other
      // YAML without apiVersion and kind stays an error (issue 13).
      const known = nonManifestKind(file);
      const onlyKnownData = parsed.documents > 0 && parsed.knownData.length === parsed.documents;
      if ((known && !holdsObjects(parsed)) || onlyKnownData) {
        result.messages.push({
          severity: 'info',
          file,
          message: `${file}: skipped, ${known ?? parsed.knownData[0]}, not a manifest`,
        });
        continue;
      }
    }
    add(result, parsed);
  }
}

function add(result: ReadResult, parsed: Pick<ReadResult, 'objects' | 'messages'>): void {
  result.objects.push(...parsed.objects);
  result.messages.push(...parsed.messages);
}

/** Whether any document of a well-known non-manifest file is a Kubernetes object after all (a Kustomization is not). */
function holdsObjects(parsed: ParsedDocuments): boolean {
  return parsed.objects.some(({ object }) => !object.apiVersion.startsWith('kustomize.config.k8s.io/'));
}

/** A JSON manifest is one value; its text must not be split at `---`. */
function looksLikeJson(text: string): boolean {
  return /^\s*[{[]/.test(text) && /[}\]]\s*$/.test(text) && !/^---/m.test(text);
}

/** A manifest file to read (a regular file, or a pipe or device named as an input), or a Kustomize root to render. */
type ManifestEntry = { file: string; regular: boolean } | { kustomize: string };

function manifestEntries(input: string, render: boolean): ManifestEntry[] {
  let info;
  try {
    info = statSync(input);
  } catch {
    throw new InputError(
      `${input}: no such file or folder (expected manifests: a .yaml/.yml/.json file, a folder of them, or - for stdin)`,
      [],
      { file: input },
    );
  }
  // A path named explicitly that is not a folder is read whatever its extension or type: a file, but
  // also a pipe or device such as `<(kubectl get deploy -o yaml)` or /dev/stdin.
  if (!info.isDirectory()) return [{ file: input, regular: info.isFile() }];
  const found: ManifestEntry[] = [];
  const walk = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true });
    const names = new Set(entries.filter((e) => e.isFile()).map((e) => e.name));
    if (names.has(CHART_FILE))
      throw new InputError(
        `${dir}: a Helm chart; render it with \`helm template <release> ${dir} > rendered.yaml\` and pass the output`,
        [],
        { file: join(dir, CHART_FILE) },
      );
    if (render && KUSTOMIZATION_FILES.some((k) => names.has(k))) {
      found.push({ kustomize: dir });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue; // tool folders (.git, .tools) hold no manifests
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (
        e.isFile() &&
        (MANIFEST_EXTENSIONS.has(extname(e.name).toLowerCase()) || KUSTOMIZATION_FILES.includes(e.name))
      )
        found.push({ file: path, regular: true });
    }
  };
  walk(input);
  return found;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Same kind, namespace and name twice: the first is kept and every later one reported. */
function withoutDuplicates(objects: SourcedObject[], messages: Message[]): SourcedObject[] {
  const seen = new Map<string, SourcedObject>();
  const kept: SourcedObject[] = [];
  for (const o of objects) {
    const id = nodeId(o.object.kind, o.object.metadata.name ?? '', o.object.metadata.namespace);
    const first = seen.get(id);
    if (first) {
      messages.push({
        severity: 'warning',
        file: o.source.file,
        document: o.source.document,
        line: o.source.line,
        message: `${where(o)}: duplicate object ${id}, first defined at ${where(first)}; this one is ignored`,
      });
      continue;
    }
    seen.set(id, o);
    kept.push(o);
  }
  return kept;
}

function where(o: SourcedObject): string {
  return `${o.source.file ?? '?'}:${o.source.line ?? '?'} document ${o.source.document ?? '?'}`;
}
