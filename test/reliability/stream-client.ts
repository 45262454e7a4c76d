/**
 * A node:http client that streams a large request body from a generator, the way connectors upload, and
 * reports what it could read: the answer, or the network error that took its place.
 * @module
 */
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface StreamOutcome {
  status?: number;
  headers?: Record<string, string | string[] | undefined>;
  body?: string;
  /** The network error (EPIPE, ECONNRESET, …) when no complete answer was read. */
  error?: string;
}

/** One shared 64 KiB chunk, sent again and again: the client allocates nothing per byte it sends. */
const CHUNK = Buffer.alloc(64 * 1024, 0x61);

async function* bytes(total: number): AsyncGenerator<Buffer> {
  for (let sent = 0; sent < total; sent += CHUNK.length) {
    yield total - sent >= CHUNK.length ? CHUNK : CHUNK.subarray(0, total - sent);
  }
}

/** POSTs `total` bytes to 127.0.0.1:port, with a Content-Length when `declared`, else chunked. */
export function streamBody(
  port: number,
  path: string,
  options: { total: number; declared: boolean; headers?: Record<string, string> },
): Promise<StreamOutcome> {
  return new Promise((resolve) => {
    const req = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path,
      agent: false,
      headers: {
        'content-type': 'application/scim+json',
        ...options.headers,
        ...(options.declared ? { 'content-length': String(options.total) } : {}),
      },
    });
    req.on('response', (res) => {
      const parts: Buffer[] = [];
      res.on('data', (chunk: Buffer) => parts.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode,
          headers: res.headers,
          body: Buffer.concat(parts).toString('utf8'),
        }),
      );
      res.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
    });
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
    // Once the answer is in, node's client stops sending; the broken pipe that follows is not the outcome.
    pipeline(Readable.from(bytes(options.total)), req).catch(() => undefined);
  });
}
