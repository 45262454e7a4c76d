/**
 * The lingering close of the node:http adapter: an answer sent before the request body was read (413, 408)
 * is followed by reading and discarding the rest of the body, within bounds, before the connection closes.
 * Closing a socket that still holds unread request bytes makes the kernel send a reset, and the reset
 * throws away the answer before the client reads it (RFC 9112 §9.6), so the client would never learn why.
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** How much of a refused request the server keeps reading (and discarding) after it answered. */
export interface LingerBounds {
  /** Longest time spent discarding after the answer went out; 0 closes at once (no lingering). */
  ms: number;
  /** Most bytes discarded after the answer went out; past them the connection is cut. */
  bytes: number;
}

/**
 * 5 s gives a client on a slow link time to read the answer and stop (nginx waits 5 s per read and 30 s in
 * all); 256 MiB, 64 times the rfc flavour's body cap, bounds the CPU a fast sender can make the server spend.
 */
export const DEFAULT_LINGER: LingerBounds = { ms: 5_000, bytes: 256 * 1024 * 1024 };

/** Throws a TypeError naming the option when a bound is not a non-negative integer (a start-up mistake). */
export function checkLingerBounds(
  bounds: Partial<LingerBounds>,
  names = { ms: 'lingerMs', bytes: 'lingerBytes' },
): void {
  for (const key of ['ms', 'bytes'] as const) {
    const value = bounds[key];
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) {
      throw new TypeError(`${names[key]} must be a non-negative integer, got ${String(value)}`);
    }
  }
}

/**
 * Writes an answer with `Connection: close` and ends it only once the request has fully arrived, the
 * client has gone, or a bound is hit; the discarded bytes are counted, never kept.
 */
export function answerThenLinger(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string | Buffer | undefined,
  bounds: LingerBounds,
): void {
  headers.connection = 'close';
  res.writeHead(status, headers);
  if (req.complete || req.readableEnded || req.destroyed || bounds.ms <= 0) {
    res.end(body);
    req.resume();
    return;
  }
  // The answer goes out now; ending the response is what makes node:http close the socket, so it waits.
  if (body !== undefined) res.write(body);
  else res.flushHeaders();
  let discarded = 0;
  let done = false;
  const stop = (cut: boolean): void => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    req.off('data', onData);
    req.off('end', onEnd);
    req.off('close', onEnd);
    req.off('error', onEnd);
    res.end();
    // A client still sending past the bounds is cut off; the reset may cost it the answer, by its own doing.
    if (cut) req.socket.destroy();
  };
  const onData = (chunk: Buffer): void => {
    discarded += chunk.length;
    if (discarded > bounds.bytes) stop(true);
  };
  const onEnd = (): void => stop(false);
  const timer = setTimeout(() => stop(true), bounds.ms);
  timer.unref();
  req.on('data', onData);
  req.once('end', onEnd);
  req.once('close', onEnd);
  req.once('error', onEnd);
  req.resume();
}
