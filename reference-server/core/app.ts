import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Handler, Route, ScimRequest, ScimResponse } from './http-types.js';
import { Router } from './router.js';
import { ScimError, isScimError } from './scim-error.js';

/** What a flavour plugs into the shared request pipeline. */
export interface AppOptions {
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
  const router = new Router(options.routes, { caseInsensitive: options.caseInsensitivePaths ?? false });
  return async (req) => {
    let res: ScimResponse;
    try {
      const match = router.match(req.method, req.url.pathname);
      if (match.kind === 'not-found') {
        res = options.notFound(req);
      } else if (match.kind === 'method-not-allowed') {
        throw options.methodNotAllowed
          ? options.methodNotAllowed(req, match.allow)
          : ScimError.methodNotAllowed(`Method ${req.method} is not allowed on this endpoint`, match.allow);
      } else {
        req.params = match.params;
        res = await (match.handler as Handler)(req);
      }
    } catch (error) {
      res = renderFailure(options, error, req);
    }
    if (options.afterResponse) {
      try {
        res = await options.afterResponse(req, res);
      } catch (error) {
        res = renderFailure(options, error, req);
      }
    }
    return res;
  };
}

function renderFailure(options: AppOptions, error: unknown, req: ScimRequest | undefined): ScimResponse {
  if (isScimError(error)) return options.renderError(error, req);
  options.onInternalError?.(error);
  return options.renderError(ScimError.internal(), req);
}

/** Parses a Content-Type header down to its lower-cased media type. */
export function mediaType(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const type = header.split(';')[0]?.trim().toLowerCase();
  return type ? type : undefined;
}

/** Resolves the request-target without letting `//host/x` or an absolute-form target change the origin. */
function requestUrl(req: IncomingMessage): URL {
  const host = req.headers.host;
  // The Host header names the origin the client used (for Location and meta.location), if it is a plain host[:port].
  const origin = `http://${host && /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host) ? host : '127.0.0.1'}`;
  const target = req.url ?? '/';
  try {
    return new URL(origin + (target.startsWith('/') ? target : `/${target}`));
  } catch {
    return new URL(origin + '/');
  }
}

class BodyError extends Error {
  constructor(readonly scimError: ScimError) {
    super(scimError.detail);
  }
}

const EMPTY_BODY = Buffer.alloc(0);

/** A request without Content-Length or Transfer-Encoding has no body (RFC 9112 §6.3), so nothing is awaited. */
function hasNoBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return (length === undefined || length === '0') && req.headers['transfer-encoding'] === undefined;
}

function readBody(req: IncomingMessage, maxBytes: number, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      reject(new BodyError(ScimError.payloadTooLarge(`Request body exceeds ${maxBytes} bytes`)));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      cleanup();
      reject(new BodyError(ScimError.requestTimeout(`Request body not received within ${timeoutMs} ms`)));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) {
        cleanup();
        reject(new BodyError(ScimError.payloadTooLarge(`Request body exceeds ${maxBytes} bytes`)));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (): void => {
      cleanup();
      // The client went away or broke the framing mid-body: its mistake, never a 500.
      reject(new BodyError(ScimError.invalidSyntax('The request body was cut off')));
    };
    function cleanup(): void {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    }
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
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

export interface ListenerOptions extends AppOptions {
  defaultContentType?: string;
}

/** Adapts the pipeline to node:http, adding body limits and timeouts. */
export function createRequestListener(options: ListenerOptions): RequestListener {
  const handle = createHandler(options);
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const bodyTimeout = options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;
  const contentType = options.defaultContentType ?? 'application/scim+json';
  return (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const receivedAt = performance.now();
      const url = requestUrl(req);
      const scimReq: ScimRequest = {
        receivedAt,
        method: (req.method ?? 'GET').toUpperCase(),
        url,
        params: {},
        query: url.searchParams,
        headers: req.headers,
        rawBody: EMPTY_BODY,
        contentType: mediaType(req.headers['content-type']),
      };
      let out: ScimResponse;
      let closeAfter = false;
      try {
        if (!hasNoBody(req)) scimReq.rawBody = await readBody(req, maxBody, bodyTimeout);
        out = await handle(scimReq);
      } catch (error) {
        closeAfter = true;
        out =
          error instanceof BodyError
            ? options.renderError(error.scimError, scimReq)
            : renderFailure(options, error, scimReq);
      }
      const wire = serialiseToWire(out, contentType);
      if (closeAfter) wire.headers.connection = 'close';
      if (res.headersSent || res.destroyed) return;
      res.writeHead(wire.status, wire.headers);
      res.end(wire.body);
      if (closeAfter) req.resume();
    })().catch((error: unknown) => {
      options.onInternalError?.(error);
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': contentType, connection: 'close' });
      }
      res.end();
    });
  };
}
