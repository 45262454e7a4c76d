/** URNs, paths and limits of the rfc flavour, kept in one place so discovery documents and behaviour agree. */

export const BASE_PATH = '/scim/v2';

/** Schema and message URNs (RFC 7643 §8.7, RFC 7644 §3.1). */
export const URN = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  enterpriseUser: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  searchRequest: 'urn:ietf:params:scim:api:messages:2.0:SearchRequest',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  bulkRequest: 'urn:ietf:params:scim:api:messages:2.0:BulkRequest',
  bulkResponse: 'urn:ietf:params:scim:api:messages:2.0:BulkResponse',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
  serviceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  resourceType: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  schema: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
} as const;

/** Largest page a list answers, advertised as `filter.maxResults` (RFC 7643 §5). */
export const MAX_RESULTS = 200;
/** Bulk limits advertised in ServiceProviderConfig and enforced with 413 (RFC 7644 §3.7.4). */
export const BULK_MAX_OPERATIONS = 1000;
export const BULK_MAX_PAYLOAD = 1_048_576;
/** The transport cap sits above the Bulk limit so that Bulk can name its own limit in the 413 (RFC 7644 §3.7.4). */
export const MAX_BODY_BYTES = 4 * BULK_MAX_PAYLOAD;

/** The SCIM media type every JSON answer carries (RFC 7644 §3.8). */
export const SCIM_CONTENT_TYPE = 'application/scim+json';
/** Realm named in WWW-Authenticate on 401 (RFC 7644 §2). */
export const REALM = 'scimulator';

/**
 * Default seconds a cursor stays valid between page requests, advertised as `pagination.cursorTimeout`
 * (RFC 9865 §4); short so a run can prove expiry in seconds, raised with `serve --cursor-timeout`.
 */
export const DEFAULT_CURSOR_TIMEOUT_SECONDS = 2;
/** Cursors remembered at once; the oldest are forgotten first (RFC 9865 §5.3 bounds cursor state). */
export const MAX_CURSORS = 10_000;
