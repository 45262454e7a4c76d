/**
 * The one options model of a run: its shape (`RunOptions`), its resolver (`resolveRunOptions`) and the
 * profile list every entry point shares.
 * @module
 */
export { resolveRunOptions, checkReporters } from './resolve-run-options.js';
export { REPORTER_NAMES } from './run-options.js';
export type { ReporterName, ResolvedRunOptions, RunOptions } from './run-options.js';
export { knownProfileNames } from './resolve-profiles.js';
