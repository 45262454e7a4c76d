/**
 * Mutation testing of the check catalogue: every quirk of a deliberately broken server must make
 * at least one check fail, and the committed table records which.
 * @module
 */
export { runMutationSweep, describeChecks } from './sweep.js';
export type { MutationSweep, MutationSweepOptions, QuirkRunTuning, SweepCheck } from './sweep.js';
export { diffTables, parseTable, scoreTable, serialiseTable, splitKey, toMutationTable } from './table.js';
export type { MutationTable } from './table.js';
export { renderCatalogueDoc, renderScore, withReadmeCatchesSection } from './render.js';
