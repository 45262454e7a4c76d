/** Pagination (RFC 7644 §3.4.2.4): startIndex, count, itemsPerPage and totalResults over a known set of Users. */
import {
  bodyObject,
  checkRows,
  defineSuite,
  expectAtMostListed,
  expectIdSet,
  expectListNumber,
  isFailure,
  listIds,
  listVerdict,
  skip,
  verdict,
} from '../support/index.js';
import type { AnyCheck, Verdict } from '../support/index.js';
import { pages, type Pages } from './scenarios.js';

/** The ids of the unpaged query; the baseline every page is compared with. */
function allIds(p: Pages): string[] | Verdict {
  if (p.expectedOrder) return p.expectedOrder;
  const ids = listIds(p.all);
  if (isFailure(ids)) return ids;
  if (!p.scoped && ids.length > 50)
    return skip('Without filtering the collection is too large to page through');
  return ids;
}

/** Judges the pages against the unpaged ids; without that baseline its verdict (a failure or a skip) stands. */
function againstAll(p: Pages, judge: (all: string[]) => Verdict): Verdict {
  const all = allIds(p);
  return Array.isArray(all) ? judge(all) : all;
}

/** The page of `count` (from the start) lists at most `max` resources (RFC 7644 §3.4.2.4). */
const pageAtMost = (p: Pages, count: number, max: number): Verdict =>
  listVerdict(p.page(undefined, count), (ids) => expectAtMostListed(ids, max, `returned for count=${count}`));

const check = checkRows({ suite: 'pagination', rfc: 'RFC7644 3.4.2.4', scenario: pages });

const samePageAsFirst = (p: Pages, start: number): Verdict =>
  listVerdict(p.page(start, 1), (ids) => {
    const first = listIds(p.page(1, 1));
    if (isFailure(first)) return first;
    return expectIdSet(ids, first, p.names);
  });

/** Judges with the unpaged query's totalResults; without one the check is skipped, saying `why`. */
function withTotal(p: Pages, why: string, judge: (total: number) => Verdict): Verdict {
  const body = bodyObject(p.all);
  const total = isFailure(body) ? undefined : body['totalResults'];
  return typeof total === 'number' ? judge(total) : skip(why);
}

export const paginationChecks: AnyCheck[] = [
  check({
    id: 'pagination.start-index.one-based',
    title: 'startIndex=1 starts at the first result',
    level: 'MUST',
    requirements: ['7644-3.4.2.4-a'],
    explanation:
      'RFC 7644 §3.4.2.4 Table 6: startIndex is 1-based; a 0-based server skips the first User of every sync.',
    assert: (p) =>
      againstAll(p, (all) => listVerdict(p.page(1, 1), (ids) => expectIdSet(ids, all.slice(0, 1), p.names))),
  }),
  check({
    id: 'pagination.start-index.echoed',
    title: 'The response startIndex echoes the requested one',
    level: 'MUST',
    requirements: ['7644-3.4.2.4-g', '7644-3.4.2-f'],
    explanation:
      'RFC 7644 §3.4.2.4 Table 7: startIndex in the response is the 1-based index of the first result.',
    assert: (p) => listVerdict(p.page(2, 1), (_ids, body) => expectListNumber(body, 'startIndex', 2)),
  }),
  check({
    id: 'pagination.start-index.zero-treated-as-one',
    title: 'startIndex=0 is treated as 1',
    level: 'MUST',
    requirements: ['7644-3.4.2.4-b'],
    explanation: 'RFC 7644 §3.4.2.4: a startIndex below 1 SHALL be interpreted as 1, not refused.',
    assert: (p) => samePageAsFirst(p, 0),
  }),
  check({
    id: 'pagination.start-index.negative-treated-as-one',
    title: 'A negative startIndex is treated as 1',
    level: 'MUST',
    requirements: ['7644-3.4.2.4-b'],
    explanation: 'RFC 7644 §3.4.2.4: a startIndex below 1 SHALL be interpreted as 1.',
    assert: (p) => samePageAsFirst(p, -5),
  }),
  check({
    id: 'pagination.count.honoured',
    title: 'count=2 returns at most 2 resources',
    level: 'MUST',
    requirements: ['7644-3.4.2.4-e'],
    explanation: 'RFC 7644 §3.4.2.4: the service provider MUST NOT return more results than count.',
    assert: (p) => pageAtMost(p, 2, 2),
  }),
  check({
    id: 'pagination.count.zero-returns-no-resources',
    title: 'count=0 returns no resources',
    level: 'MUST',
    requirements: ['7644-3.4.2.4-d'],
    explanation: 'RFC 7644 §3.4.2.4 Table 6: count=0 asks for totalResults only; Okta probes with it.',
    assert: (p) => pageAtMost(p, 0, 0),
  }),
  check({
    id: 'pagination.count.zero-keeps-total',
    title: 'count=0 still reports totalResults',
    level: 'MUST',
    requirements: ['7644-3.4.2.4-d', '7644-3.4.2-d'],
    explanation:
      'RFC 7644 §3.4.2.4: with count=0 the response carries the total number of matches and nothing else.',
    assert: (p) =>
      withTotal(p, 'The unpaged query had no totalResults; judged by the filter and users suites', (total) =>
        listVerdict(p.page(undefined, 0), (_ids, body) => expectListNumber(body, 'totalResults', total)),
      ),
  }),
  check({
    id: 'pagination.count.negative-treated-as-zero',
    title: 'A negative count is treated as 0',
    level: 'MUST',
    requirements: ['7644-3.4.2.4-c'],
    explanation: 'RFC 7644 §3.4.2.4: a negative count SHALL be interpreted as 0.',
    assert: (p) => pageAtMost(p, -1, 0),
  }),
  check({
    id: 'pagination.items-per-page.matches-returned',
    title: 'itemsPerPage equals the number of resources returned',
    level: 'MUST',
    requirements: ['7644-3.4.2.4-g', '7644-3.4.2-f'],
    explanation: 'RFC 7644 §3.4.2.4 Table 7: itemsPerPage is the number of results returned in this page.',
    assert: (p) =>
      listVerdict(p.page(undefined, 2), (ids, body) => expectListNumber(body, 'itemsPerPage', ids.length)),
  }),
  check({
    id: 'pagination.items-per-page.partial-page',
    title: 'On a partial last page, itemsPerPage counts the resources returned, not the count asked for',
    level: 'MUST',
    requirements: ['7644-3.4.2.4-g'],
    fix: 'Set itemsPerPage to the length of Resources on every page, including the last one.',
    explanation:
      'RFC 7644 §3.4.2.4 Table 7 defines itemsPerPage as the number of results returned in this page; echoing `count` on the last page makes clients expect resources that never come.',
    assert: ({ lastPage }) => {
      if (!lastPage) return skip('The unpaged query gave no totalResults to find the last page with');
      const ids = lastPage.status === 200 ? listIds(lastPage) : undefined;
      if (Array.isArray(ids) && ids.length >= 2)
        return skip('startIndex=totalResults&count=2 returned two resources, so no partial page was seen');
      return listVerdict(lastPage, (ids, body) => expectListNumber(body, 'itemsPerPage', ids.length));
    },
  }),
  check({
    id: 'pagination.total-results.same-on-every-page',
    title: 'totalResults is the full count on every page',
    level: 'MUST',
    requirements: ['7644-3.4.2-d', '7644-3.4.2.4-h'],
    explanation:
      'totalResults counts all matches, not the page (RFC 7644 §3.4.2); clients stop paging when they have read it.',
    assert: (p) =>
      withTotal(p, 'The unpaged query had no totalResults', (total) => {
        for (const start of [1, 2, 3]) {
          const v = listVerdict(p.page(start, 1), (_ids, body) =>
            expectListNumber(body, 'totalResults', total),
          );
          if (v.kind !== 'pass') return v;
        }
        return verdict(undefined);
      }),
  }),
  check({
    id: 'pagination.pages.tile-the-result',
    title: 'Pages of count=1 cover every result exactly once',
    level: 'SHOULD',
    requirements: ['7644-3.4.2.4-h'],
    explanation:
      'Consecutive pages neither overlap nor skip results when nothing changes in between (RFC 7644 §3.4.2.4); IdPs page through to reconcile.',
    assert: (p) =>
      againstAll(p, (all) => {
        if (all.length !== 3) return skip('The unpaged query did not return exactly the three fixture Users');
        const seen: string[] = [];
        for (const start of [1, 2, 3]) {
          const ids = listIds(p.page(start, 1));
          if (isFailure(ids)) return ids;
          seen.push(...ids);
        }
        return verdict(expectIdSet(seen, all, p.names));
      }),
  }),
  check({
    id: 'pagination.start-index.beyond-end',
    title: 'A startIndex past the last result answers 200 with no resources',
    level: 'SHOULD',
    requirements: ['7644-3.4.2.4-a', '7644-3.4.2.4-g'],
    explanation:
      'Paging past the end is a normal way to finish a sync: an empty page, not an error (RFC 7644 §3.4.2.4).',
    assert: (p) =>
      p.scoped
        ? listVerdict(p.page(4, 1), (ids) => expectAtMostListed(ids, 0, 'past the end'))
        : skip('Needs filtering to know where the end is'),
  }),
];

export const paginationSuite = defineSuite({
  name: 'pagination',
  title: 'Pagination',
  description:
    'startIndex (1-based, values below 1 read as 1), count (0, negative, honoured), itemsPerPage, totalResults and page tiling.',
  checks: paginationChecks,
});
