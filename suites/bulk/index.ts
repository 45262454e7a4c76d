/** Bulk (RFC 7644 §3.7): responses, bulkId references, error handling, failOnErrors and limits. */
import { expectErrorBody, lostAnswer } from '../../engine/assert/index.js';
import {
  defineCheck,
  defineScenario,
  defineSuite,
  fail,
  skip,
  type AnyCheck,
  type AssertContext,
  type HttpResult,
  type Level,
  type ScenarioContext,
  type Verdict,
} from '../../engine/model/index.js';
import {
  BULK_REQUEST_URN,
  BULK_RESPONSE_URN,
  ERROR_URN,
  GROUP_URN,
  USER_URN,
  get,
  groupsAt,
  multi,
  relativeTo,
  send,
  usersAt,
} from '../filter/kit.js';
import {
  bodyObject,
  expectStatus,
  isFailure,
  isObject,
  type Guard,
  type JsonObject,
} from '../support/guards.js';
import { newUserBody } from '../shared/user-scenarios.js';
import { verdict } from '../support/verdicts.js';
import { referenceChecks } from './reference-checks.js';
import { BULK_RETURNS_200, BULK_STATUS_SHAPE, createdStatus, isStatusCode, operations } from './results.js';

const SUITE = 'bulk';

/** POSTs a BulkRequest and tracks every resource a result says was created. */
async function postBulk(ctx: ScenarioContext, body: unknown, raw?: string): Promise<HttpResult> {
  const res = await send(
    ctx,
    raw !== undefined
      ? { method: 'POST', path: '/Bulk', body: raw, headers: { 'content-type': 'application/scim+json' } }
      : { method: 'POST', path: '/Bulk', json: body },
  );
  for (const op of operations(res)) {
    const location = typeof op['location'] === 'string' ? op['location'] : undefined;
    const path = location ? relativeTo(ctx.target.baseUrl, location) : undefined;
    if (path && String(op['method']).toUpperCase() === 'POST' && createdStatus(op)) ctx.ledger.track(path);
  }
  return res;
}

interface Mixed {
  userName: string;
  response: HttpResult;
  group: HttpResult | undefined;
  locations: HttpResult[];
}

const mixed = defineScenario<Mixed>({
  id: 'bulk.mixed',
  requires: ['bulk'],
  run: async (ctx) => {
    const user = newUserBody(ctx);
    const userName = String(user['userName']);
    const response = await postBulk(ctx, {
      schemas: [BULK_REQUEST_URN],
      Operations: [
        { method: 'POST', path: usersAt(ctx.target), bulkId: 'u1', data: user },
        {
          method: 'POST',
          path: groupsAt(ctx.target),
          bulkId: 'g1',
          data: ctx.data.group({ members: [{ value: 'bulkId:u1' }] }),
        },
        { method: 'POST', path: usersAt(ctx.target), bulkId: 'dup', data: newUserBody(ctx, { userName }) },
        { method: 'POST', path: usersAt(ctx.target), bulkId: 'u3', data: newUserBody(ctx) },
      ],
    });
    const ops = operations(response);
    const groupOp = ops.find((o) => o['bulkId'] === 'g1');
    const groupPath =
      typeof groupOp?.['location'] === 'string'
        ? relativeTo(ctx.target.baseUrl, groupOp['location'])
        : undefined;
    const locations: HttpResult[] = [];
    for (const o of ops) {
      const path =
        typeof o['location'] === 'string' ? relativeTo(ctx.target.baseUrl, o['location']) : undefined;
      if (path && createdStatus(o)) locations.push(await get(ctx, path));
    }
    return { userName, response, group: groupPath ? await get(ctx, groupPath) : undefined, locations };
  },
});

interface Stopped {
  response: HttpResult;
  lateUserName: string;
  lookup: HttpResult | undefined;
}

const stopped = defineScenario<Stopped>({
  id: 'bulk.fail-on-errors',
  requires: ['bulk'],
  run: async (ctx) => {
    const late = newUserBody(ctx);
    const lateUserName = String(late['userName']);
    // Even a resource meant to be rejected carries the run's prefix, so a server that accepts it can be swept.
    const invalid = { schemas: [USER_URN], displayName: ctx.data.unique('no-username') };
    const response = await postBulk(ctx, {
      schemas: [BULK_REQUEST_URN],
      failOnErrors: 1,
      Operations: [
        { method: 'POST', path: usersAt(ctx.target), bulkId: 'bad1', data: invalid },
        { method: 'POST', path: usersAt(ctx.target), bulkId: 'late', data: late },
      ],
    });
    const lookup = ctx.target.capabilities.filter.supported
      ? await get(ctx, usersAt(ctx.target), { filter: `userName eq ${JSON.stringify(lateUserName)}` })
      : undefined;
    return { response, lateUserName, lookup };
  },
});

interface Limits {
  tooManyOps: HttpResult | undefined;
  tooLarge: HttpResult | undefined;
  maxOperations: number;
  maxPayloadSize: number;
}

/** Harmless operations (DELETEs of ids that never existed), so a server that ignores the limits changes nothing. */
const limits = defineScenario<Limits>({
  id: 'bulk.limits',
  requires: ['bulk'],
  run: async (ctx) => {
    const { maxOperations, maxPayloadSize } = ctx.target.capabilities.bulk;
    const ghost = (n: number) => ({
      method: 'DELETE',
      path: `${usersAt(ctx.target)}/${ctx.data.unique('bulk-ghost')}-${n}`,
    });
    let tooManyOps: HttpResult | undefined;
    if (maxOperations > 0 && maxOperations <= 5_000) {
      const body = {
        schemas: [BULK_REQUEST_URN],
        Operations: Array.from({ length: maxOperations + 1 }, (_, i) => ghost(i)),
      };
      if (maxPayloadSize <= 0 || JSON.stringify(body).length < maxPayloadSize)
        tooManyOps = await postBulk(ctx, body);
    }
    let tooLarge: HttpResult | undefined;
    if (maxPayloadSize > 0 && maxPayloadSize <= 8 * 1024 * 1024) {
      const head = JSON.stringify({
        schemas: [BULK_REQUEST_URN],
        Operations: [{ ...ghost(0), data: { padding: '' } }],
      });
      const raw = head.replace(
        '"padding":""',
        `"padding":"${'x'.repeat(maxPayloadSize + 1024 - head.length)}"`,
      );
      tooLarge = await postBulk(ctx, undefined, raw);
    }
    return { tooManyOps, tooLarge, maxOperations, maxPayloadSize };
  },
});

function bodyOf(res: HttpResult, judge: (b: JsonObject, ops: JsonObject[]) => Guard): Verdict {
  const s = expectStatus(res, 200);
  if (s) return s;
  const b = bodyObject(res);
  if (isFailure(b)) return b;
  return verdict(judge(b, operations(res)));
}

const byBulkId = (ops: JsonObject[], id: string): JsonObject | undefined =>
  ops.find((o) => o['bulkId'] === id);

function check<T>(
  id: string,
  title: string,
  requirements: string[],
  level: Level,
  explanation: string,
  scenario: ReturnType<typeof defineScenario<T>>,
  assert: (r: T, ctx: AssertContext) => Verdict,
  dependsOn?: readonly string[],
): AnyCheck {
  return defineCheck({
    id,
    title,
    suite: SUITE,
    rfc: 'RFC7644 3.7',
    requirements,
    level,
    requires: ['bulk'],
    ...(dependsOn ? { dependsOn } : {}),
    explanation,
    scenario,
    assert,
  });
}

/** The 413 a limit must produce; a reset in its place leaves the verdict open (ANSWER_LOST). */
function refused(res: HttpResult): Verdict {
  return lostAnswer(res) ?? verdict(expectStatus(res, 413));
}

function limitError(res: HttpResult | undefined, words: RegExp): Verdict {
  if (!res) return skip('The advertised limit is too large (or missing) to exceed safely');
  const lost = lostAnswer(res);
  if (lost) return lost;
  const f = expectErrorBody(res, 413);
  if (f) return f;
  const detail = isObject(res.json) ? res.json['detail'] : undefined;
  return typeof detail === 'string' && words.test(detail)
    ? verdict(undefined)
    : fail(
        'VALUE_MISMATCH',
        `The 413 detail does not say which limit was exceeded: ${JSON.stringify(detail)}`,
        { expected: words.source, actual: detail, pointer: '/detail' },
      );
}

export const bulkChecks: AnyCheck[] = [
  check(
    'bulk.response.returns-200',
    'A processed BulkRequest answers 200',
    ['7644-3.7-f'],
    'MUST',
    'RFC 7644 §3.7: a processed bulk answers 200 even when some operations failed.',
    mixed,
    (r) => verdict(expectStatus(r.response, 200)),
  ),
  check(
    BULK_STATUS_SHAPE,
    'Every result status is an HTTP status code',
    ['7644-3.7.3-a'],
    'MUST',
    'RFC 7644 §3.7.3: each result carries "status", the HTTP status code of the operation ("201" in every example; an integer is tolerated). Every other judgement of a result reads it, so a status in another shape (e.g. {"code": "201"}) is reported here once.',
    mixed,
    (r) =>
      bodyOf(r.response, (_b, ops) => {
        const bad = ops.findIndex((o) => !isStatusCode(o['status']));
        return bad < 0
          ? undefined
          : fail('VALUE_MISMATCH', `Operations[${bad}].status is not a status code`, {
              expected: 'a status code such as "201"',
              actual: ops[bad]?.['status'],
              pointer: `/Operations/${bad}/status`,
            });
      }),
    [BULK_RETURNS_200],
  ),
  check(
    'bulk.response.schema-valid',
    'The BulkResponse is valid',
    ['7644-3.7-b', '7644-3.1-a'],
    'MUST',
    `The response carries ${BULK_RESPONSE_URN} and one result per operation with method and status (RFC 7644 §3.7).`,
    mixed,
    (r, ctx) => bodyOf(r.response, (b) => ctx.validate(BULK_RESPONSE_URN, b)[0]),
    [BULK_RETURNS_200, BULK_STATUS_SHAPE],
  ),
  check(
    'bulk.response.one-result-per-operation',
    'Every operation has a result with a status',
    ['7644-3.7.3-a', '7644-3.7-d'],
    'MUST',
    'RFC 7644 §3.7.3: the response lists the result of every processed operation; without failOnErrors all four are processed.',
    mixed,
    (r) =>
      bodyOf(r.response, (_b, ops) =>
        ops.length === 4 && ops.every((o) => o['status'] !== undefined)
          ? undefined
          : fail('VALUE_MISMATCH', `${ops.length} results (with status) for 4 operations`, {
              expected: 4,
              actual: ops.length,
              pointer: '/Operations',
            }),
      ),
    [BULK_RETURNS_200, BULK_STATUS_SHAPE],
  ),
  check(
    'bulk.response.bulk-id-echoed',
    'Results echo the bulkId of their POST',
    ['7644-3.7-c'],
    'MUST',
    'RFC 7644 §3.7: the bulkId of a POST is REQUIRED and returned with its result, so clients can match them.',
    mixed,
    (r) =>
      bodyOf(r.response, (_b, ops) =>
        ['u1', 'g1', 'dup', 'u3'].every((id) => byBulkId(ops, id))
          ? undefined
          : fail('ATTRIBUTE_MISSING', 'Some results lack the bulkId that was sent', {
              expected: ['u1', 'g1', 'dup', 'u3'],
              actual: ops.map((o) => o['bulkId']),
              pointer: '/Operations',
            }),
      ),
    [BULK_RETURNS_200],
  ),
  check(
    'bulk.response.location',
    'Successful POST results carry the new resource location',
    ['7644-3.7-d'],
    'MUST',
    'RFC 7644 §3.7: each result has a location (except a failed POST).',
    mixed,
    (r) =>
      bodyOf(r.response, (_b, ops) => {
        const u = byBulkId(ops, 'u1');
        return typeof u?.['location'] === 'string' && /\/Users\/[^/]+$/i.test(u['location'])
          ? undefined
          : fail('ATTRIBUTE_MISSING', 'The created User has no location', {
              actual: u,
              pointer: '/Operations/0/location',
            });
      }),
    [BULK_RETURNS_200],
  ),
  check(
    'bulk.location.resolves',
    'Every location in the BulkResponse reads back as a valid resource',
    ['7644-3.7-d', '7643-3-a'],
    'MUST',
    'A result location is the URI of the created resource (RFC 7644 §3.7); GET on it returns a valid User or Group.',
    mixed,
    (r, ctx) => {
      if (r.locations.length === 0)
        return fail('ATTRIBUTE_MISSING', 'The BulkResponse named no location to read', {
          pointer: '/Operations',
        });
      for (const res of r.locations) {
        const s = expectStatus(res, 200);
        if (s) return s;
        const b = bodyObject(res);
        if (isFailure(b)) return b;
        const schemas = Array.isArray(b['schemas']) ? b['schemas'] : [];
        const f = ctx.validate(schemas.includes(USER_URN) ? USER_URN : GROUP_URN, b)[0];
        if (f) return f;
      }
      return verdict(undefined);
    },
    [BULK_RETURNS_200, BULK_STATUS_SHAPE],
  ),
  check(
    'bulk.bulk-id.reference-resolved',
    'A bulkId:… member reference becomes the new User id',
    ['7644-3.7.2-a'],
    'MUST',
    'RFC 7644 §3.7.2: "bulkId:u1" MUST be replaced by the id of the resource created under that bulkId.',
    mixed,
    (r) => {
      if (!r.group) return fail('ATTRIBUTE_MISSING', 'The Group created in the bulk has no location to read');
      const userOp = byBulkId(operations(r.response), 'u1');
      const userId =
        typeof userOp?.['location'] === 'string' ? userOp['location'].split('/').pop() : undefined;
      const s = expectStatus(r.group, 200);
      if (s) return s;
      const ids = multi(r.group.json, 'members').map((m) => m['value']);
      return ids.length === 1 && ids[0] === userId
        ? verdict(undefined)
        : fail('VALUE_MISMATCH', 'The Group members do not hold the new User id', {
            expected: [userId],
            actual: ids,
            pointer: '/members',
          });
    },
    [BULK_RETURNS_200],
  ),
  check(
    'bulk.error.continues',
    'Without failOnErrors, operations after a failure still run',
    ['7644-3.7-g'],
    'MUST',
    'RFC 7644 §3.7: without failOnErrors the service provider MUST continue after errors.',
    mixed,
    (r) =>
      bodyOf(r.response, (_b, ops) =>
        String(byBulkId(ops, 'u3')?.['status']) === '201'
          ? undefined
          : fail('VALUE_MISMATCH', 'The operation after the failing one was not applied', {
              expected: '201',
              actual: byBulkId(ops, 'u3')?.['status'],
              pointer: '/Operations',
            }),
      ),
    [BULK_RETURNS_200, BULK_STATUS_SHAPE],
  ),
  check(
    'bulk.error.status-as-standalone',
    'A duplicate userName in bulk gets status 409',
    ['7644-3.7.3-b', '7644-3.3-h'],
    'MUST',
    'RFC 7644 §3.7.3: each result status is what the request would have answered on its own; a duplicate is 409.',
    mixed,
    (r) =>
      bodyOf(r.response, (_b, ops) =>
        String(byBulkId(ops, 'dup')?.['status']) === '409'
          ? undefined
          : fail(
              'VALUE_MISMATCH',
              `The duplicate create has status ${String(byBulkId(ops, 'dup')?.['status'])}`,
              { expected: '409', actual: byBulkId(ops, 'dup')?.['status'], pointer: '/Operations' },
            ),
      ),
    [BULK_RETURNS_200, BULK_STATUS_SHAPE],
  ),
  check(
    'bulk.error.response-is-error',
    'A failed operation carries an Error response',
    ['7644-3.7-e', '7644-3.12-n'],
    'MUST',
    'RFC 7644 §3.7: a non-2xx result MUST include a response holding a SCIM Error with the same status.',
    mixed,
    (r, ctx) =>
      bodyOf(r.response, (_b, ops) => {
        const d = byBulkId(ops, 'dup');
        if (!isObject(d?.['response']))
          return fail('ATTRIBUTE_MISSING', 'The failed operation has no response', {
            pointer: '/Operations',
          });
        return ctx.validate(ERROR_URN, d['response'])[0];
      }),
    [BULK_RETURNS_200],
  ),
  check(
    'bulk.fail-on-errors.stops',
    'failOnErrors=1 stops after the first error',
    ['7644-3.7-h'],
    'MUST',
    'RFC 7644 §3.7: with failOnErrors the service provider stops processing after that many errors.',
    stopped,
    (r) =>
      bodyOf(r.response, (_b, ops) =>
        ops.length === 1
          ? undefined
          : fail(
              'VALUE_MISMATCH',
              `${ops.length} results after failOnErrors=1 with a failing first operation`,
              { expected: 1, actual: ops.length, pointer: '/Operations' },
            ),
      ),
  ),
  check(
    'bulk.fail-on-errors.later-not-applied',
    'Operations after the stop are not applied',
    ['7644-3.7-h'],
    'MUST',
    'The operations after the error limit are not processed at all (RFC 7644 §3.7): the late User does not exist.',
    stopped,
    (r) => {
      if (!r.lookup) return skip('Needs filtering to look the User up');
      return bodyOf(r.lookup, (b) =>
        b['totalResults'] === 0
          ? undefined
          : fail('VALUE_MISMATCH', 'The operation after the stop created its User', {
              expected: 0,
              actual: b['totalResults'],
              pointer: '/totalResults',
            }),
      );
    },
  ),
  check(
    'bulk.limits.max-operations-413',
    'More than maxOperations operations answers 413',
    ['7644-3.7.4-a', '7644-3.7.4-b'],
    'MUST',
    'RFC 7644 §3.7.4: exceeding the advertised maxOperations MUST answer 413.',
    limits,
    (r) =>
      r.tooManyOps ? refused(r.tooManyOps) : skip('maxOperations is missing or too large to exceed safely'),
  ),
  check(
    'bulk.limits.max-operations-names-limit',
    'The maxOperations 413 says which limit was exceeded',
    ['7644-3.7.4-c'],
    'MUST',
    'RFC 7644 §3.7.4: the 413 Error states the limit that was exceeded.',
    limits,
    (r) => limitError(r.tooManyOps, /maxOperations|operations|\d+/i),
  ),
  check(
    'bulk.limits.max-payload-413',
    'A body larger than maxPayloadSize answers 413',
    ['7644-3.7.4-b'],
    'MUST',
    'RFC 7644 §3.7.4: exceeding the advertised maxPayloadSize MUST answer 413.',
    limits,
    (r) =>
      r.tooLarge ? refused(r.tooLarge) : skip('maxPayloadSize is missing or too large to exceed safely'),
  ),
  check(
    'bulk.limits.max-payload-names-limit',
    'The maxPayloadSize 413 says which limit was exceeded',
    ['7644-3.7.4-c'],
    'MUST',
    'RFC 7644 §3.7.4: the 413 Error states the limit that was exceeded.',
    limits,
    (r) => limitError(r.tooLarge, /maxPayloadSize|payload|bytes|\d+/i),
  ),
];

export const bulkSuite = defineSuite({
  name: 'bulk',
  title: 'Bulk',
  description:
    'BulkResponse shape, bulkId references, per-operation status and errors, failOnErrors, and the maxOperations/maxPayloadSize limits.',
  checks: [...bulkChecks, ...referenceChecks],
});
