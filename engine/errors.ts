/**
 * The one exception type of the harness: thrown only when the harness itself cannot do its job
 * (house style §2.3); a target that misbehaves produces a `fail` value instead.
 * @module
 */
import type { Failure } from './model/index.js';

/** Stable codes of harness errors; callers match on `code`, never on the message. */
export type HarnessErrorCode =
  | 'HARNESS_TIMEOUT'
  | 'HARNESS_FIXTURE_INVALID'
  | 'HARNESS_BUG'
  | 'HARNESS_SCHEMA_INVALID'
  | 'HARNESS_ABORTED'
  | 'TARGET_UNREACHABLE'
  | 'TARGET_TIMEOUT'
  | 'TARGET_TLS_ERROR'
  | 'TARGET_AUTH_REJECTED'
  | 'TARGET_NOT_SCIM'
  | 'TARGET_STOPPED_ANSWERING'
  | 'USAGE'
  | 'CONFIG_INVALID'
  | 'NOT_AVAILABLE';

const BRAND = Symbol.for('scimulator.HarnessError');

/** The harness could not run something; `code` says why and never changes meaning. */
export class HarnessError extends Error {
  readonly code: HarnessErrorCode;
  readonly [BRAND] = true;

  constructor(code: HarnessErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HarnessError';
    this.code = code;
  }
}

/** Works across copies of the module (like undici's `Symbol.for` brand). */
export function isHarnessError(value: unknown): value is HarnessError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

const TARGET_BRAND = Symbol.for('scimulator.TargetFailure');

/**
 * Thrown by a scenario when the target broke a step the scenario depends on (e.g. the setup POST
 * answered 500): every check on that scenario then fails with this failure, because the target is at fault.
 */
export class TargetFailure extends Error {
  readonly failure: Failure;
  readonly [TARGET_BRAND] = true;

  constructor(failure: Failure) {
    super(`${failure.code}: ${failure.message}`);
    this.name = 'TargetFailure';
    this.failure = failure;
  }
}

export function isTargetFailure(value: unknown): value is TargetFailure {
  return (
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[TARGET_BRAND] === true
  );
}

const BLOCKED_BRAND = Symbol.for('scimulator.PrerequisiteBlocked');

/**
 * Thrown by a scenario when the target declined something the scenario needs but does not judge (e.g. it
 * refused to create a fixture User): every check on that scenario is then `blocked` by `by`, never failed.
 */
export class PrerequisiteBlocked extends Error {
  readonly by: string;
  readonly reason: string;
  readonly [BLOCKED_BRAND] = true;

  constructor(by: string, reason: string) {
    super(`blocked by ${by}: ${reason}`);
    this.name = 'PrerequisiteBlocked';
    this.by = by;
    this.reason = reason;
  }
}

export function isPrerequisiteBlocked(value: unknown): value is PrerequisiteBlocked {
  return (
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BLOCKED_BRAND] === true
  );
}

/** Aborts a scenario with a target failure when `failure` is defined; otherwise does nothing. */
export function failScenarioIf(failure: Failure | undefined): void {
  if (failure) throw new TargetFailure(failure);
}
