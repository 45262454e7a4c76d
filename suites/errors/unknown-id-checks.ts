/**
 * Writes to ids that do not exist, and the scimType rule for errors that have no keyword (RFC 7644 §3.12).
 * @module
 */
import {
  bodyObject,
  checkRows,
  defineScenario,
  fail,
  isFailure,
  resourcePath,
  send,
  statusVerdict,
  unknownUser,
  URN,
  usersAt,
} from '../support/index.js';
import type { AnyCheck, HttpResult } from '../support/index.js';
import { onError } from './error-body.js';

const SUITE = 'errors';

/** PATCH of a User id that was never issued; the body is valid, so only the id can be wrong. */
const patchUnknown = defineScenario<HttpResult>({
  id: 'errors.patch.unknown-id',
  requires: ['patch'],
  run: (ctx) =>
    send(ctx, {
      method: 'PATCH',
      path: resourcePath(usersAt(ctx.target), ctx.data.unique('missing-patch')),
      json: { schemas: [URN.patchOp], Operations: [{ op: 'replace', path: 'active', value: false }] },
    }),
});

/** DELETE of a User id that was never issued. */
const deleteUnknown = defineScenario<HttpResult>({
  id: 'errors.delete.unknown-id',
  run: (ctx) =>
    send(ctx, {
      method: 'DELETE',
      path: resourcePath(usersAt(ctx.target), ctx.data.unique('missing-delete')),
    }),
});

const check = checkRows({ suite: SUITE, rfc: 'RFC7644 3.12' });

export const unknownIdChecks: readonly AnyCheck[] = [
  check({
    id: 'errors.unknown-id.patch-returns-404',
    title: 'PATCH of an unknown User id answers 404',
    level: 'MUST',
    requirements: ['7644-3.12-f'],
    fix: 'Look the id up before applying the PATCH and answer 404 with a SCIM Error when it is unknown.',
    explanation:
      'RFC 7644 §3.12 assigns 404 to a request for a resource that does not exist; a 5xx tells an IdP to retry a request that can never succeed.',
    scenario: patchUnknown,
    assert: (res) => statusVerdict(res, 404),
  }),
  check({
    id: 'errors.unknown-id.delete-returns-404',
    title: 'DELETE of an unknown User id answers 404',
    level: 'MUST',
    rfc: 'RFC7644 3.6',
    requirements: ['7644-3.12-f'],
    fix: 'Answer 404 with a SCIM Error when the id to delete is unknown.',
    explanation:
      'RFC 7644 §3.6 and §3.12: a resource that does not exist answers 404; IdPs read 404 on delete as "already gone", a 5xx as a failure to retry.',
    scenario: deleteUnknown,
    assert: (res) => statusVerdict(res, 404),
  }),
  check({
    id: 'errors.not-found.no-scim-type',
    title: 'A 404 Error carries no scimType',
    level: 'SHOULD',
    requirements: ['7644-3.12-c'],
    fix: 'Leave scimType out of 404 (and other non-400) Error bodies.',
    explanation:
      'RFC 7644 §3.12 Table 9 defines scimType keywords for 400 (and uniqueness for 409, tooMany for 413); a keyword on a 404 misleads clients that branch on it.',
    scenario: unknownUser,
    assert: ({ response }) =>
      onError(response, 'users.get.unknown-returns-404', (res) => {
        if (res.status !== 404) return undefined;
        const body = bodyObject(res);
        if (isFailure(body)) return undefined; // the body's shape is judged by errors.not-found.error-schemas
        const scimType = body['scimType'];
        return scimType === undefined
          ? undefined
          : fail('VALUE_MISMATCH', `The 404 Error carries scimType ${JSON.stringify(scimType)}`, {
              expected: 'no scimType',
              actual: scimType,
              pointer: '/scimType',
            });
      }),
  }),
];
