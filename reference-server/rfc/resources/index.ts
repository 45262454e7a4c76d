export { createResource, replaceResource, patchResource, deleteResource, getOrThrow } from './service.js';
export { present } from './present.js';
export type { ResourceKind } from './resource-kind.js';
