/**
 * Server knowledge read from the session itself: when nothing was discovered up front (a proxy without a
 * token, a test's own server), the discovery answers the client fetched stand in (RFC 7644 §4).
 * @module
 */
import type { Capabilities } from '../model/index.js';
import { defaultCapabilities } from '../runner/index.js';
import { discover } from '../runner/index.js';
import type { HttpClient, HttpResult, RequestSpec } from '../model/index.js';
import type { ClientExchange } from './types.js';

/** Answers discovery's GETs from what the client received; a request it never made answers 404. */
function replayClient(exchanges: readonly ClientExchange[]): HttpClient {
  return {
    request(spec: RequestSpec): Promise<HttpResult> {
      const seen = [...exchanges]
        .reverse()
        .find(
          (e) =>
            e.request.method.toUpperCase() === 'GET' &&
            e.request.path.replace(/\/+$/, '').toLowerCase() === spec.path.toLowerCase() &&
            e.response.status === 200,
        );
      let json: unknown;
      try {
        json = seen?.response.body !== undefined ? (JSON.parse(seen.response.body) as unknown) : undefined;
      } catch {
        json = undefined;
      }
      const status = seen ? 200 : 404;
      return Promise.resolve({
        exchange: {
          request: { method: 'GET', url: spec.path, headers: {} },
          response: { status, headers: {} },
          ms: 0,
        },
        status,
        headers: {},
        text: seen?.response.body,
        json,
        jsonError: undefined,
      });
    },
  };
}

/** Capabilities from the discovery answers in `exchanges`, or the defaults (`discovered: false`). */
export async function learnCapabilities(exchanges: readonly ClientExchange[]): Promise<Capabilities> {
  const found = await discover(replayClient(exchanges));
  if (!found.capabilities.discovered && Object.keys(found.capabilities.schemas).length === 0)
    return defaultCapabilities();
  return found.capabilities;
}
