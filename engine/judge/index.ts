/**
 * Client judging: grade the requests a SCIM client sends against client-side requirements of RFC 7644
 * (and, with a profile, an IdP's habits). Checks come in as data; the report is `run`'s report.
 * @module
 */
export { runClientChecks } from './run-client-checks.js';
export { judgeEach, type JudgeEachOptions, type RequestFinding } from './judge-each.js';
export { schemasOf } from './session.js';
export type {
  ClientCheck,
  ClientExchange,
  ClientRequest,
  ClientSession,
  ClientVerdict,
  FilterSyntax,
  JudgeContext,
} from './types.js';
