export { applyPatch } from './apply-patch.js';
export { PATCH_OP_URN } from './types.js';
export type { PatchOperation, PatchOptions } from './types.js';
