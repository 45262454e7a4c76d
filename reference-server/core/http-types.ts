import type { IncomingHttpHeaders } from 'node:http';

/** A request as the flavours see it: transport-neutral, so the same handlers serve node:http and fetch-style callers. */
export interface ScimRequest {
  method: string;
  /** `performance.now()` when the request arrived, for request logs. */
  receivedAt?: number;
  /** The URL as received, resolved against the server's own origin. */
  url: URL;
  /** Path parameters from the matched route, percent-decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
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
