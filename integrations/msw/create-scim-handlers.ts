/**
 * The reference server as msw 2 request handlers, for `setupServer(...createScimHandlers())`.
 * @module
 */
import { http, type RequestHandler } from 'msw';
import type { Judge } from '../judge/index.js';
import {
  createScimFetchHandler,
  type ScimFetchHandler,
  type ScimFetchHandlerOptions,
} from './scim-fetch-handler.js';

export interface ScimHandlersOptions extends ScimFetchHandlerOptions {
  /**
   * Records every exchange into this judge (`createJudge()`), so a client's test suite can assert
   * `await judge.failures()` is empty: the same grading as `scimulator judge`, without a port.
   */
  judge?: Judge;
}

/** Answers through the server and hands request and answer (bodies read from clones) to the judge. */
async function judged(server: ScimFetchHandler, judge: Judge, request: Request): Promise<Response> {
  const startedAt = Date.now();
  const requestBody = await request.clone().text();
  const response = await server.fetch(request);
  const responseBody = await response.clone().text();
  judge.recordFetch({
    request,
    requestBody,
    response,
    responseBody,
    basePath: new URL(server.baseUrl).pathname,
    startedAt,
  });
  return response;
}

/**
 * One msw handler that answers every request to the origin of `baseUrl` (default
 * `https://scim.example.test`) with a fresh reference server of the given flavour and quirks.
 */
export function createScimHandlers(options: ScimHandlersOptions = {}): RequestHandler[] {
  const { judge, ...serverOptions } = options;
  const server = createScimFetchHandler(serverOptions);
  return [
    http.all(`${server.origin}/*`, ({ request }) =>
      judge ? judged(server, judge, request) : server.fetch(request),
    ),
  ];
}
