/**
 * Cursor-based pagination (RFC 9865): nextCursor/previousCursor, count, the cursor errors, POST /.search and the
 * ServiceProviderConfig `pagination` attribute. Runs when ServiceProviderConfig advertises `pagination.cursor`.
 * Levels follow the text: MUST where RFC 9865 binds the server with a BCP 14 keyword, SHOULD where it only
 * defines a value, uses a lowercase word or leaves the server a choice (docs/rfc-flavour.md has the readings).
 * @module
 */
import {
  defineCheck,
  defineSuite,
  fail,
  inconclusive,
  pass,
  skip,
  type AnyCheck,
  type HttpResult,
  type Level,
  type Scenario,
  type Verdict,
} from '../../engine/model/index.js';
import { expectIdSet, listIds } from '../filter/kit.js';
import {
  bodyObject,
  expectStatus,
  isFailure,
  isObject,
  type Guard,
  type JsonObject,
} from '../support/guards.js';
import { verdict } from '../support/verdicts.js';
import {
  cursorOf,
  cursorPages,
  cursorProbe,
  MAX_EXPIRY_WAIT_SECONDS,
  type CursorPages,
} from './scenarios.js';

const SUITE = 'pagination-cursor';
const FIRST_PAGE = `${SUITE}.first-page.next-cursor`;

/** Prerequisites: a check judged on what another check found broken is blocked by it (one cause, one finding). */
const DEPENDS: Record<string, string[]> = {
  'walk.reaches-every-result': [FIRST_PAGE],
  'walk.each-result-once': [FIRST_PAGE],
  'last-page.no-next-cursor': [FIRST_PAGE],
  'cursor.url-safe': [FIRST_PAGE],
  'invalid-cursor.scim-type': [`${SUITE}.invalid-cursor.returns-400`],
  'expired-cursor.scim-type': [`${SUITE}.expired-cursor.returns-400`],
  // A missing /.search is one finding, made by the search suite.
  'search.next-cursor': ['search.post.supported'],
};

/** One sentence per check: what to change on the server when it fails. */
const FIX: Record<string, string> = {
  'spc.advertised-when-honoured': 'Add "pagination": {"cursor": true, "index": …} to /ServiceProviderConfig.',
  'spc.pagination-well-formed':
    'Give pagination.cursor and pagination.index as booleans and the optional sizes and cursorTimeout as positive integers.',
  'first-page.next-cursor': 'Return nextCursor on every cursor page that is not the last.',
  'first-page.no-previous-cursor': 'Leave previousCursor out of the first page.',
  'walk.reaches-every-result': 'Omit nextCursor only when no results remain after this page.',
  'walk.each-result-once': 'Make nextCursor continue right after the last result of the page it came with.',
  'last-page.no-next-cursor': 'Leave nextCursor out of the page that holds the last result.',
  'count.honoured': 'Return at most count resources on a cursor page.',
  'count.zero-returns-no-resources': 'Answer count=0 with totalResults and no Resources.',
  'count.negative-treated-as-zero': 'Read a negative count as 0.',
  'cursor.url-safe': 'Encode cursors with A-Z a-z 0-9 - . _ ~ only (for example base64url without padding).',
  'invalid-cursor.returns-400': 'Refuse a cursor the server did not issue with 400 and a SCIM error body.',
  'invalid-cursor.scim-type': 'Use scimType "invalidCursor" for a cursor that is not valid.',
  'previous-cursor.returns-previous-page': 'Make previousCursor lead to the page before the current one.',
  'timeout.valid-within': 'Keep cursors valid for at least the advertised cursorTimeout.',
  'expired-cursor.returns-400': 'Answer an expired cursor with 400 expiredCursor, not a server error.',
  'expired-cursor.scim-type': 'Use scimType "expiredCursor" for a cursor that has expired.',
  'search.next-cursor':
    'Read cursor and count from the SearchRequest body of POST /.search and page by cursor.',
};
const UNRESERVED = /^[A-Za-z0-9._~-]+$/;

function check<T>(
  id: string,
  title: string,
  section: string,
  requirements: string[],
  level: Level,
  explanation: string,
  scenario: Scenario<T>,
  assert: (p: T) => Verdict,
): AnyCheck {
  const dependsOn = DEPENDS[id];
  const fix = FIX[id];
  return defineCheck({
    id: `${SUITE}.${id}`,
    ...(dependsOn ? { dependsOn } : {}),
    ...(fix ? { fix } : {}),
    title,
    suite: SUITE,
    rfc: `RFC9865 ${section}`,
    requirements,
    level,
    explanation,
    scenario,
    assert,
  });
}

/** Judges a ListResponse answered 200; anything else fails as the page the client needed. */
function onPage(
  res: HttpResult | undefined,
  judge: (body: JsonObject, ids: string[]) => Guard | Verdict,
): Verdict {
  if (!res) return skip('The page was not requested (an earlier page ended the walk)');
  const status = expectStatus(res, 200);
  if (status) return status;
  const body = bodyObject(res);
  if (isFailure(body)) return body;
  const ids = listIds(res);
  if (isFailure(ids)) return ids;
  return judge(body, ids) ?? pass();
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

const atMost = (ids: string[], count: number): Guard =>
  ids.length <= count
    ? undefined
    : fail('VALUE_MISMATCH', `${ids.length} resources returned for count=${Math.max(0, count)}`, {
        expected: `≤ ${count}`,
        actual: ids.length,
        pointer: '/Resources',
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
  check(
    'spc.advertised-when-honoured',
    'A server that honours `cursor` advertises it in ServiceProviderConfig',
    '4',
    ['9865-4-a'],
    'SHOULD',
    'RFC 9865 §4: a service provider implementing cursor paging SHOULD publish `pagination`; clients decide by it before using cursors.',
    cursorProbe,
    (p) => {
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
  ),
  check(
    'spc.pagination-well-formed',
    'ServiceProviderConfig `pagination` has boolean cursor/index and well-typed options',
    '4',
    ['9865-4-b', '9865-4-c'],
    'MUST',
    'RFC 9865 §4: `cursor` and `index` are REQUIRED booleans; defaultPaginationMethod is "cursor" or "index"; page sizes and cursorTimeout are positive integers.',
    cursorPages,
    (p) => {
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
  ),
  check(
    'first-page.next-cursor',
    'The first cursor page of a longer result carries nextCursor',
    '2',
    ['9865-2-f'],
    'MUST',
    'RFC 9865 §2: nextCursor MUST be in every paged response but the last; without it a client stops after page one.',
    cursorPages,
    (p) =>
      onPage(p.byOne.pages[0], (body, ids) =>
        ids.length === 0
          ? fail('VALUE_MISMATCH', 'The first page of three Users is empty', { expected: 1, actual: 0 })
          : present(body, 'nextCursor', 'count=1 over three Users leaves more pages'),
      ),
  ),
  check(
    'first-page.no-previous-cursor',
    'The first cursor page has no previousCursor',
    '2',
    ['9865-2-h'],
    'MUST',
    'RFC 9865 §2: previousCursor MUST NOT be returned with the first page.',
    cursorPages,
    (p) => onPage(p.byOne.pages[0], (body) => absent(body, 'previousCursor', 'This is the first page')),
  ),
  check(
    'walk.reaches-every-result',
    'Following nextCursor until it is absent reaches every result',
    '2',
    ['9865-2-g', '9865-2-l'],
    'MUST',
    'RFC 9865 §2: nextCursor is omitted only when there are no more pages; a server that stops early hides Users from every sync.',
    cursorPages,
    (p) => {
      const gate = needsScope(p) ?? needsNext(p);
      if (gate) return gate;
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
  ),
  check(
    'walk.each-result-once',
    'Cursor pages neither overlap nor skip results',
    '2',
    ['9865-2-l'],
    'SHOULD',
    'RFC 9865 §2: nextCursor obtains the next page; pages of count=2 that repeat a User make a sync process it twice.',
    cursorPages,
    (p) => {
      const gate = needsScope(p) ?? needsNext(p);
      if (gate) return gate;
      if (!p.byTwo.ended)
        return skip('The count=2 walk did not end; judged by pagination-cursor.walk.reaches-every-result');
      const seen = walkIds(p.byTwo.pages);
      if (!Array.isArray(seen)) return seen;
      return verdict(expectIdSet(seen, p.fixture.ids, p.fixture.names));
    },
  ),
  check(
    'last-page.no-next-cursor',
    'The last cursor page has no nextCursor',
    '2',
    ['9865-2-g'],
    'SHOULD',
    'RFC 9865 §2 makes an absent nextCursor the end-of-results signal; one on the last page costs every sync an extra empty request. SHOULD: the text only forbids omitting it early.',
    cursorPages,
    (p) => {
      const gate = needsScope(p) ?? needsNext(p);
      if (gate) return gate;
      const third = p.byOne.pages[2];
      return onPage(third, (body, ids) =>
        ids.length === 1 && p.fixture.ids.includes(ids[0] ?? '')
          ? absent(body, 'nextCursor', 'The third of three Users is the last result')
          : skip('The third page did not hold the last fixture User; judged by the walk checks'),
      );
    },
  ),
  check(
    'count.honoured',
    'A cursor page holds at most `count` resources',
    '2',
    ['9865-2-e'],
    'MUST',
    'RFC 9865 §2: the service provider MUST NOT return more results than count.',
    cursorPages,
    (p) => onPage(p.byOne.pages[0], (_b, ids) => atMost(ids, 1)),
  ),
  check(
    'count.zero-returns-no-resources',
    'count=0 with a cursor returns no resources',
    '2',
    ['9865-2-d', '9865-2-e'],
    'MUST',
    'RFC 9865 §2: count=0 asks for totalResults only, and no more than count results may be returned.',
    cursorPages,
    (p) => onPage(p.zero, (_b, ids) => atMost(ids, 0)),
  ),
  check(
    'count.negative-treated-as-zero',
    'A negative count with a cursor is read as 0',
    '2',
    ['9865-2-c'],
    'MUST',
    'RFC 9865 §2: a negative count SHALL be interpreted as 0, not refused.',
    cursorPages,
    (p) => onPage(p.negative, (_b, ids) => atMost(ids, 0)),
  ),
  check(
    'cursor.url-safe',
    'Cursor values use only unreserved URL characters',
    '2',
    ['9865-2-b'],
    'SHOULD',
    'RFC 9865 §2: the cursor parameter may only hold RFC 3986 §2.3 unreserved characters and cursors are URL-safe; a "+" or "=" breaks clients that paste it into a URL unencoded. SHOULD: stated with a lowercase "may".',
    cursorPages,
    (p) => {
      const gate = needsNext(p);
      if (gate) return gate;
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
  ),
  check(
    'invalid-cursor.returns-400',
    'A cursor the server never issued is refused with 400',
    '2.1',
    ['9865-2.1-a', '9865-5.2-d'],
    'SHOULD',
    'RFC 9865 §2.1 (SHOULD answer invalid pagination parameters with the fitting error) and §5.2: a forged cursor must not silently restart the listing.',
    cursorPages,
    (p) =>
      refusedWith400(p.forged, () =>
        fail('STATUS_MISMATCH', 'A cursor the server never issued was answered 200', {
          expected: 400,
          actual: 200,
        }),
      ),
  ),
  check(
    'invalid-cursor.scim-type',
    'The 400 for an unknown cursor has scimType invalidCursor',
    '2.1',
    ['9865-2.1-b'],
    'SHOULD',
    'RFC 9865 §2.1 defines invalidCursor for a cursor value that is not valid; clients restart paging on it.',
    cursorPages,
    (p) => scimTypeIs(p.forged, 'pagination-cursor.invalid-cursor.returns-400', 'invalidCursor'),
  ),
  check(
    'previous-cursor.returns-previous-page',
    'previousCursor leads back to the previous page',
    '2',
    ['9865-2-i'],
    'SHOULD',
    'RFC 9865 §2: previousCursor is OPTIONAL, but when given it obtains the previous page of results.',
    cursorPages,
    (p) => {
      if (!p.previous) return skip('The second page had no previousCursor (it is OPTIONAL)');
      const first = listIds(p.byOne.pages[0] as HttpResult);
      if (isFailure(first))
        return skip('The first page was not a usable ListResponse; judged by first-page checks');
      return onPage(p.previous, (_b, ids) => expectIdSet(ids, first, p.fixture.names));
    },
  ),
  check(
    'timeout.valid-within',
    'A cursor still works well within the advertised cursorTimeout',
    '4',
    ['9865-4-d'],
    'SHOULD',
    'RFC 9865 §4: cursorTimeout is the minimum number of seconds a cursor stays valid between page requests; a server that expires sooner breaks clients that trust it.',
    cursorPages,
    (p) => {
      if (!p.timeout)
        return skip('ServiceProviderConfig advertises no cursorTimeout (or no nextCursor came back)');
      return onPage(p.timeout.within, () => undefined);
    },
  ),
  check(
    'expired-cursor.returns-400',
    'A cursor used after cursorTimeout is refused with 400, not a server error',
    '2.1',
    ['9865-2.1-a'],
    'SHOULD',
    'RFC 9865 §2.1: an expired cursor is a client condition answered with 400 expiredCursor. A 200 is allowed (cursorTimeout is a minimum) and skips.',
    cursorPages,
    (p) => {
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
  ),
  check(
    'expired-cursor.scim-type',
    'The 400 for an expired cursor has scimType expiredCursor',
    '2.1',
    ['9865-2.1-c'],
    'SHOULD',
    'RFC 9865 §2.1 defines expiredCursor; it tells the client to start over rather than fix its request.',
    cursorPages,
    (p) => {
      if (!p.timeout?.after)
        return skip(
          'No cursor was used after cursorTimeout; see pagination-cursor.expired-cursor.returns-400',
        );
      return scimTypeIs(p.timeout.after, 'pagination-cursor.expired-cursor.returns-400', 'expiredCursor');
    },
  ),
  check(
    'search.next-cursor',
    'POST /.search with a cursor in the body pages by cursor',
    '3',
    ['9865-3-a', '9865-2-f'],
    'MUST',
    'RFC 9865 §3: the SearchRequest body carries `cursor` and `count` as the query string would, and §2 then requires nextCursor on a non-last page.',
    cursorPages,
    (p) => {
      const status = p.search.status;
      if (status === 404 || status === 405 || status === 501)
        return skip(`POST /.search answered ${status}; judged by the search suite`);
      return onPage(p.search, (body) =>
        present(body, 'nextCursor', 'count=1 over three Users leaves more pages'),
      );
    },
  ),
];

export const paginationCursorSuite = defineSuite({
  name: SUITE,
  title: 'Cursor pagination (RFC 9865)',
  description:
    'nextCursor/previousCursor, count, invalid and expired cursors, POST /.search and ServiceProviderConfig pagination; runs when the target advertises pagination.cursor.',
  checks: paginationCursorChecks,
});
