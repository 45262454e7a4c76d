/** Breakages that make each security check fail: a named quirk of the reference server where one exists, else the proxy. */
import { answer, isGet, plainText, rewriteJson, USERS, type BreakageRow } from '../../support/breakages.js';

export const SECURITY_ROWS: BreakageRow[] = [
  {
    checkId: 'security.no-token.returns-401',
    breakage: 'no credentials needed',
    quirks: ['no-auth'],
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'security.wrong-token.returns-401',
    breakage: 'any token accepted',
    quirks: ['any-token-accepted'],
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'security.no-token.www-authenticate',
    breakage: '401 without WWW-Authenticate',
    quirks: ['no-www-authenticate'],
    expectedCode: 'HEADER_MISSING',
  },
  {
    checkId: 'security.wrong-token.www-authenticate',
    breakage: '401 without WWW-Authenticate',
    quirks: ['no-www-authenticate'],
    expectedCode: 'HEADER_MISSING',
  },
  {
    checkId: 'security.no-token.error-schemas',
    breakage: 'the 401 is plain text',
    proxy: answer(
      (r) => r.headers.authorization === undefined,
      () => plainText(401, 'Unauthorized'),
    ),
    expectedCode: 'BODY_NOT_JSON',
  },
  {
    checkId: 'security.wrong-token.status-string',
    breakage: 'Error status is a number',
    quirks: ['numeric-error-status'],
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'security.wrong-token.not-echoed',
    breakage: 'the 401 detail quotes the token',
    proxy: rewriteJson(
      (r) => isGet(USERS)(r),
      (b, res, req) => {
        if (res.status === 401) b['detail'] = `invalid credentials: ${String(req.headers.authorization)}`;
      },
    ),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'security.post.no-password',
    breakage: 'passwords are returned',
    quirks: ['password-returned'],
    expectedCode: 'ATTRIBUTE_UNEXPECTED',
  },
  {
    checkId: 'security.get.no-password',
    breakage: 'passwords are returned',
    quirks: ['password-returned'],
    expectedCode: 'ATTRIBUTE_UNEXPECTED',
  },
  {
    checkId: 'security.get-attributes.no-password',
    breakage: 'passwords are returned',
    quirks: ['password-returned'],
    expectedCode: 'ATTRIBUTE_UNEXPECTED',
  },
  {
    checkId: 'security.list.no-password',
    breakage: 'passwords are returned',
    quirks: ['password-returned'],
    expectedCode: 'ATTRIBUTE_UNEXPECTED',
  },
];
