/**
 * The report contract of ARCHITECTURE.md (`--report json`), the verdicts per profile and the exit code.
 * @module
 */
import type { AnyCheck, CheckResult, Level } from '../model/index.js';
import type { BaselineOutcome } from '../baseline/compare.js';
import type { CleanupIssue } from './ledger.js';

export type FailOn = 'must' | 'should' | 'never';

export interface ReportSummary {
  passed: number;
  failed: number;
  skipped: number;
  errored: number;
  /** A prerequisite failed; not judged on their own (counted once, under the cause). */
  blocked?: number;
  /** Ran, but the evidence could not decide. */
  inconclusive?: number;
  /** Failures and errors a baseline lists (only when a baseline is in use; not in failed/errored). */
  known?: number;
}

export interface ProfileVerdict {
  compatible: boolean;
  /** Ids of the checks that failed (or errored) at or above the fail-on level and count against the profile. */
  failed: string[];
}

export interface Report {
  tool: { name: 'scimulator'; version: string };
  target: string;
  startedAt: string;
  durationMs: number;
  seed: number;
  summary: ReportSummary;
  verdicts: Record<string, ProfileVerdict>;
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
  /** Set when the run was stopped early (signal or abort); results after that point are skips. */
  interrupted?: 'SIGINT' | 'SIGTERM' | 'ABORTED' | 'MAX_TIME';
}

const RANK: Record<Level, number> = { MUST: 3, SHOULD: 2, MAY: 1 };

/** The lowest level that gates: `must` → MUST only, `should` → MUST and SHOULD, `never` → nothing. */
export function gates(level: Level, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return RANK[level] >= (failOn === 'must' ? RANK.MUST : RANK.SHOULD);
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
  return summary;
}

/**
 * One verdict per profile (`rfc` always). A result counts against the profiles its check lists
 * (default `rfc`); a per-profile run counts against the profile it ran in. `failOn: never` still
 * judges compatibility at MUST level, since a verdict that is always "compatible" says nothing.
 */
export function computeVerdicts(
  results: readonly CheckResult[],
  checks: ReadonlyMap<string, AnyCheck>,
  profileNames: readonly string[],
  failOn: FailOn,
): Record<string, ProfileVerdict> {
  const threshold: FailOn = failOn === 'never' ? 'must' : failOn;
  const names = [...new Set(['rfc', ...profileNames])];
  const verdicts: Record<string, ProfileVerdict> = {};
  for (const name of names) verdicts[name] = { compatible: true, failed: [] };
  for (const r of results) {
    if (r.outcome !== 'fail' && r.outcome !== 'error') continue;
    if (!gates(r.level, threshold)) continue;
    const check = checks.get(r.id);
    const counts = check?.perProfile ? [r.profile] : [...(check?.profiles ?? ['rfc'])];
    for (const name of counts) {
      const v = verdicts[name];
      if (!v) continue;
      v.compatible = false;
      if (!v.failed.includes(r.id)) v.failed.push(r.id);
    }
  }
  return verdicts;
}

/**
 * Exit code of `run`: 0 when every check at or above `failOn` passed or was skipped, 1 when one
 * failed or errored (an errored check did not show conformance). Known failures (baseline) never gate.
 * 2 (harness could not run) is the CLI's.
 */
export function exitCodeFor(report: Pick<Report, 'results'>, failOn: FailOn): 0 | 1 {
  return report.results.some(
    (r) => (r.outcome === 'fail' || r.outcome === 'error') && r.known !== true && gates(r.level, failOn),
  )
    ? 1
    : 0;
}
