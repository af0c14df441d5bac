// `defineArchitecture` only gives `architecture.ts` files completion and type errors; the spec is
// validated when it is loaded (load.ts). Kept free of run-time imports so loading a spec stays cheap.
import type { ArchitectureInput } from './schema.js';

export function defineArchitecture<const A extends ArchitectureInput>(architecture: A): A {
  return architecture;
}
