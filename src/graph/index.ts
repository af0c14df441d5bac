// The graph stage: objects in, typed graph out.
export * from './model.js';
export { buildGraph } from './build.js';
export { topOwnerOf } from './context.js';
export { graphToJson, type GraphJson } from './json.js';
export { summarizeGraph } from './summary.js';
export { findEndpoints, serviceNameOf, type Endpoint } from './endpoints.js';
