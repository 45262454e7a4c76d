/** Rejected creates: malformed JSON and a missing userName (RFC 7644 §3.12 Tables 8 and 9). */
import { checkRows, statusVerdict } from '../support/index.js';
import type { AnyCheck } from '../support/index.js';
import { errorSchemas, errorScimType, onError } from './error-body.js';
import { malformedJson, missingUserName } from './scenarios.js';

const SUITE = 'errors';
const MALFORMED_STATUS_ID = 'errors.malformed-json.returns-400';
const MISSING_STATUS_ID = 'errors.missing-username.returns-400';

const check = checkRows({ suite: SUITE, rfc: 'RFC7644 3.12', scenario: malformedJson });

export const badRequestChecks: AnyCheck[] = [
  check({
    id: MALFORMED_STATUS_ID,
    title: 'POST /Users with malformed JSON answers 400',
    level: 'MUST',
    requirements: ['7644-3.12-j', '7644-3.12-i'],
    explanation:
      "RFC 7644 §3.12 Table 8 defines 400 for an unparsable request; a 500 here blames the server for the client's mistake and makes IdPs retry.",
    assert: (res) => statusVerdict(res, 400),
  }),
  check({
    id: 'errors.malformed-json.error-schemas',
    title: 'The 400 for malformed JSON carries a SCIM Error body',
    level: 'MUST',
    requirements: ['7644-3.12-a'],
    explanation:
      'RFC 7644 §3.12 says errors come with a JSON body using the Error schema URI, parse errors included.',
    assert: (res) => onError(res, MALFORMED_STATUS_ID, errorSchemas),
  }),
  check({
    id: 'errors.malformed-json.scim-type',
    title: 'The 400 for malformed JSON has scimType invalidSyntax',
    level: 'SHOULD',
    requirements: ['7644-3.12-j', '7644-3.12-c'],
    explanation:
      'scimType is OPTIONAL in RFC 7644 §3.12, but Table 9 names invalidSyntax for an unparsable body; a missing or different keyword is a SHOULD-level deviation that leaves clients guessing.',
    assert: (res) => onError(res, MALFORMED_STATUS_ID, (r) => errorScimType(r, 'invalidSyntax')),
  }),
  check({
    id: MISSING_STATUS_ID,
    title: 'POST /Users without userName answers 400',
    level: 'MUST',
    requirements: ['7643-4.1.1-a', '7644-3.12-k'],
    explanation:
      'RFC 7643 §4.1.1 makes userName REQUIRED and RFC 7644 §3.12 Table 8 defines 400 for a request that violates the schema; accepting the User creates an account nobody can sign in with.',
    scenario: missingUserName,
    assert: ({ response }) => statusVerdict(response, 400),
  }),
  check({
    id: 'errors.missing-username.scim-type',
    title: 'The 400 for a missing userName has scimType invalidValue',
    level: 'SHOULD',
    requirements: ['7644-3.12-k', '7644-3.12-c'],
    explanation:
      'scimType is OPTIONAL in RFC 7644 §3.12, but Table 9 names invalidValue when a required value is missing; a missing or different keyword is a SHOULD-level deviation.',
    scenario: missingUserName,
    assert: ({ response }) => onError(response, MISSING_STATUS_ID, (r) => errorScimType(r, 'invalidValue')),
  }),
];
