/** Requests in the SCIM media type, the one way every suite sends them (RFC 7644 §3.8). */
import type { HttpResult, RequestSpec, ScenarioContext } from '../../engine/model/index.js';
import { SCIM_HEADERS, SCIM_MEDIA_TYPE } from './urns.js';

/** Sends one request with `Accept: application/scim+json` (and the SCIM Content-Type when there is a JSON body). */
export function send(ctx: ScenarioContext, spec: RequestSpec): Promise<HttpResult> {
  const headers: Record<string, string> = {
    ...SCIM_HEADERS,
    ...(spec.json !== undefined ? { 'content-type': SCIM_MEDIA_TYPE } : {}),
  };
  return ctx.http.request({ ...spec, headers: { ...headers, ...(spec.headers ?? {}) } });
}

export function get(
  ctx: ScenarioContext,
  path: string,
  query?: RequestSpec['query'],
  headers?: Record<string, string>,
): Promise<HttpResult> {
  return send(ctx, { method: 'GET', path, ...(query ? { query } : {}), ...(headers ? { headers } : {}) });
}
