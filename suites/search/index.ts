/**
 * POST /.search (RFC 7644 §3.4.3). ServiceProviderConfig has no flag for it, so support cannot be planned from
 * discovery: search.post.supported judges support itself at SHOULD level, and the other checks skip when the
 * endpoint answers 404/405/501 (an unimplemented optional feature) but fail on anything else.
 * @module
 */
import {
  bodyVerdict,
  checkRows,
  createTagged,
  createUser,
  declinedFilter,
  defineScenario,
  defineSuite,
  expectErrorBody,
  expectIdSet,
  expectStatus,
  fail,
  get,
  listVerdict,
  q,
  send,
  skip,
  URN,
  usersAt,
  verdict,
} from '../support/index.js';
import type { AnyCheck, Guard, HttpResult, JsonObject, Verdict } from '../support/index.js';
import { rootChecks } from './root-checks.js';

const UNSUPPORTED = [404, 405, 501];
/** Every other check reads an answer of POST /.search and depends on this one: a missing endpoint is one finding. */
const SEARCH_SUPPORTED = 'search.post.supported';

interface Searched {
  /** Why nothing can be judged: the target declined both fixture filters (400 invalidFilter). */
  declined?: string;
  ids: string[];
  names: Record<string, string>;
  viaGet: HttpResult;
  search: HttpResult;
  paged: HttpResult;
  projected: HttpResult;
  noSchemas: HttpResult;
}

/** Three Users to search for, and a User the filter must not match (seen when a search ignores its filter). */
const searchedUsers = defineScenario({
  id: 'search.users',
  createsOnly: true,
  requires: ['filter'],
  run: async (ctx) => {
    const tagged = await createTagged(ctx, 'search', ['one', 'two', 'three'], '@example.com');
    await createUser(ctx, { userName: `${ctx.data.unique('search-decoy')}@example.com` });
    return tagged;
  },
});

const searched = defineScenario<Searched>({
  id: 'search.fixture',
  // GET and POST /.search must list the same Users: a create between them would differ. Reads only.
  scope: 'collection-read',
  fixtures: [searchedUsers],
  requires: ['filter'],
  run: async (ctx) => {
    const { tag, ids, names } = await ctx.use(searchedUsers);
    let filter = `userName sw ${q(tag)}`;
    let viaGet = await get(ctx, usersAt(ctx.target), { filter });
    // A server may decline sw (RFC 7644 §3.12 Table 9); the same three Users by eq and or instead.
    if (declinedFilter(viaGet)) {
      filter = ['one', 'two', 'three']
        .map((who) => `userName eq ${q(`${tag}-${who}@example.com`)}`)
        .join(' or ');
      viaGet = await get(ctx, usersAt(ctx.target), { filter });
    }
    const declined = declinedFilter(viaGet)
      ? 'the target declined both fixture filters (sw, and eq joined by or) with 400 invalidFilter, which RFC 7644 §3.12 Table 9 allows'
      : undefined;
    const path = `${usersAt(ctx.target)}/.search`;
    const post =
      (extra: JsonObject, schemas = true) =>
      () =>
        send(ctx, {
          method: 'POST',
          path,
          json: { ...(schemas ? { schemas: [URN.searchRequest] } : {}), filter, ...extra },
        });
    // Searches read only (RFC 7644 §3.4.3), so they go side by side.
    const [search, paged, projected, noSchemas] = await ctx.all([
      post({}),
      post({ sortBy: 'userName', startIndex: 2, count: 1 }),
      post({ attributes: ['userName'] }),
      post({}, false),
    ]);
    return {
      ...(declined ? { declined } : {}),
      ids,
      names,
      viaGet,
      search: search!,
      paged: paged!,
      projected: projected!,
      noSchemas: noSchemas!,
    };
  },
});

/** A skip when /.search is not implemented (the supported check's finding, not this one's). */
const unsupported = (res: HttpResult): Verdict | undefined =>
  res.status !== undefined && UNSUPPORTED.includes(res.status)
    ? skip(`POST /.search answered ${res.status}; judged by search.post.supported`)
    : undefined;

/** Judges the body of a /.search that answered 200, unless it is not implemented. */
function whenSupported(res: HttpResult, judge: (b: JsonObject) => Guard): Verdict {
  return unsupported(res) ?? bodyVerdict(res, 200, judge);
}

/** whenSupported for judgements of the ids a ListResponse lists (listVerdict). */
function listedWhenSupported(res: HttpResult, judge: (ids: string[], b: JsonObject) => Guard): Verdict {
  return unsupported(res) ?? listVerdict(res, judge);
}

const check = checkRows(
  { suite: 'search', rfc: 'RFC7644 3.4.3', requires: ['filter'], scenario: searched },
  (s: Searched) => (s.declined ? skip(s.declined) : undefined),
);

export const searchChecks: AnyCheck[] = [
  check({
    id: SEARCH_SUPPORTED,
    title: 'POST /Users/.search is answered',
    level: 'SHOULD',
    requirements: ['7644-3.4.3-a'],
    explanation:
      'RFC 7644 §3.4.3 lets clients query with POST to /.search (e.g. to keep filters out of URLs and logs); ServiceProviderConfig cannot advertise its absence, so a 404/501 is reported at SHOULD level.',
    assert: (s) => verdict(expectStatus(s.search, 200)),
  }),
  check({
    id: 'search.post.list-response',
    title: 'POST /.search answers a ListResponse, not a create',
    level: 'MUST',
    requirements: ['7644-3.4.3-a', '7644-3.4.2-c'],
    dependsOn: [SEARCH_SUPPORTED],
    explanation:
      'RFC 7644 §3.4.3: a POST to /.search SHALL be processed as a query and answered with a ListResponse.',
    assert: (s) =>
      whenSupported(s.search, (b) =>
        Array.isArray(b['schemas']) && b['schemas'].includes(URN.listResponse)
          ? undefined
          : fail('VALUE_MISMATCH', 'The answer is not a ListResponse', {
              expected: [URN.listResponse],
              actual: b['schemas'],
              pointer: '/schemas',
            }),
      ),
  }),
  check({
    id: 'search.post.same-as-get',
    title: 'POST /.search returns the same Users as GET with the same filter',
    level: 'MUST',
    requirements: ['7644-3.4.3-a', '7644-3.4.3-b'],
    dependsOn: [SEARCH_SUPPORTED],
    explanation:
      'The SearchRequest carries the §3.4.2 parameters (RFC 7644 §3.4.3), so its result equals the GET query.',
    assert: (s) => listedWhenSupported(s.search, (ids) => expectIdSet(ids, s.ids, s.names)),
  }),
  check({
    id: 'search.post.schema-valid',
    title: 'The /.search ListResponse is valid',
    level: 'MUST',
    requirements: ['7644-3.4.2-c', '7644-3.4.2-d'],
    dependsOn: [SEARCH_SUPPORTED],
    explanation: 'The ListResponse schema applies to /.search results too (RFC 7644 §3.4.2, §3.4.3).',
    assert: (s, ctx) => whenSupported(s.search, (b) => ctx.validate(URN.listResponse, b)[0]),
  }),
  check({
    id: 'search.post.resources-schema-valid',
    title: 'Users returned by /.search are valid Users',
    level: 'MUST',
    requirements: ['7643-3-a', '7643-4.1.1-a'],
    dependsOn: [SEARCH_SUPPORTED],
    explanation: 'Each resource in the result is a full User representation (RFC 7643 §4.1).',
    assert: (s, ctx) =>
      whenSupported(s.search, (b) => {
        const rs = Array.isArray(b['Resources']) ? b['Resources'] : [];
        if (rs.length === 0)
          return fail('ATTRIBUTE_MISSING', 'No Resources to validate', { pointer: '/Resources' });
        for (const [i, r] of rs.entries()) {
          const f = ctx.validate(URN.user, r, `/Resources/${i}`)[0];
          if (f) return f;
        }
        return undefined;
      }),
  }),
  check({
    id: 'search.post.start-index-and-count',
    title: 'startIndex and count in the body page the result',
    level: 'MUST',
    requirements: ['7644-3.4.3-b', '7644-3.4.2.4-e'],
    dependsOn: [SEARCH_SUPPORTED],
    explanation:
      'RFC 7644 §3.4.3: startIndex and count go in the SearchRequest body; startIndex=2, count=1 of three matches returns one User.',
    assert: (s) =>
      listedWhenSupported(s.paged, (ids, b) =>
        ids.length === 1 && b['startIndex'] === 2
          ? undefined
          : fail(
              'VALUE_MISMATCH',
              `${ids.length} resources (startIndex ${JSON.stringify(b['startIndex'])}) for startIndex=2, count=1`,
              { expected: 1, actual: ids.length, pointer: '/Resources' },
            ),
      ),
  }),
  check({
    id: 'search.post.attributes',
    title: 'attributes in the body limits the returned attributes',
    level: 'MUST',
    requirements: ['7644-3.4.3-b', '7644-3.9-b'],
    dependsOn: [SEARCH_SUPPORTED],
    explanation: 'RFC 7644 §3.4.3: attributes in the SearchRequest works as on GET; emails is not returned.',
    assert: (s) =>
      whenSupported(s.projected, (b) => {
        const rs = Array.isArray(b['Resources']) ? (b['Resources'] as JsonObject[]) : [];
        const bad = rs.find((r) => r['emails'] !== undefined);
        return rs.length > 0 && !bad
          ? undefined
          : fail(
              bad ? 'ATTRIBUTE_UNEXPECTED' : 'ATTRIBUTE_MISSING',
              bad ? 'emails returned although only userName was requested' : 'No Resources returned',
              { pointer: '/Resources' },
            );
      }),
  }),
  check({
    id: 'search.post.requires-search-request-schema',
    title: 'A search body without the SearchRequest schema answers 400',
    level: 'MUST',
    requirements: ['7644-3.4.3-c'],
    dependsOn: [SEARCH_SUPPORTED],
    explanation: `RFC 7644 §3.4.3: the body MUST carry schemas ["${URN.searchRequest}"].`,
    assert: (s) =>
      s.noSchemas.status !== undefined && UNSUPPORTED.includes(s.noSchemas.status) && s.search.status !== 200
        ? skip('POST /.search is not implemented')
        : verdict(expectErrorBody(s.noSchemas, 400)),
  }),
];

export const searchSuite = defineSuite({
  name: 'search',
  title: 'POST /.search',
  description:
    'Queries through POST /Users/.search: ListResponse, equivalence with GET, paging and projection in the body, and the SearchRequest schema.',
  checks: [...searchChecks, ...rootChecks],
});
