/**
 * The reference server as a fetch-style handler: `Request` → `ScimRequest` → the flavour's pipeline
 * (quirks included) → `ScimResponse` → `Response`. No port, no node:http.
 * @module
 */
import type { IncomingHttpHeaders } from 'node:http';
import { createFlavour, createRateLimiter, tooManyRequests } from '../../reference-server/index.js';
import type { Flavour, ServeOptions } from '../../reference-server/index.js';
import { checkBaseUrl, resolveServerOptions } from '../options/index.js';
import {
  createHandler,
  DEFAULT_MAX_BODY_BYTES,
  ScimError,
  serialise,
  type ScimRequest,
  type ScimResponse,
} from '../../reference-server/core/index.js';
import { mediaType } from '../../protocol/http.js';

/** Options of an in-process reference server: `serve`'s options without host and port. */
export interface ScimFetchHandlerOptions extends Omit<ServeOptions, 'host' | 'port' | 'flavor' | 'quirks'> {
  /** Named deviations (`scimulator list quirks`): an array or a comma-separated string. */
  quirks?: string | readonly string[];
  /** Default `rfc`. */
  flavor?: ServeOptions['flavor'];
  /**
   * Where the server pretends to live, e.g. `https://scim.example.test/scim/v2`. Only the origin is
   * used; the flavour serves its own paths (`/scim/v2` for rfc, `/api/scim/v2/groups/<group>` for gitlab).
   * Default `https://scim.example.test`.
   */
  baseUrl?: string;
}

/** A reference server that answers `Request`s. */
export interface ScimFetchHandler {
  /** Answers one request; never throws for a bad request (the flavour's error responses do). */
  fetch(request: Request): Promise<Response>;
  /** The SCIM base URL to point a client at (origin + the flavour's base path). */
  baseUrl: string;
  origin: string;
  flavour: Flavour;
}

export const DEFAULT_ORIGIN = 'https://scim.example.test';

function toHeaders(request: Request, body: Buffer): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = { host: new URL(request.url).host };
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  // What node:http would have seen on the wire.
  if (body.length > 0) headers['content-length'] ??= String(body.length);
  return headers;
}

async function readBody(request: Request, maxBytes: number): Promise<Buffer | ScimError> {
  const tooLarge = () => ScimError.payloadTooLarge(`Request body exceeds ${maxBytes} bytes`);
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge();
  if (!request.body) return Buffer.alloc(0);
  const body = Buffer.from(await request.arrayBuffer());
  return body.length > maxBytes ? tooLarge() : body;
}

function toResponse(res: ScimResponse, method: string, contentType: string): Response {
  const wire = serialise(res, contentType);
  // Like node:http: a HEAD answer carries headers only.
  const body =
    method === 'HEAD' || wire.body === undefined
      ? null
      : typeof wire.body === 'string'
        ? wire.body
        : new Uint8Array(wire.body);
  return new Response(body, { status: wire.status, headers: wire.headers });
}

/** Builds a reference server (both flavours, with quirks) that answers fetch `Request`s in process. */
export function createScimFetchHandler(input: ScimFetchHandlerOptions = {}): ScimFetchHandler {
  // Checked like run options: a wrong option is a HarnessError (USAGE) at setup, never a TypeError later.
  const options = resolveServerOptions(input);
  const flavour = createFlavour(options);
  const origin = checkBaseUrl(options.baseUrl ?? DEFAULT_ORIGIN, flavour);
  const listener = flavour.listener;
  const handle = createHandler(listener);
  const maxBody = listener.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const contentType = listener.defaultContentType ?? 'application/scim+json';

  const limiter = options.rateLimit ? createRateLimiter(options.rateLimit) : undefined;

  const fetch = async (request: Request): Promise<Response> => {
    const wait = limiter?.take(Date.now());
    if (wait !== undefined && options.rateLimit) {
      const answer = tooManyRequests(options.rateLimit, wait);
      return new Response(answer.body, { status: 429, headers: answer.headers });
    }
    const receivedAt = performance.now();
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    const scimReq: ScimRequest = {
      receivedAt,
      method,
      url,
      params: {},
      query: url.searchParams,
      headers: {},
      rawBody: Buffer.alloc(0),
      contentType: mediaType(request.headers.get('content-type') ?? undefined),
    };
    let res: ScimResponse;
    try {
      const body = await readBody(request, maxBody);
      if (body instanceof ScimError) {
        res = listener.renderError(body, scimReq);
      } else {
        scimReq.rawBody = body;
        scimReq.headers = toHeaders(request, body);
        res = await handle(scimReq);
      }
    } catch (error) {
      listener.onInternalError?.(error);
      res = listener.renderError(ScimError.internal(), scimReq);
    }
    return toResponse(res, method, contentType);
  };
  return { fetch, baseUrl: origin + flavour.basePath, origin, flavour };
}
