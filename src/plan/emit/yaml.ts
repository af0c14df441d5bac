// YAML text of emitted files. YAML 1.1 output quotes `yes`, `on`, `y`, `12:30` and the like, as
// Kubernetes (which reads YAML 1.1) needs.
import { stringify } from 'yaml';

export function yamlDocument(value: unknown): string {
  return stringify(value, { version: '1.1', lineWidth: 0 });
}

export function yamlDocuments(values: unknown[]): string {
  return values.map(yamlDocument).join('---\n');
}

/** A file the emitters produce: a path relative to the output folder, and its text. */
export interface EmittedFile {
  path: string;
  text: string;
}
