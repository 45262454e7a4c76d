import type { IncomingHttpHeaders, IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { pathnameOf, type Handler, type Route, type ScimRequest, type ScimResponse } from './http-types.js';
import { Router } from './router.js';
import { ScimError, isScimError } from './scim-error.js';
import { DEFAULT_LINGER, answerThenLinger, checkLingerBounds, type LingerBounds } from './linger.js';
import { BodyDeadlines, BodyError, hasNoBody, readBody } from './read-body.js';
import { mediaType } from '../../protocol/http.js';

/** What a flavour plugs into the shared request pipeline. */
interface AppOptions {
  routes: readonly Route[];
  /** Turns every thrown ScimError into the flavour's wire shape; the only place error bodies are built. */
  renderError: (error: ScimError, req: ScimRequest | undefined) => ScimResponse;
  /** Answer for a path no route knows. */
  notFound: (req: ScimRequest) => ScimResponse;
  /** Shape of the 405 answer's body. */
  methodNotAllowed?: (req: ScimRequest, allow: string[]) => ScimError;
  /** Request bodies above this size are refused with 413 before they are parsed. */
  maxBodyBytes?: number;
  /** A request body that has not arrived within this time is refused with 408. */
  bodyTimeoutMs?: number;
  caseInsensitivePaths?: boolean;
  /** Runs on every response before it is written; the quirk mechanism hooks in here. */
  afterResponse?: (req: ScimRequest, res: ScimResponse) => ScimResponse | Promise<ScimResponse>;
  /** Receives internal failures (never request secrets). */
  onInternalError?: (error: unknown) => void;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_BODY_TIMEOUT_MS = 10_000;

/** The transport-neutral pipeline: route, run the handler, and turn any failure into an error response. */
export function createHandler(options: AppOptions): (req: ScimRequest) => Promise<ScimResponse> {
  const handle = createPipeline(options);
  return async (req) => handle(req);
}

const isPromise = <T>(value: T | Promise<T>): value is Promise<T> =>
  typeof (value as Promise<T> | undefined)?.then === 'function';

/** `createHandler` without promise layers when the handler and `afterResponse` answer synchronously. */
function createPipeline(options: AppOptions): (req: ScimRequest) => ScimResponse | Promise<ScimResponse> {
  const router = new Router(options.routes, { caseInsensitive: options.caseInsensitivePaths ?? false });
  const after = (req: ScimRequest, res: ScimResponse): ScimResponse | Promise<ScimResponse> => {
    if (!options.afterResponse) return res;
    try {
      const out = options.afterResponse(req, res);
      return isPromise(out) ? out.catch((error: unknown) => renderFailure(options, error, req)) : out;
    } catch (error) {
      return renderFailure(options, error, req);
    }
  };
  return (req) => {
    let res: ScimResponse | Promise<ScimResponse>;
    try {
      const match = router.match(req.method, pathnameOf(req));
      if (match.kind === 'not-found') {
        res = options.notFound(req);
      } else if (match.kind === 'method-not-allowed') {
        throw options.methodNotAllowed
          ? options.methodNotAllowed(req, match.allow)
          : ScimError.methodNotAllowed(`Method ${req.method} is not allowed on this endpoint`, match.allow);
      } else {
        req.params = match.params;
        res = (match.handler as Handler)(req);
      }
    } catch (error) {
      res = renderFailure(options, error, req);
    }
    if (isPromise(res)) {
      return res.then(
        (out) => after(req, out),
        (error: unknown) => after(req, renderFailure(options, error, req)),
      );
    }
    return after(req, res);
  };
}

function renderFailure(options: AppOptions, error: unknown, req: ScimRequest | undefined): ScimResponse {
  if (isScimError(error)) return options.renderError(error, req);
  options.onInternalError?.(error);
  return options.renderError(ScimError.internal(), req);
}

const EMPTY_BODY = Buffer.alloc(0);

const PLAIN_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** The origin prefix a request's URL is resolved against: the Host header if it is a plain host[:port]. */
function originBase(host: string | undefined): string {
  // The Host header names the origin the client used (for Location and meta.location).
  return `http://${host && PLAIN_HOST.test(host) ? host : '127.0.0.1'}`;
}

/** Resolves the request-target without letting `//host/x` or an absolute-form target change the origin. */
function requestUrl(base: string, target: string): URL {
  try {
    return new URL(base + (target.startsWith('/') ? target : `/${target}`));
  } catch {
    return new URL(base + '/');
  }
}

/**
 * Targets whose `new URL` pathname and search are the raw text: origin-form, characters no URL
 * percent-encodes or rewrites, and no `.`/`..` segment (also `%2e`, which WHATWG URL treats as a dot).
 */
const VERBATIM_TARGET = /^\/[A-Za-z0-9\-._~!$&()*+,;=:@/%?]*$/;
const hasDotSegment = (target: string): boolean => target.includes('/.') || /%2e/i.test(target);

/** A ScimRequest from node:http that builds its URL and query parameters only when something reads them. */
class IncomingScimRequest implements ScimRequest {
  params: Record<string, string> = {};
  rawBody: Buffer = EMPTY_BODY;
  readonly pathname: string | undefined;
  readonly search: string | undefined;
  #url: URL | undefined;
  #query: URLSearchParams | undefined;

  constructor(
    readonly receivedAt: number,
    readonly method: string,
    readonly headers: IncomingHttpHeaders,
    readonly contentType: string | undefined,
    readonly origin: string,
    readonly base: string,
    readonly target: string,
  ) {
    const question = target.indexOf('?');
    if (VERBATIM_TARGET.test(target) && !hasDotSegment(question < 0 ? target : target.slice(0, question))) {
      this.pathname = question < 0 ? target : target.slice(0, question);
      this.search = question < 0 || question === target.length - 1 ? '' : target.slice(question);
    }
  }

  get url(): URL {
    return (this.#url ??= requestUrl(this.base, this.target));
  }

  get query(): URLSearchParams {
    if (this.#query === undefined) {
      this.#query = this.search === undefined ? this.url.searchParams : new URLSearchParams(this.search);
    }
    return this.#query;
  }
}

/** Serialises a ScimResponse; 204 and 304 never carry a body (RFC 9110 §15.3.5). */
export function serialise(
  res: ScimResponse,
  defaultContentType: string,
): {
  status: number;
  headers: Record<string, string>;
  body: Buffer | undefined;
} {
  const wire = serialiseToWire(res, defaultContentType);
  return { ...wire, body: typeof wire.body === 'string' ? Buffer.from(wire.body, 'utf8') : wire.body };
}

/**
 * `serialise` with a JSON body left as a string: node:http then writes head and body as one chunk, with
 * no Buffer copy of the body (the request listener's hot path).
 */
function serialiseToWire(
  res: ScimResponse,
  defaultContentType: string,
): { status: number; headers: Record<string, string>; body: string | Buffer | undefined } {
  const headers: Record<string, string> = {};
  if (res.headers) for (const k in res.headers) headers[k.toLowerCase()] = res.headers[k] as string;
  if (res.status === 204 || res.status === 304) {
    return { status: res.status, headers, body: undefined };
  }
  let body: string | Buffer | undefined;
  if (res.raw !== undefined) {
    body = res.raw;
  } else if (res.body !== undefined) {
    body = JSON.stringify(res.body);
    headers['content-type'] ??= defaultContentType;
  }
  if (body !== undefined) {
    headers['content-length'] = String(
      typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.length,
    );
  }
  return { status: res.status, headers, body };
}

/**
 * `serialiseToWire` with the head as a flat `[name, value, …]` list, which node:http writes without an
 * intermediate object. Undefined when only the object form settles the head exactly: a field named twice
 * (in any case), a Content-Length or a value that is not a string in `res.headers`.
 */
function serialiseToHead(
  res: ScimResponse,
  defaultContentType: string,
): { head: string[]; body: string | Buffer | undefined } | undefined {
  const head: string[] = [];
  let typed = false;
  if (res.headers) {
    for (const k in res.headers) {
      const name = k.toLowerCase();
      const value = res.headers[k];
      if (name === 'content-length' || typeof value !== 'string') return undefined;
      for (let i = 0; i < head.length; i += 2) if (head[i] === name) return undefined;
      if (name === 'content-type') typed = true;
      head.push(name, value);
    }
  }
  if (res.status === 204 || res.status === 304) return { head, body: undefined };
  let body: string | Buffer | undefined;
  if (res.raw !== undefined) {
    body = res.raw;
  } else if (res.body !== undefined) {
    body = JSON.stringify(res.body);
    if (!typed) head.push('content-type', defaultContentType);
  }
  if (body !== undefined) {
    head.push(
      'content-length',
      String(typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.length),
    );
  }
  return { head, body };
}

export interface ListenerOptions extends AppOptions {
  defaultContentType?: string;
  /** After an early answer (413, 408), how long and how much of the body is still read and discarded. */
  linger?: Partial<LingerBounds>;
}

/** Adapts the pipeline to node:http, adding body limits and timeouts. */
export function createRequestListener(options: ListenerOptions): RequestListener {
  const handle = createPipeline(options);
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const deadlines = new BodyDeadlines(options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS);
  const contentType = options.defaultContentType ?? 'application/scim+json';
  checkLingerBounds(options.linger ?? {});
  const linger: LingerBounds = {
    ms: options.linger?.ms ?? DEFAULT_LINGER.ms,
    bytes: options.linger?.bytes ?? DEFAULT_LINGER.bytes,
  };
  // Clients send the same Host header on every request: its origin is worked out once per distinct value.
  let lastHost: string | undefined;
  let lastBase = originBase(undefined);
  let lastOrigin = new URL(`${lastBase}/`).origin;
  // Likewise the Content-Type: its media type is worked out once per distinct header value.
  let lastContentType: string | undefined;
  let lastMediaType: string | undefined;
  const write = (res: ServerResponse, out: ScimResponse, closeAfter: boolean, req: IncomingMessage): void => {
    const fast = closeAfter ? undefined : serialiseToHead(out, contentType);
    if (fast) {
      if (res.headersSent || res.destroyed) return;
      res.writeHead(out.status, fast.head);
      res.end(fast.body);
      return;
    }
    const wire = serialiseToWire(out, contentType);
    if (res.headersSent || res.destroyed) return;
    // An answer given before the body was read closes the connection, after draining the rest (RFC 9112 §9.6).
    if (closeAfter) {
      answerThenLinger(req, res, wire.status, wire.headers, wire.body, linger);
      return;
    }
    res.writeHead(wire.status, wire.headers);
    res.end(wire.body);
  };
  const internalFailure = (res: ServerResponse, error: unknown): void => {
    options.onInternalError?.(error);
    if (!res.headersSent) {
      res.writeHead(500, { 'content-type': contentType, connection: 'close' });
    }
    res.end();
  };
  const fail = (scimReq: ScimRequest, error: unknown): ScimResponse =>
    error instanceof BodyError
      ? options.renderError(error.scimError, scimReq)
      : renderFailure(options, error, scimReq);
  return (req: IncomingMessage, res: ServerResponse) => {
    const receivedAt = performance.now();
    const host = req.headers.host;
    if (host !== lastHost) {
      lastBase = originBase(host);
      lastOrigin = requestUrl(lastBase, '/').origin;
      lastHost = host;
    }
    const typeHeader = req.headers['content-type'];
    if (typeHeader !== lastContentType) {
      lastMediaType = mediaType(typeHeader);
      lastContentType = typeHeader;
    }
    const scimReq = new IncomingScimRequest(
      receivedAt,
      (req.method ?? 'GET').toUpperCase(),
      req.headers,
      lastMediaType,
      lastOrigin,
      lastBase,
      req.url ?? '/',
    );
    const respond = (out: ScimResponse, closeAfter: boolean): void => {
      try {
        write(res, out, closeAfter, req);
      } catch (error) {
        internalFailure(res, error);
      }
    };
    const respondFailure = (error: unknown): void => {
      let out: ScimResponse;
      try {
        out = fail(scimReq, error);
      } catch (inner) {
        internalFailure(res, inner);
        return;
      }
      respond(out, true);
    };
    const run = (): void => {
      let out: ScimResponse | Promise<ScimResponse>;
      try {
        out = handle(scimReq);
      } catch (error) {
        respondFailure(error);
        return;
      }
      if (isPromise(out)) out.then((value) => respond(value, false), respondFailure);
      else respond(out, false);
    };
    if (hasNoBody(req)) {
      run();
      return;
    }
    readBody(
      req,
      maxBody,
      deadlines,
      (body) => {
        scimReq.rawBody = body;
        run();
      },
      respondFailure,
    );
  };
}
