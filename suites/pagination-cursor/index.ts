/**
 * Cursor-based pagination (RFC 9865): nextCursor/previousCursor, count, the cursor errors, POST /.search and the
 * ServiceProviderConfig `pagination` attribute. Runs when ServiceProviderConfig advertises `pagination.cursor`.
 * Levels follow the text: MUST where RFC 9865 binds the server with a BCP 14 keyword, SHOULD where it only
 * defines a value, uses a lowercase word or leaves the server a choice (docs/rfc-flavour.md has the readings).
 * @module
 */
import {
  bodyObject,
  checkRows,
  defineSuite,
  expectAtMostListed,
  expectIdSet,
  expectStatus,
  fail,
  inconclusive,
  isFailure,
  isObject,
  listIds,
  listVerdict,
  pass,
  skip,
  verdict,
} from '../support/index.js';
import type { AnyCheck, Guard, HttpResult, JsonObject, Verdict } from '../support/index.js';
import {
  cursorOf,
  cursorExpiry,
  cursorPages,
  cursorProbe,
  MAX_EXPIRY_WAIT_SECONDS,
  type CursorPages,
} from './scenarios.js';

const SUITE = 'pagination-cursor';
const FIRST_PAGE = `${SUITE}.first-page.next-cursor`;

const UNRESERVED = /^[A-Za-z0-9._~-]+$/;

const check = checkRows({ suite: SUITE, rfc: 'RFC9865 2', scenario: cursorPages });

/** Judges a ListResponse answered 200; anything else fails as the page the client needed. */
function onPage(
  res: HttpResult | undefined,
  judge: (body: JsonObject, ids: string[]) => Guard | Verdict,
): Verdict {
  if (!res) return skip('The page was not requested (an earlier page ended the walk)');
  return listVerdict(res, (ids, body) => judge(body, ids));
}

const absent = (body: JsonObject, name: string, why: string): Guard =>
  body[name] === undefined
    ? undefined
    : fail('ATTRIBUTE_UNEXPECTED', `${why}, but the response carries ${name}`, {
        expected: `no ${name}`,
        actual: body[name],
        pointer: `/${name}`,
      });

const present = (body: JsonObject, name: string, why: string): Guard =>
  typeof body[name] === 'string' && body[name] !== ''
    ? undefined
    : fail('ATTRIBUTE_MISSING', `${why}, but the response has no ${name}`, {
        expected: `a ${name} string`,
        actual: body[name],
        pointer: `/${name}`,
      });

/** The ids of every page of a walk, or the failure of the first page that is not a usable ListResponse. */
function walkIds(pages: readonly HttpResult[]): string[] | Verdict {
  const seen: string[] = [];
  for (const page of pages) {
    const status = expectStatus(page, 200);
    if (status) return status;
    const ids = listIds(page);
    if (isFailure(ids)) return ids;
    seen.push(...ids);
  }
  return seen;
}

/** The first page's nextCursor is the precondition of every walk check; without it they defer to one check. */
const needsNext = (p: CursorPages): Verdict | undefined =>
  cursorOf(p.byOne.pages[0], 'nextCursor') === undefined
    ? skip('The first page had no nextCursor; judged by pagination-cursor.first-page.next-cursor')
    : undefined;

const needsScope = (p: CursorPages): Verdict | undefined =>
  p.fixture.scoped
    ? undefined
    : skip('Needs `filter=userName sw` to scope the query to the three fixture Users and know where it ends');

/** Checks that follow nextCursor from the first page: each first asks needsNext, as the walk checks need it. */
const FOLLOWS = { suite: SUITE, rfc: 'RFC9865 2', scenario: cursorPages, dependsOn: [FIRST_PAGE] } as const;
const afterFirst = checkRows(FOLLOWS, needsNext);
/** The walks to the end of the three fixture Users: they also need the query scoped to them (needsScope). */
const walk = checkRows(FOLLOWS, (p) => needsScope(p) ?? needsNext(p));

/** The scimType of the 400 a bad cursor got; other statuses are left to the status check (one cause, one finding). */
function scimTypeIs(res: HttpResult | undefined, statusCheck: string, expected: string): Verdict {
  if (!res) return skip(`The request was not sent; see ${statusCheck}`);
  if (res.status !== 400) return skip(`The answer was ${String(res.status)}; judged by ${statusCheck}`);
  const body = bodyObject(res);
  if (isFailure(body)) return body;
  return body['scimType'] === expected
    ? pass()
    : fail(
        'VALUE_MISMATCH',
        `The 400 carries scimType ${JSON.stringify(body['scimType'])}, expected ${expected}`,
        {
          expected,
          actual: body['scimType'],
          pointer: '/scimType',
        },
      );
}

/** 400 for a refused cursor: a 200 is judged by the caller's own rule, a 5xx or another 4xx fails. */
function refusedWith400(res: HttpResult | undefined, onOk: () => Verdict): Verdict {
  if (!res) return skip('The request was not sent');
  if (res.status === 200) return onOk();
  return verdict(expectStatus(res, 400));
}

const pagination = (spc: HttpResult): JsonObject | undefined => {
  const body = spc.json;
  return isObject(body) && isObject(body['pagination']) ? body['pagination'] : undefined;
};

const positiveInteger = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v > 0;

export const paginationCursorChecks: AnyCheck[] = [
  check({
    id: 'pagination-cursor.spc.advertised-when-honoured',
    title: 'A server that honours `cursor` advertises it in ServiceProviderConfig',
    level: 'SHOULD',
    rfc: 'RFC9865 4',
    requirements: ['9865-4-a'],
    fix: 'Add "pagination": {"cursor": true, "index": …} to /ServiceProviderConfig.',
    explanation:
      'RFC 9865 §4: a service provider implementing cursor paging SHOULD publish `pagination`; clients decide by it before using cursors.',
    scenario: cursorProbe,
    assert: (p) => {
      if (p.spc.status !== 200 || !isObject(p.spc.json))
        return skip('No usable /ServiceProviderConfig; judged by the discovery suite');
      if (p.first.status !== 200 || cursorOf(p.first, 'nextCursor') === undefined)
        return skip(
          'The target does not answer an empty cursor with a nextCursor: it does not page by cursor',
        );
      return pagination(p.spc)?.['cursor'] === true
        ? pass()
        : fail(
            'ATTRIBUTE_MISSING',
            'The target pages by cursor but ServiceProviderConfig does not say pagination.cursor=true',
            {
              expected: { pagination: { cursor: true } },
              actual: p.spc.json['pagination'],
              pointer: '/pagination',
            },
          );
    },
  }),
  check({
    id: 'pagination-cursor.spc.pagination-well-formed',
    title: 'ServiceProviderConfig `pagination` has boolean cursor/index and well-typed options',
    level: 'MUST',
    rfc: 'RFC9865 4',
    requirements: ['9865-4-b', '9865-4-c'],
    fix: 'Give pagination.cursor and pagination.index as booleans and the optional sizes and cursorTimeout as positive integers.',
    explanation:
      'RFC 9865 §4: `cursor` and `index` are REQUIRED booleans; defaultPaginationMethod is "cursor" or "index"; page sizes and cursorTimeout are positive integers.',
    assert: (p) => {
      const block = pagination(p.spc);
      if (!block) return skip('ServiceProviderConfig has no pagination object');
      for (const name of ['cursor', 'index'])
        if (typeof block[name] !== 'boolean')
          return fail('ATTRIBUTE_MISSING', `pagination.${name} must be a boolean (REQUIRED)`, {
            expected: 'boolean',
            actual: block[name],
            pointer: `/pagination/${name}`,
          });
      const method = block['defaultPaginationMethod'];
      if (method !== undefined && method !== 'cursor' && method !== 'index')
        return fail('VALUE_MISMATCH', `defaultPaginationMethod is ${JSON.stringify(method)}`, {
          expected: '"cursor" or "index"',
          actual: method,
          pointer: '/pagination/defaultPaginationMethod',
        });
      for (const name of ['defaultPageSize', 'maxPageSize', 'cursorTimeout'])
        if (block[name] !== undefined && !positiveInteger(block[name]))
          return fail('VALUE_MISMATCH', `pagination.${name} must be a positive integer`, {
            expected: 'positive integer',
            actual: block[name],
            pointer: `/pagination/${name}`,
          });
      return pass();
    },
  }),
  check({
    id: 'pagination-cursor.first-page.next-cursor',
    title: 'The first cursor page of a longer result carries nextCursor',
    level: 'MUST',
    requirements: ['9865-2-f'],
    fix: 'Return nextCursor on every cursor page that is not the last.',
    explanation:
      'RFC 9865 §2: nextCursor MUST be in every paged response but the last; without it a client stops after page one.',
    assert: (p) =>
      onPage(p.byOne.pages[0], (body, ids) =>
        ids.length === 0
          ? fail('VALUE_MISMATCH', 'The first page of three Users is empty', { expected: 1, actual: 0 })
          : present(body, 'nextCursor', 'count=1 over three Users leaves more pages'),
      ),
  }),
  check({
    id: 'pagination-cursor.first-page.no-previous-cursor',
    title: 'The first cursor page has no previousCursor',
    level: 'MUST',
    requirements: ['9865-2-h'],
    fix: 'Leave previousCursor out of the first page.',
    explanation: 'RFC 9865 §2: previousCursor MUST NOT be returned with the first page.',
    assert: (p) =>
      onPage(p.byOne.pages[0], (body) => absent(body, 'previousCursor', 'This is the first page')),
  }),
  walk({
    id: 'pagination-cursor.walk.reaches-every-result',
    title: 'Following nextCursor until it is absent reaches every result',
    level: 'MUST',
    requirements: ['9865-2-g', '9865-2-l'],
    fix: 'Omit nextCursor only when no results remain after this page.',
    explanation:
      'RFC 9865 §2: nextCursor is omitted only when there are no more pages; a server that stops early hides Users from every sync.',
    assert: (p) => {
      const seen = walkIds(p.byOne.pages);
      if (!Array.isArray(seen)) return seen;
      const missing = p.fixture.ids.filter((id) => !seen.includes(id));
      return missing.length === 0
        ? pass()
        : fail(
            'VALUE_MISMATCH',
            `The walk ended without ${missing.map((id) => p.fixture.names[id]).join(', ')}`,
            {
              expected: p.fixture.ids.map((id) => p.fixture.names[id]),
              actual: seen.map((id) => p.fixture.names[id] ?? id),
              pointer: '/nextCursor',
            },
          );
    },
  }),
  walk({
    id: 'pagination-cursor.walk.each-result-once',
    title: 'Cursor pages neither overlap nor skip results',
    level: 'SHOULD',
    requirements: ['9865-2-l'],
    fix: 'Make nextCursor continue right after the last result of the page it came with.',
    explanation:
      'RFC 9865 §2: nextCursor obtains the next page; pages of count=2 that repeat a User make a sync process it twice.',
    assert: (p) => {
      if (!p.byTwo.ended)
        return skip('The count=2 walk did not end; judged by pagination-cursor.walk.reaches-every-result');
      const seen = walkIds(p.byTwo.pages);
      if (!Array.isArray(seen)) return seen;
      return verdict(expectIdSet(seen, p.fixture.ids, p.fixture.names));
    },
  }),
  walk({
    id: 'pagination-cursor.last-page.no-next-cursor',
    title: 'The last cursor page has no nextCursor',
    level: 'SHOULD',
    requirements: ['9865-2-g'],
    fix: 'Leave nextCursor out of the page that holds the last result.',
    explanation:
      'RFC 9865 §2 makes an absent nextCursor the end-of-results signal; one on the last page costs every sync an extra empty request. SHOULD: the text only forbids omitting it early.',
    assert: (p) => {
      const third = p.byOne.pages[2];
      return onPage(third, (body, ids) =>
        ids.length === 1 && p.fixture.ids.includes(ids[0] ?? '')
          ? absent(body, 'nextCursor', 'The third of three Users is the last result')
          : skip('The third page did not hold the last fixture User; judged by the walk checks'),
      );
    },
  }),
  check({
    id: 'pagination-cursor.count.honoured',
    title: 'A cursor page holds at most `count` resources',
    level: 'MUST',
    requirements: ['9865-2-e'],
    fix: 'Return at most count resources on a cursor page.',
    explanation: 'RFC 9865 §2: the service provider MUST NOT return more results than count.',
    assert: (p) => onPage(p.byOne.pages[0], (_b, ids) => expectAtMostListed(ids, 1, 'returned for count=1')),
  }),
  check({
    id: 'pagination-cursor.count.zero-returns-no-resources',
    title: 'count=0 with a cursor returns no resources',
    level: 'MUST',
    requirements: ['9865-2-d', '9865-2-e'],
    fix: 'Answer count=0 with totalResults and no Resources.',
    explanation:
      'RFC 9865 §2: count=0 asks for totalResults only, and no more than count results may be returned.',
    assert: (p) => onPage(p.zero, (_b, ids) => expectAtMostListed(ids, 0, 'returned for count=0')),
  }),
  check({
    id: 'pagination-cursor.count.negative-treated-as-zero',
    title: 'A negative count with a cursor is read as 0',
    level: 'MUST',
    requirements: ['9865-2-c'],
    fix: 'Read a negative count as 0.',
    explanation: 'RFC 9865 §2: a negative count SHALL be interpreted as 0, not refused.',
    assert: (p) => onPage(p.negative, (_b, ids) => expectAtMostListed(ids, 0, 'returned for count=0')),
  }),
  afterFirst({
    id: 'pagination-cursor.cursor.url-safe',
    title: 'Cursor values use only unreserved URL characters',
    level: 'SHOULD',
    requirements: ['9865-2-b'],
    fix: 'Encode cursors with A-Z a-z 0-9 - . _ ~ only (for example base64url without padding).',
    explanation:
      'RFC 9865 §2: the cursor parameter may only hold RFC 3986 §2.3 unreserved characters and cursors are URL-safe; a "+" or "=" breaks clients that paste it into a URL unencoded. SHOULD: stated with a lowercase "may".',
    assert: (p) => {
      const values = [...p.byOne.pages, ...p.byTwo.pages].flatMap((page) =>
        [cursorOf(page, 'nextCursor'), cursorOf(page, 'previousCursor')].filter((c) => c !== undefined),
      );
      const bad = values.find((c) => !UNRESERVED.test(c));
      return bad === undefined
        ? pass()
        : fail(
            'VALUE_MISMATCH',
            `The cursor ${JSON.stringify(bad)} has characters outside A-Z a-z 0-9 - . _ ~`,
            {
              expected: 'unreserved characters only',
              actual: bad,
              pointer: '/nextCursor',
            },
          );
    },
  }),
  check({
    id: 'pagination-cursor.invalid-cursor.returns-400',
    title: 'A cursor the server never issued is refused with 400',
    level: 'SHOULD',
    rfc: 'RFC9865 2.1',
    requirements: ['9865-2.1-a', '9865-5.2-d'],
    fix: 'Refuse a cursor the server did not issue with 400 and a SCIM error body.',
    explanation:
      'RFC 9865 §2.1 (SHOULD answer invalid pagination parameters with the fitting error) and §5.2: a forged cursor must not silently restart the listing.',
    assert: (p) =>
      refusedWith400(p.forged, () =>
        fail('STATUS_MISMATCH', 'A cursor the server never issued was answered 200', {
          expected: 400,
          actual: 200,
        }),
      ),
  }),
  check({
    id: 'pagination-cursor.invalid-cursor.scim-type',
    title: 'The 400 for an unknown cursor has scimType invalidCursor',
    level: 'SHOULD',
    rfc: 'RFC9865 2.1',
    requirements: ['9865-2.1-b'],
    dependsOn: ['pagination-cursor.invalid-cursor.returns-400'],
    fix: 'Use scimType "invalidCursor" for a cursor that is not valid.',
    explanation:
      'RFC 9865 §2.1 defines invalidCursor for a cursor value that is not valid; clients restart paging on it.',
    assert: (p) => scimTypeIs(p.forged, 'pagination-cursor.invalid-cursor.returns-400', 'invalidCursor'),
  }),
  check({
    id: 'pagination-cursor.previous-cursor.returns-previous-page',
    title: 'previousCursor leads back to the previous page',
    level: 'SHOULD',
    requirements: ['9865-2-i'],
    fix: 'Make previousCursor lead to the page before the current one.',
    explanation:
      'RFC 9865 §2: previousCursor is OPTIONAL, but when given it obtains the previous page of results.',
    assert: (p) => {
      if (!p.previous) return skip('The second page had no previousCursor (it is OPTIONAL)');
      const first = listIds(p.byOne.pages[0] as HttpResult);
      if (isFailure(first))
        return skip('The first page was not a usable ListResponse; judged by first-page checks');
      return onPage(p.previous, (_b, ids) => expectIdSet(ids, first, p.fixture.names));
    },
  }),
  check({
    id: 'pagination-cursor.timeout.valid-within',
    title: 'A cursor still works well within the advertised cursorTimeout',
    level: 'SHOULD',
    rfc: 'RFC9865 4',
    requirements: ['9865-4-d'],
    fix: 'Keep cursors valid for at least the advertised cursorTimeout.',
    explanation:
      'RFC 9865 §4: cursorTimeout is the minimum number of seconds a cursor stays valid between page requests; a server that expires sooner breaks clients that trust it.',
    scenario: cursorExpiry,
    assert: (p) => {
      if (!p.timeout)
        return skip('ServiceProviderConfig advertises no cursorTimeout (or no nextCursor came back)');
      const { within, withinAgeMs, seconds } = p.timeout;
      const verdict = onPage(within, () => undefined);
      // Only a cursor surely younger than cursorTimeout when used can show that it expired too early.
      if (verdict.kind === 'fail' && withinAgeMs >= seconds * 1000)
        return inconclusive(
          `The harness used the cursor up to ${withinAgeMs} ms after it was issued, not within the ${seconds} s cursorTimeout`,
          within.exchange,
        );
      return verdict;
    },
  }),
  check({
    id: 'pagination-cursor.expired-cursor.returns-400',
    title: 'A cursor used after cursorTimeout is refused with 400, not a server error',
    level: 'SHOULD',
    rfc: 'RFC9865 2.1',
    requirements: ['9865-2.1-a'],
    fix: 'Answer an expired cursor with 400 expiredCursor, not a server error.',
    explanation:
      'RFC 9865 §2.1: an expired cursor is a client condition answered with 400 expiredCursor. A 200 is allowed (cursorTimeout is a minimum) and skips.',
    scenario: cursorExpiry,
    assert: (p) => {
      if (!p.timeout) return skip('ServiceProviderConfig advertises no cursorTimeout');
      if (!p.timeout.after)
        return skip(
          `cursorTimeout is ${p.timeout.seconds} s; the suite waits at most ${MAX_EXPIRY_WAIT_SECONDS} s`,
        );
      return refusedWith400(p.timeout.after, () =>
        inconclusive(
          'The cursor still worked after cursorTimeout, which RFC 9865 §4 allows (it is a minimum)',
          p.timeout?.after?.exchange,
        ),
      );
    },
  }),
  check({
    id: 'pagination-cursor.expired-cursor.scim-type',
    title: 'The 400 for an expired cursor has scimType expiredCursor',
    level: 'SHOULD',
    rfc: 'RFC9865 2.1',
    requirements: ['9865-2.1-c'],
    dependsOn: ['pagination-cursor.expired-cursor.returns-400'],
    fix: 'Use scimType "expiredCursor" for a cursor that has expired.',
    explanation:
      'RFC 9865 §2.1 defines expiredCursor; it tells the client to start over rather than fix its request.',
    scenario: cursorExpiry,
    assert: (p) => {
      if (!p.timeout?.after)
        return skip(
          'No cursor was used after cursorTimeout; see pagination-cursor.expired-cursor.returns-400',
        );
      return scimTypeIs(p.timeout.after, 'pagination-cursor.expired-cursor.returns-400', 'expiredCursor');
    },
  }),
  check({
    id: 'pagination-cursor.search.next-cursor',
    title: 'POST /.search with a cursor in the body pages by cursor',
    level: 'MUST',
    rfc: 'RFC9865 3',
    requirements: ['9865-3-a', '9865-2-f'],
    // A missing /.search is one finding, made by the search suite.
    dependsOn: ['search.post.supported'],
    fix: 'Read cursor and count from the SearchRequest body of POST /.search and page by cursor.',
    explanation:
      'RFC 9865 §3: the SearchRequest body carries `cursor` and `count` as the query string would, and §2 then requires nextCursor on a non-last page.',
    assert: (p) => {
      const status = p.search.status;
      if (status === 404 || status === 405 || status === 501)
        return skip(`POST /.search answered ${status}; judged by the search suite`);
      return onPage(p.search, (body) =>
        present(body, 'nextCursor', 'count=1 over three Users leaves more pages'),
      );
    },
  }),
];

export const paginationCursorSuite = defineSuite({
  name: SUITE,
  title: 'Cursor pagination (RFC 9865)',
  description:
    'nextCursor/previousCursor, count, invalid and expired cursors, POST /.search and ServiceProviderConfig pagination; runs when the target advertises pagination.cursor.',
  checks: paginationCursorChecks,
});
