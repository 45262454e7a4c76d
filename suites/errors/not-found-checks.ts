/** The Error body of a 404 for an unknown User (RFC 7644 §3.12). */
import { checkRows, unknownUser } from '../support/index.js';
import type { AnyCheck, Guard, HttpResult, UnknownUser, Verdict } from '../support/index.js';
import {
  errorContentType,
  errorSchemaValid,
  errorSchemas,
  errorStatusIsString,
  errorStatusMatchesHttp,
  onError,
} from './error-body.js';

const SUITE = 'errors';
const STATUS_ID = 'users.get.unknown-returns-404';

/** Judges the 404's Error body with `judge`, once users.get.unknown-returns-404 saw an error status. */
const on404 =
  (judge: (res: HttpResult) => Guard) =>
  ({ response }: UnknownUser): Verdict =>
    onError(response, STATUS_ID, judge);

const check = checkRows({ level: 'MUST', suite: SUITE, rfc: 'RFC7644 3.12', scenario: unknownUser });

export const notFoundChecks: AnyCheck[] = [
  check({
    id: 'errors.not-found.error-schemas',
    title: 'A 404 carries a JSON body with the Error schema',
    requirements: ['7644-3.12-a', '7644-3.1-a'],
    explanation:
      'RFC 7644 §3.12 says errors come with a JSON body using the Error schema URI; IdPs show its detail to administrators.',
    assert: on404(errorSchemas),
  }),
  check({
    id: 'errors.not-found.status-string',
    title: 'The Error status is a JSON string, not a number',
    requirements: ['7644-3.12-b'],
    explanation:
      'RFC 7644 §3.12 makes status REQUIRED and a JSON string ("404"); a numeric status breaks strictly typed clients, and Microsoft\'s validator lets it pass.',
    assert: on404(errorStatusIsString),
  }),
  check({
    id: 'errors.not-found.status-matches-http',
    title: 'The Error status equals the HTTP status code',
    requirements: ['7644-3.12-b', '7644-3.2-c'],
    explanation:
      'RFC 7644 §3.12 defines status as the HTTP status code of the response (erratum 6893 confirms they are equal); a mismatch makes the error ambiguous.',
    assert: on404(errorStatusMatchesHttp),
  }),
  check({
    id: 'errors.not-found.content-type',
    title: 'An error is served as application/scim+json',
    rfc: 'RFC7644 3.8',
    requirements: ['7644-3.8-b', '7644-3.12-a'],
    explanation:
      "The request sends Accept: application/scim+json (RFC 7644 §3.8 MUST); error bodies sent as application/json or text/html are a common fault Microsoft's validator does not catch.",
    assert: on404(errorContentType),
  }),
  check({
    id: 'errors.not-found.schema-valid',
    title: 'The 404 Error body is valid against the Error schema',
    requirements: ['7644-3.12-a', '7644-3.12-b', '7644-3.12-c'],
    explanation:
      'RFC 7644 §3.12 fixes the Error message: schemas, status as a string, optional scimType from Table 9 and detail as a string.',
    assert: ({ response }, ctx) => onError(response, STATUS_ID, (res) => errorSchemaValid(res, ctx)),
  }),
];
