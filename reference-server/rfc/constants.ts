/** Paths and limits of the rfc flavour, kept in one place so discovery documents and behaviour agree. */

export const BASE_PATH = '/scim/v2';

/** Largest page a list answers, advertised as `filter.maxResults` (RFC 7643 §5). */
export const MAX_RESULTS = 200;
/** Bulk limits advertised in ServiceProviderConfig and enforced with 413 (RFC 7644 §3.7.4). */
export const BULK_MAX_OPERATIONS = 1000;
export const BULK_MAX_PAYLOAD = 1_048_576;
/** The transport cap sits above the Bulk limit so that Bulk can name its own limit in the 413 (RFC 7644 §3.7.4). */
export const MAX_BODY_BYTES = 4 * BULK_MAX_PAYLOAD;

/** Realm named in WWW-Authenticate on 401 (RFC 7644 §2). */
export const REALM = 'scimulator';

/**
 * Default seconds a cursor stays valid between page requests, advertised as `pagination.cursorTimeout`
 * (RFC 9865 §4); short so a run can prove expiry in seconds, raised with `serve --cursor-timeout`.
 */
export const DEFAULT_CURSOR_TIMEOUT_SECONDS = 2;
/** Cursors remembered at once; the oldest are forgotten first (RFC 9865 §5.3 bounds cursor state). */
export const MAX_CURSORS = 10_000;
