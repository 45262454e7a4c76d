/**
 * The filter fixture: three Users with distinct values, created once per run, and one query per check
 * (RFC 7644 §3.4.2.2). Every query is scoped to the fixture by a unique userName prefix.
 * @module
 */
import { defineScenario, type HttpResult, type Scenario } from '../../engine/model/index.js';
import { createUser, get, tick, usersAt, type Created } from './kit.js';

export type Who = 'alpha' | 'bravo' | 'charlie';

export interface FilterFixture {
  /** Unique userName prefix of the three Users. */
  tag: string;
  users: Record<Who, Created>;
  /** id → name, for messages. */
  names: Record<string, string>;
}

/**
 * alpha: title, work+home emails, active, externalId with upper-case letters; bravo: no title, one home email,
 * inactive; charlie: title, one work-typed email at a home domain, active.
 */
export const filterFixture = defineScenario<FilterFixture>({
  id: 'filter.fixture',
  requires: ['filter'],
  run: async (ctx) => {
    const tag = ctx.data.unique('flt');
    const user = async (who: Who, extra: Record<string, unknown>): Promise<Created> =>
      createUser(ctx, {
        userName: `${tag}-${who}`,
        externalId: `${tag}-Ext-${who.toUpperCase()}`,
        name: { givenName: `Given${who}${tag.slice(-4)}`, familyName: `Family${who}` },
        displayName: `Filter ${who}`,
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
  response: HttpResult;
}

/** One GET /Users?filter=… over the fixture. */
export function filterQuery(id: string, build: (fx: FilterFixture) => string): Scenario<FilterQuery> {
  return defineScenario<FilterQuery>({
    id,
    requires: ['filter'],
    run: async (ctx) => {
      const fixture = await ctx.use(filterFixture);
      const filter = build(fixture);
      return { fixture, filter, response: await get(ctx, usersAt(ctx.target), { filter }) };
    },
  });
}

/** A query whose filter text does not depend on the fixture (malformed or unsupported filters). */
export function rawFilterQuery(id: string, filter: string): Scenario<FilterQuery> {
  return filterQuery(id, () => filter);
}
