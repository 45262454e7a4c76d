/** PUT replace semantics (RFC 7644 §3.5.1). */
import {
  attr,
  bodyObject,
  bodyVerdict,
  checkRows,
  createUser,
  defineScenario,
  defineSuite,
  expectAttr,
  expectUnassigned,
  fail,
  get,
  isFailure,
  newUserBody,
  resourcePath,
  send,
  statusVerdict,
  URN,
  usersAt,
} from '../support/index.js';
import type { AnyCheck, Created, HttpResult, JsonObject } from '../support/index.js';

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

const check = checkRows({ level: 'MUST', suite: 'put', rfc: 'RFC7644 3.5.1', scenario: replaced });

export const putChecks: AnyCheck[] = [
  check({
    id: PUT_STATUS,
    title: 'PUT of a full User answers 200',
    requirements: ['7644-3.5-a', '7644-3.5.1-h'],
    explanation:
      'Service providers MUST support PUT (RFC 7644 §3.5); a successful replace answers 200 with the resource.',
    assert: (r) => statusVerdict(r.put, 200),
  }),
  check({
    id: 'put.replace.supplied-values-stored',
    title: 'Supplied values replace the stored ones',
    requirements: ['7644-3.5.1-b'],
    explanation:
      'RFC 7644 §3.5.1: readWrite values supplied SHALL replace the existing values; the next GET shows them.',
    assert: (r) => bodyVerdict(r.after, 200, (b) => expectAttr(b, 'displayName', 'After Replace')),
  }),
  check({
    id: 'put.replace.omitted-values-cleared',
    title: 'Omitted readWrite attributes are cleared',
    level: 'MAY',
    requirements: ['7644-3.5.1-d', '7643-2.5-b'],
    profiles: ['rfc', 'okta'],
    explanation:
      'PUT replaces the whole resource; RFC 7644 §3.5.1 lets the server clear attributes the client left out (or default them). Okta updates with PUT and expects cleared values to disappear.',
    assert: (r) =>
      bodyVerdict(r.after, 200, (b) => expectUnassigned(b, 'title') ?? expectUnassigned(b, 'nickName')),
  }),
  check({
    id: 'put.read-only.id-ignored',
    title: 'A client-sent id is ignored',
    requirements: ['7644-3.5.1-f', '7643-3.1-f', '7643-7-m'],
    explanation:
      'id is readOnly: RFC 7644 §3.5.1 says readOnly values in a PUT SHALL be ignored, and id MUST NOT change (RFC 7643 §3.1).',
    assert: (r) => bodyVerdict(r.put, 200, (b) => expectAttr(b, 'id', r.user.id)),
  }),
  check({
    id: 'put.read-only.meta-ignored',
    title: 'Client-sent meta.created is ignored',
    requirements: ['7644-3.5.1-f', '7643-3.1-n'],
    explanation:
      'meta is readOnly (RFC 7643 §3.1): a client-supplied meta SHALL be ignored, so created keeps the server value.',
    assert: (r) =>
      bodyVerdict(r.after, 200, (b) => expectAttr(b, 'meta.created', attr(r.user.body, 'meta.created'))),
  }),
  check({
    id: 'put.response.matches-get',
    title: 'The PUT response is the resource as stored',
    requirements: ['7644-3.5.1-h', '7644-3.1-d'],
    explanation: 'The 200 body is the updated resource (RFC 7644 §3.5.1); it matches a GET made right after.',
    assert: (r) =>
      bodyVerdict(r.put, 200, (p) => {
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
  }),
  check({
    id: 'put.response.schema-valid',
    title: 'The PUT response is a valid User',
    requirements: ['7643-3-a', '7643-4.1.1-a'],
    explanation: 'The resource returned by PUT is a full User representation (RFC 7643 §4.1).',
    assert: (r, ctx) => bodyVerdict(r.put, 200, (b) => ctx.validate(URN.user, b)[0]),
  }),
  check({
    id: 'put.unknown-id.returns-404',
    title: 'PUT to an unknown id answers 404',
    requirements: ['7644-3.5.1-a', '7644-3.12-f'],
    explanation:
      "PUT MUST NOT create resources (RFC 7644 §3.2, §3.5.1): ids are the server's, so an unknown one is 404.",
    assert: (r) => statusVerdict(r.unknown, 404),
  }),
  check({
    id: 'put.unknown-id.not-created',
    title: 'PUT to an unknown id creates nothing',
    requirements: ['7644-3.5.1-a'],
    explanation: 'After a PUT to an unknown id the resource still does not exist (RFC 7644 §3.5.1).',
    assert: (r) => statusVerdict(r.unknownAfter, 404),
  }),
  check({
    id: 'put.uniqueness.rename-conflict',
    title: 'Renaming a User to a taken userName answers 409',
    requirements: ['7644-3.3-h', '7644-3.12-m', '7643-4.1.1-b'],
    explanation:
      'userName is unique (RFC 7643 §4.1.1); a PUT that would duplicate it is refused like a create (RFC 7644 §3.3, §3.12 uniqueness).',
    assert: (r) => statusVerdict(r.rename, 409),
  }),
  check({
    id: 'put.required.missing-username',
    title: 'PUT without the required userName answers 400',
    requirements: ['7644-3.5.1-g', '7643-4.1.1-a'],
    explanation:
      'A PUT body is the whole resource, so required attributes MUST be present (RFC 7644 §3.5.1).',
    assert: (r) => statusVerdict(r.noUserName, 400),
  }),
];

export const putSuite = defineSuite({
  name: 'put',
  title: 'PUT',
  description:
    'Replacing Users: stored and cleared values, readOnly id and meta, 404 for unknown ids, uniqueness and required attributes.',
  checks: putChecks,
});
