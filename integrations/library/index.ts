export { run, randomToken } from './run.js';
export type { RunOptions } from './run.js';
export { resolveProfiles, resolveSelection } from './resolve-options.js';
export { REPORTER_NAMES, checkReporters, writeReports } from './write-reports.js';
export type { ReporterName } from './write-reports.js';
