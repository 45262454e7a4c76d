/**
 * Client judging: grade the requests a SCIM client sends against client-side requirements of RFC 7644
 * (and, with a profile, an IdP's habits). Checks come in as data; the report is `run`'s report.
 * @module
 */
export { runClientChecks, CLIENT_SUITE } from './run-client-checks.js';
export type { JudgeOptions } from './run-client-checks.js';
export { judgeEach } from './judge-each.js';
export type { JudgeEachOptions, RequestFinding } from './judge-each.js';
export { buildSession, schemasOf } from './session.js';
export { learnCapabilities } from './learn-capabilities.js';
export { toEvidence } from './evidence.js';
export type {
  ClientCheck,
  ClientExchange,
  ClientRequest,
  ClientSession,
  ClientVerdict,
  FilterSyntax,
  JudgeContext,
  RequestKind,
} from './types.js';
