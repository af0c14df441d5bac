import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANIFEST_FILE, writeOutputDir } from '../../src/pipeline/write-output.js';
import { InputError } from '../../src/diagnostics/index.js';

function tempParent(): string {
  return mkdtempSync(join(tmpdir(), 'shipshape-out-'));
}

describe('writeOutputDir', () => {
  it('creates the folder with the files and a manifest, leaving no temporary folder behind', async () => {
    const parent = tempParent();
    const out = join(parent, 'out');
    const r = await writeOutputDir(out, [
      { path: 'a.yaml', content: 'a: 1\n' },
      { path: 'docs/b.md', content: '# b\n' },
    ]);
    expect(r).toEqual({ written: ['a.yaml', 'docs/b.md'], removed: [] });
    expect(readFileSync(join(out, 'docs/b.md'), 'utf8')).toBe('# b\n');
    const manifest = JSON.parse(readFileSync(join(out, MANIFEST_FILE), 'utf8'));
    expect(Object.keys(manifest.sets.default)).toEqual(['a.yaml', 'docs/b.md']);
    expect(readdirSync(parent)).toEqual(['out']);
  });

  it('removes its own stale files on a re-run and overwrites its own files', async () => {
    const out = join(tempParent(), 'out');
    await writeOutputDir(out, [
      { path: 'a.yaml', content: '1' },
      { path: 'old.yaml', content: '2' },
    ]);
    const r = await writeOutputDir(out, [{ path: 'a.yaml', content: 'new' }]);
    expect(r.removed).toEqual(['old.yaml']);
    expect(existsSync(join(out, 'old.yaml'))).toBe(false);
    expect(readFileSync(join(out, 'a.yaml'), 'utf8')).toBe('new');
  });

  it('leaves a file that already holds its content alone: a re-run that changes nothing writes nothing', async () => {
    const out = join(tempParent(), 'out');
    const files = [
      { path: 'same.yaml', content: 'same\n' },
      { path: 'docs/edited.md', content: 'one\n' },
    ];
    await writeOutputDir(out, files);
    // Time stamps set in the past, so that a rewrite (now) would show.
    const past = new Date('2020-01-01T00:00:00Z');
    for (const p of ['same.yaml', 'docs/edited.md', MANIFEST_FILE]) utimesSync(join(out, p), past, past);
    const mtime = (p: string) => statSync(join(out, p)).mtimeMs;

    expect(await writeOutputDir(out, files)).toEqual({ written: ['same.yaml', 'docs/edited.md'], removed: [] });
    expect([mtime('same.yaml'), mtime('docs/edited.md'), mtime(MANIFEST_FILE)]).toEqual(Array(3).fill(past.getTime()));

    await writeOutputDir(out, [files[0], { path: 'docs/edited.md', content: 'two\n' }]);
    expect(mtime('same.yaml')).toBe(past.getTime());
    expect(mtime('docs/edited.md')).toBeGreaterThan(past.getTime());
    expect(readFileSync(join(out, 'docs/edited.md'), 'utf8')).toBe('two\n');
    expect(mtime(MANIFEST_FILE)).toBeGreaterThan(past.getTime()); // it records the new content's hash
    expect(readdirSync(join(out, '..'))).toEqual(['out']);
  });

  it('never overwrites a file it did not write: InputError, and nothing is written', async () => {
    const out = join(tempParent(), 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'b.yaml'), 'mine');
    await expect(
      writeOutputDir(out, [
        { path: 'a.yaml', content: 'a' },
        { path: 'b.yaml', content: 'b' },
      ]),
    ).rejects.toThrow(InputError);
    expect(readFileSync(join(out, 'b.yaml'), 'utf8')).toBe('mine');
    expect(existsSync(join(out, 'a.yaml'))).toBe(false);
    expect(existsSync(join(out, MANIFEST_FILE))).toBe(false);
  });

  it('never deletes files it did not write, nor its own files changed since', async () => {
    const out = join(tempParent(), 'out');
    await writeOutputDir(out, [
      { path: 'a.yaml', content: 'a' },
      { path: 'edited.yaml', content: 'e' },
    ]);
    writeFileSync(join(out, 'notes.txt'), 'user file');
    writeFileSync(join(out, 'edited.yaml'), 'hand edit');
    const r = await writeOutputDir(out, [{ path: 'a.yaml', content: 'a2' }]);
    expect(r.removed).toEqual([]);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('user file');
    expect(readFileSync(join(out, 'edited.yaml'), 'utf8')).toBe('hand edit');
    // Once edited, the file is the user's: it is not overwritten either.
    await expect(writeOutputDir(out, [{ path: 'edited.yaml', content: 'x' }])).rejects.toThrow(InputError);
    expect(readFileSync(join(out, 'edited.yaml'), 'utf8')).toBe('hand edit');
  });

  it('refuses to overwrite its own file changed since it wrote it', async () => {
    const out = join(tempParent(), 'out');
    await writeOutputDir(out, [{ path: 'a.yaml', content: 'a' }]);
    writeFileSync(join(out, 'a.yaml'), 'hand edit');
    const err = await writeOutputDir(out, [{ path: 'a.yaml', content: 'a2' }]).catch((e: InputError) => e);
    expect((err as InputError).details).toEqual([`${join(out, 'a.yaml')}: changed since shipshape wrote it`]);
    expect(readFileSync(join(out, 'a.yaml'), 'utf8')).toBe('hand edit');
  });

  it('keeps the files of another writer set sharing the folder', async () => {
    const out = join(tempParent(), 'out');
    await writeOutputDir(out, [{ path: 'a.yaml', content: 'a' }], { set: 'build' });
    await writeOutputDir(out, [{ path: 'docs/index.md', content: 'd' }], { set: 'docs' });
    await writeOutputDir(out, [{ path: 'b.yaml', content: 'b' }], { set: 'build' });
    expect(existsSync(join(out, 'docs/index.md'))).toBe(true);
    expect(existsSync(join(out, 'a.yaml'))).toBe(false);
  });

  it('rejects paths outside the folder', async () => {
    const out = join(tempParent(), 'out');
    for (const path of ['../x', '/etc/x', 'a/../../x', '', MANIFEST_FILE]) {
      await expect(writeOutputDir(out, [{ path, content: '' }])).rejects.toThrow(InputError);
    }
    expect(existsSync(out)).toBe(false);
  });
});
