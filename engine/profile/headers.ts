/**
 * The header set an IdP sends (docs/idp/<idp>.md#transport), from the profile's `headers` data.
 * @module
 */
import type { ProfileHeaders } from './types.js';

/** Request headers for one request; Content-Type only when the request has a body. */
export function profileHeaders(headers: ProfileHeaders, hasBody: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers.accept !== undefined) out['accept'] = headers.accept;
  if (headers.userAgent !== undefined) out['user-agent'] = headers.userAgent;
  for (const [name, value] of Object.entries(headers.extra ?? {})) out[name.toLowerCase()] = value;
  if (hasBody) out['content-type'] = headers.contentType;
  return out;
}
