export { run, runAndReport, runResolved, randomToken } from './run.js';
export type { RunOptions } from './run.js';
export { writeReports } from './write-reports.js';
export { REPORTER_NAMES, checkReporters, resolveRunOptions } from '../options/index.js';
export type { ReporterName, ResolvedRunOptions } from '../options/index.js';
