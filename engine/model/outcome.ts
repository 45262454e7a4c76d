import type { Exchange } from './exchange.js';

export type Level = 'MUST' | 'SHOULD' | 'MAY';
/**
 * `blocked`: a prerequisite (a feature or a prior check) failed, so this check was not judged on its own;
 * `inconclusive`: the check ran but the evidence cannot decide (e.g. the request meant to fail succeeded).
 * Neither counts as a failure of the target (docs/verdicts.md).
 */
export type OutcomeKind = 'pass' | 'fail' | 'skip' | 'error' | 'blocked' | 'inconclusive';

/** The target did not behave: a value, never thrown. */
export interface Failure {
  kind: 'fail';
  /** Stable machine-readable reason, e.g. STATUS_MISMATCH, SCHEMA_INVALID, HEADER_MISSING. */
  code: string;
  message: string;
  expected?: unknown;
  actual?: unknown;
  /** JSON pointer into the response body the failure is about. */
  pointer?: string;
  /** The exchange that decided the failure (marked in reports); default: the check's last exchange. */
  exchange?: Exchange;
  /** One sentence: what to change on the server; overrides the check's `fix`. */
  fix?: string;
}

export interface Pass {
  kind: 'pass';
  message?: string;
}

export interface Skip {
  kind: 'skip';
  reason: string;
}

/** The check ran, but what was observed cannot decide pass or fail (never counted as either). */
export interface Inconclusive {
  kind: 'inconclusive';
  reason: string;
  /** Stable code of why the evidence cannot decide, e.g. ANSWER_LOST. */
  code?: string;
  /** The exchange that left the check undecided, when one did. */
  exchange?: Exchange;
}

/** A prerequisite the check needs did not hold; `by` names it (a check id or a feature). */
export interface Blocked {
  kind: 'blocked';
  by: string;
  reason: string;
}

export type Verdict = Pass | Failure | Skip | Inconclusive | Blocked;

export const pass = (message?: string): Pass => (message ? { kind: 'pass', message } : { kind: 'pass' });
export const skip = (reason: string): Skip => ({ kind: 'skip', reason });
export const fail = (
  code: string,
  message: string,
  detail: { expected?: unknown; actual?: unknown; pointer?: string; exchange?: Exchange; fix?: string } = {},
): Failure => ({ kind: 'fail', code, message, ...detail });
export const inconclusive = (reason: string, exchange?: Exchange, code?: string): Inconclusive => ({
  kind: 'inconclusive',
  reason,
  ...(exchange ? { exchange } : {}),
  ...(code !== undefined ? { code } : {}),
});
export const blocked = (by: string, reason: string): Blocked => ({ kind: 'blocked', by, reason });

/** One line of the report (the report contract: `Report`, engine/runner/report.ts). */
export interface CheckResult {
  id: string;
  title: string;
  suite: string;
  profile: string;
  level: Level;
  rfc: string;
  /** The check's `source`: repository documents (`path#anchor`) describing the non-RFC behaviour judged. */
  source?: string[];
  requirements?: string[];
  outcome: OutcomeKind;
  code?: string;
  message?: string;
  expected?: unknown;
  actual?: unknown;
  pointer?: string;
  /** The check's explanation (what is checked and why it matters), copied for reports. */
  explanation?: string;
  /** Baseline status when a baseline file is in use. */
  known?: boolean;
  /** `blocked` only: the id of the failed prerequisite check, or the feature, that blocked this one. */
  blockedBy?: string;
  /** Failures: one sentence saying what to change on the server. */
  fix?: string;
  /** Index into `exchanges` of the exchange that decided the outcome (failures and inconclusive results). */
  decisive?: number;
  exchanges: Exchange[];
  ms: number;
  /**
   * HTTP requests of the scenario this check rests on, its `use()`d scenarios included: the same at any
   * concurrency. A scenario shared by several checks is sent once but counted in each of them.
   */
  requests?: number;
}
