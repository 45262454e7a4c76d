/**
 * One row per check: the server deviation that must make it fail, and the failure code it must report.
 * A row names a quirk of the reference server where one exists, else a proxy breakage.
 * @module
 */
import {
  USER_BY_ID,
  USERS,
  answer,
  isDelete,
  isGet,
  isPost,
  rewriteHeaders,
  rewriteJson,
  rewriteStatus,
  scimJson,
  type Json,
} from '../support/breakages.js';
import type { Breakage, ProxiedResponse } from '../support/mutating-proxy.js';

export interface BreakageRow {
  checkId: string;
  /** What is broken, in words (the test name). */
  breakage: string;
  quirks?: string[];
  proxy?: Breakage;
  expectedCode: string;
}

const USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User';
const LR_URN = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const SPC = /^\/ServiceProviderConfig$/;
const RESOURCE_TYPES = /^\/ResourceTypes$/;
const SCHEMAS = /^\/Schemas$/;
const USER_SCHEMA = /^\/Schemas\/urn:ietf:params:scim:schemas:core:2\.0:User$/;
const LR_SCHEMA = /^\/Schemas\/urn:ietf:params:scim:api:messages:2\.0:ListResponse$/;
const UNKNOWN_ENDPOINT = /^\/NoSuchEndpoint/;

const resources = (body: Json): Json[] => body['Resources'] as Json[];
const first = (body: Json): Json => resources(body)[0] as Json;
const meta = (body: Json): Json => body['meta'] as Json;
const userType = (body: Json): Json => resources(body).find((r) => r['name'] === 'User') as Json;
const plainText = (status: number, text: string): ProxiedResponse => ({
  status,
  headers: { 'content-type': 'text/plain' },
  body: text,
});
const requestJson = (body: string): Json => {
  try {
    return JSON.parse(body) as Json;
  } catch {
    return {};
  }
};

/** A server that remembers which userNames it saw and answers a repeat with 409, as if deletes kept them. */
function uniquenessOutlivesDelete(): Breakage {
  const seen = new Set<string>();
  return answer(isPost(USERS), (req) => {
    const userName = String(requestJson(req.body)['userName']).toLowerCase();
    if (!seen.has(userName)) {
      seen.add(userName);
      return undefined as unknown as ProxiedResponse;
    }
    return scimJson(409, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '409', scimType: 'uniqueness' });
  });
}

/** A server whose userName uniqueness is case-sensitive: a case variant is "created". */
function caseSensitiveUniqueness(): Breakage {
  const seen = new Set<string>();
  return {
    answer(req) {
      if (!isPost(USERS)(req)) return undefined;
      const userName = String(requestJson(req.body)['userName']);
      const variant = [...seen].some((s) => s !== userName && s.toLowerCase() === userName.toLowerCase());
      seen.add(userName);
      return variant ? scimJson(201, { schemas: [USER_URN], id: 'case-variant', userName }) : undefined;
    },
  };
}

/** A server that still lists deleted users in filtered queries. */
function deletedStillListed(): Breakage {
  let deletedId: string | undefined;
  return {
    mutate(req, res) {
      if (isDelete(USER_BY_ID)(req)) deletedId = decodeURIComponent(req.path.split('/').pop() ?? '');
      if (!deletedId || !isGet(USERS)(req) || !req.query.has('filter')) return undefined;
      const body = { schemas: [LR_URN], totalResults: 1, Resources: [{ schemas: [USER_URN], id: deletedId, userName: 'ghost' }] };
      return { ...res, body: JSON.stringify(body) };
    },
  };
}

export const DISCOVERY_ROWS: BreakageRow[] = [
  { checkId: 'discovery.spc.returns-200', breakage: '/ServiceProviderConfig answers 404', proxy: answer(isGet(SPC), () => scimJson(404, {})), expectedCode: 'STATUS_MISMATCH' },
  { checkId: 'discovery.spc.content-type', breakage: 'every response is application/json', quirks: ['content-type-json'], expectedCode: 'CONTENT_TYPE_MISMATCH' },
  { checkId: 'discovery.spc.schemas-urn', breakage: 'SPC names another schema', proxy: rewriteJson(isGet(SPC), (b) => (b['schemas'] = ['urn:example:Config'])), expectedCode: 'VALUE_MISMATCH' },
  { checkId: 'discovery.spc.patch-member', breakage: 'SPC lacks patch', proxy: rewriteJson(isGet(SPC), (b) => delete b['patch']), expectedCode: 'ATTRIBUTE_MISSING' },
  { checkId: 'discovery.spc.bulk-member', breakage: 'bulk.maxOperations is a string', proxy: rewriteJson(isGet(SPC), (b) => ((b['bulk'] as Json)['maxOperations'] = '1000')), expectedCode: 'VALUE_MISMATCH' },
  { checkId: 'discovery.spc.filter-member', breakage: 'filter lacks maxResults', proxy: rewriteJson(isGet(SPC), (b) => delete (b['filter'] as Json)['maxResults']), expectedCode: 'ATTRIBUTE_MISSING' },
  { checkId: 'discovery.spc.change-password-member', breakage: 'SPC lacks changePassword', proxy: rewriteJson(isGet(SPC), (b) => delete b['changePassword']), expectedCode: 'ATTRIBUTE_MISSING' },
  { checkId: 'discovery.spc.sort-member', breakage: 'sort.supported is the string "true"', proxy: rewriteJson(isGet(SPC), (b) => ((b['sort'] as Json)['supported'] = 'true')), expectedCode: 'VALUE_MISMATCH' },
  { checkId: 'discovery.spc.etag-member', breakage: 'SPC lacks etag', proxy: rewriteJson(isGet(SPC), (b) => delete b['etag']), expectedCode: 'ATTRIBUTE_MISSING' },
  { checkId: 'discovery.spc.authentication-schemes-member', breakage: 'an authentication scheme lacks description', proxy: rewriteJson(isGet(SPC), (b) => delete ((b['authenticationSchemes'] as Json[])[0] as Json)['description']), expectedCode: 'ATTRIBUTE_MISSING' },
  { checkId: 'discovery.spc.schema-valid', breakage: 'patch.supported is "yes"', proxy: rewriteJson(isGet(SPC), (b) => ((b['patch'] as Json)['supported'] = 'yes')), expectedCode: 'SCHEMA_INVALID' },
  { checkId: 'discovery.resource-types.returns-200', breakage: '/ResourceTypes answers 404', proxy: answer(isGet(RESOURCE_TYPES), () => scimJson(404, {})), expectedCode: 'STATUS_MISMATCH' },
  { checkId: 'discovery.resource-types.content-type', breakage: 'every response is application/json', quirks: ['content-type-json'], expectedCode: 'CONTENT_TYPE_MISMATCH' },
  { checkId: 'discovery.resource-types.list-response', breakage: '/ResourceTypes names a resource schema instead of ListResponse', proxy: rewriteJson(isGet(RESOURCE_TYPES), (b) => (b['schemas'] = ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'])), expectedCode: 'VALUE_MISMATCH' },
  { checkId: 'discovery.resource-types.user-present', breakage: 'User is not listed', proxy: rewriteJson(isGet(RESOURCE_TYPES), (b) => (b['Resources'] = resources(b).filter((r) => r['name'] !== 'User'))), expectedCode: 'VALUE_MISMATCH' },
  { checkId: 'discovery.resource-types.user-core-schema', breakage: 'User names a private schema', proxy: rewriteJson(isGet(RESOURCE_TYPES), (b) => (userType(b)['schema'] = 'urn:example:User')), expectedCode: 'VALUE_MISMATCH' },
  { checkId: 'discovery.resource-types.item-schemas-urn', breakage: 'a resource type has no schemas', proxy: rewriteJson(isGet(RESOURCE_TYPES), (b) => delete first(b)['schemas']), expectedCode: 'ATTRIBUTE_MISSING' },
  { checkId: 'discovery.resource-types.schemas-resolvable', breakage: 'User names an extension /Schemas does not publish', proxy: rewriteJson(isGet(RESOURCE_TYPES), (b) => (userType(b)['schemaExtensions'] = [{ schema: 'urn:example:ext', required: false }])), expectedCode: 'VALUE_MISMATCH' },
  { checkId: 'discovery.resource-types.schema-valid', breakage: 'a resource type has no endpoint', proxy: rewriteJson(isGet(RESOURCE_TYPES), (b) => delete first(b)['endpoint']), expectedCode: 'SCHEMA_INVALID' },
  { checkId: 'discovery.schemas.returns-200', breakage: '/Schemas answers 500', proxy: rewriteStatus(isGet(SCHEMAS), 500), expectedCode: 'STATUS_MISMATCH' },
  { checkId: 'discovery.schemas.content-type', breakage: 'every response is application/json', quirks: ['content-type-json'], expectedCode: 'CONTENT_TYPE_MISMATCH' },
  { checkId: 'discovery.schemas.list-response', breakage: '/Schemas names the Schema schema instead of ListResponse', proxy: rewriteJson(isGet(SCHEMAS), (b) => (b['schemas'] = ['urn:ietf:params:scim:schemas:core:2.0:Schema'])), expectedCode: 'VALUE_MISMATCH' },
  { checkId: 'discovery.schemas.lists-user-schema', breakage: 'the User schema is not listed', proxy: rewriteJson(isGet(SCHEMAS), (b) => (b['Resources'] = resources(b).filter((r) => r['id'] !== USER_URN))), expectedCode: 'VALUE_MISMATCH' },
  { checkId: 'discovery.schemas.no-message-schemas', breakage: 'message schemas are listed', quirks: ['message-schemas-listed'], expectedCode: 'ATTRIBUTE_UNEXPECTED' },
  { checkId: 'discovery.schemas.item-schemas-urn', breakage: 'a schema has no schemas attribute', proxy: rewriteJson(isGet(SCHEMAS), (b) => delete first(b)['schemas']), expectedCode: 'ATTRIBUTE_MISSING' },
  { checkId: 'discovery.schemas.ignores-paging', breakage: '/Schemas pages on startIndex/count', proxy: rewriteJson((r) => isGet(SCHEMAS)(r) && r.query.has('count'), (b) => (b['Resources'] = resources(b).slice(1, 2))), expectedCode: 'VALUE_MISMATCH' },
  { checkId: 'discovery.schemas.get-by-id-returns-200', breakage: '/Schemas/{User URN} answers 404', proxy: answer(isGet(USER_SCHEMA), () => scimJson(404, {})), expectedCode: 'STATUS_MISMATCH' },
  { checkId: 'discovery.schemas.get-by-id-returns-schema', breakage: 'a single schema comes wrapped in a ListResponse', proxy: rewriteJson(isGet(USER_SCHEMA), (b) => { const copy = { ...b }; for (const k of Object.keys(b)) delete b[k]; Object.assign(b, { schemas: [LR_URN], totalResults: 1, Resources: [copy] }); }), expectedCode: 'VALUE_MISMATCH' },
  { checkId: 'discovery.schemas.user-schema-defines-username', breakage: 'userName is not required', proxy: rewriteJson(isGet(USER_SCHEMA), (b) => { const a = (b['attributes'] as Json[]).find((x) => x['name'] === 'userName') as Json; a['required'] = false; }), expectedCode: 'VALUE_MISMATCH' },
  { checkId: 'discovery.schemas.message-schema-not-found', breakage: '/Schemas/{ListResponse URN} answers 200', proxy: answer(isGet(LR_SCHEMA), () => scimJson(200, { id: LR_URN, attributes: [] })), expectedCode: 'STATUS_MISMATCH' },
  { checkId: 'discovery.schemas.schema-valid', breakage: 'an attribute has type "text"', proxy: rewriteJson(isGet(SCHEMAS), (b) => (((first(b)['attributes'] as Json[])[0] as Json)['type'] = 'text')), expectedCode: 'SCHEMA_INVALID' },
];

export const USERS_ROWS: BreakageRow[] = [
  { checkId: 'users.post.returns-201', breakage: 'create answers 200', quirks: ['create-returns-200'], expectedCode: 'STATUS_MISMATCH' },
  { checkId: 'users.post.content-type', breakage: 'every response is application/json', quirks: ['content-type-json'], expectedCode: 'CONTENT_TYPE_MISMATCH' },
  { checkId: 'users.post.location-header', breakage: 'no Location header', quirks: ['no-location-header'], expectedCode: 'HEADER_MISSING' },
  { checkId: 'users.post.meta-location', breakage: 'create omits meta.location', proxy: rewriteJson(isPost(USERS), (b) => delete meta(b)['location']), expectedCode: 'ATTRIBUTE_MISSING' },
  { checkId: 'users.post.location-matches-meta', breakage: 'meta.location names another host', proxy: rewriteJson(isPost(USERS), (b) => (meta(b)['location'] = `http://elsewhere.example/scim/v2/Users/${String(b['id'])}`)), expectedCode: 'VALUE_MISMATCH' },
  { checkId: 'users.post.returns-id', breakage: 'create returns no id', proxy: rewriteJson(isPost(USERS), (b) => delete b['id']), expectedCode: 'ATTRIBUTE_MISSING' },
  { checkId: 'users.post.core-schema', breakage: 'created User names a private schema', proxy: rewriteJson(isPost(USERS), (b) => (b['schemas'] = ['urn:example:User'])), expectedCode: 'VALUE_MISMATCH' },
  { checkId: 'users.post.echoes-username', breakage: 'create returns another userName', proxy: rewriteJson(isPost(USERS), (b) => (b['userName'] = 'someone-else')), expectedCode: 'VALUE_MISMATCH' },
  { checkId: 'users.post.ignores-client-id', breakage: 'create adopts the client id', proxy: rewriteJson(isPost(USERS), (b, _res, req) => { const id = requestJson(req.body)['id']; if (id) b['id'] = id; }), expectedCode: 'VALUE_MISMATCH' },
  { checkId: 'users.post.schema-valid', breakage: 'active is the string "true"', proxy: rewriteJson(isPost(USERS), (b) => (b['active'] = 'true')), expectedCode: 'SCHEMA_INVALID' },
  { checkId: 'users.post.meta-resource-type', breakage: 'meta.resourceType is "Users"', proxy: rewriteJson(isPost(USERS), (b) => (meta(b)['resourceType'] = 'Users')), expectedCode: 'VALUE_MISMATCH' },
  { checkId: 'users.post.meta-created', breakage: 'meta.created is not a dateTime', proxy: rewriteJson(isPost(USERS), (b) => (meta(b)['created'] = '28/11/2026')), expectedCode: 'VALUE_MISMATCH' },
  { checkId: 'users.post.meta-last-modified', breakage: 'create omits meta.lastModified', proxy: rewriteJson(isPost(USERS), (b) => delete meta(b)['lastModified']), expectedCode: 'ATTRIBUTE_MISSING' },
  { checkId: 'users.post.last-modified-equals-created', breakage: 'lastModified is later than created', proxy: rewriteJson(isPost(USERS), (b) => (meta(b)['lastModified'] = '2099-01-01T00:00:00Z')), expectedCode: 'VALUE_MISMATCH' },
  { checkId: 'users.post.etag-header', breakage: 'no ETag header', quirks: ['no-etag-header'], expectedCode: 'HEADER_MISSING' },
  { checkId: 'users.post.meta-version-matches-etag', breakage: 'meta.version differs from ETag', proxy: rewriteJson(isPost(USERS), (b) => (meta(b)['version'] = 'W/"other"')), expectedCode: 'VALUE_MISMATCH' },
  { checkId: 'users.get.returns-200', breakage: 'GET by id answers 500', proxy: rewriteStatus(isGet(USER_BY_ID), 500), expectedCode: 'STATUS_MISMATCH' },
  { checkId: 'users.get.content-type', breakage: 'GET by id is text/plain', proxy: rewriteHeaders(isGet(USER_BY_ID), (h) => (h['content-type'] = 'text/plain')), expectedCode: 'CONTENT_TYPE_MISMATCH' },
  { checkId: 'users.get.matches-created', breakage: 'GET returns another displayName', proxy: rewriteJson(isGet(USER_BY_ID), (b) => (b['displayName'] = 'Someone Else')), expectedCode: 'VALUE_MISMATCH' },
  { checkId: 'users.get.id-stable', breakage: 'GET returns another id', proxy: rewriteJson(isGet(USER_BY_ID), (b) => (b['id'] = 'another-id')), expectedCode: 'VALUE_MISMATCH' },
  { checkId: 'users.get.username-round-trips', breakage: 'GET returns another userName', proxy: rewriteJson(isGet(USER_BY_ID), (b) => (b['userName'] = 'someone-else')), expectedCode: 'VALUE_MISMATCH' },
  { checkId: 'users.get.unknown-returns-404', breakage: 'unknown id answers 200', proxy: rewriteStatus(isGet(USER_BY_ID), 200), expectedCode: 'STATUS_MISMATCH' },
  { checkId: 'users.list.returns-200', breakage: 'GET /Users answers 500', proxy: rewriteStatus(isGet(USERS), 500), expectedCode: 'STATUS_MISMATCH' },
  { checkId: 'users.list.list-response-urn', breakage: 'the list names a private schema', proxy: rewriteJson(isGet(USERS), (b) => (b['schemas'] = ['urn:example:List'])), expectedCode: 'VALUE_MISMATCH' },
  { checkId: 'users.list.total-results', breakage: 'totalResults is missing', quirks: ['totalresults-missing'], expectedCode: 'ATTRIBUTE_MISSING' },
  { checkId: 'users.list.resources-present', breakage: 'Resources is missing', proxy: rewriteJson(isGet(USERS), (b) => delete b['Resources']), expectedCode: 'ATTRIBUTE_MISSING' },
  { checkId: 'users.list.schema-valid', breakage: 'totalResults is a string', proxy: rewriteJson(isGet(USERS), (b) => (b['totalResults'] = String(b['totalResults']))), expectedCode: 'SCHEMA_INVALID' },
  { checkId: 'users.delete.returns-204', breakage: 'DELETE answers 200 with a body', quirks: ['delete-returns-200-body'], expectedCode: 'STATUS_MISMATCH' },
  { checkId: 'users.delete.empty-body', breakage: 'DELETE answers 200 with a body', quirks: ['delete-returns-200-body'], expectedCode: 'VALUE_MISMATCH' },
  { checkId: 'users.delete.then-get-404', breakage: 'a deleted user is still readable', quirks: ['deleted-user-still-readable'], expectedCode: 'STATUS_MISMATCH' },
  { checkId: 'users.delete.omitted-from-query', breakage: 'a deleted user is still listed', proxy: deletedStillListed(), expectedCode: 'ATTRIBUTE_UNEXPECTED' },
  { checkId: 'users.delete.username-reusable', breakage: "a deleted user's userName stays taken", proxy: uniquenessOutlivesDelete(), expectedCode: 'STATUS_MISMATCH' },
];

export const ERRORS_ROWS: BreakageRow[] = [
  { checkId: 'errors.not-found.error-schemas', breakage: '404 is an HTML page', quirks: ['html-404'], expectedCode: 'BODY_NOT_JSON' },
  { checkId: 'errors.not-found.status-string', breakage: 'Error status is a number', quirks: ['numeric-error-status'], expectedCode: 'VALUE_MISMATCH' },
  { checkId: 'errors.not-found.status-matches-http', breakage: 'Error status says 400 on a 404', proxy: rewriteJson(isGet(USER_BY_ID), (b) => (b['status'] = '400')), expectedCode: 'VALUE_MISMATCH' },
  { checkId: 'errors.not-found.content-type', breakage: 'errors are application/json', quirks: ['error-content-type-json'], expectedCode: 'CONTENT_TYPE_MISMATCH' },
  { checkId: 'errors.not-found.schema-valid', breakage: 'scimType is not a Table 9 keyword', proxy: rewriteJson(isGet(USER_BY_ID), (b) => (b['scimType'] = 'notFound')), expectedCode: 'SCHEMA_INVALID' },
  { checkId: 'errors.malformed-json.returns-400', breakage: 'malformed JSON answers 500', proxy: rewriteStatus(isPost(USERS), 500), expectedCode: 'STATUS_MISMATCH' },
  { checkId: 'errors.malformed-json.error-schemas', breakage: 'the 400 is plain text', proxy: answer(isPost(USERS), () => plainText(400, 'Bad Request')), expectedCode: 'BODY_NOT_JSON' },
  { checkId: 'errors.malformed-json.scim-type', breakage: 'the 400 has no scimType', proxy: rewriteJson(isPost(USERS), (b) => delete b['scimType']), expectedCode: 'ATTRIBUTE_MISSING' },
  { checkId: 'errors.missing-username.returns-400', breakage: 'a User without userName is created', proxy: answer(isPost(USERS), () => scimJson(201, { schemas: [USER_URN], id: 'no-username' })), expectedCode: 'STATUS_MISMATCH' },
  { checkId: 'errors.missing-username.scim-type', breakage: 'scimType is invalidSyntax', proxy: rewriteJson(isPost(USERS), (b) => (b['scimType'] = 'invalidSyntax')), expectedCode: 'VALUE_MISMATCH' },
  { checkId: 'errors.duplicate.returns-409', breakage: 'duplicate userName accepted', quirks: ['duplicate-username-accepted'], expectedCode: 'STATUS_MISMATCH' },
  { checkId: 'errors.duplicate.scim-type-uniqueness', breakage: 'the 409 has no scimType', proxy: rewriteJson((r) => isPost(USERS)(r), (b, res) => { if (res.status === 409) delete b['scimType']; }), expectedCode: 'ATTRIBUTE_MISSING' },
  { checkId: 'errors.duplicate.schema-valid', breakage: 'Error status is a number', quirks: ['numeric-error-status'], expectedCode: 'SCHEMA_INVALID' },
  { checkId: 'errors.case-variant-duplicate.returns-409', breakage: 'userName uniqueness is case-sensitive', proxy: caseSensitiveUniqueness(), expectedCode: 'STATUS_MISMATCH' },
  { checkId: 'errors.unknown-endpoint.returns-404', breakage: 'unknown endpoint answers 200', proxy: answer(isGet(UNKNOWN_ENDPOINT), () => scimJson(200, {})), expectedCode: 'STATUS_MISMATCH' },
  { checkId: 'errors.unknown-endpoint.error-schemas', breakage: '404 is an HTML page', quirks: ['html-404'], expectedCode: 'BODY_NOT_JSON' },
];

export const SECURITY_ROWS: BreakageRow[] = [
  { checkId: 'security.no-token.returns-401', breakage: 'no credentials needed', quirks: ['no-auth'], expectedCode: 'STATUS_MISMATCH' },
  { checkId: 'security.wrong-token.returns-401', breakage: 'any token accepted', quirks: ['any-token-accepted'], expectedCode: 'STATUS_MISMATCH' },
  { checkId: 'security.no-token.www-authenticate', breakage: '401 without WWW-Authenticate', quirks: ['no-www-authenticate'], expectedCode: 'HEADER_MISSING' },
  { checkId: 'security.wrong-token.www-authenticate', breakage: '401 without WWW-Authenticate', quirks: ['no-www-authenticate'], expectedCode: 'HEADER_MISSING' },
  { checkId: 'security.no-token.error-schemas', breakage: 'the 401 is plain text', proxy: answer((r) => r.headers.authorization === undefined, () => plainText(401, 'Unauthorized')), expectedCode: 'BODY_NOT_JSON' },
  { checkId: 'security.wrong-token.status-string', breakage: 'Error status is a number', quirks: ['numeric-error-status'], expectedCode: 'VALUE_MISMATCH' },
  { checkId: 'security.wrong-token.not-echoed', breakage: 'the 401 detail quotes the token', proxy: rewriteJson((r) => isGet(USERS)(r), (b, res, req) => { if (res.status === 401) b['detail'] = `invalid credentials: ${String(req.headers.authorization)}`; }), expectedCode: 'VALUE_MISMATCH' },
  { checkId: 'security.post.no-password', breakage: 'passwords are returned', quirks: ['password-returned'], expectedCode: 'ATTRIBUTE_UNEXPECTED' },
  { checkId: 'security.get.no-password', breakage: 'passwords are returned', quirks: ['password-returned'], expectedCode: 'ATTRIBUTE_UNEXPECTED' },
  { checkId: 'security.get-attributes.no-password', breakage: 'passwords are returned', quirks: ['password-returned'], expectedCode: 'ATTRIBUTE_UNEXPECTED' },
  { checkId: 'security.list.no-password', breakage: 'passwords are returned', quirks: ['password-returned'], expectedCode: 'ATTRIBUTE_UNEXPECTED' },
];

export const ALL_ROWS: BreakageRow[] = [...DISCOVERY_ROWS, ...USERS_ROWS, ...ERRORS_ROWS, ...SECURITY_ROWS];
