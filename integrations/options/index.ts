/**
 * The one options model of a run: its shape (`RunOptions`), its resolver (`resolveRunOptions`) and the
 * profile list every entry point shares.
 * @module
 */
export {
  resolveRunOptions,
  checkReporters,
  DEFAULT_BREAKER,
  DEFAULT_RETRY_AFTER,
} from './resolve-run-options.js';
export type { ResolveContext } from './resolve-run-options.js';
export { FLAG_NAMES, REPORTER_NAMES } from './run-options.js';
export type {
  ListOption,
  ReporterName,
  ResolvedRunOptions,
  ResolvedTarget,
  RunOptions,
} from './run-options.js';
export { knownProfileNames, resolveProfiles, verdictNames } from './resolve-profiles.js';
export { resolveSelection } from './resolve-selection.js';
export { closest, didYouMean, editDistance } from './suggest.js';
