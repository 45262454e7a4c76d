import { SCIM_MEDIA_TYPE, URN } from '../support/index.js';

/** Message URNs a client request carries (RFC 7644 §3.1), lower-cased for comparison. */
export const MESSAGE_URN = {
  patchOp: URN.patchOp.toLowerCase(),
  searchRequest: URN.searchRequest.toLowerCase(),
  bulkRequest: URN.bulkRequest.toLowerCase(),
} as const;

/** Media types a SCIM body may travel as (RFC 7644 §3.8, §8.1). */
export const SCIM_MEDIA_TYPES = [SCIM_MEDIA_TYPE, 'application/json'];
