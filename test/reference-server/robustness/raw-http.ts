/**
 * A byte-level HTTP/1.1 client over node:net for the hostile-input tests: it sends exactly the bytes it
 * is given (invalid UTF-8, broken framing, unknown methods), so node:http's own client cannot refuse them.
 * @module
 */
import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The body parsed as JSON, or undefined. */
  json: unknown;
}

export interface RawRequestOptions {
  /** Give up (and report status 0) after this long; default 5 s. */
  timeoutMs?: number;
  /** Send the bytes in these pieces, waiting `gapMs` between them. */
  pieces?: Buffer[];
  gapMs?: number;
  /** Keep the socket open after sending (no half-close), as a slow or stalled client does. */
  keepOpen?: boolean;
}

/** Builds a request with `Connection: close` and a correct Content-Length unless headers say otherwise. */
export function buildRequest(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | Buffer; contentLength?: boolean } = {},
): Buffer {
  const body = options.body === undefined ? Buffer.alloc(0) : Buffer.from(options.body);
  const headers: Record<string, string> = { host: '127.0.0.1', connection: 'close', ...options.headers };
  const lower = new Set(Object.keys(headers).map((h) => h.toLowerCase()));
  if (options.contentLength !== false && !lower.has('content-length') && !lower.has('transfer-encoding')) {
    if (body.length > 0 || ['POST', 'PUT', 'PATCH'].includes(method)) {
      headers['content-length'] = String(body.length);
    }
  }
  const head = [`${method} ${path} HTTP/1.1`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  return Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}

/** Drops interim 1xx answers (100 Continue), which precede the real one. */
function skipInterim(raw: Buffer): Buffer {
  let rest = raw;
  while (/^HTTP\/1\.[01] 1\d\d/.test(rest.toString('latin1', 0, 12))) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) return rest;
    rest = rest.subarray(end + 4);
  }
  return rest;
}

function parseResponse(all: Buffer): RawResponse {
  const raw = skipInterim(all);
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) return { status: 0, headers: {}, body: raw.toString('latin1'), json: undefined };
  const head = raw.subarray(0, split).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? '')?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of head.slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  let bodyBytes = raw.subarray(split + 4);
  const length = Number(headers['content-length']);
  if (Number.isFinite(length)) bodyBytes = bodyBytes.subarray(0, length);
  const body = bodyBytes.toString('utf8');
  let json: unknown;
  try {
    json = body === '' ? undefined : JSON.parse(body);
  } catch {
    json = undefined;
  }
  return { status, headers, body, json };
}

/** True once `raw` holds a complete response (headers plus Content-Length bytes). */
function complete(all: Buffer): boolean {
  const raw = skipInterim(all);
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) return false;
  const match = /\r\ncontent-length:\s*(\d+)/i.exec(raw.subarray(0, split).toString('latin1'));
  if (!match) return /^HTTP\/1\.[01] (204|304)/.test(raw.toString('latin1', 0, 16));
  return raw.length >= split + 4 + Number(match[1]);
}

/** Sends raw bytes to 127.0.0.1:port and resolves with the first response (status 0 = none). */
export function rawRequest(
  port: number,
  request: Buffer,
  options: RawRequestOptions = {},
): Promise<RawResponse> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parseResponse(Buffer.concat(chunks)));
    };
    const timer = setTimeout(finish, options.timeoutMs ?? 5_000);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (complete(Buffer.concat(chunks))) finish();
    });
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', finish);
    socket.on('connect', () => {
      void (async () => {
        const pieces = options.pieces ?? [request];
        for (const [i, piece] of pieces.entries()) {
          if (done || socket.destroyed) return;
          if (i > 0 && options.gapMs) await new Promise((r) => setTimeout(r, options.gapMs));
          socket.write(piece);
        }
        if (!options.keepOpen && !done && !socket.destroyed) socket.end();
      })();
    });
  });
}
