// YAML text of the emitters' own documents (kustomizations, patches, Flux objects); Kubernetes
// objects themselves are written with k8s/write.ts. YAML 1.1 output quotes `yes`, `on`, `y`,
// `12:30` and the like, as Kubernetes (which reads YAML 1.1) needs.
import { stringify } from 'yaml';

export function yamlDocument(value: unknown): string {
  return stringify(value, { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false });
}

export function yamlDocuments(values: unknown[]): string {
  return values.map((v) => `---\n${yamlDocument(v)}`).join('');
}

/** A file the emitters produce: a path relative to the output folder (`/`-separated), and its text. */
export interface EmittedFile {
  path: string;
  content: string;
}
