// The graph stage: objects in, typed graph out.
export * from './model.js';
export { buildGraph } from './build.js';
export { controllerOf, topOwner, topOwnerId } from './owner.js';
export { graphToJson, type GraphJson } from './json.js';
export { summarizeGraph } from './summary.js';
export { findEndpoints, serviceNameOf, type Endpoint } from './endpoints.js';
