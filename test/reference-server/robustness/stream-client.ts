/**
 * A node:http client that streams a large request body from a generator, the way connectors upload, and
 * reports what it could read: the answer, or the network error that took its place.
 * @module
 */
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
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

export interface FullSendOutcome {
  /** Bytes of the body the socket accepted before it closed or failed. */
  sent: number;
  /** The raw answer bytes read (latin1), empty when none arrived. */
  answer: string;
  error?: string;
}

/**
 * Sends a whole request of `total` declared body bytes over node:net, whatever the server answers in the
 * meantime, and only then reads the answer: the most demanding client for a server that answers early.
 */
export function sendWholeBody(port: number, head: Buffer, total: number): Promise<FullSendOutcome> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const parts: Buffer[] = [];
    let sent = 0;
    let error: string | undefined;
    socket.on('data', (chunk: Buffer) => parts.push(chunk));
    socket.on('error', (err: NodeJS.ErrnoException) => (error ??= err.code ?? err.message));
    socket.on('close', () =>
      resolve({ sent, answer: Buffer.concat(parts).toString('latin1'), ...(error ? { error } : {}) }),
    );
    socket.on('connect', () => {
      void (async () => {
        socket.write(head);
        while (sent < total && !socket.destroyed) {
          const piece = total - sent >= CHUNK.length ? CHUNK : CHUNK.subarray(0, total - sent);
          sent += piece.length;
          if (!socket.write(piece)) await drained(socket);
        }
        if (!socket.destroyed) socket.end();
      })();
    });
  });
}

/** Resolves on 'drain', or when the socket closes instead. */
function drained(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
}

export interface TrickleOutcome {
  answer: string;
  /** ms from connecting to the first answer byte, and to the server closing; undefined if it never did. */
  answeredMs?: number;
  closedMs?: number;
}

/** Sends `head`, then 1 KiB every `gapMs` for ever: a client that never finishes its body. Gives up after `giveUpMs`. */
export function trickle(
  port: number,
  head: Buffer,
  gapMs: number,
  giveUpMs: number,
): Promise<TrickleOutcome> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1');
    const parts: Buffer[] = [];
    let answeredMs: number | undefined;
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    const finish = (closed: boolean): void => {
      if (done) return;
      done = true;
      clearInterval(timer);
      clearTimeout(giveUp);
      socket.destroy();
      resolve({
        answer: Buffer.concat(parts).toString('latin1'),
        ...(answeredMs !== undefined ? { answeredMs } : {}),
        ...(closed ? { closedMs: performance.now() - started } : {}),
      });
    };
    const giveUp = setTimeout(() => finish(false), giveUpMs);
    socket.on('data', (chunk: Buffer) => {
      answeredMs ??= performance.now() - started;
      parts.push(chunk);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => finish(true));
    socket.on('connect', () => {
      socket.write(head);
      timer = setInterval(() => socket.write(CHUNK.subarray(0, 1024)), gapMs);
    });
  });
}
