// Writing an output folder safely (build, docs, plan emitters). Everything is first written into a
// temporary folder beside the target and moved into place only when complete. What shipshape wrote
// is recorded in `.shipshape-manifest.json` in the output folder (path → sha256 of the content, per
// writer "set"), so a re-run removes its own stale files — and never deletes or overwrites a file
// it did not write, or one changed since it wrote it: that is an InputError and nothing is written.
// A file that already holds what it would be written with is not written again.
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, normalize } from 'node:path';
import { promisify } from 'node:util';
import { InputError } from '../diagnostics/index.js';
import type { OutputFile } from '../vocabulary/output-file.js';

export const MANIFEST_FILE = '.shipshape-manifest.json';

/** The file system calls writing makes, as promises. */
interface FileSystem {
  mkdir(path: string, options?: fs.MakeDirectoryOptions): Promise<unknown>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: fs.RmOptions): Promise<void>;
  rmdir(path: string): Promise<void>;
  stat(path: string): Promise<fs.Stats>;
  unlink(path: string): Promise<void>;
  writeFile(path: string, content: string): Promise<void>;
}

// node:fs's functions promisified, not node:fs/promises: that loads eight more of Node's modules
// (readline's among them), ~1 ms of every build (issue 16).
const CONCURRENT: FileSystem = {
  mkdir: promisify(fs.mkdir),
  rename: promisify(fs.rename),
  rm: promisify(fs.rm),
  rmdir: promisify(fs.rmdir),
  stat: promisify(fs.stat),
  unlink: promisify(fs.unlink),
  writeFile: promisify(fs.writeFile),
};

/** A synchronous call's result, or what it threw, as a settled promise (the executor runs at once). */
const settled = <T>(call: () => T): Promise<T> => new Promise((resolve) => resolve(call()));

/** The synchronous calls, each a settled promise: for a few files, libuv's thread pool costs more than it saves. */
const SEQUENTIAL: FileSystem = {
  mkdir: (path, options) => settled(() => fs.mkdirSync(path, options)),
  rename: (from, to) => settled(() => fs.renameSync(from, to)),
  rm: (path, options) => settled(() => fs.rmSync(path, options)),
  rmdir: (path) => settled(() => fs.rmdirSync(path)),
  stat: (path) => settled(() => fs.statSync(path)),
  unlink: (path) => settled(() => fs.unlinkSync(path)),
  writeFile: (path, content) => settled(() => fs.writeFileSync(path, content)),
};

/**
 * From this many files to write, move or remove, they go through the thread pool concurrently;
 * below it, one after the other, synchronously: each awaited step is a round trip through the pool,
 * which costs more than a few small writes (measured building into a new folder: sagaz, 23 files,
 * ~10 ms less synchronously; 63 and 153 files about even; 603 files faster concurrently).
 */
export const CONCURRENT_FROM = 64;

interface Manifest {
  generator: 'shipshape';
  /** Writer set (e.g. `build`, `docs`) → relative path (with `/`) → sha256 of what was written. */
  sets: Record<string, Record<string, string>>;
}

export interface WriteOptions {
  /**
   * Which writer this is (default `default`). Stale files are only those this set wrote before, so
   * several commands can share one output folder without removing each other's files.
   */
  set?: string;
}

const sha256 = (content: string | Buffer) => createHash('sha256').update(content).digest('hex');

function checkPath(p: string): void {
  const parts = p.split('/');
  if (
    p === '' ||
    isAbsolute(p) ||
    p.includes('\\') ||
    parts.some((s) => s === '' || s === '.' || s === '..') ||
    p === MANIFEST_FILE
  ) {
    throw new InputError(`cannot write "${p}": expected a relative path inside the output folder`);
  }
}

/** The output folder's manifest, and its text as it is on disk (undefined when there is none). */
function readManifest(outDir: string): { manifest: Manifest; text?: string } {
  const file = join(outDir, MANIFEST_FILE);
  if (!existsSync(file)) return { manifest: { generator: 'shipshape', sets: {} } };
  try {
    const text = readFileSync(file, 'utf8');
    const m = JSON.parse(text) as Manifest;
    if (m.generator !== 'shipshape' || typeof m.sets !== 'object' || m.sets === null)
      throw new Error('unexpected shape');
    return { manifest: m, text };
  } catch (err) {
    throw new InputError(
      `${file}: not a shipshape manifest (${(err as Error).message}); remove it or choose another output folder`,
    );
  }
}

/** The hash of the file as it is on disk; undefined when absent, null when it is not a regular file. */
function currentHash(file: string): string | undefined | null {
  try {
    const st = statSync(file);
    if (!st.isFile()) return null;
    return sha256(readFileSync(file));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR')
      return undefined;
    throw err;
  }
}

/**
 * Creates `dir` and its missing parents one level at a time and returns the folders it created,
 * outermost first. Node's recursive mkdir is not used outside our own temporary folder: where a file
 * system answers ENOENT for a folder whose parent exists (procfs does), it creates the parent and
 * retries forever at 100% CPU.
 */
async function makeFolders(dir: string, io: FileSystem): Promise<string[]> {
  const missing: string[] = [];
  for (let at = normalize(dir); ; at = dirname(at)) {
    try {
      if (!(await io.stat(at)).isDirectory()) throw errnoError('ENOTDIR', `${at} is not a folder`);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(at) === at) throw err;
      missing.unshift(at);
    }
  }
  const created: string[] = [];
  try {
    for (const folder of missing) {
      await io.mkdir(folder);
      created.push(folder);
    }
  } catch (err) {
    await removeFolders(created, io);
    throw err;
  }
  return created;
}

async function removeFolders(created: string[], io: FileSystem): Promise<void> {
  for (const folder of [...created].reverse()) await io.rmdir(folder).catch(() => undefined);
}

function errnoError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/** Why a file system refused the output folder; every such refusal is bad input (exit 2), not a bug. */
const OUTPUT_PATH_ERRORS = new Set([
  'ENOTDIR',
  'EACCES',
  'EPERM',
  'EROFS',
  'ENOENT',
  'EEXIST',
  'EISDIR',
  'ENOSPC',
  'EDQUOT',
  'ENAMETOOLONG',
  'ELOOP',
  'EXDEV',
  'EINVAL',
]);

/**
 * Writes `files` into `outDir` atomically (see the top of this file). A path the file system
 * refuses (not a folder, no permission, read-only, a pseudo-file system such as /proc or /sys) is
 * an InputError of one line, and nothing is left behind.
 */
export async function writeOutputDir(
  outDir: string,
  files: OutputFile[],
  opts: WriteOptions = {},
): Promise<{ written: string[]; removed: string[] }> {
  try {
    return await writeFiles(outDir, files, opts);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== undefined && OUTPUT_PATH_ERRORS.has(code))
      throw new InputError(`${outDir}: cannot write the output folder: ${(err as Error).message}`, [], {
        file: outDir,
      });
    throw err;
  }
}

async function writeFiles(
  outDir: string,
  files: OutputFile[],
  opts: WriteOptions,
): Promise<{ written: string[]; removed: string[] }> {
  const set = opts.set ?? 'default';
  const seen = new Set<string>();
  for (const f of files) {
    checkPath(f.path);
    if (seen.has(f.path)) throw new InputError(`cannot write "${f.path}" twice`);
    seen.add(f.path);
  }
  // Reading is synchronous up to the first write: the first asynchronous call starts libuv's thread
  // pool, 1–5 ms, and a re-run that changes nothing then never needs it (issue 16).
  if (existsSync(outDir) && !statSync(outDir).isDirectory())
    throw new InputError(`${outDir}: exists and is not a folder`);

  const { manifest, text: manifestOnDisk } = readManifest(outDir);
  const recorded = new Map<string, string>();
  for (const entries of Object.values(manifest.sets)) for (const [p, h] of Object.entries(entries)) recorded.set(p, h);

  // One pass over every path the guard needs (the files to write and this set's previous files),
  // all at once: each is stat-ed and hashed once.
  const previous = manifest.sets[set] ?? {};
  const paths = [...new Set([...seen, ...Object.keys(previous)])];
  const hashes = new Map(paths.map((p) => [p, currentHash(join(outDir, p))] as const));

  // 1. Refuse before writing anything: files shipshape did not write, or that changed since.
  const conflicts: string[] = [];
  for (const f of files) {
    const target = join(outDir, f.path);
    const hash = hashes.get(f.path);
    if (hash === undefined) continue;
    if (hash === null) conflicts.push(`${target}: exists and is not a file`);
    else if (!recorded.has(f.path)) conflicts.push(`${target}: not written by shipshape`);
    else if (recorded.get(f.path) !== hash) conflicts.push(`${target}: changed since shipshape wrote it`);
  }
  if (conflicts.length > 0) {
    throw new InputError(
      `${outDir}: refusing to overwrite ${conflicts.length} file(s); move them away or choose another output folder`,
      conflicts,
    );
  }

  // 2. Stale files of this set: removed only when unchanged since written.
  const stale = Object.entries(previous)
    .filter(([p, h]) => !seen.has(p) && hashes.get(p) === h)
    .map(([p]) => p);

  const next: Manifest = { generator: 'shipshape', sets: { ...manifest.sets, [set]: {} } };
  for (const [otherSet, entries] of Object.entries(next.sets)) {
    if (otherSet === set) continue;
    next.sets[otherSet] = Object.fromEntries(Object.entries(entries).filter(([p]) => !seen.has(p)));
  }
  for (const f of files) next.sets[set][f.path] = sha256(f.content);
  const manifestText = `${JSON.stringify(next, null, 2)}\n`;

  // A file already holding what it would be written with is left alone (its time stamp too): a
  // re-run that changes nothing writes nothing.
  const changed = files.filter((f) => hashes.get(f.path) !== next.sets[set][f.path]);
  if (changed.length === 0 && stale.length === 0 && manifestOnDisk === manifestText)
    return { written: files.map((f) => f.path), removed: [] };

  // 3. Write everything into a temporary folder beside the target (same file system: renames are atomic).
  const tmp = join(
    dirname(outDir),
    `.${basename(outDir)}.shipshape-tmp-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  const io = changed.length + stale.length >= CONCURRENT_FROM ? CONCURRENT : SEQUENTIAL;
  const createdParents = existsSync(outDir) ? [] : await makeFolders(dirname(outDir), io);
  let moved = false;
  try {
    await io.mkdir(tmp);
    // Each folder once, then every file at once.
    const folders = new Set(changed.map((f) => dirname(join(tmp, ...f.path.split('/')))));
    await Promise.all([...folders].map((d) => io.mkdir(d, { recursive: true })));
    await Promise.all([
      ...changed.map((f) => io.writeFile(join(tmp, ...f.path.split('/')), f.content)),
      io.writeFile(join(tmp, MANIFEST_FILE), manifestText),
    ]);

    // 4. Move into place: the whole folder when it is new, file by file (manifest last) otherwise.
    if (!existsSync(outDir)) {
      await io.rename(tmp, outDir);
    } else {
      const targets = changed.map((f) => f.path.split('/'));
      await Promise.all(
        [...new Set(targets.map((t) => dirname(join(outDir, ...t))))].map((d) => io.mkdir(d, { recursive: true })),
      );
      await Promise.all(targets.map((t) => io.rename(join(tmp, ...t), join(outDir, ...t))));
      await Promise.all(stale.map((p) => io.unlink(join(outDir, ...p.split('/')))));
      await io.rename(join(tmp, MANIFEST_FILE), join(outDir, MANIFEST_FILE));
    }
    moved = true;
  } finally {
    await io.rm(tmp, { recursive: true, force: true });
    if (!moved) await removeFolders(createdParents, io);
  }
  return { written: files.map((f) => f.path), removed: stale };
}
