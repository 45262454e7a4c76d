export { QUIRKS, listQuirks, isQuirkName } from './registry.js';
export type { QuirkName, SwitchQuirkName, TransformQuirkName, QuirkListing } from './registry.js';
export { QuirkSet, createQuirkSet } from './quirk-set.js';
export type { QuirkDefinition, SwitchQuirk, TransformQuirk, ResponseTransform } from './quirk-definition.js';
