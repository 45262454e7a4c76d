/**
 * Mutation testing of the check catalogue: every quirk of a deliberately broken server must make
 * at least one check fail, and the committed table records which.
 * @module
 */
export { runMutationSweep, describeChecks, resultKey } from './sweep.js';
export type {
  MutationSweep,
  MutationSweepOptions,
  QuirkInfo,
  QuirkRunTuning,
  SweepCheck,
  SweepResult,
  SweepRun,
  SweepTarget,
} from './sweep.js';
export {
  diffTables,
  parseTable,
  profilesOfKey,
  scoreTable,
  serialiseTable,
  splitKey,
  toMutationTable,
} from './table.js';
export type { MutationScore, MutationTable, TableDiff } from './table.js';
export { renderCatalogueDoc, renderScore, withReadmeCatchesSection } from './render.js';
