/**
 * The default `fix` of a failure, by failure code: one sentence saying what to change on the server, used when
 * neither the failure nor its check says it better.
 * @module
 */
import type { CheckResult } from '../model/index.js';

function brief(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

type FixInput = Pick<CheckResult, 'code' | 'expected' | 'pointer' | 'rfc' | 'outcome'>;

const where = (r: FixInput) => (r.pointer ? r.pointer || '/' : 'the response body');

/** Code → sentence; every code the engine and the shipped suites use has a row. */
const FIXES: Record<string, (r: FixInput) => string> = {
  STATUS_MISMATCH: (r) => `Answer ${brief(r.expected)} for this request (${r.rfc}).`,
  NO_RESPONSE: (r) => `Send a complete HTTP response to this request instead of dropping it (${r.rfc}).`,
  HEADER_MISSING: (r) => `Send the header (${brief(r.expected)}) on this response (${r.rfc}).`,
  HEADER_MISMATCH: (r) => `Send the header as ${brief(r.expected)} (${r.rfc}).`,
  CONTENT_TYPE_MISMATCH: (r) => `Answer with Content-Type ${brief(r.expected)} (${r.rfc}).`,
  BODY_NOT_JSON: (r) => `Return a JSON body on this response (${r.rfc}).`,
  ATTRIBUTE_MISSING: (r) => `Include ${where(r)} in the response (${r.rfc}).`,
  ATTRIBUTE_UNEXPECTED: (r) => `Leave ${where(r)} out of the response (${r.rfc}).`,
  VALUE_MISMATCH: (r) =>
    r.expected !== undefined
      ? `Return ${brief(r.expected)} at ${where(r)} (${r.rfc}).`
      : `Correct the value at ${where(r)} (${r.rfc}).`,
  SCHEMA_INVALID: (r) => `Make ${where(r)} match the SCIM schema (${r.rfc}).`,
};

/** The default fix of a failed or errored result; harness errors say so instead of blaming the server. */
export function defaultFix(result: FixInput): string {
  const code = result.code ?? '';
  if (result.outcome === 'error' || code.startsWith('HARNESS_'))
    return 'Nothing to change on the server: scimulator could not judge this check; re-run it, and report it if it persists.';
  const row = FIXES[code];
  return row ? row(result) : `Change the server so that this check's requirement holds (${result.rfc}).`;
}
