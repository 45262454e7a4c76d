/** Message URNs a client request carries (RFC 7644 §3.1), lower-cased for comparison. */
export const MESSAGE_URN = {
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:patchop',
  searchRequest: 'urn:ietf:params:scim:api:messages:2.0:searchrequest',
  bulkRequest: 'urn:ietf:params:scim:api:messages:2.0:bulkrequest',
} as const;

/** Media types a SCIM body may travel as (RFC 7644 §3.8, §8.1). */
export const SCIM_MEDIA_TYPES = ['application/scim+json', 'application/json'];
