/**
 * The one options model of a run: its shape (`RunOptions`), its resolver (`resolveRunOptions`), the profile
 * list every entry point shares, and the msw integration's server options.
 * @module
 */
export { resolveRunOptions, checkReporters } from './resolve-run-options.js';
export { REPORTER_NAMES } from './run-options.js';
export type { ReporterName, ResolvedRunOptions, RunOptions } from './run-options.js';
export { knownProfileNames } from './resolve-profiles.js';
export { checkBaseUrl, resolveServerOptions } from './server-options.js';
