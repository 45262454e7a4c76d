/** Filters on defaulted attributes (RFC 7644 §3.4.2.2): they match the value the client was shown. */
import {
  checkRows,
  createUser,
  declinedFilter,
  defineScenario,
  expectIdSet,
  get,
  listVerdict,
  q,
  skip,
  usersAt,
} from '../support/index.js';
import type { AnyCheck, Created, HttpResult } from '../support/index.js';

interface Defaulted {
  user: Created;
  active: unknown;
  found: HttpResult | undefined;
}

const defaultedActive = defineScenario<Defaulted>({
  id: 'filter.default.active',
  requires: ['filter', 'resourceType:User'],
  run: async (ctx) => {
    const user = await createUser(ctx, { active: undefined });
    const active = user.body['active'];
    const found =
      typeof active === 'boolean'
        ? await get(ctx, usersAt(ctx.target), {
            filter: `userName eq ${q(String(user.body['userName'] ?? user.sent['userName']))} and active eq ${active}`,
          })
        : undefined;
    return { user, active, found };
  },
});

const check = checkRows({
  suite: 'filter',
  rfc: 'RFC7644 3.4.2.2',
  requires: ['filter', 'resourceType:User'],
  scenario: defaultedActive,
});

export const defaultChecks: AnyCheck[] = [
  check({
    id: 'filter.default.matches-returned-value',
    title: 'A filter on a defaulted attribute matches the value the server returned',
    level: 'MUST',
    requirements: ['7644-3.4.2.2-s'],
    // The query joins userName eq and active eq with and.
    dependsOn: ['filter.logic.and', 'filter.eq.boolean'],
    explanation:
      'RFC 7644 §3.4.2.2: when an attribute was defaulted, filtering SHALL use the value returned to the client; a User created without "active" must be found by "active eq" the value the create answered.',
    assert: ({ user, active, found }) => {
      if (!found) return skip('The server did not default "active" on a User created without it');
      if (declinedFilter(found))
        return skip('The target declined the filter with 400 invalidFilter (it joins active eq with and)');
      return listVerdict(found, (ids) =>
        expectIdSet(ids, [user.id], { [user.id]: `the User (active ${String(active)})` }),
      );
    },
  }),
];
