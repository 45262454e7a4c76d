/** POST /Users checks (RFC 7644 §3.3, RFC 7643 §3.1). */
import {
  checkRows,
  createdUser,
  expectSchemasContain,
  expectStatus,
  fail,
  failureIn,
  headerValue,
  isFailure,
  onBody,
  onResponse,
  requireString,
  scimContentType,
  statusVerdict,
  URN,
} from '../support/index.js';
import type {
  AnyCheck,
  AssertContext,
  CreatedUser,
  Guard,
  HttpResult,
  JsonObject,
  Verdict,
} from '../support/index.js';
import { createdWithClientId } from './scenarios.js';

const check = checkRows({ suite: 'users', rfc: 'RFC7644 3.3', scenario: createdUser });
const CREATE_STATUS_ID = 'users.post.returns-201';

/** userName matches the one sent, ignoring case: it is caseExact=false (RFC 7643 §4.1.1), so case may change. */
export function expectUserName(body: JsonObject, sent: JsonObject, message: string): Guard {
  const userName = requireString(body, '/userName');
  if (isFailure(userName)) return userName;
  const wanted = String(sent['userName']);
  if (userName.toLowerCase() === wanted.toLowerCase()) return undefined;
  return fail('VALUE_MISMATCH', message, { expected: wanted, actual: userName, pointer: '/userName' });
}

/**
 * Asserts on the created User once users.post.returns-201 saw its 201 (otherwise a skip, so one wrong status is
 * one failure): `judge` gets the 201's body (onCreatedBody) or the response (onCreatedResponse), and the result.
 */
export function onCreatedBody(
  judge: (body: JsonObject, created: CreatedUser, ctx: AssertContext) => Guard,
): (created: CreatedUser, ctx: AssertContext) => Verdict {
  return (created, ctx) =>
    onBody(created.response, 201, CREATE_STATUS_ID, (body) => judge(body, created, ctx));
}

export function onCreatedResponse(
  judge: (res: HttpResult, created: CreatedUser) => Guard,
): (created: CreatedUser) => Verdict {
  return (created) => onResponse(created.response, 201, CREATE_STATUS_ID, (res) => judge(res, created));
}

const postReturns201 = check({
  id: CREATE_STATUS_ID,
  title: 'POST /Users with a valid User answers 201 Created',
  requirements: ['7644-3.3-d'],
  level: 'MUST',
  explanation:
    'RFC 7644 §3.3 says a successful create SHALL answer 201 Created; IdPs such as Entra treat 200 as an unexpected answer.',
  assert: ({ response }) => statusVerdict(response, 201),
});

const postContentType = check({
  id: 'users.post.content-type',
  title: 'The created User is served as application/scim+json',
  rfc: 'RFC7644 3.8',
  requirements: ['7644-3.8-b'],
  level: 'MUST',
  explanation:
    'The request sends Accept: application/scim+json, which RFC 7644 §3.8 says service providers MUST support.',
  assert: onCreatedResponse(scimContentType),
});

const postLocationHeader = check({
  id: 'users.post.location-header',
  title: 'The 201 carries a Location header naming the new User',
  requirements: ['7644-3.3-f'],
  level: 'MUST',
  explanation:
    "RFC 7644 §3.3 says the new resource's URI SHALL be in the Location header; clients store it to address the User later.",
  assert: onCreatedResponse((res, { id }) => {
    const location = headerValue(res, 'location');
    if (isFailure(location)) return location;
    if (
      id &&
      !location.replace(/\/+$/, '').endsWith(`/${encodeURIComponent(id)}`) &&
      !location.endsWith(`/${id}`)
    ) {
      return fail('HEADER_MISMATCH', 'Location does not name the created User', {
        expected: `…/${id}`,
        actual: location,
      });
    }
    return undefined;
  }),
});

const postMetaLocation = check({
  id: 'users.post.meta-location',
  title: 'The created User has meta.location naming it',
  requirements: ['7644-3.3-g', '7643-3.1-b'],
  level: 'MUST',
  explanation: "RFC 7644 §3.3 says the new resource's URI SHALL also be given in the body as meta.location.",
  assert: onCreatedBody((body, { id }) => {
    const location = requireString(body, '/meta/location');
    if (isFailure(location)) return location;
    if (id && !location.endsWith(`/${encodeURIComponent(id)}`) && !location.endsWith(`/${id}`)) {
      return fail('VALUE_MISMATCH', 'meta.location does not name the created User', {
        expected: `…/${id}`,
        actual: location,
        pointer: '/meta/location',
      });
    }
    return undefined;
  }),
});

const postLocationMatchesMeta = check({
  id: 'users.post.location-matches-meta',
  title: 'The Location header equals meta.location',
  rfc: 'RFC7643 3.1',
  requirements: ['7643-3.1-r', '7644-3.3-g'],
  level: 'MUST',
  explanation:
    'RFC 7643 §3.1 says meta.location MUST equal the location header of the response; clients may use either and expect the same resource.',
  assert: onCreatedBody((body, { response }) => {
    const header = response.headers['location'];
    const meta = body['meta'] as { location?: unknown } | undefined;
    if (header === undefined || typeof meta?.location !== 'string') {
      return undefined; // presence is judged by users.post.location-header and users.post.meta-location
    }
    if (header === meta.location) return undefined;
    return fail('VALUE_MISMATCH', 'meta.location differs from the Location header', {
      expected: header,
      actual: meta.location,
      pointer: '/meta/location',
    });
  }),
});

const postReturnsId = check({
  id: 'users.post.returns-id',
  title: 'The created User has a server-assigned id',
  rfc: 'RFC7643 3.1',
  requirements: ['7643-3.1-b', '7643-3.1-d', '7644-3.3-e'],
  level: 'MUST',
  explanation:
    'RFC 7643 §3.1 says the service provider MUST assign a non-empty id on creation; without it the client cannot address the User.',
  assert: onCreatedBody((body) => failureIn(requireString(body, '/id'))),
});

const postCoreSchema = check({
  id: 'users.post.core-schema',
  title: 'The created User lists the core User schema',
  rfc: 'RFC7643 3',
  requirements: ['7643-3-a', '7643-4.1-a'],
  level: 'MUST',
  explanation: `RFC 7643 §3 requires schemas on every resource, and Users carry ${URN.user}.`,
  assert: onCreatedBody((body) => expectSchemasContain(body, URN.user)),
});

const postEchoesUserName = check({
  id: 'users.post.echoes-username',
  title: 'The 201 body is the full User, including the userName sent',
  requirements: ['7644-3.3-e'],
  level: 'SHOULD',
  explanation:
    "RFC 7644 §3.3 says the 201 body SHOULD contain the service provider's representation of the new resource; userName is compared case-insensitively because it is not caseExact (RFC 7643 §4.1.1).",
  assert: onCreatedBody((body, { sent }) =>
    expectUserName(body, sent, 'userName in the response differs from the one sent'),
  ),
});

const postIgnoresClientId = check({
  id: 'users.post.ignores-client-id',
  title: 'An id in the POST body is ignored; the server assigns its own',
  rfc: 'RFC7643 3.1',
  requirements: ['7643-3.1-g', '7644-3.3-a'],
  level: 'MUST',
  explanation:
    'RFC 7643 §3.1 says id MUST NOT be specified by the client, and RFC 7644 §3.3 says readOnly attributes in a create SHALL be ignored; a server taking the client id lets clients collide.',
  scenario: createdWithClientId,
  assert: ({ response, clientId }) => {
    // Rejecting the body is not ignoring the attribute (RFC 7644 §3.3), so a 4xx fails too.
    const status = expectStatus(response, [200, 201]);
    if (status) return status;
    return onBody(response, [200, 201], CREATE_STATUS_ID, (body) =>
      body['id'] === clientId
        ? fail('VALUE_MISMATCH', 'The server used the id the client sent', {
            expected: `a server-assigned id other than ${clientId}`,
            actual: body['id'],
            pointer: '/id',
          })
        : undefined,
    );
  },
});

const postSchemaValid = check({
  id: 'users.post.schema-valid',
  title: 'The created User is valid against the User schema',
  rfc: 'RFC7643 4.1',
  requirements: ['7643-4.1-a', '7643-2.3-b', '7643-3-a'],
  level: 'MUST',
  explanation:
    "RFC 7643 §4.1 and §2.3 fix each User attribute's JSON type (booleans as true/false, multi-valued attributes as arrays); typed clients fail on anything else.",
  assert: onCreatedBody((body, _created, ctx) => ctx.validate(URN.user, body)[0]),
});

export const postChecks: AnyCheck[] = [
  postReturns201,
  postContentType,
  postLocationHeader,
  postMetaLocation,
  postLocationMatchesMeta,
  postReturnsId,
  postCoreSchema,
  postEchoesUserName,
  postIgnoresClientId,
  postSchemaValid,
];
