export { createResource, replaceResource, patchResource, deleteResource, getOrThrow } from './service.js';
export { present } from './present.js';
export { resolveMembers } from './members.js';
export { adaptPatch } from './patch-dialect.js';
export type { AdaptedPatch } from './patch-dialect.js';
export type { ResourceKind } from './resource-kind.js';
