/** GET /Users/{id} checks (RFC 7644 §3.4.1, §3.1; RFC 7643 §3.1). */
import {
  checkRows,
  escapeToken,
  expectValue,
  fail,
  fetchedUser,
  isObject,
  notCreated,
  onBody,
  onResponse,
  pointerGet,
  scimContentType,
  skip,
  statusVerdict,
  unknownUser,
} from '../support/index.js';
import type { AnyCheck, CreatedUser, FetchedUser, Guard, JsonObject, Verdict } from '../support/index.js';
import { expectUserName } from './post-checks.js';

const check = checkRows({ suite: 'users', rfc: 'RFC7644 3.4.1', scenario: fetchedUser });
const GET_STATUS_ID = 'users.get.returns-200';

/** Runs `judge` only when the create gave something to fetch. */
function onFetched(
  fetched: FetchedUser,
  judge: (f: FetchedUser & { response: NonNullable<FetchedUser['response']> }) => Verdict,
): Verdict {
  if (!fetched.response)
    return notCreated('User', 'The User could not be created; judged by users.post.returns-201');
  return judge({ ...fetched, response: fetched.response });
}

/** Asserts on the fetched User's body once users.get.returns-200 saw its 200 (one wrong status, one failure). */
function onFetchedBody(
  judge: (body: JsonObject, created: CreatedUser) => Guard,
): (fetched: FetchedUser) => Verdict {
  return (fetched) =>
    onFetched(fetched, ({ response, created }) =>
      onBody(response, 200, GET_STATUS_ID, (body) => judge(body, created)),
    );
}

/** Absent, null, [] and {} are the same state (RFC 7643 §2.5); key order never matters. */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(normalise).filter((v) => v !== undefined);
    return items.length ? items : undefined;
  }
  if (isObject(value)) {
    const entries = Object.keys(value)
      .sort()
      .map((k) => [k, normalise(value[k])] as const)
      .filter(([, v]) => v !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  return value === null ? undefined : value;
}

/** The first JSON pointer at which two normalised values differ. */
function firstDifference(a: unknown, b: unknown, pointer = ''): string | undefined {
  if (isObject(a) && isObject(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const found = firstDifference(a[key], b[key], `${pointer}/${escapeToken(key)}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const found = firstDifference(a[i], b[i], `${pointer}/${i}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  return JSON.stringify(a) === JSON.stringify(b) ? undefined : pointer;
}

const getReturns200 = check({
  id: GET_STATUS_ID,
  title: 'GET /Users/{id} of a created User answers 200',
  requirements: ['7644-3.4.1-a'],
  level: 'MUST',
  explanation:
    'RFC 7644 §3.4.1 defines retrieval of a known resource as 200 with the resource; IdPs re-read Users before every update.',
  assert: (fetched) => onFetched(fetched, ({ response }) => statusVerdict(response, 200)),
});

const getContentType = check({
  id: 'users.get.content-type',
  title: 'A fetched User is served as application/scim+json',
  rfc: 'RFC7644 3.8',
  requirements: ['7644-3.8-b'],
  level: 'MUST',
  explanation:
    'The request sends Accept: application/scim+json, which RFC 7644 §3.8 says service providers MUST support.',
  assert: (fetched) =>
    onFetched(fetched, ({ response }) => onResponse(response, 200, GET_STATUS_ID, scimContentType)),
});

const getMatchesCreated = check({
  id: 'users.get.matches-created',
  title: 'GET returns the same representation the POST returned',
  rfc: 'RFC7644 3.1',
  requirements: ['7644-3.1-d', '7644-3.4.1-a'],
  level: 'MUST',
  explanation:
    'RFC 7644 §3.1 says responses SHALL reflect the resource as the service provider holds it, so an unmodified User reads back exactly as created (absent, null and [] count as equal, RFC 7643 §2.5).',
  assert: (fetched) =>
    onFetched(fetched, ({ response, created }) => {
      if (!isObject(created.response.json)) return skip('The create returned no body to compare with');
      const before = created.response.json;
      return onBody(response, 200, GET_STATUS_ID, (after) => {
        const pointer = firstDifference(normalise(before), normalise(after));
        if (pointer === undefined) return undefined;
        return fail('VALUE_MISMATCH', `The fetched User differs from the created one at ${pointer || '/'}`, {
          expected: pointerGet(before, pointer),
          actual: pointerGet(after, pointer),
          pointer,
        });
      });
    }),
});

const getIdStable = check({
  id: 'users.get.id-stable',
  title: 'The fetched User has the id the create assigned',
  rfc: 'RFC7643 3.1',
  requirements: ['7643-3.1-f'],
  level: 'MUST',
  explanation:
    'RFC 7643 §3.1 says id MUST be stable and never reassigned; clients key their link to the User on it.',
  assert: onFetchedBody((body, created) =>
    expectValue(body, '/id', created.id, { message: 'The fetched User has another id' }),
  ),
});

const getUserNameRoundTrips = check({
  id: 'users.get.username-round-trips',
  title: 'The fetched User has the userName that was sent',
  rfc: 'RFC7643 4.1.1',
  requirements: ['7643-4.1.1-a', '7643-7-l'],
  level: 'SHOULD',
  explanation:
    'userName is how IdPs match accounts; RFC 7643 §7 lets a server change the case of a caseExact=false value, so only a different value (ignoring case) fails, at SHOULD level because the RFC lets the server interpret values.',
  assert: onFetchedBody((body, created) =>
    expectUserName(body, created.sent, 'userName changed between POST and GET'),
  ),
});

const getUnknownReturns404 = check({
  id: 'users.get.unknown-returns-404',
  title: 'GET /Users/{unknown id} answers 404',
  requirements: ['7644-3.4.1-b'],
  level: 'MUST',
  explanation:
    'RFC 7644 §3.12 Table 8 defines 404 for a resource that does not exist; Okta and Entra read a 200 or 500 here as a broken endpoint.',
  scenario: unknownUser,
  assert: ({ response }) => statusVerdict(response, 404),
});

export const getChecks: AnyCheck[] = [
  getReturns200,
  getContentType,
  getMatchesCreated,
  getIdStable,
  getUserNameRoundTrips,
  getUnknownReturns404,
];
