export { applyPatch } from './apply-patch.js';
export type { PatchOperation, PatchOptions } from './types.js';
