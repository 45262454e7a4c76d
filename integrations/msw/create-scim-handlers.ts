/**
 * The reference server as msw 2 request handlers, for `setupServer(...createScimHandlers())`.
 * @module
 */
import { http, type RequestHandler } from 'msw';
import { createScimFetchHandler, type ScimFetchHandlerOptions } from './scim-fetch-handler.js';

export type ScimHandlersOptions = ScimFetchHandlerOptions;

/**
 * One msw handler that answers every request to the origin of `baseUrl` (default
 * `https://scim.example.test`) with a fresh reference server of the given flavour and quirks.
 */
export function createScimHandlers(options: ScimHandlersOptions = {}): RequestHandler[] {
  const server = createScimFetchHandler(options);
  return [http.all(`${server.origin}/*`, ({ request }) => server.fetch(request))];
}
