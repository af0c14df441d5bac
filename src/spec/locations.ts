// Where each path of a loaded architecture was written (`file:line`), kept beside the architecture
// so that problems found after loading (a patch that no longer applies to the generated objects)
// are reported at the spec line that caused them.
import type { Locate, SpecPath } from './errors.js';
import { formatPath } from './errors.js';
import type { Architecture } from './schema.js';

const locators = new WeakMap<Architecture, Locate>();

export function rememberLocator(architecture: Architecture, locate: Locate): void {
  locators.set(architecture, locate);
}

/** `file:line path` for a path of a loaded spec; just the path for one built in memory. */
export function specPlace(architecture: Architecture, path: SpecPath): string {
  const locate = locators.get(architecture);
  return locate ? `${locate(path)} ${formatPath(path)}` : formatPath(path);
}
