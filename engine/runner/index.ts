export { runChecks, RFC_PROFILE } from './run-checks.js';
export type { RunChecksOptions, RunTimeouts } from './run-checks.js';
export { computeVerdicts, exitCodeFor, gates, summarise } from './report.js';
export type { FailOn, ProfileVerdict, Report, ReportSummary } from './report.js';
export { discover, defaultCapabilities, unmetRequirement } from './discovery.js';
export type { Discovery } from './discovery.js';
export { RunLedger } from './ledger.js';
export type { CleanupIssue } from './ledger.js';
export { selectChecks } from './select.js';
