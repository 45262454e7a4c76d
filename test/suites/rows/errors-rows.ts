/** Breakages that make each errors check fail: a named quirk of the reference server where one exists, else the proxy. */
import {
  answer,
  caseSensitiveUniqueness,
  isGet,
  isPost,
  plainText,
  rewriteJson,
  rewriteStatus,
  scimJson,
  UNKNOWN_ENDPOINT,
  USER_BY_ID,
  USER_URN,
  USERS,
  type BreakageRow,
} from '../../support/breakages.js';

export const ERRORS_ROWS: BreakageRow[] = [
  {
    checkId: 'errors.not-found.error-schemas',
    breakage: '404 is an HTML page',
    quirks: ['html-404'],
    expectedCode: 'BODY_NOT_JSON',
  },
  {
    checkId: 'errors.not-found.status-string',
    breakage: 'Error status is a number',
    quirks: ['numeric-error-status'],
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'errors.not-found.status-matches-http',
    breakage: 'Error status says 400 on a 404',
    proxy: rewriteJson(isGet(USER_BY_ID), (b) => (b['status'] = '400')),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'errors.not-found.content-type',
    breakage: 'errors are application/json',
    quirks: ['error-content-type-json'],
    expectedCode: 'CONTENT_TYPE_MISMATCH',
  },
  {
    checkId: 'errors.not-found.schema-valid',
    breakage: 'scimType is not a Table 9 keyword',
    proxy: rewriteJson(isGet(USER_BY_ID), (b) => (b['scimType'] = 'notFound')),
    expectedCode: 'SCHEMA_INVALID',
  },
  {
    checkId: 'errors.malformed-json.returns-400',
    breakage: 'malformed JSON answers 500',
    proxy: rewriteStatus(isPost(USERS), 500),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'errors.malformed-json.error-schemas',
    breakage: 'the 400 is plain text',
    proxy: answer(isPost(USERS), () => plainText(400, 'Bad Request')),
    expectedCode: 'BODY_NOT_JSON',
  },
  {
    checkId: 'errors.malformed-json.scim-type',
    breakage: 'the 400 has no scimType',
    proxy: rewriteJson(isPost(USERS), (b) => delete b['scimType']),
    expectedCode: 'ATTRIBUTE_MISSING',
  },
  {
    checkId: 'errors.missing-username.returns-400',
    breakage: 'a User without userName is created',
    proxy: answer(isPost(USERS), () => scimJson(201, { schemas: [USER_URN], id: 'no-username' })),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'errors.missing-username.scim-type',
    breakage: 'scimType is invalidSyntax',
    proxy: rewriteJson(isPost(USERS), (b) => (b['scimType'] = 'invalidSyntax')),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'errors.duplicate.returns-409',
    breakage: 'duplicate userName accepted',
    quirks: ['duplicate-username-accepted'],
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'errors.duplicate.returns-409',
    breakage: 'uniqueness conflicts answer 400',
    quirks: ['uniqueness-returns-400'],
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'errors.duplicate.scim-type-uniqueness',
    breakage: 'the 409 has no scimType',
    proxy: rewriteJson(
      (r) => isPost(USERS)(r),
      (b, res) => {
        if (res.status === 409) delete b['scimType'];
      },
    ),
    expectedCode: 'ATTRIBUTE_MISSING',
  },
  {
    checkId: 'errors.duplicate.schema-valid',
    breakage: 'Error status is a number',
    quirks: ['numeric-error-status'],
    expectedCode: 'SCHEMA_INVALID',
  },
  {
    checkId: 'errors.case-variant-duplicate.returns-409',
    breakage: 'userName uniqueness is case-sensitive',
    proxy: caseSensitiveUniqueness(),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'errors.unknown-endpoint.returns-404',
    breakage: 'unknown endpoint answers 200',
    proxy: answer(isGet(UNKNOWN_ENDPOINT), () => scimJson(200, {})),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'errors.unknown-endpoint.error-schemas',
    breakage: '404 is an HTML page',
    quirks: ['html-404'],
    expectedCode: 'BODY_NOT_JSON',
  },
  {
    checkId: 'errors.unknown-id.patch-returns-404',
    breakage: 'quirk unknown-id-write-500',
    quirks: ['unknown-id-write-500'],
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'errors.unknown-id.delete-returns-404',
    breakage: 'quirk unknown-id-write-500',
    quirks: ['unknown-id-write-500'],
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'errors.not-found.no-scim-type',
    breakage: 'quirk scim-type-on-not-found',
    quirks: ['scim-type-on-not-found'],
    expectedCode: 'VALUE_MISMATCH',
  },
];
