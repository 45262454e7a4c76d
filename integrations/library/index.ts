export { run, runAndReport, randomToken } from './run.js';
export type { RunOptions } from './run.js';
export { writeReports } from './write-reports.js';
export { REPORTER_NAMES } from '../options/index.js';
export type { ReporterName } from '../options/index.js';
