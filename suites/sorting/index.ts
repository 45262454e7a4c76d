/** Sorting (RFC 7644 §3.4.2.3): sortBy, sortOrder, caseExact-aware ordering and missing values. */
import {
  checkRows,
  createUser,
  declinedFilter,
  defineScenario,
  defineSuite,
  expectIdOrder,
  get,
  isFailure,
  listIds,
  listVerdict,
  q,
  usersAt,
  verdict,
} from '../support/index.js';
import type { AnyCheck, HttpResult, Verdict } from '../support/index.js';

interface Sorted {
  /** ids by label: apple, Banana, cherry (created in the order cherry, apple, Banana). */
  id: Record<'apple' | 'banana' | 'cherry', string>;
  names: Record<string, string>;
  ascending: HttpResult;
  descending: HttpResult;
  byTitle: HttpResult;
  byTitleDescending: HttpResult;
  secondPage: HttpResult;
}

/** Three Users whose userNames sort differently case-insensitively (apple, Banana, cherry) and in ASCII (Banana, apple, cherry). */
const sortedUsers = defineScenario({
  id: 'sorting.users',
  createsOnly: true,
  requires: ['sort', 'filter'],
  run: async (ctx) => {
    const tag = ctx.data.unique('sort');
    const cherry = await createUser(ctx, { userName: `${tag}-cherry`, title: 'b-title' });
    const apple = await createUser(ctx, { userName: `${tag}-apple` });
    const banana = await createUser(ctx, { userName: `${tag}-Banana`, title: 'a-title' });
    return { tag, cherry, apple, banana };
  },
});

const sorted = defineScenario<Sorted>({
  id: 'sorting.fixture',
  // Sorted pages over the collection: another check's Users would land between the fixture's. Reads only.
  scope: 'collection-read',
  fixtures: [sortedUsers],
  requires: ['sort', 'filter'],
  run: async (ctx) => {
    const { tag, cherry, apple, banana } = await ctx.use(sortedUsers);
    const endpoint = usersAt(ctx.target);
    let filter = `userName sw ${q(tag)}`;
    const probe = await get(ctx, endpoint, { filter });
    // A server may decline sw (RFC 7644 §3.12 Table 9); the same three Users by eq and or instead.
    if (declinedFilter(probe))
      filter = ['cherry', 'apple', 'Banana'].map((who) => `userName eq ${q(`${tag}-${who}`)}`).join(' or ');
    const query = (extra: Record<string, string | number>) => () => get(ctx, endpoint, { filter, ...extra });
    const [ascending, descending, byTitle, byTitleDescending, secondPage] = await ctx.all([
      query({ sortBy: 'userName' }),
      query({ sortBy: 'userName', sortOrder: 'descending' }),
      query({ sortBy: 'title' }),
      query({ sortBy: 'title', sortOrder: 'descending' }),
      query({ sortBy: 'userName', startIndex: 2, count: 1 }),
    ]);
    return {
      id: { apple: apple.id, banana: banana.id, cherry: cherry.id },
      names: { [apple.id]: 'apple', [banana.id]: 'Banana', [cherry.id]: 'cherry' },
      ascending: ascending!,
      descending: descending!,
      byTitle: byTitle!,
      byTitleDescending: byTitleDescending!,
      secondPage: secondPage!,
    };
  },
});

const check = checkRows({
  level: 'MUST',
  suite: 'sorting',
  rfc: 'RFC7644 3.4.2.3',
  requires: ['sort', 'filter'],
  scenario: sorted,
});

const order = (res: HttpResult, expected: string[], names: Record<string, string>): Verdict =>
  listVerdict(res, (ids) => expectIdOrder(ids, expected, names));

export const sortingChecks: AnyCheck[] = [
  check({
    id: 'sorting.sort-by.ascending-by-default',
    title: 'sortBy=userName without sortOrder sorts ascending',
    requirements: ['7644-3.4.2.3-b', '7644-3.4.2.3-e'],
    explanation: 'RFC 7644 §3.4.2.3: sortBy orders the results and sortOrder defaults to ascending.',
    assert: (s) => order(s.ascending, [s.id.apple, s.id.banana, s.id.cherry], s.names),
  }),
  check({
    id: 'sorting.sort-order.descending',
    title: 'sortOrder=descending reverses the order',
    requirements: ['7644-3.4.2.3-e'],
    explanation: 'RFC 7644 §3.4.2.3: sortOrder descending orders from the largest value.',
    assert: (s) => order(s.descending, [s.id.cherry, s.id.banana, s.id.apple], s.names),
  }),
  check({
    id: 'sorting.case-insensitive.username',
    title: 'userName (caseExact=false) sorts ignoring case',
    requirements: ['7644-3.4.2.3-g'],
    explanation: 'RFC 7644 §3.4.2.3: strings sort per caseExact; an ASCII sort puts "Banana" before "apple".',
    assert: (s) => {
      const ids = listIds(s.ascending);
      if (isFailure(ids)) return ids;
      const a = ids.indexOf(s.id.apple);
      const b = ids.indexOf(s.id.banana);
      return a >= 0 && b >= 0 && a < b
        ? verdict(undefined)
        : order(s.ascending, [s.id.apple, s.id.banana, s.id.cherry], s.names);
    },
  }),
  check({
    id: 'sorting.missing-value.last-ascending',
    title: 'Users without the sortBy value come last when ascending',
    requirements: ['7644-3.4.2.3-d'],
    explanation:
      'RFC 7644 §3.4.2.3: resources with no value for sortBy are ordered last ascending and first descending.',
    assert: (s) => order(s.byTitle, [s.id.banana, s.id.cherry, s.id.apple], s.names),
  }),
  check({
    id: 'sorting.missing-value.first-descending',
    title: 'Users without the sortBy value come first when descending',
    requirements: ['7644-3.4.2.3-d'],
    explanation: 'RFC 7644 §3.4.2.3: resources with no value for sortBy are ordered first when descending.',
    assert: (s) => order(s.byTitleDescending, [s.id.apple, s.id.cherry, s.id.banana], s.names),
  }),
  check({
    id: 'sorting.pagination.sorted-pages',
    title: 'startIndex and count page through the sorted order',
    requirements: ['7644-3.4.2.3-b', '7644-3.4.2.4-g'],
    explanation:
      'Sorting applies before pagination (RFC 7644 §3.4.2.3, §3.4.2.4): page 2 of size 1 is the second User in order.',
    assert: (s) => order(s.secondPage, [s.id.banana], s.names),
  }),
];

export const sortingSuite = defineSuite({
  name: 'sorting',
  title: 'Sorting',
  description:
    'sortBy and sortOrder, case-insensitive ordering of caseExact=false strings, missing values and sorted pages.',
  checks: sortingChecks,
});
