/**
 * The SCIM vocabulary the reference server and the harness share: schema and message URNs.
 * This folder is the bottom layer; it imports nothing, and every other folder may import it.
 * @module
 */

/** Schema URNs (RFC 7643 §8.7) and message URNs (RFC 7644 §3.1), each spelt once for the whole repository. */
export const URN = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  enterpriseUser: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  serviceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  resourceType: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  schema: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  searchRequest: 'urn:ietf:params:scim:api:messages:2.0:SearchRequest',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  bulkRequest: 'urn:ietf:params:scim:api:messages:2.0:BulkRequest',
  bulkResponse: 'urn:ietf:params:scim:api:messages:2.0:BulkResponse',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
} as const;

/** Prefix of every protocol message URN (RFC 7644 §3.1). */
export const MESSAGE_URN_PREFIX = 'urn:ietf:params:scim:api:';

/** The SCIM media type (RFC 7644 §3.8, §8.1). */
export const SCIM_MEDIA_TYPE = 'application/scim+json';
