/**
 * The report contract (`Report` below; `--report json`), the verdicts per profile and the exit code.
 * @module
 */
import type { CheckResult } from '../model/index.js';
import type { BaselineOutcome } from '../baseline/compare.js';
import { countCauses, indexResults, rootOf, type CauseEntry } from './causes.js';
import type { PacingStats } from '../transport/pacer.js';
import type { CleanupIssue } from './ledger.js';
import { gates, type FailOn, type ProfileVerdict } from './verdicts.js';

export { computeVerdicts, gates, CUSTOM_VERDICT } from './verdicts.js';
export type { FailOn, ProfileVerdict, VerdictOptions } from './verdicts.js';

export interface ReportSummary {
  passed: number;
  failed: number;
  skipped: number;
  errored: number;
  /** A prerequisite failed; not judged on their own (counted once, under the cause). */
  blocked?: number;
  /** Ran, but the evidence could not decide. */
  inconclusive?: number;
  /**
   * Distinct causes of the failed and errored checks (not counting known ones): failures decided by the same
   * exchange with the same code are one cause, and blocked checks count under theirs.
   */
  causes?: number;
  /** Failures and errors a baseline lists (only when a baseline is in use; not in failed/errored). */
  known?: number;
}

export interface Report {
  tool: { name: 'scimulator'; version: string };
  target: string;
  startedAt: string;
  durationMs: number;
  seed: number;
  /** Set when the run judged each check at its `strictLevel` (`--strict`); levels in `results` are the effective ones. */
  strict?: true;
  summary: ReportSummary;
  verdicts: Record<string, ProfileVerdict>;
  /** The failures grouped by cause (root first; blocked checks under the cause that blocked them). */
  causes?: CauseEntry[];
  results: CheckResult[];
  /**
   * Leftovers: one entry per resource the run leaves on the target (type, id, name, why it could not be
   * removed), and cleanup refusals. Empty when the run left nothing behind.
   */
  cleanup: CleanupIssue[];
  /** The prefix every name this run created carries (`scimtest-<runId>`), for `scimulator cleanup --prefix`. */
  prefix?: string;
  /** What the baseline file did (only with `--baseline`): known, fixed, changed, not run. */
  baseline?: BaselineOutcome;
  /** What pacing did (`--rate`, 429 back-off); only when `--rate` was given or the target answered 429. */
  pacing?: PacingStats;
  /** Set when the run was stopped early (signal or abort); results after that point are skips. */
  interrupted?: 'SIGINT' | 'SIGTERM' | 'ABORTED' | 'MAX_TIME';
}

export function summarise(results: readonly CheckResult[], withKnown = false): ReportSummary {
  const summary: ReportSummary = { passed: 0, failed: 0, skipped: 0, errored: 0 };
  if (withKnown) summary.known = 0;
  for (const r of results) {
    if (r.known && summary.known !== undefined) summary.known++;
    else if (r.outcome === 'pass') summary.passed++;
    else if (r.outcome === 'fail') summary.failed++;
    else if (r.outcome === 'skip') summary.skipped++;
    else if (r.outcome === 'blocked') summary.blocked = (summary.blocked ?? 0) + 1;
    else if (r.outcome === 'inconclusive') summary.inconclusive = (summary.inconclusive ?? 0) + 1;
    else summary.errored++;
  }
  summary.causes = countCauses(results);
  return summary;
}

/**
 * Exit code of `run`: 0 when every check at or above `failOn` passed or was skipped, 1 when one
 * failed or errored (an errored check did not show conformance), or was blocked by a failure (a MUST check
 * blocked by a SHOULD failure still gates). Known failures (baseline) never gate.
 * 2 (harness could not run) is the CLI's.
 */
export function exitCodeFor(report: Pick<Report, 'results'>, failOn: FailOn): 0 | 1 {
  const byKey = indexResults(report.results);
  const gating = (r: CheckResult): boolean => {
    if (!gates(r.level, failOn)) return false;
    if (r.outcome === 'fail' || r.outcome === 'error') return r.known !== true;
    if (r.outcome !== 'blocked') return false;
    const root = rootOf(r, byKey);
    return root !== undefined && root.known !== true;
  };
  return report.results.some(gating) ? 1 : 0;
}
