/** Schema and message URNs of RFC 7643 §8.7 and RFC 7644 §3.1 that the suites compare against. */
export const URN = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  enterpriseUser: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  serviceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  resourceType: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  schema: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
  /** Prefix of every protocol message schema (RFC 7644 §3.1). */
  messagePrefix: 'urn:ietf:params:scim:api:',
} as const;

/** The SCIM media type (RFC 7644 §3.8, §8.1). */
export const SCIM_JSON = 'application/scim+json';

/** Headers every suite request sends so that RFC 7644 §3.8's MUST on `application/scim+json` applies. */
export const SCIM_HEADERS: Record<string, string> = { accept: SCIM_JSON };
