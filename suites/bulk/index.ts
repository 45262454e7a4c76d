/** Bulk (RFC 7644 §3.7): responses, bulkId references, error handling, failOnErrors and limits. */
import {
  bodyVerdict,
  checkRows,
  defineScenario,
  defineSuite,
  expectErrorBody,
  expectStatus,
  fail,
  get,
  groupsAt,
  isObject,
  lostAnswer,
  multi,
  newUserBody,
  relativeTo,
  skip,
  URN,
  usersAt,
  verdict,
} from '../support/index.js';
import type { AnyCheck, Guard, HttpResult, JsonObject, Verdict } from '../support/index.js';
import { referenceChecks } from './reference-checks.js';
import {
  BULK_RETURNS_200,
  BULK_STATUS_SHAPE,
  badResultStatus,
  bulkRequest,
  createdStatus,
  isStatusCode,
  operations,
  postBulk,
} from './results.js';

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
    const response = await postBulk(
      ctx,
      bulkRequest([
        { method: 'POST', path: usersAt(ctx.target), bulkId: 'u1', data: user },
        {
          method: 'POST',
          path: groupsAt(ctx.target),
          bulkId: 'g1',
          data: ctx.data.group({ members: [{ value: 'bulkId:u1' }] }),
        },
        { method: 'POST', path: usersAt(ctx.target), bulkId: 'dup', data: newUserBody(ctx, { userName }) },
        { method: 'POST', path: usersAt(ctx.target), bulkId: 'u3', data: newUserBody(ctx) },
      ]),
    );
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
    const invalid = { schemas: [URN.user], displayName: ctx.data.unique('no-username') };
    const response = await postBulk(
      ctx,
      bulkRequest(
        [
          { method: 'POST', path: usersAt(ctx.target), bulkId: 'bad1', data: invalid },
          { method: 'POST', path: usersAt(ctx.target), bulkId: 'late', data: late },
        ],
        1,
      ),
    );
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
      const body = bulkRequest(Array.from({ length: maxOperations + 1 }, (_, i) => ghost(i)));
      if (maxPayloadSize <= 0 || JSON.stringify(body).length < maxPayloadSize)
        tooManyOps = await postBulk(ctx, body);
    }
    let tooLarge: HttpResult | undefined;
    if (maxPayloadSize > 0 && maxPayloadSize <= 8 * 1024 * 1024) {
      const head = JSON.stringify(bulkRequest([{ ...ghost(0), data: { padding: '' } }]));
      const raw = head.replace(
        '"padding":""',
        `"padding":"${'x'.repeat(maxPayloadSize + 1024 - head.length)}"`,
      );
      tooLarge = await postBulk(ctx, { raw });
    }
    return { tooManyOps, tooLarge, maxOperations, maxPayloadSize };
  },
});

/** Judges a BulkResponse answered 200 by its body and its `Operations` (RFC 7644 §3.7). */
const bodyOf = (res: HttpResult, judge: (b: JsonObject, ops: JsonObject[]) => Guard): Verdict =>
  bodyVerdict(res, 200, (b) => judge(b, operations(res)));

const byBulkId = (ops: JsonObject[], id: string): JsonObject | undefined =>
  ops.find((o) => o['bulkId'] === id);

/** VALUE_MISMATCH unless the result of `bulkId` has status `expected` (RFC 7644 §3.7.3). */
function expectOpStatus(
  ops: JsonObject[],
  bulkId: string,
  expected: string,
  message: (got: unknown) => string,
): Guard {
  const got = byBulkId(ops, bulkId)?.['status'];
  return String(got) === expected
    ? undefined
    : fail('VALUE_MISMATCH', message(got), { expected, actual: got, pointer: '/Operations' });
}

/** Every bulk check is a MUST of RFC 7644 §3.7; most judge the mixed bulk. */
const BULK = {
  suite: 'bulk',
  rfc: 'RFC7644 3.7',
  requires: ['bulk'],
  level: 'MUST',
  scenario: mixed,
} as const;
const check = checkRows(BULK);
/** Judgements of the mixed bulk's answer: only once it answered 200. */
const onAnswer = checkRows({ ...BULK, dependsOn: [BULK_RETURNS_200] });
/** Judgements that read each result's status: once the answer is a 200 and its statuses are status codes. */
const onResults = checkRows({ ...BULK, dependsOn: [BULK_RETURNS_200, BULK_STATUS_SHAPE] });
/** The §3.7.4 limits: requests built from what ServiceProviderConfig advertises. */
const limit = checkRows({ ...BULK, scenario: limits });

/**
 * The 413 a limit must produce; a reset in its place leaves the verdict open (ANSWER_LOST), and no request
 * (`res` undefined) means the advertised `limit` was missing or too large to exceed safely.
 */
function refused(res: HttpResult | undefined, limit: string): Verdict {
  if (!res) return skip(`${limit} is missing or too large to exceed safely`);
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
  check({
    id: 'bulk.response.returns-200',
    title: 'A processed BulkRequest answers 200',
    requirements: ['7644-3.7-f'],
    explanation: 'RFC 7644 §3.7: a processed bulk answers 200 even when some operations failed.',
    assert: (r) => verdict(expectStatus(r.response, 200)),
  }),
  onAnswer({
    id: BULK_STATUS_SHAPE,
    title: 'Every result status is an HTTP status code',
    requirements: ['7644-3.7.3-a'],
    explanation:
      'RFC 7644 §3.7.3: each result carries "status", the HTTP status code of the operation ("201" in every example; an integer is tolerated). Every other judgement of a result reads it, so a status in another shape (e.g. {"code": "201"}) is reported here once.',
    assert: (r) =>
      bodyOf(r.response, (_b, ops) =>
        badResultStatus(ops, isStatusCode, {
          code: 'VALUE_MISMATCH',
          expected: 'a status code such as "201"',
          message: (i) => `Operations[${i}].status is not a status code`,
        }),
      ),
  }),
  onResults({
    id: 'bulk.response.schema-valid',
    title: 'The BulkResponse is valid',
    requirements: ['7644-3.7-b', '7644-3.1-a'],
    explanation: `The response carries ${URN.bulkResponse} and one result per operation with method and status (RFC 7644 §3.7).`,
    assert: (r, ctx) => bodyOf(r.response, (b) => ctx.validate(URN.bulkResponse, b)[0]),
  }),
  onResults({
    id: 'bulk.response.one-result-per-operation',
    title: 'Every operation has a result with a status',
    requirements: ['7644-3.7.3-a', '7644-3.7-d'],
    explanation:
      'RFC 7644 §3.7.3: the response lists the result of every processed operation; without failOnErrors all four are processed.',
    assert: (r) =>
      bodyOf(r.response, (_b, ops) =>
        ops.length === 4 && ops.every((o) => o['status'] !== undefined)
          ? undefined
          : fail('VALUE_MISMATCH', `${ops.length} results (with status) for 4 operations`, {
              expected: 4,
              actual: ops.length,
              pointer: '/Operations',
            }),
      ),
  }),
  onAnswer({
    id: 'bulk.response.bulk-id-echoed',
    title: 'Results echo the bulkId of their POST',
    requirements: ['7644-3.7-c'],
    explanation:
      'RFC 7644 §3.7: the bulkId of a POST is REQUIRED and returned with its result, so clients can match them.',
    assert: (r) =>
      bodyOf(r.response, (_b, ops) =>
        ['u1', 'g1', 'dup', 'u3'].every((id) => byBulkId(ops, id))
          ? undefined
          : fail('ATTRIBUTE_MISSING', 'Some results lack the bulkId that was sent', {
              expected: ['u1', 'g1', 'dup', 'u3'],
              actual: ops.map((o) => o['bulkId']),
              pointer: '/Operations',
            }),
      ),
  }),
  onAnswer({
    id: 'bulk.response.location',
    title: 'Successful POST results carry the new resource location',
    requirements: ['7644-3.7-d'],
    explanation: 'RFC 7644 §3.7: each result has a location (except a failed POST).',
    assert: (r) =>
      bodyOf(r.response, (_b, ops) => {
        const u = byBulkId(ops, 'u1');
        return typeof u?.['location'] === 'string' && /\/Users\/[^/]+$/i.test(u['location'])
          ? undefined
          : fail('ATTRIBUTE_MISSING', 'The created User has no location', {
              actual: u,
              pointer: '/Operations/0/location',
            });
      }),
  }),
  onResults({
    id: 'bulk.location.resolves',
    title: 'Every location in the BulkResponse reads back as a valid resource',
    requirements: ['7644-3.7-d', '7643-3-a'],
    explanation:
      'A result location is the URI of the created resource (RFC 7644 §3.7); GET on it returns a valid User or Group.',
    assert: (r, ctx) => {
      if (r.locations.length === 0)
        return fail('ATTRIBUTE_MISSING', 'The BulkResponse named no location to read', {
          pointer: '/Operations',
        });
      for (const res of r.locations) {
        const read = bodyVerdict(res, 200, (b) => {
          const schemas = Array.isArray(b['schemas']) ? b['schemas'] : [];
          return ctx.validate(schemas.includes(URN.user) ? URN.user : URN.group, b)[0];
        });
        if (read.kind !== 'pass') return read;
      }
      return verdict(undefined);
    },
  }),
  onAnswer({
    id: 'bulk.bulk-id.reference-resolved',
    title: 'A bulkId:… member reference becomes the new User id',
    requirements: ['7644-3.7.2-a'],
    explanation:
      'RFC 7644 §3.7.2: "bulkId:u1" MUST be replaced by the id of the resource created under that bulkId.',
    assert: (r) => {
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
  }),
  onResults({
    id: 'bulk.error.continues',
    title: 'Without failOnErrors, operations after a failure still run',
    requirements: ['7644-3.7-g'],
    explanation: 'RFC 7644 §3.7: without failOnErrors the service provider MUST continue after errors.',
    assert: (r) =>
      bodyOf(r.response, (_b, ops) =>
        expectOpStatus(ops, 'u3', '201', () => 'The operation after the failing one was not applied'),
      ),
  }),
  onResults({
    id: 'bulk.error.status-as-standalone',
    title: 'A duplicate userName in bulk gets status 409',
    requirements: ['7644-3.7.3-b', '7644-3.3-h'],
    explanation:
      'RFC 7644 §3.7.3: each result status is what the request would have answered on its own; a duplicate is 409.',
    assert: (r) =>
      bodyOf(r.response, (_b, ops) =>
        expectOpStatus(ops, 'dup', '409', (got) => `The duplicate create has status ${String(got)}`),
      ),
  }),
  onAnswer({
    id: 'bulk.error.response-is-error',
    title: 'A failed operation carries an Error response',
    requirements: ['7644-3.7-e', '7644-3.12-n'],
    explanation:
      'RFC 7644 §3.7: a non-2xx result MUST include a response holding a SCIM Error with the same status.',
    assert: (r, ctx) =>
      bodyOf(r.response, (_b, ops) => {
        const d = byBulkId(ops, 'dup');
        if (!isObject(d?.['response']))
          return fail('ATTRIBUTE_MISSING', 'The failed operation has no response', {
            pointer: '/Operations',
          });
        return ctx.validate(URN.error, d['response'])[0];
      }),
  }),
  check({
    id: 'bulk.fail-on-errors.stops',
    title: 'failOnErrors=1 stops after the first error',
    requirements: ['7644-3.7-h'],
    explanation:
      'RFC 7644 §3.7: with failOnErrors the service provider stops processing after that many errors.',
    scenario: stopped,
    assert: (r) =>
      bodyOf(r.response, (_b, ops) =>
        ops.length === 1
          ? undefined
          : fail(
              'VALUE_MISMATCH',
              `${ops.length} results after failOnErrors=1 with a failing first operation`,
              { expected: 1, actual: ops.length, pointer: '/Operations' },
            ),
      ),
  }),
  check({
    id: 'bulk.fail-on-errors.later-not-applied',
    title: 'Operations after the stop are not applied',
    requirements: ['7644-3.7-h'],
    explanation:
      'The operations after the error limit are not processed at all (RFC 7644 §3.7): the late User does not exist.',
    scenario: stopped,
    assert: (r) => {
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
  }),
  limit({
    id: 'bulk.limits.max-operations-413',
    title: 'More than maxOperations operations answers 413',
    requirements: ['7644-3.7.4-a', '7644-3.7.4-b'],
    explanation: 'RFC 7644 §3.7.4: exceeding the advertised maxOperations MUST answer 413.',
    assert: (r) => refused(r.tooManyOps, 'maxOperations'),
  }),
  limit({
    id: 'bulk.limits.max-operations-names-limit',
    title: 'The maxOperations 413 says which limit was exceeded',
    requirements: ['7644-3.7.4-c'],
    explanation: 'RFC 7644 §3.7.4: the 413 Error states the limit that was exceeded.',
    assert: (r) => limitError(r.tooManyOps, /maxOperations|operations|\d+/i),
  }),
  limit({
    id: 'bulk.limits.max-payload-413',
    title: 'A body larger than maxPayloadSize answers 413',
    requirements: ['7644-3.7.4-b'],
    explanation: 'RFC 7644 §3.7.4: exceeding the advertised maxPayloadSize MUST answer 413.',
    assert: (r) => refused(r.tooLarge, 'maxPayloadSize'),
  }),
  limit({
    id: 'bulk.limits.max-payload-names-limit',
    title: 'The maxPayloadSize 413 says which limit was exceeded',
    requirements: ['7644-3.7.4-c'],
    explanation: 'RFC 7644 §3.7.4: the 413 Error states the limit that was exceeded.',
    assert: (r) => limitError(r.tooLarge, /maxPayloadSize|payload|bytes|\d+/i),
  }),
];

export const bulkSuite = defineSuite({
  name: 'bulk',
  title: 'Bulk',
  description:
    'BulkResponse shape, bulkId references, per-operation status and errors, failOnErrors, and the maxOperations/maxPayloadSize limits.',
  checks: [...bulkChecks, ...referenceChecks],
});
