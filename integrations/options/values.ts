/**
 * Checks of single option values (lists, integers, booleans, enums), each failing with a coded
 * HarnessError in one sentence that names the option as its caller spelled it (`--seed` or `seed`).
 * @module
 */
import { HarnessError } from '../../engine/errors.js';
import { parseFailOn, parseInteger, splitList } from '../../engine/config/index.js';
import type { FailOn } from '../../engine/runner/index.js';

/** How a bad value is shown: strings quoted, everything else as JSON (an object, an array, a function). */
export function shown(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * A list option given as a comma-separated string or an array. Array entries that are strings are split on
 * commas too (`['rfc,okta']` is two entries); entries `keep` accepts (loaded profiles, suites) pass as they are.
 */
export function listOf<T>(
  value: unknown,
  label: string,
  what: string,
  keep: (entry: unknown) => entry is T = (_entry): _entry is T => false,
): Array<string | T> {
  if (typeof value === 'string') return splitList(value);
  if (!Array.isArray(value)) {
    throw new HarnessError(
      'USAGE',
      `${label} must be ${what}: a comma-separated string or an array, got ${shown(value)}`,
    );
  }
  return (value as unknown[]).flatMap((entry: unknown): Array<string | T> => {
    if (typeof entry === 'string') return splitList(entry);
    if (keep(entry)) return [entry];
    throw new HarnessError('USAGE', `${label} must list ${what}, got ${shown(entry)} in ${shown(value)}`);
  });
}

/** An integer in [min, max]; a string of digits counts (flags arrive as strings). */
export function integer(value: unknown, label: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  return parseInteger(value, label, min, max, 'USAGE');
}

/** Requests per second (`--rate`): a finite number above 0, fractions allowed; a numeric string counts. */
export function requestRate(value: unknown, label: string): number {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : NaN;
  if (!Number.isFinite(n) || n <= 0 || n > 1_000_000)
    throw new HarnessError(
      'USAGE',
      `${label} must be a number of requests per second above 0 (at most 1000000), got ${shown(value)}`,
    );
  return n;
}

export function boolean(value: unknown, label: string): boolean {
  if (typeof value === 'boolean') return value;
  throw new HarnessError('USAGE', `${label} must be true or false, got ${shown(value)}`);
}

export function text(value: unknown, label: string): string {
  if (typeof value === 'string' && value !== '') return value;
  throw new HarnessError('USAGE', `${label} must be a non-empty string, got ${shown(value)}`);
}

export function failOn(value: unknown, label: string): FailOn {
  return parseFailOn(value, label, 'USAGE');
}

export function object(value: unknown, label: string): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value))
    return value as Record<string, unknown>;
  throw new HarnessError('USAGE', `${label} must be an object, got ${shown(value)}`);
}

export function fn<T>(value: unknown, label: string): T {
  if (typeof value === 'function') return value as T;
  throw new HarnessError('USAGE', `${label} must be a function, got ${shown(value)}`);
}
