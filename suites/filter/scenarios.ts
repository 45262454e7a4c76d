/**
 * The filter fixture: three Users with distinct values, created once per run, and one query per check
 * (RFC 7644 §3.4.2.2). Each single-operator query is scoped by a value unique to the fixture, or, when the
 * operator cannot be scoped on its own, judged on the fixture Users' presence and absence in the full answer.
 * @module
 */
import { createUser, defineScenario, get, isObject, tick, usersAt } from '../support/index.js';
import type { Created, HttpResult, Scenario, ScenarioContext, ScenarioScope } from '../support/index.js';

export type Who = 'alpha' | 'bravo' | 'charlie';

export interface FilterFixture {
  /** Unique prefix of the three Users' userNames (`scimtest-<run>-flt-<n>`). */
  tag: string;
  users: Record<Who, Created>;
  /** id → name, for messages. */
  names: Record<string, string>;
}

/** The e-mail-shaped userName of a fixture User (many servers require one). */
export const fixtureUserName = (tag: string, who: Who): string => `${tag}-${who}@example.com`;

/**
 * alpha: title, work+home emails, active, externalId with upper-case letters; bravo: userName, externalId and
 * an inactive flag only (sparse, so `pr` meets a User lacking the attribute); charlie: title, one work-typed
 * email at a home domain, active.
 */
export const filterFixture = defineScenario<FilterFixture>({
  id: 'filter.fixture',
  requires: ['filter'],
  run: async (ctx) => {
    const tag = ctx.data.unique('flt');
    const user = async (who: Who, extra: Record<string, unknown>): Promise<Created> =>
      createUser(ctx, {
        userName: fixtureUserName(tag, who),
        externalId: `${tag}-Ext-${who.toUpperCase()}`,
        name: { givenName: `Given${who}${tag.slice(-4)}`, familyName: `Family${who}` },
        displayName: `${tag} ${who}`,
        ...extra,
      });
    const alpha = await user('alpha', {
      title: 'Engineer',
      active: true,
      emails: [
        { value: `${tag}-alpha@work.example`, type: 'work', primary: true },
        { value: `${tag}-alpha@home.example`, type: 'home' },
      ],
    });
    // Distinct lastModified stamps for the dateTime comparison.
    await tick(ctx, (alpha.body['meta'] as Record<string, unknown> | undefined)?.['lastModified']);
    const bravo = await user('bravo', {
      active: false,
      emails: [{ value: `${tag}-bravo@home.example`, type: 'home' }],
    });
    const charlie = await user('charlie', {
      title: 'Manager',
      active: true,
      emails: [{ value: `${tag}-charlie@home.example`, type: 'work' }],
    });
    const users = { alpha, bravo, charlie };
    const names = Object.fromEntries(Object.entries(users).map(([who, u]) => [u.id, who]));
    return { tag, users, names };
  },
});

export interface FilterQuery {
  fixture: FilterFixture;
  filter: string;
  /** The first page: the answer the status and body are judged on. */
  response: HttpResult;
  /** Ids of every page read (presence queries only; absent when a later page was not a usable list). */
  allIds?: string[];
  /** Presence queries: true when the pages read did not reach totalResults (too many results to read). */
  truncated?: boolean;
}

/** The fixture, the filter built over it, and the first GET /Users?filter=… */
async function firstPage(ctx: ScenarioContext, build: (fx: FilterFixture) => string): Promise<FilterQuery> {
  const fixture = await ctx.use(filterFixture);
  const filter = build(fixture);
  return { fixture, filter, response: await get(ctx, usersAt(ctx.target), { filter }) };
}

/** One GET /Users?filter=… over the fixture. */
export function filterQuery(
  id: string,
  build: (fx: FilterFixture) => string,
  scope: ScenarioScope = 'own',
): Scenario<FilterQuery> {
  return defineScenario<FilterQuery>({
    id,
    requires: ['filter'],
    scope,
    // A reader of the collection gets the fixture made before it (ScenarioScope).
    ...(scope === 'collection-read' ? { fixtures: [filterFixture] } : {}),
    run: (ctx) => firstPage(ctx, build),
  });
}

/** Pages read at most for a query whose result set is not scoped to the fixture. */
const MAX_PAGES = 20;

function pageIds(res: HttpResult): string[] | undefined {
  if (res.status !== 200 || !isObject(res.json)) return undefined;
  const resources = res.json['Resources'] ?? [];
  if (!Array.isArray(resources)) return undefined;
  return resources.flatMap((r) => (isObject(r) && typeof r['id'] === 'string' ? [r['id']] : []));
}

/**
 * A GET /Users?filter=… whose result is not limited to the fixture (e.g. `title pr`): every page is read
 * (startIndex, RFC 7644 §3.4.2.4) so the fixture Users' presence and absence can be judged.
 */
export function presenceQuery(id: string, build: (fx: FilterFixture) => string): Scenario<FilterQuery> {
  return defineScenario<FilterQuery>({
    id,
    requires: ['filter'],
    // Its answer is not limited to the fixture: every matching User of every other check is paged through.
    scope: 'collection-read',
    fixtures: [filterFixture],
    run: async (ctx) => {
      const { fixture, filter, response } = await firstPage(ctx, build);
      const first = pageIds(response);
      if (!first) return { fixture, filter, response };
      const total = isObject(response.json) ? response.json['totalResults'] : undefined;
      const allIds = [...first];
      let page = response;
      for (let n = 1; n < MAX_PAGES && typeof total === 'number' && allIds.length < total; n++) {
        page = await get(ctx, usersAt(ctx.target), { filter, startIndex: String(allIds.length + 1) });
        const ids = pageIds(page);
        if (!ids) return { fixture, filter, response };
        if (ids.length === 0) break;
        allIds.push(...ids);
      }
      const truncated = typeof total === 'number' && allIds.length < total;
      return { fixture, filter, response, allIds, truncated };
    },
  });
}

/** A query whose filter text does not depend on the fixture (malformed or unsupported filters). */
export function rawFilterQuery(
  id: string,
  filter: string,
  scope: ScenarioScope = 'own',
): Scenario<FilterQuery> {
  return filterQuery(id, () => filter, scope);
}
