/**
 * Applying a baseline to results: which failures are known, which listed checks now pass (fixed),
 * and which fail for a different reason (changed, so still failures).
 * @module
 */
import type { CheckResult } from '../model/index.js';
import { entryKey, type Baseline, type BaselineEntry } from './baseline-file.js';

const failed = (r: Pick<CheckResult, 'outcome'>): boolean => r.outcome === 'fail' || r.outcome === 'error';

/** What the baseline did to a run; `report.baseline` in the JSON report. */
export interface BaselineOutcome {
  file: string;
  /** Failures matched by an entry (same check, profile and code): reported, but not gating. */
  known: number;
  /** Listed checks that now pass: remove them from the baseline. */
  fixed: BaselineEntry[];
  /** Listed checks that fail with another code: still failures, the reason changed. */
  changed: { entry: BaselineEntry; code: string }[];
  /** Listed checks that did not run (deselected, skipped, or no longer in the catalogue). */
  notRun: BaselineEntry[];
}

/** The predicate the runner uses to mark a finished result `known`. */
export function knownFailureMatcher(baseline: Baseline): (result: CheckResult) => boolean {
  const byKey = new Map(baseline.known.map((e) => [entryKey(e), e]));
  return (result) => failed(result) && byKey.get(entryKey(result))?.code === result.code;
}

/** Compares a finished run with its baseline. */
export function compareWithBaseline(
  results: readonly CheckResult[],
  baseline: Baseline,
  file: string,
): BaselineOutcome {
  const byKey = new Map<string, CheckResult>();
  for (const r of results) byKey.set(entryKey(r), r);
  const outcome: BaselineOutcome = { file, known: 0, fixed: [], changed: [], notRun: [] };
  for (const entry of baseline.known) {
    const r = byKey.get(entryKey(entry));
    if (!r || r.outcome === 'skip') outcome.notRun.push(entry);
    else if (r.outcome === 'pass') outcome.fixed.push(entry);
    else if (r.code === entry.code) outcome.known++;
    else outcome.changed.push({ entry, code: r.code ?? r.outcome.toUpperCase() });
  }
  return outcome;
}

/**
 * The baseline `--update-baseline` writes: every failure and error of the run, keeping the notes of
 * entries that are still present.
 */
export function baselineFromResults(results: readonly CheckResult[], previous?: Baseline): Baseline {
  const notes = new Map((previous?.known ?? []).map((e) => [entryKey(e), e.note]));
  const seen = new Set<string>();
  const known: BaselineEntry[] = [];
  for (const r of results) {
    if (!failed(r)) continue;
    const key = entryKey(r);
    if (seen.has(key)) continue;
    seen.add(key);
    const note = notes.get(key);
    known.push({
      id: r.id,
      ...(r.profile !== 'rfc' ? { profile: r.profile } : {}),
      code: r.code ?? r.outcome.toUpperCase(),
      ...(note !== undefined ? { note } : {}),
    });
  }
  return { version: 1, known };
}
