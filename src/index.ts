// Library entry: what architecture.ts files and programs import. Kept light: a spec that imports
// `defineArchitecture` loads only define.js; the rest are type exports or explicit imports.
export * from './k8s/object.js';
export { ANNOTATIONS } from './k8s/annotations.js';
export { defineArchitecture } from './spec/define.js';
export type { Architecture, ArchitectureInput, Component, ComponentInput } from './spec/schema.js';
export type { SynthResult, SynthFile } from './synth/index.js';
export type { ComponentType } from './vocabulary/components.js';
