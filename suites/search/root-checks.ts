/** Queries against the server root (RFC 7644 §3.4.2.1): every resource type is searched at once. */
import {
  checkRows,
  createGroup,
  createUser,
  defineScenario,
  expectIdSet,
  listVerdict,
  q,
  responded,
  send,
  skip,
} from '../support/index.js';
import type { AnyCheck, Created, HttpResult } from '../support/index.js';

interface RootQuery {
  user: Created;
  group: Created;
  response: HttpResult;
}

/** Statuses a server that does not offer root queries answers with; root search is optional. */
const UNSUPPORTED = [403, 404, 405, 501];

/** A User and a Group for the root search to find. */
const rootResources = defineScenario({
  id: 'search.root.resources',
  createsOnly: true,
  requires: ['filter', 'resourceType:User', 'resourceType:Group'],
  run: async (ctx) => ({ user: await createUser(ctx), group: await createGroup(ctx) }),
});

const rootQuery = defineScenario<RootQuery>({
  id: 'search.root.query',
  // A root search spans every resource type (RFC 7644 §3.4.3): reads only.
  scope: 'collection-read',
  fixtures: [rootResources],
  requires: ['filter', 'resourceType:User', 'resourceType:Group'],
  run: async (ctx) => {
    const { user, group } = await ctx.use(rootResources);
    const response = await send(ctx, {
      method: 'GET',
      path: ctx.target.baseUrl.replace(/\/+$/, ''),
      query: { filter: `id eq ${q(user.id)} or id eq ${q(group.id)}` },
    });
    return { user, group, response };
  },
});

const check = checkRows({
  suite: 'search',
  rfc: 'RFC7644 3.4.2.1',
  requires: ['filter', 'resourceType:User', 'resourceType:Group'],
  scenario: rootQuery,
});

export const rootChecks: AnyCheck[] = [
  check({
    id: 'search.root.all-resource-types',
    title: 'A filtered GET on the server root finds a User and a Group together',
    level: 'MUST',
    requirements: ['7644-3.4.2.1-a'],
    explanation:
      'RFC 7644 §3.4.2.1: a query against the server root SHALL include all resources of every type, subject to the filter; servers that do not offer root queries are skipped.',
    assert: ({ user, group, response }) => {
      const missing = responded(response);
      if (missing) return missing;
      if (UNSUPPORTED.includes(response.status as number))
        return skip(`The server root answered ${response.status}: root queries are not offered`);
      return listVerdict(response, (ids) =>
        expectIdSet(ids, [user.id, group.id], { [user.id]: 'the User', [group.id]: 'the Group' }),
      );
    },
  }),
];
