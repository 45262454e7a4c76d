/** The SCIM vocabulary the suites compare against, shared with the reference server (protocol/urns.ts). */
import { SCIM_MEDIA_TYPE } from '../../protocol/urns.js';

export { MESSAGE_URN_PREFIX, SCIM_MEDIA_TYPE, URN } from '../../protocol/urns.js';

/** Headers every suite request sends so that RFC 7644 §3.8's MUST on `application/scim+json` applies. */
export const SCIM_HEADERS: Record<string, string> = { accept: SCIM_MEDIA_TYPE };
