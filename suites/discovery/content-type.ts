/** The content-type check every discovery endpoint gets (RFC 7644 §3.8). */
import { onResponse, scimContentType } from '../support/index.js';
import type { HttpResult } from '../support/index.js';

/**
 * The fields of "GET <endpoint> is served as application/scim+json", once `statusCheckId` saw its 200: the
 * request sends Accept: application/scim+json, which service providers MUST support (RFC 7644 §3.8).
 */
export function servedAsScim(statusCheckId: string) {
  return {
    level: 'MUST',
    rfc: 'RFC7644 3.8',
    requirements: ['7644-3.8-b'],
    explanation:
      'The request sends Accept: application/scim+json, which RFC 7644 §3.8 says service providers MUST support.',
    assert: (res: HttpResult) => onResponse(res, 200, statusCheckId, scimContentType),
  } as const;
}
