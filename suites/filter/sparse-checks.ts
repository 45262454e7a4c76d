/**
 * Filters over collections where some resources lack the filtered attribute (RFC 7644 §3.4.2.2): a resource
 * without the attribute simply does not match; it must not break the query for the others. Fixtures that all
 * carry every attribute never show this, so each scenario stores a sparse resource next to a full one.
 * @module
 */
import {
  checkRows,
  createGroup,
  createUser,
  declinedFilter,
  defineScenario,
  fail,
  get,
  groupsAt,
  inconclusive,
  isFailure,
  listIds,
  memberRefs,
  pass,
  postUser,
  q,
  send,
  skip,
  URN,
  usersAt,
} from '../support/index.js';
import type { AnyCheck, HttpResult, ScenarioContext, Verdict } from '../support/index.js';

const SUITE = 'filter';

interface SparseQuery {
  /** The id the filter must find. */
  wanted: string;
  /** The filter before any sparse resource of this scenario existed. */
  before: HttpResult;
  /** The same filter after a sparse resource was stored. */
  after: HttpResult | undefined;
  filter: string;
}

/** Stores a User with nothing but userName (and the core schema), the sparsest User RFC 7643 §4.1 allows. */
async function sparseUser(ctx: ScenarioContext): Promise<string | undefined> {
  return (await postUser(ctx, { schemas: [URN.user], userName: `${ctx.data.unique('sparse')}@example.com` }))
    .path;
}

/**
 * Deletes a sparse resource once its queries are in: left in place, a target whose filters break on it would
 * fail every later filter check for this one defect. It stays in the ledger, so cleanup verifies it is gone.
 */
async function removeSparse(ctx: ScenarioContext, path: string | undefined): Promise<void> {
  if (path) await send(ctx, { method: 'DELETE', path });
}

interface UserSparseQueries {
  emails: SparseQuery;
  givenName: SparseQuery;
}

/** One full User, both filters, one sparse User, both filters again: the two checks share the sparse User. */
const userQueries = defineScenario<UserSparseQueries>({
  id: 'filter.sparse.users',
  // A filter that breaks on a stored resource lacking the attribute sees every other check's resources.
  scope: 'collection',
  requires: ['filter', 'resourceType:User'],
  run: async (ctx) => {
    const full = await createUser(ctx);
    const emails = full.sent['emails'] as Array<{ value: string }>;
    const name = full.sent['name'] as { givenName: string };
    const filters = {
      emails: `emails.value eq ${q(emails[0]?.value ?? '')}`,
      givenName: `name.givenName eq ${q(name.givenName)}`,
    };
    const endpoint = usersAt(ctx.target);
    const before = {
      emails: await get(ctx, endpoint, { filter: filters.emails }),
      givenName: await get(ctx, endpoint, { filter: filters.givenName }),
    };
    const ready = before.emails.status === 200 || before.givenName.status === 200;
    const sparse = ready ? await sparseUser(ctx) : undefined;
    const again = async (key: keyof typeof filters): Promise<SparseQuery> => ({
      wanted: full.id,
      filter: filters[key],
      before: before[key],
      after:
        ready && before[key].status === 200 ? await get(ctx, endpoint, { filter: filters[key] }) : undefined,
    });
    const queries = { emails: await again('emails'), givenName: await again('givenName') };
    await removeSparse(ctx, sparse);
    return queries;
  },
});

const membersQuery = defineScenario<SparseQuery>({
  id: 'filter.sparse.members-value',
  scope: 'collection',
  requires: ['filter', 'resourceType:User', 'resourceType:Group'],
  run: async (ctx) => {
    const member = await createUser(ctx);
    const group = await createGroup(ctx, { members: memberRefs(member.id) });
    const filter = `members.value eq ${q(member.id)}`;
    const endpoint = groupsAt(ctx.target);
    const before = await get(ctx, endpoint, { filter });
    if (before.status !== 200) return { wanted: group.id, before, after: undefined, filter };
    const empty = await createGroup(ctx); // a Group without members
    const after = await get(ctx, endpoint, { filter });
    await removeSparse(ctx, empty.path);
    return { wanted: group.id, before, after, filter };
  },
});

function judgeSparse({ wanted, before, after, filter }: SparseQuery): Verdict {
  if (before.status !== 200) {
    if (declinedFilter(before)) return skip(`The target declines ${filter} (400 invalidFilter)`);
    return inconclusive(
      `${filter} answered ${before.status} before any sparse resource of this run existed`,
      before.exchange,
    );
  }
  if (!after) return skip('The second query was not sent');
  if (after.status !== 200) {
    return fail(
      'STATUS_MISMATCH',
      `${filter} answered 200, then ${after.status} once a resource without the attribute was stored`,
      { expected: 200, actual: after.status, exchange: after.exchange },
    );
  }
  const ids = listIds(after);
  if (isFailure(ids)) return { ...ids, exchange: after.exchange };
  return ids.includes(wanted)
    ? pass()
    : fail('VALUE_MISMATCH', `${filter} no longer finds the matching resource`, {
        expected: `a result with id ${wanted}`,
        actual: ids,
        exchange: after.exchange,
      });
}

const FIX =
  'Treat an attribute a resource lacks as "no match" while evaluating the filter, instead of failing the query.';

const check = checkRows({ level: 'MUST', suite: SUITE, rfc: 'RFC7644 3.4.2.2', scenario: userQueries });

export const sparseEmails = check({
  id: 'filter.sparse.emails-value',
  title: 'emails.value eq still finds its User when another User has no emails',
  requirements: ['7644-3.4.2.2-b', '7644-3.4.2.2-q'],
  fix: FIX,
  explanation:
    'RFC 7644 §3.4.2.2: a filter returns the resources that match it; a User without emails does not match and must not turn the query into an error.',
  assert: ({ emails }) => judgeSparse(emails),
});

export const sparseGivenName = check({
  id: 'filter.sparse.name-given-name',
  title: 'name.givenName eq still finds its User when another User has no name',
  requirements: ['7644-3.4.2.2-b', '7644-3.4.2.2-r'],
  fix: FIX,
  explanation:
    'RFC 7644 §3.4.2.2: sub-attributes are filtered with dotted names; a User without the complex `name` simply does not match.',
  assert: ({ givenName }) => judgeSparse(givenName),
});

export const sparseMembers = check({
  id: 'filter.sparse.members-value',
  title: 'members.value eq still finds its Group when another Group has no members',
  requirements: ['7644-3.4.2.2-b', '7644-3.4.2.2-q'],
  fix: FIX,
  explanation:
    'IdPs look up group membership with members.value filters; an empty Group is common and must not make the query fail (RFC 7644 §3.4.2.2).',
  scenario: membersQuery,
  assert: judgeSparse,
});

export const sparseChecks: readonly AnyCheck[] = [sparseEmails, sparseGivenName, sparseMembers];
