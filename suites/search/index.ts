/**
 * POST /.search (RFC 7644 §3.4.3). ServiceProviderConfig has no flag for it, so support cannot be planned from
 * discovery: search.post.supported judges support itself at SHOULD level, and the other checks skip when the
 * endpoint answers 404/405/501 (an unimplemented optional feature) but fail on anything else.
 * @module
 */
import { expectErrorBody } from '../../engine/assert/index.js';
import {
  defineCheck,
  defineScenario,
  defineSuite,
  fail,
  skip,
  type AnyCheck,
  type AssertContext,
  type HttpResult,
  type Level,
  type Verdict,
} from '../../engine/model/index.js';
import { createUser, declinedFilter, expectIdSet, get, listIds, q, send, usersAt } from '../filter/kit.js';
import { bodyObject, expectStatus, isFailure, type Guard, type JsonObject } from '../support/guards.js';
import { verdict } from '../support/verdicts.js';
import { rootChecks } from './root-checks.js';
import { URN } from '../support/urns.js';

const SUITE = 'search';
const UNSUPPORTED = [404, 405, 501];
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

const searched = defineScenario<Searched>({
  id: 'search.fixture',
  requires: ['filter'],
  run: async (ctx) => {
    const tag = ctx.data.unique('search');
    const one = await createUser(ctx, { userName: `${tag}-one@example.com` });
    const two = await createUser(ctx, { userName: `${tag}-two@example.com` });
    const three = await createUser(ctx, { userName: `${tag}-three@example.com` });
    // A User the filter must not match, so a search that ignores its filter is seen even on an empty target.
    await createUser(ctx, { userName: `${ctx.data.unique('search-decoy')}@example.com` });
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
    const post = (extra: JsonObject, schemas = true) =>
      send(ctx, {
        method: 'POST',
        path,
        json: { ...(schemas ? { schemas: [URN.searchRequest] } : {}), filter, ...extra },
      });
    return {
      ...(declined ? { declined } : {}),
      ids: [one.id, two.id, three.id],
      names: { [one.id]: 'one', [two.id]: 'two', [three.id]: 'three' },
      viaGet,
      search: await post({}),
      paged: await post({ sortBy: 'userName', startIndex: 2, count: 1 }),
      projected: await post({ attributes: ['userName'] }),
      noSchemas: await post({}, false),
    };
  },
});

/** Skips when /.search is not implemented; judges the body when it answered 200. */
function whenSupported(res: HttpResult, judge: (b: JsonObject) => Guard): Verdict {
  if (res.status !== undefined && UNSUPPORTED.includes(res.status))
    return skip(`POST /.search answered ${res.status}; judged by search.post.supported`);
  const s = expectStatus(res, 200);
  if (s) return s;
  const b = bodyObject(res);
  if (isFailure(b)) return b;
  return verdict(judge(b));
}

function check(
  id: string,
  title: string,
  requirements: string[],
  level: Level,
  explanation: string,
  assert: (s: Searched, ctx: AssertContext) => Verdict,
): AnyCheck {
  return defineCheck({
    id,
    title,
    suite: SUITE,
    rfc: 'RFC7644 3.4.3',
    requirements,
    level,
    requires: ['filter'],
    // Every other check reads an answer of POST /.search: when the endpoint is missing, that is one finding.
    ...(id === SEARCH_SUPPORTED ? {} : { dependsOn: [SEARCH_SUPPORTED] }),
    explanation,
    scenario: searched,
    assert: (s, ctx) => (s.declined ? skip(s.declined) : assert(s, ctx)),
  });
}

export const searchChecks: AnyCheck[] = [
  check(
    SEARCH_SUPPORTED,
    'POST /Users/.search is answered',
    ['7644-3.4.3-a'],
    'SHOULD',
    'RFC 7644 §3.4.3 lets clients query with POST to /.search (e.g. to keep filters out of URLs and logs); ServiceProviderConfig cannot advertise its absence, so a 404/501 is reported at SHOULD level.',
    (s) => verdict(expectStatus(s.search, 200)),
  ),
  check(
    'search.post.list-response',
    'POST /.search answers a ListResponse, not a create',
    ['7644-3.4.3-a', '7644-3.4.2-c'],
    'MUST',
    'RFC 7644 §3.4.3: a POST to /.search SHALL be processed as a query and answered with a ListResponse.',
    (s) =>
      whenSupported(s.search, (b) =>
        Array.isArray(b['schemas']) && b['schemas'].includes(URN.listResponse)
          ? undefined
          : fail('VALUE_MISMATCH', 'The answer is not a ListResponse', {
              expected: [URN.listResponse],
              actual: b['schemas'],
              pointer: '/schemas',
            }),
      ),
  ),
  check(
    'search.post.same-as-get',
    'POST /.search returns the same Users as GET with the same filter',
    ['7644-3.4.3-a', '7644-3.4.3-b'],
    'MUST',
    'The SearchRequest carries the §3.4.2 parameters (RFC 7644 §3.4.3), so its result equals the GET query.',
    (s) =>
      whenSupported(s.search, () => {
        const ids = listIds(s.search);
        return isFailure(ids) ? ids : expectIdSet(ids, s.ids, s.names);
      }),
  ),
  check(
    'search.post.schema-valid',
    'The /.search ListResponse is valid',
    ['7644-3.4.2-c', '7644-3.4.2-d'],
    'MUST',
    'The ListResponse schema applies to /.search results too (RFC 7644 §3.4.2, §3.4.3).',
    (s, ctx) => whenSupported(s.search, (b) => ctx.validate(URN.listResponse, b)[0]),
  ),
  check(
    'search.post.resources-schema-valid',
    'Users returned by /.search are valid Users',
    ['7643-3-a', '7643-4.1.1-a'],
    'MUST',
    'Each resource in the result is a full User representation (RFC 7643 §4.1).',
    (s, ctx) =>
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
  ),
  check(
    'search.post.start-index-and-count',
    'startIndex and count in the body page the result',
    ['7644-3.4.3-b', '7644-3.4.2.4-e'],
    'MUST',
    'RFC 7644 §3.4.3: startIndex and count go in the SearchRequest body; startIndex=2, count=1 of three matches returns one User.',
    (s) =>
      whenSupported(s.paged, (b) => {
        const ids = listIds(s.paged);
        if (isFailure(ids)) return ids;
        return ids.length === 1 && b['startIndex'] === 2
          ? undefined
          : fail(
              'VALUE_MISMATCH',
              `${ids.length} resources (startIndex ${JSON.stringify(b['startIndex'])}) for startIndex=2, count=1`,
              { expected: 1, actual: ids.length, pointer: '/Resources' },
            );
      }),
  ),
  check(
    'search.post.attributes',
    'attributes in the body limits the returned attributes',
    ['7644-3.4.3-b', '7644-3.9-b'],
    'MUST',
    'RFC 7644 §3.4.3: attributes in the SearchRequest works as on GET; emails is not returned.',
    (s) =>
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
  ),
  check(
    'search.post.requires-search-request-schema',
    'A search body without the SearchRequest schema answers 400',
    ['7644-3.4.3-c'],
    'MUST',
    `RFC 7644 §3.4.3: the body MUST carry schemas ["${URN.searchRequest}"].`,
    (s) =>
      s.noSchemas.status !== undefined && UNSUPPORTED.includes(s.noSchemas.status) && s.search.status !== 200
        ? skip('POST /.search is not implemented')
        : verdict(expectErrorBody(s.noSchemas, 400)),
  ),
];

export const searchSuite = defineSuite({
  name: 'search',
  title: 'POST /.search',
  description:
    'Queries through POST /Users/.search: ListResponse, equivalence with GET, paging and projection in the body, and the SearchRequest schema.',
  checks: [...searchChecks, ...rootChecks],
});
