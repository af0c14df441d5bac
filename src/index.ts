// Library entry: what architecture.ts files and programs import.
export * from './k8s/object.js';
export { ANNOTATIONS } from './k8s/annotations.js';
