import type { IncomingHttpHeaders } from 'node:http';

/** A request as the flavours see it: transport-neutral, so the same handlers serve node:http and fetch-style callers. */
export interface ScimRequest {
  method: string;
  /** `performance.now()` when the request arrived, for request logs. */
  receivedAt?: number;
  /** The URL as received, resolved against the server's own origin. */
  readonly url: URL;
  /**
   * `url.pathname`, `url.search` and `url.origin` when the transport knows them without parsing a URL;
   * read them through `pathnameOf`, `searchOf` and `originOfUrl`, which fall back to `url`.
   */
  readonly pathname?: string;
  readonly search?: string;
  readonly origin?: string;
  /** Path parameters from the matched route, percent-decoded. */
  params: Record<string, string>;
  readonly query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  /** The media type without parameters, lower-cased, or undefined when absent. */
  contentType: string | undefined;
}

/** A response before serialisation; `body` is JSON-encoded unless `raw` is given. */
export interface ScimResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  raw?: string | Buffer;
}

export type Handler = (req: ScimRequest) => ScimResponse | Promise<ScimResponse>;

export interface Route {
  method: string;
  /** Segments separated by `/`; `:name` matches one segment, `:name*` the rest of the path (at least one segment). */
  pattern: string;
  handler: Handler;
}

/** `req.url.pathname`, without building the URL when the transport already knows it. */
export function pathnameOf(req: ScimRequest): string {
  return req.pathname ?? req.url.pathname;
}

/** `req.url.search`, without building the URL when the transport already knows it. */
export function searchOf(req: ScimRequest): string {
  return req.search ?? req.url.search;
}

/** `req.url.origin`, without building the URL when the transport already knows it. */
export function originOfUrl(req: ScimRequest): string {
  return req.origin ?? req.url.origin;
}
