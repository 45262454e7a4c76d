import { URN as ENGINE_URN } from '../../engine/index.js';

/** Schema and message URNs of RFC 7643 §8.7 and RFC 7644 §3.1 that the suites compare against. */
export const URN = {
  user: ENGINE_URN.User,
  group: ENGINE_URN.Group,
  enterpriseUser: ENGINE_URN.EnterpriseUser,
  serviceProviderConfig: ENGINE_URN.ServiceProviderConfig,
  resourceType: ENGINE_URN.ResourceType,
  schema: ENGINE_URN.Schema,
  listResponse: ENGINE_URN.ListResponse,
  error: ENGINE_URN.Error,
  /** Prefix of every protocol message schema (RFC 7644 §3.1). */
  messagePrefix: 'urn:ietf:params:scim:api:',
} as const;

/** The SCIM media type (RFC 7644 §3.8, §8.1). */
export const SCIM_JSON = 'application/scim+json';

/** Headers every suite request sends so that RFC 7644 §3.8's MUST on `application/scim+json` applies. */
export const SCIM_HEADERS: Record<string, string> = { accept: SCIM_JSON };
