/** PUT replace semantics (RFC 7644 §3.5.1). */
import {
  defineCheck,
  defineScenario,
  defineSuite,
  fail,
  type AnyCheck,
  type AssertContext,
  type HttpResult,
  type Level,
  type Verdict,
} from '../../engine/model/index.js';
import {
  attr,
  createUser,
  expectAttr,
  expectUnassigned,
  get,
  resourcePath,
  send,
  usersAt,
  type Created,
} from '../filter/kit.js';
import { bodyObject, expectStatus, isFailure, type Guard, type JsonObject } from '../support/guards.js';
import { verdict } from '../support/verdicts.js';
import { newUserBody } from '../shared/user-scenarios.js';
import { URN } from '../support/urns.js';

const SUITE = 'put';
const PUT_STATUS = 'put.replace.returns-200';

interface Replaced {
  user: Created;
  sent: JsonObject;
  put: HttpResult;
  after: HttpResult;
  unknown: HttpResult;
  unknownAfter: HttpResult;
  rename: HttpResult;
  noUserName: HttpResult;
}

const replaced = defineScenario<Replaced>({
  id: 'put.fixture',
  run: async (ctx) => {
    const user = await createUser(ctx, { title: 'Before', nickName: 'before-nick' });
    const other = await createUser(ctx);
    const meta = user.body['meta'] as JsonObject | undefined;
    // Full replacement: title and nickName omitted, displayName changed, readOnly id/meta altered.
    const sent: JsonObject = {
      schemas: [URN.user],
      id: `${user.id}-client-chosen`,
      meta: { ...(meta ?? {}), created: '2001-01-01T00:00:00Z', resourceType: 'Bogus' },
      userName: user.sent['userName'],
      displayName: 'After Replace',
      emails: user.sent['emails'],
      active: true,
    };
    const put = await send(ctx, { method: 'PUT', path: user.path, json: sent });
    const after = await get(ctx, user.path);
    const missing = resourcePath(usersAt(ctx.target), ctx.data.unique('missing-put'));
    const unknown = await send(ctx, {
      method: 'PUT',
      path: missing,
      // A full, e-mail-shaped User, so a 400 for the body's content cannot stand in for the 404.
      json: newUserBody(ctx),
    });
    if (unknown.status !== undefined && unknown.status < 300) ctx.ledger.track(missing);
    const unknownAfter = await get(ctx, missing);
    const { id: _i, meta: _m, ...otherBody } = other.body;
    const rename = await send(ctx, {
      method: 'PUT',
      path: other.path,
      json: { ...otherBody, userName: user.sent['userName'] },
    });
    const { userName: _u, ...withoutUserName } = otherBody;
    const noUserName = await send(ctx, { method: 'PUT', path: other.path, json: withoutUserName });
    return { user, sent, put, after, unknown, unknownAfter, rename, noUserName };
  },
});

function body(res: HttpResult, status: number, judge: (b: JsonObject) => Guard): Verdict {
  const s = expectStatus(res, status);
  if (s) return s;
  const b = bodyObject(res);
  if (isFailure(b)) return b;
  return verdict(judge(b));
}

function check(
  id: string,
  title: string,
  requirements: string[],
  level: Level,
  explanation: string,
  assert: (r: Replaced, ctx: AssertContext) => Verdict,
  profiles?: string[],
): AnyCheck {
  return defineCheck({
    id,
    title,
    suite: SUITE,
    rfc: 'RFC7644 3.5.1',
    requirements,
    level,
    explanation,
    scenario: replaced,
    assert,
    ...(profiles ? { profiles } : {}),
  });
}

const statusOf = (res: HttpResult, expected: number | number[]): Verdict =>
  verdict(expectStatus(res, expected));

export const putChecks: AnyCheck[] = [
  check(
    PUT_STATUS,
    'PUT of a full User answers 200',
    ['7644-3.5-a', '7644-3.5.1-h'],
    'MUST',
    'Service providers MUST support PUT (RFC 7644 §3.5); a successful replace answers 200 with the resource.',
    (r) => statusOf(r.put, 200),
  ),
  check(
    'put.replace.supplied-values-stored',
    'Supplied values replace the stored ones',
    ['7644-3.5.1-b'],
    'MUST',
    'RFC 7644 §3.5.1: readWrite values supplied SHALL replace the existing values; the next GET shows them.',
    (r) => body(r.after, 200, (b) => expectAttr(b, 'displayName', 'After Replace')),
  ),
  check(
    'put.replace.omitted-values-cleared',
    'Omitted readWrite attributes are cleared',
    ['7644-3.5.1-d', '7643-2.5-b'],
    'MAY',
    'PUT replaces the whole resource; RFC 7644 §3.5.1 lets the server clear attributes the client left out (or default them). Okta updates with PUT and expects cleared values to disappear.',
    (r) => body(r.after, 200, (b) => expectUnassigned(b, 'title') ?? expectUnassigned(b, 'nickName')),
    ['rfc', 'okta'],
  ),
  check(
    'put.read-only.id-ignored',
    'A client-sent id is ignored',
    ['7644-3.5.1-f', '7643-3.1-f', '7643-7-m'],
    'MUST',
    'id is readOnly: RFC 7644 §3.5.1 says readOnly values in a PUT SHALL be ignored, and id MUST NOT change (RFC 7643 §3.1).',
    (r) => body(r.put, 200, (b) => expectAttr(b, 'id', r.user.id)),
  ),
  check(
    'put.read-only.meta-ignored',
    'Client-sent meta.created is ignored',
    ['7644-3.5.1-f', '7643-3.1-n'],
    'MUST',
    'meta is readOnly (RFC 7643 §3.1): a client-supplied meta SHALL be ignored, so created keeps the server value.',
    (r) => body(r.after, 200, (b) => expectAttr(b, 'meta.created', attr(r.user.body, 'meta.created'))),
  ),
  check(
    'put.response.matches-get',
    'The PUT response is the resource as stored',
    ['7644-3.5.1-h', '7644-3.1-d'],
    'MUST',
    'The 200 body is the updated resource (RFC 7644 §3.5.1); it matches a GET made right after.',
    (r) =>
      body(r.put, 200, (p) => {
        const a = bodyObject(r.after);
        if (isFailure(a)) return a;
        return (
          expectAttr(p, 'displayName', attr(a, 'displayName')) ??
          (attr(p, 'title') === attr(a, 'title')
            ? undefined
            : fail('VALUE_MISMATCH', 'title differs between the PUT response and GET', {
                expected: attr(a, 'title'),
                actual: attr(p, 'title'),
                pointer: '/title',
              }))
        );
      }),
  ),
  check(
    'put.response.schema-valid',
    'The PUT response is a valid User',
    ['7643-3-a', '7643-4.1.1-a'],
    'MUST',
    'The resource returned by PUT is a full User representation (RFC 7643 §4.1).',
    (r, ctx) => body(r.put, 200, (b) => ctx.validate(URN.user, b)[0]),
  ),
  check(
    'put.unknown-id.returns-404',
    'PUT to an unknown id answers 404',
    ['7644-3.5.1-a', '7644-3.12-f'],
    'MUST',
    "PUT MUST NOT create resources (RFC 7644 §3.2, §3.5.1): ids are the server's, so an unknown one is 404.",
    (r) => statusOf(r.unknown, 404),
  ),
  check(
    'put.unknown-id.not-created',
    'PUT to an unknown id creates nothing',
    ['7644-3.5.1-a'],
    'MUST',
    'After a PUT to an unknown id the resource still does not exist (RFC 7644 §3.5.1).',
    (r) => statusOf(r.unknownAfter, 404),
  ),
  check(
    'put.uniqueness.rename-conflict',
    'Renaming a User to a taken userName answers 409',
    ['7644-3.3-h', '7644-3.12-m', '7643-4.1.1-b'],
    'MUST',
    'userName is unique (RFC 7643 §4.1.1); a PUT that would duplicate it is refused like a create (RFC 7644 §3.3, §3.12 uniqueness).',
    (r) => statusOf(r.rename, 409),
  ),
  check(
    'put.required.missing-username',
    'PUT without the required userName answers 400',
    ['7644-3.5.1-g', '7643-4.1.1-a'],
    'MUST',
    'A PUT body is the whole resource, so required attributes MUST be present (RFC 7644 §3.5.1).',
    (r) => statusOf(r.noUserName, 400),
  ),
];

export const putSuite = defineSuite({
  name: 'put',
  title: 'PUT',
  description:
    'Replacing Users: stored and cleared values, readOnly id and meta, 404 for unknown ids, uniqueness and required attributes.',
  checks: putChecks,
});
