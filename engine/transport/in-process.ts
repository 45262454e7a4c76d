/**
 * In-process targets: the HTTP transport's recording, redaction, timing, JSON parsing and size cap,
 * with the wire replaced by a call into a fetch-style handler or a Node request listener (no port).
 * @module
 */
import { IncomingMessage, ServerResponse, type RequestListener } from 'node:http';
import type { Socket } from 'node:net';
import { Duplex, Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import {
  HttpTransport,
  type TransportOptions,
  type WireDispatch,
  type WireResponse,
} from './http-transport.js';

/** A fetch-style handler: Hono, itty-router, Next.js route handlers, `app.fetch` of many frameworks. */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

/** What an in-process run talks to: exactly one of a fetch-style handler or a Node request listener. */
export type InProcessTarget = { handler: FetchHandler } | { listener: RequestListener };

/** The base URL used for in-process targets when none is given. */
export const IN_PROCESS_BASE_URL = 'http://localhost/scim/v2';

function codedError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

function abortReason(signal: AbortSignal): Error {
  return codedError('ABORT_ERR', signal.reason instanceof Error ? signal.reason.message : 'aborted');
}

/** Rejects as soon as `signal` aborts, so a handler that never answers still meets the transport's deadline. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** Calls a fetch-style handler with a `Request` built from the wire request. */
export function fetchDispatch(handler: FetchHandler): WireDispatch {
  return async (wire) => {
    const request = new Request(wire.origin + wire.path, {
      method: wire.method,
      headers: wire.headers,
      ...(wire.body !== null ? { body: wire.body } : {}),
      signal: wire.signal,
    });
    const response = await raceAbort(
      Promise.resolve().then(() => handler(request)),
      wire.signal,
    );
    if (!(response instanceof Response)) {
      throw codedError('ERR_INVALID_RESPONSE', 'the handler did not return a Response');
    }
    const headers: Record<string, string | string[]> = {};
    response.headers.forEach((value, name) => {
      if (name !== 'set-cookie') headers[name] = value;
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) headers['set-cookie'] = cookies;
    // Like a real client: a HEAD response has no body, whatever the handler returned.
    const body =
      response.body && wire.method !== 'HEAD'
        ? Readable.fromWeb(response.body as WebReadableStream<Uint8Array>)
        : Readable.from([]);
    if (wire.method === 'HEAD') void response.body?.cancel().catch(() => undefined);
    return { statusCode: response.status, headers, body };
  };
}

/** A socket that is only memory: what the listener writes is captured, nothing is read. */
class MemorySocket extends Duplex {
  readonly remoteAddress = '127.0.0.1';
  readonly remotePort = 0;
  readonly remoteFamily = 'IPv4';
  readonly localAddress = '127.0.0.1';
  readonly localPort = 0;

  constructor(private readonly onBytes: (chunk: Buffer) => void) {
    super();
  }

  override _read(): void {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.onBytes(chunk);
    callback();
  }

  setTimeout(): this {
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
}

/** Splits the captured response head (`HTTP/1.1 200 OK` + headers) into headers, arrays for repeated names. */
function parseHead(head: string): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const existing = headers[name];
    headers[name] =
      existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return headers;
}

/** Decodes a complete `Transfer-Encoding: chunked` body (only used when the listener asked for chunking itself). */
function dechunk(raw: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < raw.length) {
    const eol = raw.indexOf('\r\n', at);
    if (eol < 0) break;
    const size = Number.parseInt(raw.subarray(at, eol).toString('latin1').split(';')[0] ?? '', 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(raw.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/**
 * Drives a Node request listener with an in-memory `IncomingMessage`/`ServerResponse` pair: the
 * listener writes real HTTP/1.1 bytes, which are parsed back (head at once, body as it is written).
 */
export function listenerDispatch(listener: RequestListener): WireDispatch {
  return (wire) =>
    new Promise<WireResponse>((resolve, reject) => {
      let head: Buffer | undefined = Buffer.alloc(0);
      let chunked = false;
      const chunkedParts: Buffer[] = [];
      let state: 'pending' | 'streaming' | 'done' = 'pending';
      const body = new Readable({ read() {} });
      // The transport reads the body with for-await, which sees errors itself; this keeps late ones from being uncaught.
      body.on('error', () => undefined);

      const socket = new MemorySocket((chunk) => {
        if (head === undefined) {
          if (chunked) chunkedParts.push(chunk);
          else body.push(chunk);
          return;
        }
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        const headers = parseHead(head.subarray(0, end).toString('latin1'));
        const rest = head.subarray(end + 4);
        head = undefined;
        chunked = /\bchunked\b/i.test(String(headers['transfer-encoding'] ?? ''));
        if (chunked) chunkedParts.push(rest);
        else if (rest.length > 0) body.push(rest);
        state = 'streaming';
        resolve({ statusCode: res.statusCode, headers, body });
      });

      const fail = (error: Error): void => {
        if (state === 'pending') reject(error);
        else if (state === 'streaming') body.destroy(error);
        state = 'done';
      };
      const onAbort = (): void => {
        fail(abortReason(wire.signal));
        socket.destroy();
      };
      if (wire.signal.aborted) {
        onAbort();
        return;
      }
      wire.signal.addEventListener('abort', onAbort, { once: true });

      const req = new IncomingMessage(socket as unknown as Socket);
      req.method = wire.method;
      req.url = wire.path;
      req.httpVersion = '1.1';
      req.httpVersionMajor = 1;
      req.httpVersionMinor = 1;
      const headers: Record<string, string> = { host: new URL(wire.origin).host, ...wire.headers };
      if (wire.body !== null) headers['content-length'] = String(Buffer.byteLength(wire.body));
      req.headers = headers;
      req.rawHeaders = Object.entries(headers).flat();
      if (wire.body !== null) req.push(Buffer.from(wire.body, 'utf8'));
      req.push(null);
      req.complete = true;

      const res = new ServerResponse(req);
      // Unframed bodies are written as is, so they can be streamed to the transport (and its size cap).
      res.useChunkedEncodingByDefault = false;
      res.assignSocket(socket as unknown as Socket);
      res.on('finish', () => {
        wire.signal.removeEventListener('abort', onAbort);
        if (state === 'pending') {
          fail(codedError('ERR_EMPTY_RESPONSE', 'the listener finished without writing a response'));
          return;
        }
        if (state === 'done') return;
        state = 'done';
        if (chunked) body.push(dechunk(Buffer.concat(chunkedParts)));
        body.push(null);
      });
      socket.on('close', () => {
        if (!res.writableFinished) fail(codedError('ECONNRESET', 'the listener closed the connection'));
      });

      try {
        listener(req, res);
      } catch (error) {
        fail(
          codedError(
            'ECONNRESET',
            `the listener threw: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
        socket.destroy();
      }
    });
}

/** A transport whose requests go to an in-process handler or listener instead of the network. */
export function createInProcessTransport(target: InProcessTarget, options: TransportOptions): HttpTransport {
  const dispatch = 'handler' in target ? fetchDispatch(target.handler) : listenerDispatch(target.listener);
  return new HttpTransport({ ...options, dispatch });
}
