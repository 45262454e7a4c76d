/**
 * Three Users and a fixed set of paged queries over them (RFC 7644 §3.4.2.4). When the target filters with sw,
 * the queries are scoped to the fixture by its userName prefix; when it sorts, they are ordered by userName so
 * pages are well defined.
 * @module
 */
import { createTagged, declinedFilter, defineScenario, get, isObject, q, usersAt } from '../support/index.js';
import type { HttpResult } from '../support/index.js';

export interface Pages {
  /** ids of the fixture Users, in creation order. */
  ids: string[];
  names: Record<string, string>;
  /** Whether queries were scoped by filter (the totals are then exactly 3). */
  scoped: boolean;
  /** The fixture ids in the order the queries ask for, when they ask for one (sorted by userName). */
  expectedOrder: string[] | undefined;
  all: HttpResult;
  /** startIndex = totalResults with count=2: a last page holding one resource (RFC 7644 §3.4.2.4). */
  lastPage: HttpResult | undefined;
  page: (startIndex: number | undefined, count: number | undefined) => HttpResult;
}

const REQUESTS: Array<[number | undefined, number | undefined]> = [
  [1, 1],
  [2, 1],
  [3, 1],
  [4, 1],
  [0, 1],
  [-5, 1],
  [undefined, 0],
  [undefined, -1],
  [undefined, 2],
];

/** The three Users the pages are read over, made before any reader of the collection starts. */
const pagedUsers = defineScenario({
  id: 'pagination.users',
  createsOnly: true,
  run: (ctx) => createTagged(ctx, 'page', ['one', 'two', 'three']),
});

export const pages = defineScenario<Pages>({
  id: 'pagination.pages',
  // Paging reads totals and page boundaries, which any concurrent create or delete would shift: reads only.
  scope: 'collection-read',
  fixtures: [pagedUsers],
  run: async (ctx) => {
    const { tag, users, ids, names } = await ctx.use(pagedUsers);
    const endpoint = usersAt(ctx.target);
    const query = (scoped: boolean): Record<string, string> => ({
      ...(scoped ? { filter: `userName sw ${q(tag)}` } : {}),
      ...(ctx.target.capabilities.sort ? { sortBy: 'userName' } : {}),
    });
    let scoped = ctx.target.capabilities.filter.supported;
    let all = await get(ctx, endpoint, query(scoped));
    // A server may decline sw with 400 invalidFilter (RFC 7644 §3.12 Table 9): page the collection unscoped.
    if (scoped && declinedFilter(all)) {
      scoped = false;
      all = await get(ctx, endpoint, query(scoped));
    }
    const base = query(scoped);
    const total = isObject(all.json) ? all.json['totalResults'] : undefined;
    const paged = (startIndex: number | undefined, count: number | undefined) => () => {
      const query: Record<string, string | number> = { ...base };
      if (startIndex !== undefined) query['startIndex'] = startIndex;
      if (count !== undefined) query['count'] = count;
      return get(ctx, endpoint, query);
    };
    const hasLast = typeof total === 'number' && Number.isInteger(total) && total >= 1;
    // Paged reads do not change the collection (RFC 7644 §3.4.2.4), so they go side by side.
    const answers = await ctx.all([
      ...REQUESTS.map(([startIndex, count]) => paged(startIndex, count)),
      ...(hasLast ? [paged(total, 2)] : []),
    ]);
    const results = new Map(
      REQUESTS.map(([startIndex, count], i) => [`${startIndex}/${count}`, answers[i]!]),
    );
    const lastPage = hasLast ? answers[REQUESTS.length] : undefined;
    return {
      lastPage,
      ids,
      names,
      scoped,
      // one, three, two: userName order of the fixture.
      expectedOrder:
        scoped && ctx.target.capabilities.sort
          ? [users[0]?.id ?? '', users[2]?.id ?? '', users[1]?.id ?? '']
          : undefined,
      all,
      page: (startIndex, count) => {
        const res = results.get(`${startIndex}/${count}`);
        if (!res) throw new Error(`pagination: no request for startIndex=${startIndex} count=${count}`);
        return res;
      },
    };
  },
});
