export { QUIRKS, listQuirks } from './registry.js';
export type { QuirkName } from './registry.js';
export { QuirkSet, createQuirkSet } from './quirk-set.js';
