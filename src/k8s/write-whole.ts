// A file written whole or not at all: into a temporary file beside it, then renamed over it, so that
// another process reading it meanwhile (a CLI run during a build, two builds at once) sees the old
// content or the new, never half of one. A failed write leaves no temporary file behind.
import { renameSync, rmSync, writeFileSync } from 'node:fs';

export function writeWhole(file: string, content: string | NodeJS.ArrayBufferView): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, file);
  } catch (err) {
    rmSync(temporary, { force: true });
    throw err;
  }
}
