// What a generator family is: it turns a component, a namespace or the whole architecture into
// objects (and other files). Families implement it; the registry (registry.ts) lists them.
import type { KubeObject } from '../k8s/object.js';
import type { ArchitectureContext, ComponentContext } from './context.js';

export interface GeneratorFamily {
  /** Kebab-case name, for error messages. */
  name: string;
  forComponent?(ctx: ComponentContext): KubeObject[];
  forNamespace?(ctx: ArchitectureContext): KubeObject[];
  /** Files that are not Kubernetes objects (e.g. RUNBOOKS.md, dashboards JSON), written beside the manifests. */
  files?(ctx: ArchitectureContext): ExtraFile[];
}

export interface ExtraFile {
  /** Relative to the output folder, `/`-separated. */
  file: string;
  content: string;
}
