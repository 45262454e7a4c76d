/** Uniqueness conflicts on userName (RFC 7644 §3.3, RFC 7643 §4.1.1) and unknown endpoints (RFC 7644 §3.12). */
import { checkRows, notCreated, statusVerdict } from '../support/index.js';
import type { AnyCheck, HttpResult, Verdict } from '../support/index.js';
import { errorSchemaValid, errorSchemas, errorScimType, onError } from './error-body.js';
import { caseVariantUserName, duplicateUserName, unknownEndpoint, type Duplicate } from './scenarios.js';

const SUITE = 'errors';
const DUPLICATE_STATUS_ID = 'errors.duplicate.returns-409';
const ENDPOINT_STATUS_ID = 'errors.unknown-endpoint.returns-404';
const NO_FIRST = 'The first User could not be created; judged by users.post.returns-201';

/** Judges the second POST of a taken userName; without a first User there is nothing to conflict with. */
function onSecond(dup: Duplicate, judge: (res: HttpResult) => Verdict): Verdict {
  return dup.second ? judge(dup.second.response) : notCreated('User', NO_FIRST);
}

/** The second POST answers 409 Conflict (RFC 7644 §3.3). */
const answers409 = (dup: Duplicate): Verdict => onSecond(dup, (res) => statusVerdict(res, 409));

const check = checkRows({ suite: SUITE });

export const conflictChecks: AnyCheck[] = [
  check({
    id: DUPLICATE_STATUS_ID,
    title: 'POST /Users with a taken userName answers 409',
    level: 'MUST',
    rfc: 'RFC7644 3.3',
    requirements: ['7644-3.3-h', '7643-4.1.1-b', '7644-3.12-m'],
    explanation:
      'RFC 7644 §3.3 says a create that conflicts with an existing resource MUST answer 409; Okta and Entra rely on it to link existing accounts instead of duplicating them.',
    scenario: duplicateUserName,
    assert: answers409,
  }),
  check({
    id: 'errors.duplicate.scim-type-uniqueness',
    title: 'The 409 for a taken userName has scimType uniqueness',
    level: 'MUST',
    rfc: 'RFC7644 3.3',
    requirements: ['7644-3.3-h'],
    explanation: 'RFC 7644 §3.3 says the 409 MUST carry the scimType error code "uniqueness".',
    scenario: duplicateUserName,
    assert: (dup) =>
      onSecond(dup, (res) => onError(res, DUPLICATE_STATUS_ID, (r) => errorScimType(r, 'uniqueness'))),
  }),
  check({
    id: 'errors.duplicate.schema-valid',
    title: 'The 409 Error body is valid against the Error schema',
    level: 'MUST',
    rfc: 'RFC7644 3.12',
    requirements: ['7644-3.12-a', '7644-3.12-b'],
    explanation: 'RFC 7644 §3.12 fixes the Error message shape for every error, conflicts included.',
    scenario: duplicateUserName,
    assert: (dup, ctx) =>
      onSecond(dup, (res) => onError(res, DUPLICATE_STATUS_ID, (r) => errorSchemaValid(r, ctx))),
  }),
  check({
    id: 'errors.case-variant-duplicate.returns-409',
    title: 'POST /Users with a userName differing only in case answers 409',
    level: 'SHOULD',
    rfc: 'RFC7643 4.1.1',
    requirements: ['7643-4.1.1-c', '7643-4.1.1-b', '7644-3.3-h'],
    explanation:
      'userName is caseExact=false and unique (RFC 7643 §4.1.1), so BJensen and bjensen are the same name; the RFC implies rather than states this, hence SHOULD. IdPs match users case-insensitively and create duplicates otherwise.',
    scenario: caseVariantUserName,
    assert: answers409,
  }),
  check({
    id: ENDPOINT_STATUS_ID,
    title: 'GET of an unknown endpoint answers 404',
    level: 'SHOULD',
    rfc: 'RFC7644 3.12',
    requirements: ['7644-3.12-f'],
    explanation:
      'RFC 7644 §3.12 Table 8 gives 404 for an endpoint that does not exist; the table carries no keyword, and such paths often hit a router before the SCIM code, hence SHOULD.',
    scenario: unknownEndpoint,
    assert: (res) => statusVerdict(res, 404),
  }),
  check({
    id: 'errors.unknown-endpoint.error-schemas',
    title: 'The 404 for an unknown endpoint carries a SCIM Error body',
    level: 'SHOULD',
    rfc: 'RFC7644 3.12',
    requirements: ['7644-3.12-a', '7644-3.12-f'],
    explanation:
      'RFC 7644 §3.12 wants a SCIM Error body for errors, but an unknown path is outside every SCIM operation and often answered by a web framework (HTML pages), so this is a SHOULD.',
    scenario: unknownEndpoint,
    assert: (res) => onError(res, ENDPOINT_STATUS_ID, errorSchemas),
  }),
];
