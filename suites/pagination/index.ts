/** Pagination (RFC 7644 §3.4.2.4): startIndex, count, itemsPerPage and totalResults over a known set of Users. */
import {
  defineCheck,
  defineSuite,
  fail,
  skip,
  type AnyCheck,
  type HttpResult,
  type Level,
  type Verdict,
} from '../../engine/model/index.js';
import { expectIdSet, listIds } from '../filter/kit.js';
import { bodyObject, expectStatus, isFailure, type Guard, type JsonObject } from '../support/guards.js';
import { verdict, verdictOn } from '../support/verdicts.js';
import { pages, type Pages } from './scenarios.js';

const SUITE = 'pagination';

function judge(res: HttpResult, fn: (body: JsonObject, ids: string[]) => Guard): Verdict {
  const status = expectStatus(res, 200);
  if (status) return status;
  const body = bodyObject(res);
  if (isFailure(body)) return body;
  const ids = listIds(res);
  if (isFailure(ids)) return ids;
  return verdictOn(res, fn(body, ids));
}

/** The ids of the unpaged query; the baseline every page is compared with. */
function allIds(p: Pages): string[] | Verdict {
  if (p.expectedOrder) return p.expectedOrder;
  const ids = listIds(p.all);
  if (isFailure(ids)) return ids;
  if (!p.scoped && ids.length > 50)
    return skip('Without filtering the collection is too large to page through');
  return ids;
}

function intAt(body: JsonObject, name: string, expected: number): Guard {
  const value = body[name];
  if (value === undefined)
    return fail('ATTRIBUTE_MISSING', `The ListResponse has no ${name}`, { expected, pointer: `/${name}` });
  return value === expected
    ? undefined
    : fail('VALUE_MISMATCH', `${name} is ${JSON.stringify(value)}, expected ${expected}`, {
        expected,
        actual: value,
        pointer: `/${name}`,
      });
}

function check(
  id: string,
  title: string,
  requirements: string[],
  level: Level,
  explanation: string,
  assert: (p: Pages) => Verdict,
): AnyCheck {
  return defineCheck({
    id,
    title,
    suite: SUITE,
    rfc: 'RFC7644 3.4.2.4',
    requirements,
    level,
    explanation,
    scenario: pages,
    assert,
  });
}

const samePageAsFirst = (p: Pages, start: number): Verdict =>
  judge(p.page(start, 1), (_body, ids) => {
    const first = listIds(p.page(1, 1));
    if (isFailure(first)) return first;
    return expectIdSet(ids, first, p.names);
  });

const totalOf = (p: Pages): number | undefined => {
  const body = bodyObject(p.all);
  return !isFailure(body) && typeof body['totalResults'] === 'number' ? body['totalResults'] : undefined;
};

export const paginationChecks: AnyCheck[] = [
  check(
    'pagination.start-index.one-based',
    'startIndex=1 starts at the first result',
    ['7644-3.4.2.4-a'],
    'MUST',
    'RFC 7644 §3.4.2.4 Table 6: startIndex is 1-based; a 0-based server skips the first User of every sync.',
    (p) => {
      const all = allIds(p);
      if (!Array.isArray(all)) return all;
      return judge(p.page(1, 1), (_b, ids) => expectIdSet(ids, all.slice(0, 1), p.names));
    },
  ),
  check(
    'pagination.start-index.echoed',
    'The response startIndex echoes the requested one',
    ['7644-3.4.2.4-g', '7644-3.4.2-f'],
    'MUST',
    'RFC 7644 §3.4.2.4 Table 7: startIndex in the response is the 1-based index of the first result.',
    (p) => judge(p.page(2, 1), (body) => intAt(body, 'startIndex', 2)),
  ),
  check(
    'pagination.start-index.zero-treated-as-one',
    'startIndex=0 is treated as 1',
    ['7644-3.4.2.4-b'],
    'MUST',
    'RFC 7644 §3.4.2.4: a startIndex below 1 SHALL be interpreted as 1, not refused.',
    (p) => samePageAsFirst(p, 0),
  ),
  check(
    'pagination.start-index.negative-treated-as-one',
    'A negative startIndex is treated as 1',
    ['7644-3.4.2.4-b'],
    'MUST',
    'RFC 7644 §3.4.2.4: a startIndex below 1 SHALL be interpreted as 1.',
    (p) => samePageAsFirst(p, -5),
  ),
  check(
    'pagination.count.honoured',
    'count=2 returns at most 2 resources',
    ['7644-3.4.2.4-e'],
    'MUST',
    'RFC 7644 §3.4.2.4: the service provider MUST NOT return more results than count.',
    (p) =>
      judge(p.page(undefined, 2), (_b, ids) =>
        ids.length <= 2
          ? undefined
          : fail(
              'VALUE_MISMATCH',
              `${ids.length === 1 ? '1 resource' : `${ids.length} resources`} returned for count=2`,
              {
                expected: '≤ 2',
                actual: ids.length,
                pointer: '/Resources',
              },
            ),
      ),
  ),
  check(
    'pagination.count.zero-returns-no-resources',
    'count=0 returns no resources',
    ['7644-3.4.2.4-d'],
    'MUST',
    'RFC 7644 §3.4.2.4 Table 6: count=0 asks for totalResults only; Okta probes with it.',
    (p) =>
      judge(p.page(undefined, 0), (_b, ids) =>
        ids.length === 0
          ? undefined
          : fail(
              'VALUE_MISMATCH',
              `${ids.length === 1 ? '1 resource' : `${ids.length} resources`} returned for count=0`,
              {
                expected: 0,
                actual: ids.length,
                pointer: '/Resources',
              },
            ),
      ),
  ),
  check(
    'pagination.count.zero-keeps-total',
    'count=0 still reports totalResults',
    ['7644-3.4.2.4-d', '7644-3.4.2-d'],
    'MUST',
    'RFC 7644 §3.4.2.4: with count=0 the response carries the total number of matches and nothing else.',
    (p) => {
      const total = totalOf(p);
      if (total === undefined)
        return skip('The unpaged query had no totalResults; judged by the filter and users suites');
      return judge(p.page(undefined, 0), (body) => intAt(body, 'totalResults', total));
    },
  ),
  check(
    'pagination.count.negative-treated-as-zero',
    'A negative count is treated as 0',
    ['7644-3.4.2.4-c'],
    'MUST',
    'RFC 7644 §3.4.2.4: a negative count SHALL be interpreted as 0.',
    (p) =>
      judge(p.page(undefined, -1), (_b, ids) =>
        ids.length === 0
          ? undefined
          : fail(
              'VALUE_MISMATCH',
              `${ids.length === 1 ? '1 resource' : `${ids.length} resources`} returned for count=-1`,
              {
                expected: 0,
                actual: ids.length,
                pointer: '/Resources',
              },
            ),
      ),
  ),
  check(
    'pagination.items-per-page.matches-returned',
    'itemsPerPage equals the number of resources returned',
    ['7644-3.4.2.4-g', '7644-3.4.2-f'],
    'MUST',
    'RFC 7644 §3.4.2.4 Table 7: itemsPerPage is the number of results returned in this page.',
    (p) => judge(p.page(undefined, 2), (body, ids) => intAt(body, 'itemsPerPage', ids.length)),
  ),
  defineCheck({
    id: 'pagination.items-per-page.partial-page',
    title: 'On a partial last page, itemsPerPage counts the resources returned, not the count asked for',
    suite: SUITE,
    rfc: 'RFC7644 3.4.2.4',
    requirements: ['7644-3.4.2.4-g'],
    level: 'MUST',
    explanation:
      'RFC 7644 §3.4.2.4 Table 7 defines itemsPerPage as the number of results returned in this page; echoing `count` on the last page makes clients expect resources that never come.',
    fix: 'Set itemsPerPage to the length of Resources on every page, including the last one.',
    scenario: pages,
    assert: ({ lastPage }) => {
      if (!lastPage) return skip('The unpaged query gave no totalResults to find the last page with');
      const ids = lastPage.status === 200 ? listIds(lastPage) : undefined;
      if (Array.isArray(ids) && ids.length >= 2)
        return skip('startIndex=totalResults&count=2 returned two resources, so no partial page was seen');
      return judge(lastPage, (body, returned) => intAt(body, 'itemsPerPage', returned.length));
    },
  }),
  check(
    'pagination.total-results.same-on-every-page',
    'totalResults is the full count on every page',
    ['7644-3.4.2-d', '7644-3.4.2.4-h'],
    'MUST',
    'totalResults counts all matches, not the page (RFC 7644 §3.4.2); clients stop paging when they have read it.',
    (p) => {
      const total = totalOf(p);
      if (total === undefined) return skip('The unpaged query had no totalResults');
      for (const start of [1, 2, 3]) {
        const v = judge(p.page(start, 1), (body) => intAt(body, 'totalResults', total));
        if (v.kind !== 'pass') return v;
      }
      return verdict(undefined);
    },
  ),
  check(
    'pagination.pages.tile-the-result',
    'Pages of count=1 cover every result exactly once',
    ['7644-3.4.2.4-h'],
    'SHOULD',
    'Consecutive pages neither overlap nor skip results when nothing changes in between (RFC 7644 §3.4.2.4); IdPs page through to reconcile.',
    (p) => {
      const all = allIds(p);
      if (!Array.isArray(all)) return all;
      if (all.length !== 3) return skip('The unpaged query did not return exactly the three fixture Users');
      const seen: string[] = [];
      for (const start of [1, 2, 3]) {
        const ids = listIds(p.page(start, 1));
        if (isFailure(ids)) return ids;
        seen.push(...ids);
      }
      return verdict(expectIdSet(seen, all, p.names));
    },
  ),
  check(
    'pagination.start-index.beyond-end',
    'A startIndex past the last result answers 200 with no resources',
    ['7644-3.4.2.4-a', '7644-3.4.2.4-g'],
    'SHOULD',
    'Paging past the end is a normal way to finish a sync: an empty page, not an error (RFC 7644 §3.4.2.4).',
    (p) =>
      p.scoped
        ? judge(p.page(4, 1), (_b, ids) =>
            ids.length === 0
              ? undefined
              : fail(
                  'VALUE_MISMATCH',
                  `${ids.length === 1 ? '1 resource' : `${ids.length} resources`} past the end`,
                  {
                    expected: 0,
                    actual: ids.length,
                    pointer: '/Resources',
                  },
                ),
          )
        : skip('Needs filtering to know where the end is'),
  ),
];

export const paginationSuite = defineSuite({
  name: 'pagination',
  title: 'Pagination',
  description:
    'startIndex (1-based, values below 1 read as 1), count (0, negative, honoured), itemsPerPage, totalResults and page tiling.',
  checks: paginationChecks,
});
