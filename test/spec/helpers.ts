// Writes spec files into a fresh temp folder for loader tests.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function specFile(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-spec-'));
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

/** A minimal valid YAML spec; `components` is YAML indented by four spaces. */
export function yamlSpec(components: string, extra = ''): string {
  return `name: shop\nnamespace: shop\n${extra}components:\n${components}`;
}
