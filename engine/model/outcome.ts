import type { Exchange } from './exchange.js';

export type Level = 'MUST' | 'SHOULD' | 'MAY';
export type OutcomeKind = 'pass' | 'fail' | 'skip' | 'error';

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
}

export interface Pass {
  kind: 'pass';
  message?: string;
}

export interface Skip {
  kind: 'skip';
  reason: string;
  /** Stable code when the skip is an inconclusive judgement rather than a check not applying (ANSWER_LOST). */
  code?: string;
}

export type Verdict = Pass | Failure | Skip;

export const pass = (message?: string): Pass => (message ? { kind: 'pass', message } : { kind: 'pass' });
export const skip = (reason: string, code?: string): Skip =>
  code ? { kind: 'skip', reason, code } : { kind: 'skip', reason };
export const fail = (
  code: string,
  message: string,
  detail: { expected?: unknown; actual?: unknown; pointer?: string } = {},
): Failure => ({ kind: 'fail', code, message, ...detail });

/** One line of the report (ARCHITECTURE.md report contract). */
export interface CheckResult {
  id: string;
  title: string;
  suite: string;
  profile: string;
  level: Level;
  rfc: string;
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
  exchanges: Exchange[];
  ms: number;
}
